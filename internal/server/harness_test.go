package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// The seeded organisations.
const (
	kommune = "ringkobing-skjern"
	region  = "region-midtjylland"
)

// testPassword is every test user's password.
const testPassword = "server-test-adgangskode-1"

// testServer is one running Sporbar over a seeded database of its own, and the client (with
// its cookies) that talks to it.
type testServer struct {
	srv     *httptest.Server
	pool    *pgxpool.Pool // the server's pool, with counter installed
	db      *pgxpool.Pool // a pool of its own on the same database, for looking things up (not counted)
	counter *store.QueryCounter
	client  *http.Client
	user    string // who signIn signed in on client ("" for nobody); stale if a test sets client itself
}

// newTestServer starts Sporbar over a fresh seeded database with a læser and an admin in each
// organisation (see userEmail), and signs in the kommune's læser. The server's log is
// discarded.
func newTestServer(t *testing.T) *testServer {
	t.Helper()
	return startServer(t, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// startServer is newTestServer with the server's log going to logger and its configuration
// changed by each of configure.
func startServer(t *testing.T, logger *slog.Logger, configure ...func(*config.Config)) *testServer {
	t.Helper()
	return startServerWith(t, logger, nil, configure...)
}

// startServerWith is startServer sending mail to smtp (nil: no SMTP server, no mail is sent).
func startServerWith(t *testing.T, logger *slog.Logger, smtp *mailtest.Server, configure ...func(*config.Config)) *testServer {
	t.Helper()
	ctx := context.Background()
	db := dbtest.NewSeeded(t)
	dbURL := dbtest.URL(t, db)
	pcfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	counter := &store.QueryCounter{}
	pcfg.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close) // before dbtest drops the database: cleanups run last first

	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.DatabaseURL = dbURL
	for _, f := range configure {
		f(&cfg)
	}
	srv := httptest.NewUnstartedServer(nil)
	cfg.BaseURL = "http://" + srv.Listener.Addr().String() // identity providers and mails send people back here
	srv.Config.Handler = server.New(cfg, store.New(pool), logger).WithNotifier(testNotifier(t, cfg, store.New(pool), smtp)).Handler()
	srv.Start()
	t.Cleanup(srv.Close)

	ts := &testServer{srv: srv, pool: pool, db: db, counter: counter}
	ts.createUsers(t)
	ts.client = newClient(t)
	ts.signIn(t, userEmail(kommune, domain.RoleLaeser))
	return ts
}

// userEmail is the e-mail address of the test user with role in the organisation with slug.
func userEmail(slug, role string) string { return role + "@" + slug + ".test" }

// createUsers creates an active læser and admin in each organisation, with testPassword.
func (ts *testServer) createUsers(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	hash, err := testPasswordHash()
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(ts.db)
	for _, slug := range []string{kommune, region} {
		org, err := st.GetOrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		for _, role := range []string{domain.RoleLaeser, domain.RoleAdmin} {
			u := domain.User{OrganisationID: org.ID, Email: userEmail(slug, role), Name: domain.RoleLabel(role) + " " + org.Name,
				Role: role, PasswordHash: hash, Active: true}
			if _, err := st.CreateUser(ctx, u); err != nil {
				t.Fatalf("create user %s: %v", u.Email, err)
			}
		}
	}
}

// testPasswordHash is testPassword's hash, made once: hashing is slow on purpose.
var testPasswordHash = sync.OnceValues(func() (string, error) {
	return auth.HashPassword(testPassword, auth.DefaultParams())
})

// newClient is the one place the tests' HTTP client is made: a browser of its own, with a
// cookie jar, that follows redirects (so a page that needs sign-in ends on /login).
func newClient(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

// signIn starts a fresh client (no cookies) and signs in as email with testPassword through
// the form at /login, as a browser would.
func (ts *testServer) signIn(t *testing.T, email string) {
	t.Helper()
	ts.client = newClient(t)
	form := url.Values{"email": {email}, "password": {testPassword}}
	resp, err := ts.client.PostForm(ts.srv.URL+"/login", form)
	if err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path == "/login" {
		t.Fatalf("sign in as %s: status %d on %s", email, resp.StatusCode, resp.Request.URL)
	}
	ts.user = email
}

// signOut starts a fresh client with no cookies.
func (ts *testServer) signOut(t *testing.T) {
	ts.client = newClient(t)
	ts.user = ""
}

// signInAs makes email the one signed in (signing out for ""), unless they already are.
func (ts *testServer) signInAs(t *testing.T, email string) {
	t.Helper()
	switch {
	case email == ts.user:
	case email == "":
		ts.signOut(t)
	default:
		ts.signIn(t, email)
	}
}

// fetch GETs path (following redirects) and returns the final response with its body read.
// Every response, whatever its status, must carry the security headers.
func (ts *testServer) fetch(t *testing.T, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := ts.client.Get(ts.srv.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", path, err)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("GET %s: no %s header", path, h)
		}
	}
	return resp, body
}

// get GETs path and parses the page.
func (ts *testServer) get(t *testing.T, path string) (status int, doc *goquery.Document) {
	t.Helper()
	resp, body := ts.fetch(t, path)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: parse HTML: %v", path, err)
	}
	return resp.StatusCode, doc
}

// queries is the number of queries the server has sent since the last resetQueries.
func (ts *testServer) queries() int64 { return ts.counter.Count() }

// resetQueries starts counting queries from zero.
func (ts *testServer) resetQueries() { ts.counter.Reset() }

// id runs a query for one id in the server's database (not counted), e.g.
// ts.id(t, `SELECT id FROM goals WHERE title = $1`, title).
func (ts *testServer) id(t *testing.T, sql string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := ts.db.QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		t.Fatalf("look up id (%s %v): %v", sql, args, err)
	}
	return id
}

// text is the selection's text with runs of white space made one space.
func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// texts is the text of each element of the selection.
func texts(s *goquery.Selection) []string {
	out := []string{}
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, text(e)) })
	return out
}

// hrefs is the href of each element of the selection.
func hrefs(s *goquery.Selection) []string {
	out := []string{}
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, e.AttrOr("href", "")) })
	return out
}

// crumbs is the page's breadcrumb.
func crumbs(doc *goquery.Document) []string { return texts(doc.Find("nav.breadcrumbs li")) }

// ids runs a query for a column of ids in the server's database (not counted).
func (ts *testServer) ids(t *testing.T, sql string, args ...any) []int64 {
	t.Helper()
	rows, err := ts.db.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("look up ids (%s %v): %v", sql, args, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatalf("look up ids (%s %v): %v", sql, args, err)
	}
	return out
}

// paths makes each id a path under prefix, e.g. "/maal/" → "/maal/12".
func paths(ids []int64, prefix string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, prefix+itoa(id))
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// wantCount checks that sel matches n elements of doc.
func wantCount(t *testing.T, doc *goquery.Document, sel string, n int) {
	t.Helper()
	if got := doc.Find(sel).Length(); got != n {
		t.Errorf("%d × %s, want %d", got, sel, n)
	}
}

// cutDatabase makes the server's database unreachable, as when PostgreSQL goes away: it refuses
// new connections and ends every open one (the server's and ts.db's). dbtest still drops it.
func (ts *testServer) cutDatabase(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, os.Getenv("TEST_DATABASE_URL")) // the server's maintenance database
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := ts.db.Config().ConnConfig.Database
	if _, err := admin.Exec(ctx, `ALTER DATABASE `+pgx.Identifier{name}.Sanitize()+` ALLOW_CONNECTIONS false`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}
}
