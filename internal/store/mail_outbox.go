package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/domain"
)

// The outbox: every e-mail Sporbar sends (migrations/00016_mail.sql). internal/notify queues a
// row and a River job in one transaction; the job's worker sends the row and records how it went.

const outboxColumns = `id, organisation_id, user_id, recipient, recipient_name, kind, dedupe_key, subject,
	body_text, body_html, unsubscribe_url, secret, state, attempts, last_error, created_at, sent_at`

// QueueMail inserts m unless a mail with its dedupe key exists, and returns the new row's id and
// true, or 0 and false when the key was already queued (by this or another instance).
func (s *Store) QueueMail(ctx context.Context, m domain.OutboxMail) (int64, bool, error) {
	var id int64
	err := s.db.QueryRow(ctx, `INSERT INTO mail_outbox (organisation_id, user_id, recipient, recipient_name, kind,
			dedupe_key, subject, body_text, body_html, unsubscribe_url, secret)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
		m.OrganisationID, m.UserID, m.Recipient, m.RecipientName, m.Kind, m.DedupeKey, m.Subject,
		m.BodyText, m.BodyHTML, m.UnsubscribeURL, m.Secret).Scan(&id)
	if err == pgx.ErrNoRows {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("queue mail: %w", err)
	}
	return id, true, nil
}

// GetMail returns the outbox row id.
func (s *Store) GetMail(ctx context.Context, id int64) (domain.OutboxMail, error) {
	return getOne[domain.OutboxMail](ctx, s.db, "get mail", `SELECT `+outboxColumns+` FROM mail_outbox WHERE id = $1`, id)
}

// MarkMailSent records that the mail went out (emptying a secret mail's bodies).
func (s *Store) MarkMailSent(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, `UPDATE mail_outbox SET state = 'sent', sent_at = now(), attempts = attempts + 1,
		last_error = '', body_text = CASE WHEN secret THEN '' ELSE body_text END,
		body_html = CASE WHEN secret THEN '' ELSE body_html END WHERE id = $1`, id)
	return wrap("mark mail sent", err)
}

// MarkMailFailed records a failed attempt and why; final marks the mail failed for good (and
// empties a secret mail's bodies), otherwise it stays queued for the next attempt.
func (s *Store) MarkMailFailed(ctx context.Context, id int64, reason string, final bool) error {
	_, err := s.db.Exec(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
		state = CASE WHEN $3 THEN 'failed' ELSE state END,
		body_text = CASE WHEN $3 AND secret THEN '' ELSE body_text END,
		body_html = CASE WHEN $3 AND secret THEN '' ELSE body_html END WHERE id = $1 AND state <> 'sent'`,
		id, reason, final)
	return wrap("mark mail failed", err)
}

// ListMails returns the newest limit mails of the organisation (all organisations' when orgID
// is 0), newest first, without their bodies.
func (s *Store) ListMails(ctx context.Context, orgID int64, limit int) ([]domain.OutboxMail, error) {
	return list[domain.OutboxMail](ctx, s.db, "list mails", `SELECT id, organisation_id, user_id, recipient,
		recipient_name, kind, dedupe_key, subject, '' AS body_text, '' AS body_html, unsubscribe_url, secret, state,
		attempts, last_error, created_at, sent_at
		FROM mail_outbox WHERE $1 = 0 OR organisation_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, orgID, limit)
}

// Tx returns the transaction the Store is bound to, and false outside InTx (so that a job
// queue can insert its jobs in the same transaction as the rows they are about).
func (s *Store) Tx() (pgx.Tx, bool) {
	tx, ok := s.db.(pgx.Tx)
	return tx, ok
}
