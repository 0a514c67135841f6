package store

import (
	"context"
	"time"
)

// Throttle is the failed sign-in record of one key (an account or a client address).
type Throttle struct {
	Key         string
	Failures    int32
	LastFailure time.Time
	LockedUntil *time.Time
}

// GetThrottles returns the records of the keys that have one.
func (s *Store) GetThrottles(ctx context.Context, keys []string) ([]Throttle, error) {
	return list[Throttle](ctx, s.db, "get throttles",
		`SELECT key, failures, last_failure, locked_until FROM login_throttle WHERE key = ANY($1)`, keys)
}

// RecordLoginFailure counts a failed sign-in for each key, locking a key until lockUntil when
// its failures reach lockAfter. Failures older than forgetAfter start the count again.
func (s *Store) RecordLoginFailure(ctx context.Context, keys []string, lockAfter int, lockFor, forgetAfter time.Duration) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO login_throttle AS t (key, failures, last_failure)
		SELECT k, 1, now() FROM unnest($1::text[]) AS k
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN t.last_failure < now() - ($4 * interval '1 second') THEN 1 ELSE t.failures + 1 END,
			last_failure = now(),
			locked_until = CASE WHEN t.last_failure >= now() - ($4 * interval '1 second') AND t.failures + 1 >= $2
			                    THEN now() + ($3 * interval '1 second') ELSE t.locked_until END`,
		keys, lockAfter, int64(lockFor.Seconds()), int64(forgetAfter.Seconds()))
	return wrap("record login failure", err)
}

// ClearThrottle forgets the failures of the keys.
func (s *Store) ClearThrottle(ctx context.Context, keys []string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM login_throttle WHERE key = ANY($1)`, keys)
	return wrap("clear throttle", err)
}
