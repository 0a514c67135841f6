package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// wantErrorPage checks that doc is the Danish error page inside the layout.
func wantErrorPage(t *testing.T, doc *goquery.Document, h1 string) {
	t.Helper()
	if got := text(doc.Find("h1")); got != h1 {
		t.Errorf("h1 %q, want %q", got, h1)
	}
	if got := doc.Find("html").AttrOr("lang", ""); got != "da" {
		t.Errorf("lang %q, want da", got)
	}
	if doc.Find("a.skipnav[href='#main-content']").Length() != 1 || doc.Find("main#main-content").Length() != 1 {
		t.Error("the error page is not in the layout: no skip link or no main#main-content")
	}
	if doc.Find("main a[href='/']").Length() != 1 {
		t.Error("the error page has no link to the front page")
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	tests := []struct{ name, path string }{
		{"unknown id", "/maal/999999"},
		{"malformed id", "/maal/abc"},
		{"negative id", "/spor/-1"},
		{"unknown organisation", "/org/findes-ikke"},
		{"unknown path", "/findes/ikke"},
		{"unknown path below a page", "/maal/1/mere"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, doc := ts.get(t, tt.path)
			if status != http.StatusNotFound {
				t.Errorf("status %d, want 404", status)
			}
			wantErrorPage(t, doc, "Siden findes ikke")
		})
	}
}

// logBuffer is a JSON log the test can read.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns every record logged so far.
func (b *logBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(b.buf.Bytes()), []byte("\n")) {
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, rec)
	}
	return out
}

// errs returns the "err" of every record logged.
func (b *logBuffer) errs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, rec := range b.records(t) {
		if e, ok := rec["err"].(string); ok {
			out = append(out, e)
		}
	}
	return out
}

// TestServerError provokes a failing query inside a handler (the generic Danish 500 page) and a
// database that is gone or a pool that is closed (the Danish 503 page with Retry-After): the
// internal error is logged but never shown.
func TestServerError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		path       string
		breakIt    func(t *testing.T, ts *testServer)
		wantStatus int
		wantH1     string
	}{
		{"a query fails in the handler", "/org/" + kommune + "/begreber", func(t *testing.T, ts *testServer) {
			if _, err := ts.db.Exec(context.Background(), `ALTER TABLE terms RENAME TO terms_gone`); err != nil {
				t.Fatal(err)
			}
		}, http.StatusInternalServerError, "Der opstod en fejl"},
		{"the database is gone", "/org/" + kommune, func(t *testing.T, ts *testServer) { ts.cutDatabase(t) },
			http.StatusServiceUnavailable, "Sporbar er midlertidigt utilgængelig"},
		{"the server's pool is closed", "/org/" + kommune, func(t *testing.T, ts *testServer) { ts.pool.Close() },
			http.StatusServiceUnavailable, "Sporbar er midlertidigt utilgængelig"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			log := &logBuffer{}
			ts := startServer(t, slog.New(slog.NewJSONHandler(log, nil)))
			tt.breakIt(t, ts)
			resp, body := ts.fetch(t, tt.path)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got, want := resp.Header.Get("Retry-After") != "", tt.wantStatus == http.StatusServiceUnavailable; got != want {
				t.Errorf("Retry-After %q; want one: %v", resp.Header.Get("Retry-After"), want)
			}
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			wantErrorPage(t, doc, tt.wantH1)
			logged := log.errs(t)
			if len(logged) == 0 {
				t.Fatal("the error was not logged")
			}
			page := text(doc.Selection)
			for _, e := range logged {
				if strings.Contains(page, e) {
					t.Errorf("the page shows the internal error %q", e)
				}
			}
			for _, internal := range []string{"terms_gone", "SQLSTATE", "closed pool", "relation", "connections", "pgx"} {
				if strings.Contains(page, internal) {
					t.Errorf("the page shows %q", internal)
				}
			}
		})
	}
}
