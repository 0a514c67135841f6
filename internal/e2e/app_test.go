package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// app is one running Sporbar over a database of its own.
type app struct {
	URL     string        // base URL, without a trailing slash
	Handler http.Handler  // the router, for enumerating its routes
	Pool    *pgxpool.Pool // the app's database
	Store   *store.Store
}

// startApp starts Sporbar on a free port over a fresh database with both seed documents, and
// stops it when the test ends.
func startApp(t *testing.T) *app {
	t.Helper()
	pool := seededPool(t)
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	cfg, err := config.Load(func(name string) string {
		return map[string]string{"BASE_URL": base, "SECURE_COOKIES": "false", "LOG_LEVEL": "warn"}[name]
	})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.DatabaseURL = dbtest.URL(t, pool)
	st := store.New(pool)
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h := server.New(cfg, st, logger).Handler()
	ts.Config.Handler = h
	ts.Start()
	t.Cleanup(ts.Close)
	return &app{URL: base, Handler: h, Pool: pool, Store: st}
}

// seededPool returns a pool on a fresh database with the migrations and both seed documents.
//
// TODO(lead): use dbtest.NewSeeded(t) once internal/dbtest/seeded.go exists.
func seededPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	return dbtest.NewFrom(t, dbtest.Preparer{Name: "e2e_seeds", Prepare: func(ctx context.Context, st *store.Store) error {
		_, err := importer.LoadSeeds(ctx, st)
		return err
	}})
}

// testWriter sends the server's log to the test's log, so it shows up beside a failure.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Logf("server: %s", p)
	return len(p), nil
}

// testPassword is every test user's password.
const testPassword = "e2e-adgangskode-1"

// newUser creates an active user with role in the organisation with slug and returns the
// user's e-mail address; the password is testPassword.
func (a *app) newUser(t *testing.T, slug, role string) string {
	t.Helper()
	ctx := context.Background()
	org, err := a.Store.GetOrganisationBySlug(ctx, slug)
	if err != nil {
		t.Fatalf("organisation %s: %v", slug, err)
	}
	hash, err := auth.HashPassword(testPassword, auth.DefaultParams())
	if err != nil {
		t.Fatalf("hash password: %v", err)
	}
	email := fmt.Sprintf("%s.%s@e2e.sporbar.local", role, slug)
	u := domain.User{OrganisationID: org.ID, Email: email, Name: "E2E " + domain.RoleLabel(role),
		Role: role, PasswordHash: hash, Active: true}
	if _, err := a.Store.CreateUser(ctx, u); err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return email
}

// signIn signs in through the form at /login in the tab of ctx: it fills in the fields email
// and password and submits the form.
//
// TODO(lead): enable when /login exists — delete the early return below. The tests pass today
// with the public pages, and will then check every page as a signed-in user.
func (a *app) signIn(ctx context.Context, email, password string) error {
	if loginEnabled := false; !loginEnabled {
		return nil
	}
	return chromedp.Do(ctx,
		chromedp.Navigate(a.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), email),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), password),
		chromedp.Submit(chromedp.CSS(`input[name="password"]`)),
		chromedp.WaitReady(chromedp.CSS(`main#main-content`)),
	)
}

// signInAdmin creates an administrator of the kommune and signs in as that person in the
// tab of ctx.
func (a *app) signInAdmin(t *testing.T, ctx context.Context) {
	t.Helper()
	email := a.newUser(t, "ringkobing-skjern", domain.RoleAdmin)
	if err := a.signIn(ctx, email, testPassword); err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
}

// httpClient returns an HTTP client with the cookies of the tab of ctx, so that it fetches
// pages as the person signed in there does. It does not follow redirects.
func (a *app) httpClient(t *testing.T, ctx context.Context) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{a.URL + "/"}})
	if err != nil {
		t.Fatalf("browser cookies: %v", err)
	}
	u, _ := url.Parse(a.URL)
	var cookies []*http.Cookie
	for _, c := range res.Cookies {
		cookies = append(cookies, &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path})
	}
	jar.SetCookies(u, cookies)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// get fetches path with client and returns the status and body.
func (a *app) get(t *testing.T, client *http.Client, path string) (int, []byte) {
	t.Helper()
	resp, err := client.Get(a.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, body
}
