package app

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// instance is one `sporbar serve` started by a test through Run.
type instance struct {
	base string     // http://127.0.0.1:port
	done chan error // Run's result
}

// startServe runs `sporbar serve` on a free loopback port with the database at dbURL and the
// extra environment, until ctx is cancelled.
func startServe(ctx context.Context, t *testing.T, dbURL string, env ...string) instance {
	t.Helper()
	addr := freeAddr(t)
	vars := map[string]string{"DATABASE_URL": dbURL, "ADDR": addr, "LOG_LEVEL": "warn"}
	for i := 0; i+1 < len(env); i += 2 {
		vars[env[i]] = env[i+1]
	}
	in := instance{base: "http://" + addr, done: make(chan error, 1)}
	go func() {
		in.done <- Run(ctx, []string{"sporbar", "serve"}, func(k string) string { return vars[k] }, nil, io.Discard)
	}()
	return in
}

func freeAddr(t *testing.T) string {
	t.Helper()
	return fmt.Sprintf("127.0.0.1:%d", freePort(t))
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitStatus polls url until it answers want, failing the test after limit.
func waitStatus(t *testing.T, url string, want int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	var last string
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == want {
				cancel()
				return
			}
			last = res.Status
		} else {
			last = err.Error()
		}
		cancel()
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer %d within %s; last: %s", url, want, limit, last)
}

// waitDone waits for Run's result, failing the test after limit.
func waitDone(t *testing.T, in instance, limit time.Duration) error {
	t.Helper()
	select {
	case err := <-in.done:
		return err
	case <-time.After(limit):
		t.Fatalf("Run did not return within %s", limit)
		return nil
	}
}

// TestServeFinishesRequestsInFlight stops the server (Run's context cancelled, as SIGTERM does
// in main) while 200 requests wait for the database, then lets the database go on: every request
// is answered 200, new connections are refused meanwhile, and Run returns nil, which is exit
// code 0. While they wait, every pooled connection is taken and /readyz still answers 200.
// The requests are slow because a transaction holds the sessions table locked, so
// each request's session lookup waits for it, for longer than the 10 s grace Sporbar once had.
func TestServeFinishesRequestsInFlight(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	// An expired session, for the cleanup job that serve starts.
	if _, err := pool.Exec(context.Background(), `INSERT INTO sessions (id_hash, created_at, last_seen_at)
		VALUES ('\x01', now() - interval '1 day', now() - interval '1 day')`); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	in := startServe(ctx, t, dbtest.URL(t, pool), "DATABASE_MAX_CONNS", "8", "DATABASE_ACQUIRE_TIMEOUT", "2m",
		"SHUTDOWN_TIMEOUT", "2m")
	waitStatus(t, in.base+"/readyz", http.StatusOK, time.Minute)
	waitNoSessions(t, pool, 30*time.Second)

	lockCtx, cancelLock := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancelLock()
	lock, err := pool.Begin(lockCtx)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback(context.Background()) //nolint:errcheck // released below; a no-op then
	if _, err := lock.Exec(lockCtx, `LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}

	const n = 200
	var sent atomic.Int32
	statuses := make(chan int, n)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			rctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { sent.Add(1) }}
			req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(rctx, trace), http.MethodGet, in.base+"/login", nil)
			req.AddCookie(&http.Cookie{Name: "sporbar_session", Value: "a-session-that-is-looked-up"})
			res, err := client.Do(req)
			if err != nil {
				t.Errorf("request in flight: %v", err)
				statuses <- 0
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses <- res.StatusCode
		})
	}
	deadline := time.Now().Add(time.Minute)
	for sent.Load() < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := sent.Load(); got < n {
		t.Fatalf("only %d of %d requests were sent within a minute", got, n)
	}
	time.Sleep(200 * time.Millisecond) // let the server read the last requests' headers
	// Every connection of the pool is taken: the instance is busy, not unready.
	waitStatus(t, in.base+"/readyz", http.StatusOK, 10*time.Second)

	stop() // SIGTERM
	refused := false
	for range 50 { // the listener closes at once; the requests still wait
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(in.base, "http://"), time.Second)
		if err != nil {
			refused = true
			break
		}
		c.Close()
		time.Sleep(20 * time.Millisecond)
	}
	if !refused {
		t.Error("the server still accepted connections after the stop signal")
	}
	// Longer than the grace Sporbar once had hard-coded (10 s), well within SHUTDOWN_TIMEOUT.
	select {
	case err := <-in.done:
		t.Fatalf("Run returned %v while requests were still waiting", err)
	case <-time.After(11 * time.Second):
	}
	if err := lock.Rollback(lockCtx); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(statuses)
	counts := map[int]int{}
	for s := range statuses {
		counts[s]++
	}
	if counts[http.StatusOK] != n {
		t.Errorf("statuses of the requests in flight = %v, want %d × 200", counts, n)
	}
	if err := waitDone(t, in, time.Minute); err != nil {
		t.Errorf("Run after a clean stop = %v, want nil (exit code 0)", err)
	}
}

// TestServeGraceRunsOut stops the server while requests wait for a table that stays locked:
// after SHUTDOWN_TIMEOUT the requests are cut and Run returns an error (exit code 1) at once,
// instead of hanging as long as the database does.
func TestServeGraceRunsOut(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	in := startServe(ctx, t, dbtest.URL(t, pool), "SHUTDOWN_TIMEOUT", "1s", "DATABASE_ACQUIRE_TIMEOUT", "1m")
	waitStatus(t, in.base+"/readyz", http.StatusOK, time.Minute)
	lockCtx, cancelLock := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancelLock()
	lock, err := pool.Begin(lockCtx)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback(context.Background()) //nolint:errcheck // held until the test ends
	if _, err := lock.Exec(lockCtx, `LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		go func() {
			req, _ := http.NewRequestWithContext(lockCtx, http.MethodGet, in.base+"/login", nil)
			req.AddCookie(&http.Cookie{Name: "sporbar_session", Value: "waits-for-the-lock"})
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	stopped := time.Now()
	stop()
	err = waitDone(t, in, 30*time.Second)
	if err == nil || !strings.Contains(err.Error(), "SHUTDOWN_TIMEOUT") {
		t.Errorf("Run = %v, want an error naming SHUTDOWN_TIMEOUT", err)
	}
	if took := time.Since(stopped); took > 15*time.Second {
		t.Errorf("Run took %s to return after the stop; the grace is 1 s", took)
	}
}

// waitNoSessions waits for the cleanup job to delete the expired sessions.
func waitNoSessions(t *testing.T, pool *pgxpool.Pool, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		var n int
		if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM sessions`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d expired sessions still there after %s: the cleanup job did not run", n, limit)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
