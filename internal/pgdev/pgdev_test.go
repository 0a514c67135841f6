package pgdev

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestRestartKeepsData starts a cluster in a fresh directory, writes a row, stops, starts
// again and reads the row back. It also covers reuse of a running server and a stale
// postmaster.pid. t.TempDir's 0700 parents exercise the permission fix when run as root.
func TestRestartKeepsData(t *testing.T) {
	// Each step (initdb and start, a query, a restart) has its own deadline, none the whole
	// test's: on a slow, busy machine initdb alone can take most of a minute.
	step := func() context.Context {
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
		t.Cleanup(cancel)
		return ctx
	}
	opt := Options{
		Dir:  filepath.Join(t.TempDir(), "pg"),
		Port: freePort(t),
		Fast: true,
		Log:  slog.New(slog.NewTextHandler(testWriter{t}, nil)),
	}

	c := start(step(), t, opt)
	exec1(step(), t, c, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('hello')")

	// A second Start while the first server runs reuses it, and its Stop leaves it running.
	c2 := start(step(), t, opt)
	if !c2.Reused() {
		t.Errorf("second Start: Reused() = false, want true")
	}
	if err := c2.Stop(); err != nil {
		t.Fatalf("Stop of reused cluster: %v", err)
	}
	exec1(step(), t, c, "SELECT 1")

	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := c.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}

	// Leave a stale postmaster.pid naming a process that is gone.
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	stale := fmt.Sprintf("%d\n%s\n0\n%d\n\n127.0.0.1\n0 0\nready\n", dead.Process.Pid, filepath.Join(opt.Dir, "data"), opt.Port)
	if err := os.WriteFile(filepath.Join(opt.Dir, "data", "postmaster.pid"), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}

	c = start(step(), t, opt)
	if c.Reused() {
		t.Errorf("Start after stale pid file: Reused() = true, want false")
	}
	if err := c.EnsureDatabase(step(), "sporbar_test"); err != nil {
		t.Fatal(err)
	}
	if err := c.EnsureDatabase(step(), "sporbar_test"); err != nil {
		t.Fatalf("EnsureDatabase again: %v", err)
	}
	conn, err := pgx.Connect(step(), c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	var v string
	err = conn.QueryRow(step(), "SELECT v FROM kept").Scan(&v)
	conn.Close(step())
	if err != nil || v != "hello" {
		t.Errorf("after restart: SELECT v FROM kept = %q, %v; want hello", v, err)
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(opt.Dir, "data", "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("postmaster.pid after Stop: %v, want it gone", err)
	}
}

func TestStartRefusesSystemPort(t *testing.T) {
	_, err := Start(t.Context(), Options{Dir: t.TempDir(), Port: 5432})
	if err == nil {
		t.Fatal("Start with port 5432 succeeded, want error")
	}
}

func TestParsePIDFile(t *testing.T) {
	pf, err := parsePIDFile([]byte("1234\n/x/data\n1700000000\n54329\n\n127.0.0.1\n  1 2\nready   \n"))
	if err != nil || pf.pid != 1234 || pf.port != 54329 {
		t.Errorf("parsePIDFile = %+v, %v; want pid 1234 port 54329", pf, err)
	}
	if _, err := parsePIDFile([]byte("garbage")); err == nil {
		t.Error("parsePIDFile(garbage) succeeded, want error")
	}
}

// start calls Start, skipping the test when PostgreSQL is not installed, and stops the
// cluster at the end of the test.
func start(ctx context.Context, t *testing.T, opt Options) *Cluster {
	t.Helper()
	c, err := Start(ctx, opt)
	if errors.Is(err, ErrNotInstalled) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop() })
	return c
}

func exec1(ctx context.Context, t *testing.T, c *Cluster, sql string) {
	t.Helper()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
