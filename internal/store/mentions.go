package store

import (
	"context"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// Who can be mentioned in a comment ("@Navn", domain.ParseMentions), and the comments that may
// mention someone. Mentions are found in the comment's text when needed; nothing else is stored.

// ListOrgMailRecipients returns the organisation's active users (any role, with or without a
// unit: UnitID 0) with their frequency for kind (builtin where neither they nor the
// organisation chose one), by id. One query.
func (s *Store) ListOrgMailRecipients(ctx context.Context, orgID int64, kind, builtin string) ([]MailRecipient, error) {
	return list[MailRecipient](ctx, s.db, "list organisation mail recipients", `
		SELECT u.id, u.organisation_id, COALESCE(u.unit_id, 0) AS unit_id, u.email, u.name,
		       COALESCE(p.frequency, d.frequency, $3) AS frequency
		FROM users u
		LEFT JOIN mail_preferences p ON p.user_id = u.id AND p.kind = $2
		LEFT JOIN mail_defaults d ON d.organisation_id = u.organisation_id AND d.kind = $2
		WHERE u.active AND u.organisation_id = $1 ORDER BY u.id`, orgID, kind, builtin)
}

// ListMentionables returns the people a comment in the organisation can mention: its active
// users.
func (s *Store) ListMentionables(ctx context.Context, orgID int64) ([]domain.Mentionable, error) {
	people, err := s.ListOrgMailRecipients(ctx, orgID, domain.MailMention, domain.FrequencyNow)
	return Mentionables(people), err
}

// Mentionables turns mail recipients into the people domain.ParseMentions looks for.
func Mentionables(people []MailRecipient) []domain.Mentionable {
	out := make([]domain.Mentionable, len(people))
	for i, p := range people {
		out[i] = domain.Mentionable{ID: p.ID, Name: p.Name, Email: p.Email}
	}
	return out
}

// ListMentionComments returns the history rows of the comments written from since until
// before whose text has an "@" (the text is Changes["Kommentar"].New), in every organisation,
// oldest first. One query.
func (s *Store) ListMentionComments(ctx context.Context, since, before time.Time) ([]domain.AuditEntry, error) {
	return list[domain.AuditEntry](ctx, s.db, "list mention comments", `
		SELECT a.id, a.organisation_id, a.actor_id, COALESCE(u.name, 'Sporbar') AS actor_name, a.at, a.action,
		       a.entity, a.entity_id, a.unit_id, a.title, a.changes
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.action = 'comment' AND a.at >= $1 AND a.at < $2
		  AND a.entity IN ('agreement', 'initiative', 'action_plan')
		  AND a.changes->'Kommentar'->>'new' LIKE '%@%'
		ORDER BY a.at, a.id`, since, before)
}
