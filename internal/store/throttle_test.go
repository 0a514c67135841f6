package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestAttemptSignInCountsEveryParallelAttempt sends 40 attempts on the same keys at once: each
// is counted, and exactly the free ones get through, because the one statement decides under
// the row's lock. The account everywhere counts only those the gate let through.
func TestAttemptSignInCountsEveryParallelAttempt(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	st := store.New(pool)
	gate := []store.ThrottleRule{{Key: "addr:192.0.2.1", Free: 100, MaxDelay: time.Minute},
		{Key: "acct:a@b.dk addr:192.0.2.1", Account: "a@b.dk", Free: 3, MaxDelay: time.Minute}}
	then := []store.ThrottleRule{{Key: "acct:a@b.dk", Account: "a@b.dk", Free: 50, MaxDelay: time.Minute}}
	const n = 40
	var mu sync.Mutex
	var wg sync.WaitGroup
	allowed := 0
	for range n {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			results, err := st.AttemptSignIn(ctx, gate, then, time.Hour)
			if err != nil {
				t.Error(err)
				return
			}
			ok := len(results) == 3
			for _, r := range results {
				ok = ok && r.Allowed
			}
			mu.Lock()
			defer mu.Unlock()
			if ok {
				allowed++
			}
		})
	}
	wg.Wait()
	if allowed != 3 {
		t.Errorf("%d of %d parallel attempts got through, want 3", allowed, n)
	}
	tests := []struct {
		key  string
		want int
	}{{"addr:192.0.2.1", n}, {"acct:a@b.dk addr:192.0.2.1", n}, {"acct:a@b.dk", 3}}
	for _, tt := range tests {
		var got int
		if err := pool.QueryRow(context.Background(), `SELECT failures FROM login_throttle WHERE key = $1`, tt.key).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%s counted %d attempts, want %d", tt.key, got, tt.want)
		}
	}
	state, err := st.GetAccountThrottle(context.Background(), "a@b.dk", time.Hour)
	if err != nil || state.Failures != n || state.Wait <= 0 {
		t.Errorf("account state %+v (%v), want %d failures and a wait", state, err, n)
	}
	if cleared, err := st.ClearAccountThrottle(context.Background(), "a@b.dk"); err != nil || cleared != 2 {
		t.Errorf("clear account: %d keys (%v), want 2 (the address's stays)", cleared, err)
	}
}
