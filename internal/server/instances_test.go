package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// twin starts a second Sporbar over ts's database, with a pool and a kept-skema cache of its
// own, as a second instance behind a proxy is. Its client shares ts's cookies, as one
// browser whose requests the proxy sends to either instance does.
func (ts *testServer) twin(t *testing.T) *testServer {
	t.Helper()
	dbURL := dbtest.URL(t, ts.db)
	pool, err := pgxpool.New(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.DatabaseURL = dbURL
	srv := httptest.NewServer(server.New(cfg, store.New(pool), slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
	t.Cleanup(srv.Close)
	return &testServer{srv: srv, pool: pool, db: ts.db, counter: &store.QueryCounter{}, client: &http.Client{Jar: ts.client.Jar}, user: ts.user}
}

// Two instances over one database: a session made on one works on the other, the kept skema
// on one shows a change made through the other, and sign-in throttling counts across both.
func TestTwoInstances(t *testing.T) {
	t.Parallel()
	a := newTestServer(t)
	d := a.addFollowUpData(t)
	fagchef := a.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	a.signIn(t, fagchef)
	b := a.twin(t)

	t.Run("a session made on A works on B", func(t *testing.T) {
		if b.onLoginPage(t, "/profil") {
			t.Error("B sends the person signed in on A to the sign-in page")
		}
	})

	t.Run("B's kept skema shows a change made through A", func(t *testing.T) {
		skema := "/org/" + kommune + "/oversigt"
		cellA := func(ts *testServer) string {
			t.Helper()
			status, doc := ts.get(t, skema)
			if status != http.StatusOK {
				t.Fatalf("GET %s: %d", skema, status)
			}
			return matrixCells(doc)[titleA]
		}
		before := cellA(b) // kept on B
		form := url.Values{"phase": {"under_implementering"}, "health": {"kritisk"}, "progress": {"45"}, "as_of": {danishToday().Format(time.DateOnly)},
			"status_comment": {"Vi mangler to terapeuter."}}
		if status, _ := a.post(t, "/indsatser/"+itoa(d.a)+"/status", form); status != http.StatusOK {
			t.Fatalf("status update through A: %d", status)
		}
		if got := cellA(b); !strings.HasSuffix(got, "Kritisk 45 %") {
			t.Errorf("B's skema shows A's cell as %q after the change through A (before: %q)", got, before)
		}
	})

	t.Run("sign-in throttling counts across both", func(t *testing.T) {
		a.signOut(t)
		b.client = a.client
		email := userEmail(kommune, domain.RoleLaeser)
		var got []int
		for i, ts := range []*testServer{a, b, a, b} {
			status, _ := ts.post(t, "/login", url.Values{"email": {email}, "password": {"forkert-kodeord-" + itoa(int64(i))}})
			got = append(got, status)
		}
		want := []int{401, 401, 401, 429} // as on one instance (TestLoginThrottling)
		if !slices.Equal(got, want) {
			t.Errorf("wrong passwords alternately on A and B answered %v, want %v", got, want)
		}
	})
}
