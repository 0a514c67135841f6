package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// SetCalendarFeed gives the user a calendar feed whose secret has hash, replacing the one they
// had (whose address stops working at once). One query.
func (s *Store) SetCalendarFeed(ctx context.Context, userID int64, hash []byte) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
		ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now(), last_used_at = NULL`,
		userID, hash)
	return wrap("set calendar feed", err)
}

// DeleteCalendarFeed ends the user's calendar feed (none is no error).
func (s *Store) DeleteCalendarFeed(ctx context.Context, userID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM calendar_feeds WHERE user_id = $1`, userID)
	return wrap("delete calendar feed", err)
}

// GetCalendarFeed returns the user's calendar feed; none is ErrNotFound.
func (s *Store) GetCalendarFeed(ctx context.Context, userID int64) (domain.CalendarFeed, error) {
	return getOne[domain.CalendarFeed](ctx, s.db, "get calendar feed",
		`SELECT user_id, created_at, last_used_at FROM calendar_feeds WHERE user_id = $1`, userID)
}

// UseCalendarFeed returns the active user whose feed secret has hash and notes the feed as read
// (at most once a minute). An unknown secret, or a deactivated user, is ErrNotFound. One query.
func (s *Store) UseCalendarFeed(ctx context.Context, hash []byte) (domain.User, error) {
	return getOne[domain.User](ctx, s.db, "use calendar feed", `
		WITH f AS (SELECT * FROM calendar_feeds WHERE token_hash = $1),
		     used AS (UPDATE calendar_feeds c SET last_used_at = now() FROM f
		              WHERE c.user_id = f.user_id
		                AND (f.last_used_at IS NULL OR f.last_used_at < now() - interval '1 minute'))
		SELECT u.id, u.organisation_id, u.unit_id, u.email, u.name, u.role, u.active
		FROM f JOIN users u ON u.id = f.user_id WHERE u.active`, hash)
}
