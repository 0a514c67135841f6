package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/store"
)

// E-mail in the server: the operator's page, invitations, "Glemt adgangskode", the demand to
// choose one's own password, the mail choices on Min profil and the unsubscribe link. Mail goes
// to a real SMTP server (Mailpit, internal/mailtest) and is read back from it.

func init() {
	addRouteClasses(map[string]class{
		"GET /glemt-adgangskode": public, "POST /glemt-adgangskode": public,
		"GET /adgangskode/{token}": public, "POST /adgangskode/{token}": public,
		"GET /afmeld/{token}": public, "POST /afmeld/{token}": public,
		"POST /profil/mails": self, "GET /admin/mails": anyAdmin,
		"POST /admin/brugere/{id}/invitation": userAdmin, "POST /admin/mails/standard": anyAdmin,
	})
	orgPages = append(orgPages, mailPages...)
}

var mailPages = []pageCase{
	{name: "e-mails (operator)", route: "/admin/mails", as: kommuneAdmin, path: fixed("/admin/mails"), maxQueries: 5,
		h1: "Administration", crumbs: []string{kommuneCrumb, "E-mails"}, check: func(t *testing.T, _ *testServer, doc *goquery.Document) {
			if got := text(doc.Find(".alert-warning .alert-heading")); got != "Der sendes ingen e-mails" {
				t.Errorf("without SMTP the page says %q, want that no mail is sent", got)
			}
		}},
	{name: "forgot password", route: "/glemt-adgangskode", path: fixed("/glemt-adgangskode"), maxQueries: 1,
		h1: "Glemt adgangskode"},
	{name: "one-time password link", route: "/adgangskode/{token}", path: linkFor(kommuneLaeser, auth.PurposePasswordReset),
		maxQueries: 4, h1: "Vælg en ny adgangskode", check: formHas("new", "repeat")},
	{name: "unsubscribe", route: "/afmeld/{token}", path: unsubscribeFor(kommuneLaeser, domain.MailReminder), maxQueries: 1,
		h1: "Afmeld e-mails"},
}

// testNotifier is the server's mail: to smtp with short waits, or off (nil smtp).
func testNotifier(t *testing.T, cfg config.Config, st *store.Store, smtp *mailtest.Server) *notify.Notifier {
	t.Helper()
	return mailtest.StartNotifier(t, st, cfg.BaseURL, smtp, 0)
}

// linkFor makes a one-time link token of purpose for the user and returns its path.
func linkFor(email, purpose string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string {
		token, hash, err := auth.NewLinkToken()
		if err != nil {
			t.Fatal(err)
		}
		id := ts.id(t, `SELECT id FROM users WHERE email = $1`, email)
		if err := store.New(ts.db).CreateUserToken(context.Background(), hash, id, purpose, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		return "/adgangskode/" + token
	}
}

// unsubscribeFor returns the path of the user's unsubscribe link for kind.
func unsubscribeFor(email, kind string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string {
		n := testNotifier(t, config.Config{}, store.New(ts.db), nil)
		return "/afmeld/" + n.UnsubscribeToken(ts.id(t, `SELECT id FROM users WHERE email = $1`, email), kind)
	}
}

// mailLink returns the path of the first link in the mail's HTML whose path starts with prefix.
func mailLink(t *testing.T, m mailtest.Mail, prefix string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(m.HTML))
	if err != nil {
		t.Fatal(err)
	}
	var found string
	doc.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		u, err := url.Parse(a.AttrOr("href", ""))
		if err == nil && strings.HasPrefix(u.Path, prefix) {
			found = u.Path
			return false
		}
		return true
	})
	if found == "" {
		t.Fatalf("mail %q has no link to %s…:\n%s", m.Subject, prefix, m.HTML)
	}
	return found
}

// waitMail waits (up to 20 s) for the n-th mail to the address and returns it.
func waitMail(t *testing.T, smtp *mailtest.Server, to string, n int) mailtest.Mail {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if got := smtp.MailsTo(to); len(got) >= n {
			return got[n-1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no mail number %d to %s within 20 s", n, to)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestInvitation: the admin creates a user without a password; the invitation arrives, its
// link sets the password and signs the user in, and works only once.
func TestInvitation(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t)
	ts := startServerWith(t, slog.New(slog.NewTextHandler(io.Discard, nil)), smtp)
	ts.signIn(t, kommuneAdmin)
	const email = "ny.kollega@kommune.test"
	status, doc := ts.post(t, "/admin/brugere/ny", url.Values{"email": {email}, "name": {"Ny Kollega"},
		"role": {domain.RoleLaeser}, "unit": {""}, "password": {""}})
	if status != http.StatusOK || !strings.Contains(text(doc.Find("[role=status], .alert")), "invitation") {
		t.Fatalf("create user: status %d, message %q", status, text(doc.Find(".alert")))
	}
	m := waitMail(t, smtp, email, 1)
	link := mailLink(t, m, "/adgangskode/")
	for _, want := range []string{"7 dage", "kun én gang", email, "Du får denne mail, fordi"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("the invitation's text lacks %q:\n%s", want, m.Text)
		}
	}

	ts.signOut(t)
	steps := []struct {
		name       string
		form       url.Values
		wantStatus int
		wantH1     string
	}{
		{"passwords differ", url.Values{"new": {"en god lang adgangskode"}, "repeat": {"en anden"}}, http.StatusUnprocessableEntity, "Velkommen til Sporbar"},
		{"chosen", url.Values{"new": {"en god lang adgangskode"}, "repeat": {"en god lang adgangskode"}}, http.StatusOK, ""},
		{"used up", url.Values{"new": {"en god lang adgangskode"}, "repeat": {"en god lang adgangskode"}}, http.StatusNotFound, "Linket virker ikke"},
	}
	for _, s := range steps {
		got, doc := ts.post(t, link, s.form)
		if got != s.wantStatus {
			t.Errorf("%s: status %d, want %d (%s)", s.name, got, s.wantStatus, text(doc.Find("h1")))
		}
		if s.wantH1 != "" && text(doc.Find("h1")) != s.wantH1 {
			t.Errorf("%s: h1 %q, want %q", s.name, text(doc.Find("h1")), s.wantH1)
		}
		if s.name == "chosen" && ts.onLoginPage(t, "/profil") {
			t.Error("not signed in after choosing the password")
		}
		ts.signOut(t)
	}
	form := url.Values{"email": {email}, "password": {"en god lang adgangskode"}}
	if status, doc := ts.post(t, "/login", form); status != http.StatusOK || text(doc.Find("h1")) == "Log ind" {
		t.Errorf("sign-in with the chosen password: status %d, h1 %q", status, text(doc.Find("h1")))
	}
}

// TestForgotPassword: the same answer for a known and an unknown address; only the known one
// gets a link, which lets them choose a new password (and lifts an admin-set one); requests
// are throttled.
func TestForgotPassword(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t)
	ts := startServerWith(t, slog.New(slog.NewTextHandler(io.Discard, nil)), smtp)
	ts.signOut(t)
	answers := map[string]string{}
	for _, email := range []string{kommuneLaeser, "ingen.bruger@kommune.test"} {
		status, doc := ts.post(t, "/glemt-adgangskode", url.Values{"email": {email}})
		if status != http.StatusOK {
			t.Fatalf("%s: status %d", email, status)
		}
		answers[email] = strings.ReplaceAll(text(doc.Find("[role=status]")), email, "ADRESSE")
	}
	if answers[kommuneLaeser] == "" || answers[kommuneLaeser] != answers["ingen.bruger@kommune.test"] {
		t.Errorf("the answers differ or are empty: %q", answers)
	}
	m := waitMail(t, smtp, kommuneLaeser, 1)
	if got := len(smtp.MailsTo("ingen.bruger@kommune.test")); got != 0 {
		t.Errorf("the unknown address got %d mails", got)
	}
	link := mailLink(t, m, "/adgangskode/")
	if status, doc := ts.get(t, link); status != http.StatusOK || text(doc.Find("h1")) != "Vælg en ny adgangskode" {
		t.Fatalf("GET link: %d %q", status, text(doc.Find("h1")))
	}
	status, _ := ts.post(t, link, url.Values{"new": {"helt ny adgangskode"}, "repeat": {"helt ny adgangskode"}})
	if status != http.StatusOK || ts.onLoginPage(t, "/profil") {
		t.Errorf("choosing a new password: status %d, or not signed in", status)
	}

	ts.signOut(t)
	var last int
	for i := 0; i < 8 && last != http.StatusTooManyRequests; i++ {
		last, _ = ts.post(t, "/glemt-adgangskode", url.Values{"email": {"mange@kommune.test"}})
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("eight requests in a row: last status %d, want 429", last)
	}
	if status, doc := ts.post(t, "/glemt-adgangskode", url.Values{"email": {"ikke en adresse"}}); status != http.StatusUnprocessableEntity ||
		doc.Find("#email[aria-invalid=true]").Length() != 1 || doc.Find("#email").AttrOr("value", "") != "ikke en adresse" {
		t.Errorf("a bad address: status %d, want 422 with the message by the field and the input kept", status)
	}
}

// TestAdminSetPasswordMustBeChanged: after an admin sets a password, the user is sent to Min
// profil from every page until they choose their own.
func TestAdminSetPasswordMustBeChanged(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	id := ts.id(t, `SELECT id FROM users WHERE email = $1`, kommuneLaeser)
	hash, err := testPasswordHash()
	if err != nil {
		t.Fatal(err)
	}
	if err := store.New(ts.db).SetPassword(context.Background(), id, hash); err != nil {
		t.Fatal(err)
	}
	ts.signIn(t, kommuneLaeser)
	for _, path := range []string{"/", "/org/" + kommune + "/aftaler", "/mine-opgaver"} {
		resp, _ := ts.fetch(t, path)
		if resp.Request.URL.Path != "/profil" {
			t.Errorf("GET %s led to %s, want /profil", path, resp.Request.URL.Path)
		}
	}
	status, _ := ts.post(t, "/profil/adgangskode", url.Values{"current": {testPassword}, "new": {"min egen adgangskode"},
		"repeat": {"min egen adgangskode"}})
	if status != http.StatusOK {
		t.Fatalf("change password: %d", status)
	}
	if resp, _ := ts.fetch(t, "/org/"+kommune+"/aftaler"); resp.Request.URL.Path != "/org/"+kommune+"/aftaler" {
		t.Errorf("after choosing their own password the person is still sent to %s", resp.Request.URL.Path)
	}
}

// TestMailChoices: the choices on Min profil and the organisation's defaults are saved; the
// unsubscribe link works without
// signing in and turns its kind off; a forged link is refused.
func TestMailChoices(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	id := ts.id(t, `SELECT id FROM users WHERE email = $1`, kommuneLaeser)
	status, _ := ts.post(t, "/profil/mails", url.Values{"freq-" + domain.MailDigest: {domain.FrequencyNever},
		"freq-" + domain.MailNotice: {domain.FrequencyDaily}, "freq-" + domain.MailReminder: {""}})
	if status != http.StatusOK {
		t.Fatalf("save choices: %d", status)
	}
	own, _, err := store.New(ts.db).MailPreferences(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{domain.MailDigest: domain.FrequencyNever, domain.MailNotice: domain.FrequencyDaily}
	if diff := cmp.Diff(want, own); diff != "" {
		t.Errorf("saved choices (-want +got):\n%s", diff)
	}
	ts.signIn(t, kommuneAdmin)
	form := url.Values{}
	for _, k := range domain.MailPreferenceKinds() {
		form.Set("freq-"+k, domain.FrequencyWeekly)
	}
	if status, _ := ts.post(t, "/admin/mails/standard", form); status != http.StatusOK {
		t.Fatalf("save the organisation's defaults: %d", status)
	}
	_, org, err := store.New(ts.db).MailPreferences(context.Background(), id)
	if err != nil || org[domain.MailReminder] != domain.FrequencyWeekly {
		t.Errorf("the organisation's defaults seen by its læser: %v, %v; want weekly", org, err)
	}
	form.Set("freq-"+domain.MailDigest, "hver time")
	if status, _ := ts.post(t, "/admin/mails/standard", form); status != http.StatusBadRequest {
		t.Errorf("an unknown frequency: status %d, want 400", status)
	}
	ts.signOut(t)
	path := unsubscribeFor(kommuneLaeser, domain.MailReminder)(t, ts)
	if status, _ := ts.post(t, path, nil); status != http.StatusOK {
		t.Fatalf("unsubscribe: %d", status)
	}
	own, _, err = store.New(ts.db).MailPreferences(context.Background(), id)
	if err != nil || own[domain.MailReminder] != domain.FrequencyNever {
		t.Errorf("after unsubscribing: %v, %v; want reminders never", own, err)
	}
	forged := strings.Replace(path, "reminder", "digest", 1)
	if status, _ := ts.post(t, forged, nil); status != http.StatusBadRequest {
		t.Errorf("a forged link: status %d, want 400", status)
	}
}
