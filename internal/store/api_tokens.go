package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// apiTokenColumns are the columns of an API token as domain.APIToken, with its creator's name.
const apiTokenColumns = `t.id, t.organisation_id, t.name, t.created_by, COALESCE(u.name, '') AS creator_name,
	t.created_at, t.last_used_at, t.revoked_at`

// CreateAPIToken stores a new API token of the organisation (only the hash of its secret) made
// by actorID, with its audit row ("create", entity api_token), and returns its id. One transaction.
func (s *Store) CreateAPIToken(ctx context.Context, orgID, actorID int64, name string, hash []byte) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		id, err = insertID(ctx, tx.db, "create api token", `
			INSERT INTO api_tokens (organisation_id, name, token_hash, created_by)
			VALUES ($1, $2, $3, $4) RETURNING id`, orgID, name, hash, actorID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, domain.AuditEntry{OrganisationID: orgID, ActorID: &actorID, Action: domain.AuditCreate,
			Entity: domain.EntityAPIToken, EntityID: id, Title: name,
			Changes: map[string]domain.Change{"name": {New: name}}})
	})
	return id, err
}

// RevokeAPIToken revokes the organisation's token id for good, with its audit row ("archive",
// entity api_token). A token of another organisation, or none, is ErrNotFound; revoking a
// revoked token changes nothing and writes no row. One transaction.
func (s *Store) RevokeAPIToken(ctx context.Context, orgID, actorID, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		var name string
		var wasRevoked bool
		err := tx.db.QueryRow(ctx, `SELECT name, revoked_at IS NOT NULL FROM api_tokens
			WHERE id = $1 AND organisation_id = $2 FOR UPDATE`, id, orgID).Scan(&name, &wasRevoked)
		if err != nil {
			return notFoundOr("revoke api token", err)
		}
		if wasRevoked {
			return nil
		}
		if _, err := tx.db.Exec(ctx, `UPDATE api_tokens SET revoked_at = now(), revoked_by = $2 WHERE id = $1`,
			id, actorID); err != nil {
			return wrap("revoke api token", err)
		}
		return tx.Audit(ctx, domain.AuditEntry{OrganisationID: orgID, ActorID: &actorID, Action: domain.AuditArchive,
			Entity: domain.EntityAPIToken, EntityID: id, Title: name,
			Changes: map[string]domain.Change{"revoked": {Old: "", New: "ja"}}})
	})
}

// ListAPITokens returns the organisation's tokens, active ones first, newest first.
func (s *Store) ListAPITokens(ctx context.Context, orgID int64) ([]domain.APIToken, error) {
	return list[domain.APIToken](ctx, s.db, "list api tokens", `SELECT `+apiTokenColumns+`
		FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
		WHERE t.organisation_id = $1
		ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC`, orgID)
}

// UseAPIToken returns the token whose secret has hash (revoked or not: the caller asks
// auth.TokenCan) and notes it as used now, at most once a minute so that a BI tool's paging
// does not write a row per page. No such token is ErrNotFound. One query.
func (s *Store) UseAPIToken(ctx context.Context, hash []byte) (domain.APIToken, error) {
	return getOne[domain.APIToken](ctx, s.db, "use api token", `
		WITH t AS (SELECT * FROM api_tokens WHERE token_hash = $1),
		     used AS (UPDATE api_tokens a SET last_used_at = now() FROM t
		              WHERE a.id = t.id AND t.revoked_at IS NULL
		                AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'))
		SELECT `+apiTokenColumns+` FROM t LEFT JOIN users u ON u.id = t.created_by`, hash)
}
