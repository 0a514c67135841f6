package store

import (
	"context"
	"fmt"
	"time"
)

// Expiry says how long each kind of expiring row lives.
type Expiry struct {
	SessionIdle   time.Duration // a session unused this long is over (SESSION_IDLE_TIMEOUT)
	SessionMaxAge time.Duration // a session this old is over, used or not (SESSION_MAX_AGE)
}

// throttleRetention is how long a sign-in failure is kept: far longer than the hour after which
// the throttle forgets a key (auth.ThrottleForget in auth/policy.go), so deleting it changes no
// decision.
const throttleRetention = 24 * time.Hour

// Deleted counts the rows DeleteExpired removed.
type Deleted struct {
	Sessions, Throttles, Previews int64
}

// Any reports whether anything was deleted.
func (d Deleted) Any() bool { return d.Sessions+d.Throttles+d.Previews > 0 }

// DeleteExpired removes the rows nobody can use any more: sessions past their idle or maximum
// age, sign-in failures older than a day, and uploaded
// spreadsheets past their preview lifetime. Each is a plain DELETE of rows that stay expired,
// so several instances may run it at the same time. The time is the database's.
func (s *Store) DeleteExpired(ctx context.Context, e Expiry) (Deleted, error) {
	var d Deleted
	steps := []struct {
		n    *int64
		sql  string
		args []any
	}{
		{&d.Sessions, `DELETE FROM sessions WHERE last_seen_at < now() - $1::interval OR created_at < now() - $2::interval`,
			[]any{e.SessionIdle, e.SessionMaxAge}},
		{&d.Throttles, `DELETE FROM login_throttle WHERE last_failure < now() - $1::interval`, []any{throttleRetention}},
		{&d.Previews, `DELETE FROM import_previews WHERE created_at < now() - $1::interval`, []any{previewLifetime}},
	}
	for _, st := range steps {
		tag, err := s.db.Exec(ctx, st.sql, st.args...)
		if err != nil {
			return d, fmt.Errorf("delete expired: %w", err)
		}
		*st.n = tag.RowsAffected()
	}
	return d, nil
}
