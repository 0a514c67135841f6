package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestDeleteExpired fills the expiring tables with rows on both sides of their limits and runs
// the cleanup three times at once, as three instances may: the expired rows are gone, the live
// ones stay, and together the runs delete each row once.
func TestDeleteExpired(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	st := store.New(pool)
	ctx := context.Background()
	org := idOf(t, pool, `INSERT INTO organisations (slug, name, kind) VALUES ('oprydning', 'Oprydning', 'kommune') RETURNING id`)
	user := idOf(t, pool, `INSERT INTO users (organisation_id, email, name, role, password_hash)
		VALUES ($1, 'o@example.test', 'O', 'laeser', 'x') RETURNING id`, org)
	for _, sql := range []string{
		// live, idle too long, too old
		`INSERT INTO sessions (id_hash, last_seen_at, created_at) VALUES ('\x01', now(), now()),
			('\x02', now() - interval '31 minutes', now() - interval '1 hour'), ('\x03', now(), now() - interval '11 hours')`,
		`INSERT INTO login_throttle (key, failures, last_failure) VALUES
			('email:live', 3, now()),
			('email:old', 3, now() - interval '25 hours'),
			('addr:old', 9, now() - interval '25 hours')`,
	} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, `INSERT INTO import_previews (token_hash, organisation_id, user_id, kind, data, created_at)
		VALUES ('\x01', $1, $2, 'status', '', now()), ('\x02', $1, $2, 'status', '', now() - interval '2 hours')`, org, user); err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		total store.Deleted
		wg    sync.WaitGroup
	)
	for range 3 {
		wg.Go(func() {
			d, err := st.DeleteExpired(ctx, store.Expiry{SessionIdle: 30 * time.Minute, SessionMaxAge: 10 * time.Hour})
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total.Sessions, total.Throttles, total.Previews = total.Sessions+d.Sessions, total.Throttles+d.Throttles, total.Previews+d.Previews
			mu.Unlock()
		})
	}
	wg.Wait()
	if want := (store.Deleted{Sessions: 2, Throttles: 2, Previews: 1}); total != want {
		t.Errorf("deleted %+v, want %+v", total, want)
	}
	for table, want := range map[string]int64{"sessions": 1, "login_throttle": 1, "import_previews": 1} {
		if got := idOf(t, pool, `SELECT count(*) FROM `+table); got != want {
			t.Errorf("%s: %d rows left, want %d", table, got, want)
		}
	}
}
