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
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// The seeded organisations.
const (
	kommune = "ringkobing-skjern"
	region  = "region-midtjylland"
)

// testPassword is every test user's password.
const testPassword = "e2e-adgangskode-1"

// app is one running Sporbar over a database of its own.
type app struct {
	URL      string        // base URL, without a trailing slash
	Handler  http.Handler  // the router, for listing its routes
	Pool     *pgxpool.Pool // the app's database
	Store    *store.Store
	Notifier *notify.Notifier  // the app's mail (off unless started with startAppWith)
	admins   map[string]string // organisation slug → e-mail of its administrator
	fagchefs map[string]string // organisation slug → e-mail of the fagchef of its strategy's unit
	fx       fixture           // the kommune's områdeleder and their items (fixture_test.go)
}

// startApp starts Sporbar on a free port over a fresh database with both seed documents, an
// administrator and a fagchef in each organisation and the kommune's fixture, and stops it
// when the test ends.
func startApp(t *testing.T) *app {
	t.Helper()
	return startAppWith(t, nil)
}

// startAppWith is startApp sending mail to smtp (nil: no mail is sent).
func startAppWith(t *testing.T, smtp *mailtest.Server) *app {
	t.Helper()
	pool := dbtest.NewSeeded(t)
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	env := map[string]string{"BASE_URL": base, "SECURE_COOKIES": "false", "LOG_LEVEL": "warn"}
	cfg, err := config.Load(func(name string) string { return env[name] })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.DatabaseURL = dbtest.URL(t, pool)
	st := store.New(pool)
	logger := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	notifier := startNotifier(t, cfg, st, smtp)
	h := server.New(cfg, st, logger).WithNotifier(notifier).Handler()
	ts.Config.Handler = h
	ts.Start()
	t.Cleanup(ts.Close)
	a := &app{URL: base, Handler: h, Pool: pool, Store: st, admins: map[string]string{}, fagchefs: map[string]string{},
		Notifier: notifier}
	hash, err := auth.HashPassword(testPassword, auth.DefaultParams())
	if err != nil {
		t.Fatalf("hash password: %v", err)
	}
	a.createAdmins(t, hash)
	a.createFixture(t, hash)
	return a
}

// createAdmins creates an active administrator and a fagchef (of the unit that owns the
// strategy) in each organisation, with the password hash.
func (a *app) createAdmins(t *testing.T, hash string) {
	t.Helper()
	ctx := context.Background()
	for _, slug := range []string{kommune, region} {
		org, err := a.Store.GetOrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatalf("organisation %s: %v", slug, err)
		}
		email := "admin." + slug + "@e2e.sporbar.local"
		u := domain.User{OrganisationID: org.ID, Email: email, Name: "Admin " + org.Name,
			Role: domain.RoleAdmin, PasswordHash: hash, Active: true}
		if _, err := a.Store.CreateUser(ctx, u); err != nil {
			t.Fatalf("create user %s: %v", email, err)
		}
		a.admins[slug] = email
		strategies, err := a.Store.ListStrategiesByOrganisation(ctx, org.ID)
		if err != nil || len(strategies) == 0 || strategies[0].UnitID == nil {
			t.Fatalf("organisation %s: no strategy with a unit (%v)", slug, err)
		}
		email = "fagchef." + slug + "@e2e.sporbar.local"
		f := domain.User{OrganisationID: org.ID, UnitID: strategies[0].UnitID, Email: email, Name: "Fagchef " + org.Name,
			Role: domain.RoleFagchef, PasswordHash: hash, Active: true}
		if _, err := a.Store.CreateUser(ctx, f); err != nil {
			t.Fatalf("create user %s: %v", email, err)
		}
		a.fagchefs[slug] = email
	}
}

// testWriter sends the server's log to the test's log, so it shows up beside a failure.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("server: %s", p)
	return len(p), nil
}

// signIn signs in through the form at /login in the tab of ctx: it fills in the fields email
// and password (setting their values, which is much faster than typing), clicks the submit
// button and waits for the next page.
func (a *app) signIn(ctx context.Context, email, password string) error {
	resp, err := runStep(ctx, chromedp.NavigateResponse(a.URL+"/login"))
	if err != nil {
		return err
	}
	if resp.Status != http.StatusOK {
		return fmt.Errorf("GET /login: status %d", resp.Status)
	}
	if err := doStep(ctx,
		chromedp.SetValue(chromedp.CSS(`input[name="email"]`), email),
		chromedp.SetValue(chromedp.CSS(`input[name="password"]`), password),
	); err != nil {
		return err
	}
	resp, err = runResponseStep(ctx, chromedp.Click(chromedp.CSS(`form[action="/login"] [type="submit"]`)))
	if err != nil {
		return err
	}
	if u, err := url.Parse(resp.URL); err != nil || u.Path == "/login" {
		msg, _ := runStep(ctx, chromedp.Evaluate[string](`document.querySelector('[role=alert]')?.textContent ?? ''`))
		return fmt.Errorf("still on %s (status %d): %s", resp.URL, resp.Status, strings.TrimSpace(msg))
	}
	return nil
}

// adminTab returns a new tab (with its own cookies) where the administrator of the
// organisation with slug is signed in.
func (a *app) adminTab(t *testing.T, slug string) context.Context {
	t.Helper()
	return a.tabAs(t, a.admins[slug])
}

// tabAs returns a new tab where the user with email is signed in.
func (a *app) tabAs(t *testing.T, email string) context.Context {
	t.Helper()
	ctx := newTab(t)
	if err := a.signIn(ctx, email, testPassword); err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
	return ctx
}

// httpClient returns an HTTP client with the cookies of the tab of ctx, so that it fetches
// pages as the person signed in there.
func (a *app) httpClient(t *testing.T, ctx context.Context) *http.Client {
	t.Helper()
	res, err := callStep(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{a.URL + "/"}})
	if err != nil {
		t.Fatalf("browser cookies: %v", err)
	}
	var cookies []*http.Cookie
	for _, c := range res.Cookies {
		cookies = append(cookies, &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path})
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	jar.SetCookies(u, cookies)
	return &http.Client{Jar: jar}
}

// fetch requests p with client (posting its form, when it has one), following redirects
// except to the sign-in page, and returns the status and body.
func (a *app) fetch(t *testing.T, client *http.Client, p page) (int, []byte) {
	t.Helper()
	var resp *http.Response
	var err error
	if p.Form != nil {
		resp, err = client.PostForm(a.URL+p.Path, p.Form)
	} else {
		resp, err = client.Get(a.URL + p.Path)
	}
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	defer resp.Body.Close()
	if signInRedirect(p.Path, resp.Request.URL.String()) {
		t.Fatalf("%s: sent to %s: not signed in", p, resp.Request.URL)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return resp.StatusCode, body
}
