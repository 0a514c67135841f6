package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/domain"
)

// CreateSignInRequest remembers a sign-in under way.
func (s *Store) CreateSignInRequest(ctx context.Context, r domain.SignInRequest) error {
	_, err := s.db.Exec(ctx, `
		WITH gone AS (DELETE FROM sign_in_requests WHERE expires_at < now())
		INSERT INTO sign_in_requests (state_hash, method_id, request_id, nonce, pkce_verifier, browser_hash, next, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		r.StateHash, r.MethodID, r.RequestID, r.Nonce, r.PKCEVerifier, r.BrowserHash, r.Next, r.ExpiresAt)
	return wrap("create sign-in request", err)
}

// TakeSignInRequest removes and returns the method's unexpired sign-in request with the state
// hash: each request is used once. An unknown, used or expired one is ErrNotFound.
func (s *Store) TakeSignInRequest(ctx context.Context, methodID int64, stateHash []byte) (domain.SignInRequest, error) {
	return getOne[domain.SignInRequest](ctx, s.db, "take sign-in request", `
		DELETE FROM sign_in_requests WHERE method_id = $1 AND state_hash = $2 AND expires_at > now()
		RETURNING state_hash, method_id, request_id, nonce, pkce_verifier, browser_hash, next, expires_at`,
		methodID, stateHash)
}

// RememberAssertion records that the method's assertion id was used; one already used (and not
// yet expired) is ErrConflict: a replay.
func (s *Store) RememberAssertion(ctx context.Context, methodID int64, assertionID string, expires time.Time) error {
	tag, err := s.db.Exec(ctx, `
		WITH gone AS (DELETE FROM sign_in_assertions WHERE expires_at < now() - interval '1 day')
		INSERT INTO sign_in_assertions (method_id, assertion_id, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, methodID, assertionID, expires)
	if err != nil {
		return wrap("remember assertion", err)
	}
	if tag.RowsAffected() == 0 {
		return wrap("remember assertion", ErrConflict)
	}
	return nil
}

// GetIdentityUser returns the identity of subject at the method, and its user.
func (s *Store) GetIdentityUser(ctx context.Context, methodID int64, subject string) (domain.Identity, domain.User, error) {
	var id domain.Identity
	row := s.db.QueryRow(ctx, `SELECT id, user_id, method_id, subject, access_lost_at FROM user_identities
		WHERE method_id = $1 AND subject = $2`, methodID, subject)
	if err := row.Scan(&id.ID, &id.UserID, &id.MethodID, &id.Subject, &id.AccessLostAt); err != nil {
		return id, domain.User{}, notFoundOr("get identity", err)
	}
	u, err := s.GetUser(ctx, id.UserID)
	return id, u, err
}

// CreateIdentity links the user to subject at the method.
func (s *Store) CreateIdentity(ctx context.Context, userID, methodID int64, subject string) error {
	_, err := s.db.Exec(ctx, `INSERT INTO user_identities (user_id, method_id, subject, last_login_at)
		VALUES ($1, $2, $3, now())`, userID, methodID, subject)
	return wrap("create identity", err)
}

// IdentitySignedIn notes a sign-in through the identity, which has access again.
func (s *Store) IdentitySignedIn(ctx context.Context, identityID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE user_identities SET last_login_at = now(), access_lost_at = NULL WHERE id = $1`, identityID)
	return wrap("identity signed in", err)
}

// IdentityLostAccess notes that the IdP no longer gives the identity a role (the first time only).
func (s *Store) IdentityLostAccess(ctx context.Context, identityID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE user_identities SET access_lost_at = COALESCE(access_lost_at, now()) WHERE id = $1`, identityID)
	return wrap("identity lost access", err)
}

// ListLostAccess returns the organisation's accounts whose IdP no longer gives them a role,
// most recent first.
func (s *Store) ListLostAccess(ctx context.Context, orgID int64) ([]domain.LostAccess, error) {
	return list[domain.LostAccess](ctx, s.db, "list lost access", `
		SELECT u.id AS user_id, u.name, u.email, u.active, m.display_name AS method_name, i.access_lost_at
		FROM user_identities i JOIN users u ON u.id = i.user_id JOIN sign_in_methods m ON m.id = i.method_id
		WHERE u.organisation_id = $1 AND i.access_lost_at IS NOT NULL
		ORDER BY i.access_lost_at DESC, u.id`, orgID)
}

// UpdateUserFromDirectory sets the user's name, role, unit and active flag as the identity
// provider gives them (a change of version like an admin's edit). It reports whether anything changed.
func (s *Store) UpdateUserFromDirectory(ctx context.Context, u domain.User) (bool, error) {
	var id int64
	err := s.db.QueryRow(ctx, `UPDATE users SET name = $2, role = $3, unit_id = $4, active = $5, updated_at = now(),
		version = version + 1 WHERE id = $1 AND (name, role, unit_id, active) IS DISTINCT FROM ($2, $3, $4, $5)
		RETURNING id`, u.ID, u.Name, u.Role, u.UnitID, u.Active).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, wrap("update user from directory", err)
	}
	return true, nil
}

// GetSignInRequest returns the method's unexpired sign-in request with the state hash without
// using it up (SAML: each assertion is used once instead, see RememberAssertion).
func (s *Store) GetSignInRequest(ctx context.Context, methodID int64, stateHash []byte) (domain.SignInRequest, error) {
	return getOne[domain.SignInRequest](ctx, s.db, "get sign-in request", `
		SELECT state_hash, method_id, request_id, nonce, pkce_verifier, browser_hash, next, expires_at
		FROM sign_in_requests WHERE method_id = $1 AND state_hash = $2 AND expires_at > now()`, methodID, stateHash)
}

// HasIdentity reports whether the user already has an identity at the method.
func (s *Store) HasIdentity(ctx context.Context, userID, methodID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM user_identities WHERE user_id = $1 AND method_id = $2)`,
		userID, methodID).Scan(&ok)
	return ok, wrap("has identity", err)
}
