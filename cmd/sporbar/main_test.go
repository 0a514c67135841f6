package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// TestMain lets a test run this binary's main, as the real binary would run: the test starts
// its own executable with SPORBAR_RUN_MAIN=1 and Sporbar's arguments.
func TestMain(m *testing.M) {
	if os.Getenv("SPORBAR_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSignals stops `sporbar serve` with signals: one SIGTERM with nothing in flight ends the
// process with exit code 0; with a request waiting for the database, the first SIGTERM leaves the
// process finishing it, and a second one ends it at once.
func TestSignals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		waiting  bool // a request waits for the database when the signals come
		signals  int
		wantCode int // -1: ended by the signal
	}{
		{"a clean stop", false, 1, 0},
		{"a second signal while a request waits", true, 2, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pool := dbtest.New(t)
			addr := freeAddr(t)
			cmd := exec.Command(os.Args[0], "serve")
			cmd.Env = append(os.Environ(), "SPORBAR_RUN_MAIN=1", "DATABASE_URL="+dbtest.URL(t, pool), "ADDR="+addr,
				"LOG_LEVEL=warn", "SHUTDOWN_TIMEOUT=2m", "DATABASE_ACQUIRE_TIMEOUT=2m")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { _ = cmd.Wait(); close(exited) }()
			t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited })
			waitReady(t, "http://"+addr+"/readyz", time.Minute)

			if tt.waiting {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				lock, err := pool.Begin(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer lock.Rollback(context.Background()) //nolint:errcheck // the test's end releases it
				if _, err := lock.Exec(ctx, `LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE`); err != nil {
					t.Fatal(err)
				}
				go func() { // looks its session up, so it waits for the lock
					req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/login", nil)
					req.AddCookie(&http.Cookie{Name: "sporbar_session", Value: "waits"})
					if res, err := http.DefaultClient.Do(req); err == nil {
						res.Body.Close()
					}
				}()
				time.Sleep(500 * time.Millisecond)
			}
			for i := range tt.signals {
				if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
					t.Fatal(err)
				}
				if i+1 < tt.signals {
					select {
					case <-exited:
						t.Fatal("the first signal ended the process while a request was waiting")
					case <-time.After(time.Second):
					}
				}
			}
			select {
			case <-exited:
			case <-time.After(30 * time.Second):
				t.Fatal("the process did not end within 30 s of the last signal")
			}
			if got := cmd.ProcessState.ExitCode(); got != tt.wantCode {
				t.Errorf("exit code %d (%s), want %d", got, cmd.ProcessState, tt.wantCode)
			}
		})
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr())
}

// waitReady polls url until it answers 200, failing the test after limit.
func waitReady(t *testing.T, url string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		res, err := http.DefaultClient.Do(req)
		cancel()
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer 200 within %s", url, limit)
}
