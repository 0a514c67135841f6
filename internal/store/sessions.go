package store

import (
	"context"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// SessionRow is a stored session with the user it belongs to (if anyone has signed in).
type SessionRow struct {
	IDHash     []byte
	Data       map[string]string
	CreatedAt  time.Time
	LastSeenAt time.Time
	User       *domain.User
}

// GetSession returns the session whose id hashes to idHash, with its user; one query.
func (s *Store) GetSession(ctx context.Context, idHash []byte) (SessionRow, error) {
	var row SessionRow
	var u struct {
		ID             *int64
		OrganisationID *int64
		UnitID         *int64
		Email, Name    *string
		Role           *string
		Active         *bool
		Version        *int32
		MustChange     *bool
	}
	err := s.db.QueryRow(ctx, `
		SELECT s.id_hash, s.data, s.created_at, s.last_seen_at,
		       u.id, u.organisation_id, u.unit_id, u.email, u.name, u.role, u.active, u.version,
		       u.must_change_password
		FROM sessions s LEFT JOIN users u ON u.id = s.user_id
		WHERE s.id_hash = $1`, idHash).Scan(&row.IDHash, &row.Data, &row.CreatedAt, &row.LastSeenAt,
		&u.ID, &u.OrganisationID, &u.UnitID, &u.Email, &u.Name, &u.Role, &u.Active, &u.Version, &u.MustChange)
	if err != nil {
		return row, notFoundOr("get session", err)
	}
	if u.ID != nil {
		row.User = &domain.User{ID: *u.ID, OrganisationID: *u.OrganisationID, UnitID: u.UnitID, Email: *u.Email,
			Name: *u.Name, Role: *u.Role, Active: *u.Active, Version: *u.Version, MustChangePassword: *u.MustChange}
	}
	return row, nil
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, idHash []byte, userID *int64, data map[string]string, address, userAgent string) error {
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (id_hash, user_id, data, address, user_agent)
		VALUES ($1, $2, $3, $4, $5)`, idHash, userID, data, address, userAgent)
	return wrap("create session", err)
}

// UpdateSession replaces a session's user and data and marks it seen now.
func (s *Store) UpdateSession(ctx context.Context, idHash []byte, userID *int64, data map[string]string) error {
	_, err := s.db.Exec(ctx, `UPDATE sessions SET user_id = $2, data = $3, last_seen_at = now() WHERE id_hash = $1`,
		idHash, userID, data)
	return wrap("update session", err)
}

// TouchSession marks a session seen now.
func (s *Store) TouchSession(ctx context.Context, idHash []byte) error {
	_, err := s.db.Exec(ctx, `UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1`, idHash)
	return wrap("touch session", err)
}

// DeleteSession removes one session.
func (s *Store) DeleteSession(ctx context.Context, idHash []byte) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE id_hash = $1`, idHash)
	return wrap("delete session", err)
}

// DeleteUserSessions ends every session of the user except the one whose id hashes to keep
// (nil keeps none).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, keep []byte) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR id_hash <> $2)`,
		userID, keep)
	return wrap("delete user sessions", err)
}

// DeleteAllSessions ends every session (after a restore from backup, whose sessions and
// cookies must not come back) and reports how many there were.
func (s *Store) DeleteAllSessions(ctx context.Context) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM sessions`)
	if err != nil {
		return 0, wrap("delete all sessions", err)
	}
	return tag.RowsAffected(), nil
}
