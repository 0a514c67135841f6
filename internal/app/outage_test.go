package app

import (
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/pgdev"
)

// TestDatabaseOutage runs Sporbar on a PostgreSQL cluster of the test's own, stops the cluster
// for about 20 seconds and starts it again. While it is away every page that needs it answers
// the Danish 503 page with Retry-After (never 500), /healthz stays 200 and /readyz says 503;
// once it is back, pages answer 200 again without restarting Sporbar.
func TestDatabaseOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops a PostgreSQL cluster")
	}
	t.Parallel()
	opt := pgdev.Options{Dir: filepath.Join(t.TempDir(), "pg"), Port: freePort(t), Fast: true,
		Log: slog.New(slog.DiscardHandler)}
	cluster := startCluster(t, opt)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	in := startServe(ctx, t, cluster.URL("sporbar"), "DATABASE_ACQUIRE_TIMEOUT", "2s", "SHUTDOWN_TIMEOUT", "10s")
	waitStatus(t, in.base+"/readyz", http.StatusOK, 2*time.Minute)
	// A request with a session cookie looks the session up in the database before the page.
	page := func() (*http.Response, *goquery.Document) {
		t.Helper()
		rctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(rctx, http.MethodGet, in.base+"/login", nil)
		req.AddCookie(&http.Cookie{Name: "sporbar_session", Value: "looked-up-in-the-database"})
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET /login: %v", err)
		}
		defer res.Body.Close()
		doc, err := goquery.NewDocumentFromReader(res.Body)
		if err != nil {
			t.Fatalf("parse /login: %v", err)
		}
		return res, doc
	}
	if res, _ := page(); res.StatusCode != http.StatusOK {
		t.Fatalf("before the outage: GET /login = %d, want 200", res.StatusCode)
	}

	if err := cluster.Stop(); err != nil {
		t.Fatalf("stop the cluster: %v", err)
	}
	away := time.Now()
	for time.Since(away) < 20*time.Second {
		res, doc := page()
		if got, want := res.StatusCode, http.StatusServiceUnavailable; got != want {
			t.Fatalf("database away %s: GET /login = %d, want %d", time.Since(away).Round(time.Second), got, want)
		}
		if res.Header.Get("Retry-After") == "" {
			t.Error("the 503 page has no Retry-After")
		}
		if h1 := strings.TrimSpace(doc.Find("h1").Text()); h1 != "Sporbar er midlertidigt utilgængelig" {
			t.Errorf("503 page heading = %q", h1)
		}
		waitStatus(t, in.base+"/healthz", http.StatusOK, 10*time.Second)
		waitStatus(t, in.base+"/readyz", http.StatusServiceUnavailable, 10*time.Second)
		time.Sleep(2 * time.Second)
	}

	startCluster(t, opt)
	waitStatus(t, in.base+"/readyz", http.StatusOK, time.Minute)
	if res, _ := page(); res.StatusCode != http.StatusOK {
		t.Errorf("after the outage: GET /login = %d, want 200", res.StatusCode)
	}
	stop()
	if err := waitDone(t, in, 30*time.Second); err != nil {
		t.Errorf("Run after the outage: %v", err)
	}
}

// startCluster starts (or starts again) the test's cluster with a database "sporbar" and stops
// it when the test ends.
func startCluster(t *testing.T, opt pgdev.Options) *pgdev.Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := pgdev.Start(ctx, opt)
	if err != nil {
		t.Fatalf("start PostgreSQL: %v", err)
	}
	t.Cleanup(func() { _ = c.Stop() })
	if err := c.EnsureDatabase(ctx, "sporbar"); err != nil {
		t.Fatalf("create database: %v", err)
	}
	return c
}
