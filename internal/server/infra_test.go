package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/store"
)

// response is what the tests compare of a plain response.
type response struct {
	Status      int
	ContentType string
	Body        string
}

func plain(t *testing.T, ts *testServer, path string) response {
	t.Helper()
	resp, body := ts.fetch(t, path)
	return response{resp.StatusCode, resp.Header.Get("Content-Type"), strings.TrimSpace(string(body))}
}

func TestHealth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		signOut bool
		breakIt func(t *testing.T, ts *testServer) // nil: leave the server as it is
		path    string
		want    response
	}{
		{"healthz", true, nil, "/healthz", response{200, "text/plain; charset=utf-8", "ok"}},
		{"readyz when the schema is current", true, nil, "/readyz", response{200, "text/plain; charset=utf-8", "ok"}},
		{"readyz when the schema is behind", true, func(t *testing.T, ts *testServer) {
			if err := store.MigrateDown(context.Background(), ts.db); err != nil {
				t.Fatal(err)
			}
		}, "/readyz", response{503, "text/plain; charset=utf-8", "schema behind"}},
		{"readyz when the database is gone", true, func(t *testing.T, ts *testServer) { ts.cutDatabase(t) },
			"/readyz", response{503, "text/plain; charset=utf-8", "database unreachable"}},
		{"healthz when the database is gone", true, func(t *testing.T, ts *testServer) { ts.cutDatabase(t) },
			"/healthz", response{200, "text/plain; charset=utf-8", "ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t)
			if tt.signOut {
				ts.signOut(t)
			}
			if tt.breakIt != nil {
				tt.breakIt(t, ts)
			}
			if diff := cmp.Diff(tt.want, plain(t, ts, tt.path)); diff != "" {
				t.Errorf("GET %s (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}

func TestStaticFiles(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signOut(t)
	tests := []struct {
		path                 string
		status               int
		contentType, caching string
	}{
		{"/static/css/app.css", 200, "text/css; charset=utf-8", "no-cache"},
		{"/static/css/app.css?v=1", 200, "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/static/css/print.css", 200, "text/css; charset=utf-8", "no-cache"},
		{"/static/img/favicon.svg", 200, "image/svg+xml", "no-cache"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := ts.fetch(t, tt.path)
			got := []any{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"), len(body) > 0}
			want := []any{tt.status, tt.contentType, tt.caching, true}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	t.Run("a missing file is 404", func(t *testing.T) {
		if resp, _ := ts.fetch(t, "/static/css/findes-ikke.css"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("status %d, want 404", resp.StatusCode)
		}
	})
}

// TestSignInRequired: every page of the chain sends a visitor who is not signed in to /login.
func TestSignInRequired(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signOut(t)
	for _, path := range []string{"/", "/org/" + kommune, "/maal/1", "/org/" + kommune + "/sammenhaeng"} {
		t.Run(path, func(t *testing.T) {
			resp, _ := ts.fetch(t, path)
			if got := resp.Request.URL.Path; resp.StatusCode != http.StatusOK || got != "/login" {
				t.Errorf("ended on %s with %d, want /login with 200", got, resp.StatusCode)
			}
		})
	}
}
