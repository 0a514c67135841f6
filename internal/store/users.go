package store

import (
	"context"
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
)

const userColumns = `id, organisation_id, unit_id, email, name, role, password_hash, active,
	created_at, updated_at, version, last_login_at, must_change_password`

// CreateUser inserts u and returns its id; an e-mail address already in use is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u domain.User) (int64, error) {
	return insertID(ctx, s.db, "create user", `
		INSERT INTO users (organisation_id, unit_id, email, name, role, password_hash, active, must_change_password)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		u.OrganisationID, u.UnitID, u.Email, u.Name, u.Role, u.PasswordHash, u.Active, u.MustChangePassword)
}

// GetUserByEmail returns the user with the (lower-case) e-mail address.
func (s *Store) GetUserByEmail(ctx context.Context, email string) (domain.User, error) {
	return getOne[domain.User](ctx, s.db, "get user by email", `SELECT `+userColumns+` FROM users WHERE email = $1`, email)
}

// GetUser returns the user with id.
func (s *Store) GetUser(ctx context.Context, id int64) (domain.User, error) {
	return getOne[domain.User](ctx, s.db, "get user", `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
}

// RecordLogin notes a successful sign-in, and replaces the password hash when it was upgraded
// (newHash "" keeps it).
func (s *Store) RecordLogin(ctx context.Context, userID int64, newHash string) error {
	_, err := s.db.Exec(ctx, `UPDATE users SET last_login_at = now(),
		password_hash = CASE WHEN $2 = '' THEN password_hash ELSE $2 END WHERE id = $1`, userID, newHash)
	return wrap("record login", err)
}

// SetPassword replaces the user's password hash with one an administrator set, which the user
// must change at the next sign-in (SetOwnPassword is the user's own choice).
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	_, err := s.db.Exec(ctx, `UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now(),
		must_change_password = true, version = version + 1 WHERE id = $1`, userID, hash)
	return wrap("set password", err)
}

// ListUsersByOrganisation returns the organisation's users with their units' names, by name.
func (s *Store) ListUsersByOrganisation(ctx context.Context, orgID int64) ([]domain.UserRow, error) {
	return list[domain.UserRow](ctx, s.db, "list users by organisation", `
		SELECT u.id, u.organisation_id, u.unit_id, u.email, u.name, u.role, u.active,
		       u.created_at, u.updated_at, u.version, u.last_login_at, COALESCE(n.name, '') AS unit_name
		FROM users u LEFT JOIN units n ON n.id = u.unit_id
		WHERE u.organisation_id = $1 ORDER BY u.active DESC, lower(u.name), u.id`, orgID)
}

// UpdateUser saves u's name, role and unit if its version is still u.Version, and returns the
// new version; a stale version is ErrConflict.
func (s *Store) UpdateUser(ctx context.Context, u domain.User) (int32, error) {
	var v int32
	var orgID int64
	err := s.db.QueryRow(ctx, `UPDATE users SET name = $3, role = $4, unit_id = $5, updated_at = now(),
		version = version + 1 WHERE id = $1 AND version = $2 RETURNING version, organisation_id`,
		u.ID, u.Version, u.Name, u.Role, u.UnitID).Scan(&v, &orgID)
	if err != nil {
		return 0, conflictOr("update user", err)
	}
	return v, s.MarkChanged(ctx, orgID) // the name shows in the organisation's history
}

// SetUserActive activates or deactivates the user.
func (s *Store) SetUserActive(ctx context.Context, userID int64, active bool) error {
	tag, err := s.db.Exec(ctx, `UPDATE users SET active = $2, updated_at = now(), version = version + 1
		WHERE id = $1`, userID, active)
	if err != nil {
		return wrap("set user active", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("set user active: %w", ErrNotFound)
	}
	return nil
}
