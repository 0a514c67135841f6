package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const userColumns = `id, organisation_id, unit_id, email, name, role, password_hash, active,
	created_at, updated_at, version`

// CreateUser inserts u and returns its id; an e-mail address already in use is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u domain.User) (int64, error) {
	return insertID(ctx, s.db, "create user", `
		INSERT INTO users (organisation_id, unit_id, email, name, role, password_hash, active)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.OrganisationID, u.UnitID, u.Email, u.Name, u.Role, u.PasswordHash, u.Active)
}

// GetUserByEmail returns the user with the (lower-case) e-mail address.
func (s *Store) GetUserByEmail(ctx context.Context, email string) (domain.User, error) {
	return getOne[domain.User](ctx, s.db, "get user by email", `SELECT `+userColumns+` FROM users WHERE email = $1`, email)
}

// GetUser returns the user with id.
func (s *Store) GetUser(ctx context.Context, id int64) (domain.User, error) {
	return getOne[domain.User](ctx, s.db, "get user", `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
}
