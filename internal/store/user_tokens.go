package store

import (
	"context"
	"time"
)

// One-time links of invitations and password resets (migrations/00016_mail.sql, auth/tokens.go)
// and the passwords they set.

// CreateUserToken stores the hash of a one-time token for the user's purpose
// ("invitation" or "password_reset"), valid until expires. Earlier unused tokens of the same
// purpose stop working.
func (s *Store) CreateUserToken(ctx context.Context, hash []byte, userID int64, purpose string, expires time.Time) error {
	if _, err := s.db.Exec(ctx, `UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2
		AND used_at IS NULL`, userID, purpose); err != nil {
		return wrap("create user token", err)
	}
	_, err := s.db.Exec(ctx, `INSERT INTO user_tokens (hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)`,
		hash, userID, purpose, expires)
	return wrap("create user token", err)
}

// UserToken returns the id of the active user whose unused, unexpired token of purpose hashes
// to hash; ErrNotFound otherwise. With use, the token is used up in the same statement.
func (s *Store) UserToken(ctx context.Context, hash []byte, purpose string, now time.Time, use bool) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `WITH t AS (SELECT t.hash, t.user_id FROM user_tokens t JOIN users u ON u.id = t.user_id
			WHERE t.hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > $3 AND u.active
			FOR UPDATE OF t),
		used AS (UPDATE user_tokens SET used_at = $3 WHERE $4 AND hash IN (SELECT hash FROM t))
		SELECT user_id FROM t`, hash, purpose, now, use).Scan(&id)
	return id, notFoundOr("user token", err)
}

// SetOwnPassword replaces the user's password hash with one they chose, lifting the demand to
// change it.
func (s *Store) SetOwnPassword(ctx context.Context, userID int64, hash string) error {
	_, err := s.db.Exec(ctx, `UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now(),
		must_change_password = false, version = version + 1 WHERE id = $1`, userID, hash)
	return wrap("set own password", err)
}

// SetMustChangePassword marks that the user must choose a new password at the next sign-in.
func (s *Store) SetMustChangePassword(ctx context.Context, userID int64, must bool) error {
	_, err := s.db.Exec(ctx, `UPDATE users SET must_change_password = $2 WHERE id = $1`, userID, must)
	return wrap("set must change password", err)
}
