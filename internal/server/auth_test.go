package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

// post sends a form as the current client (following redirects) and parses the final page.
func (ts *testServer) post(t *testing.T, path string, form url.Values, header ...string) (int, *goquery.Document) {
	t.Helper()
	return ts.postBody(t, path, strings.NewReader(form.Encode()),
		append([]string{"Content-Type", "application/x-www-form-urlencoded"}, header...)...)
}

// onLoginPage reports whether the client ends on the sign-in page when it asks for path.
func (ts *testServer) onLoginPage(t *testing.T, path string) bool {
	t.Helper()
	resp, _ := ts.fetch(t, path)
	return resp.Request.URL.Path == "/login"
}

func TestLoginMessages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	tests := []struct {
		name, email, password string
		wantStatus            int
		wantAlert             string
	}{
		{"unknown user", "ingen@kommune.dk", "noget-helt-andet", 401, "Forkert e-mailadresse eller adgangskode."},
		{"wrong password", userEmail(kommune, domain.RoleLaeser), "forkert-kodeord", 401, "Forkert e-mailadresse eller adgangskode."},
		{"empty", "", "", 422, "Skriv både din e-mailadresse og din adgangskode."},
	}
	for _, tt := range tests {
		ts.signOut(t)
		status, doc := ts.post(t, "/login", url.Values{"email": {tt.email}, "password": {tt.password}})
		if status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.wantStatus)
		}
		if got := text(doc.Find(".alert-error")); got != tt.wantAlert {
			t.Errorf("%s: alert %q, want %q", tt.name, got, tt.wantAlert)
		}
		if got := doc.Find("input#email").AttrOr("value", ""); got != tt.email {
			t.Errorf("%s: e-mail field %q, want the typed %q kept", tt.name, got, tt.email)
		}
		if doc.Find("input#password").AttrOr("value", "") != "" {
			t.Errorf("%s: the password was sent back in the form", tt.name)
		}
	}
}

func TestSessionEndsOnServer(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	laeser := userEmail(kommune, domain.RoleLaeser)
	orgPage := "/org/" + kommune

	// A cookie copied before logout is worth nothing after it.
	ts.signIn(t, laeser)
	stolen := ts.client.Jar.Cookies(mustURL(t, ts.srv.URL))
	ts.post(t, "/logout", nil)
	if !ts.onLoginPage(t, orgPage) {
		t.Fatal("still signed in after logout")
	}
	ts.client = newClient(t)
	ts.client.Jar.SetCookies(mustURL(t, ts.srv.URL), stolen)
	if !ts.onLoginPage(t, orgPage) {
		t.Error("the cookie from before logout still signs in")
	}

	// A password change ends every other session of the person.
	ts.signIn(t, laeser)
	other := ts.client
	ts.signIn(t, laeser)
	status, doc := ts.post(t, "/profil/adgangskode", url.Values{"current": {testPassword}, "new": {"en-helt-ny-kode"}, "repeat": {"en-helt-ny-kode"}})
	if status != 200 || !strings.Contains(text(doc.Find("[role=status]")), "Din adgangskode er ændret") {
		t.Fatalf("change password: status %d, flash %q", status, text(doc.Find("[role=status]")))
	}
	if ts.onLoginPage(t, orgPage) {
		t.Error("the session that changed the password was ended too")
	}
	mine := ts.client
	ts.client = other
	if !ts.onLoginPage(t, orgPage) {
		t.Error("another session survived the password change")
	}
	ts.client = mine

	// Idle timeout and absolute lifetime are enforced on the server.
	for _, column := range []string{"last_seen_at", "created_at"} {
		ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
		if _, err := ts.db.Exec(context.Background(), `UPDATE sessions SET `+column+` = now() - interval '11 hours'`); err != nil {
			t.Fatal(err)
		}
		if !ts.onLoginPage(t, orgPage) {
			t.Errorf("a session with an old %s is still valid", column)
		}
	}
}

func TestDeactivationEndsSessions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	target := ts.addUser(t, kommune, domain.RoleLaeser, "")
	ts.signIn(t, target)
	victim := ts.client
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	id := ts.id(t, `SELECT id FROM users WHERE email = $1`, target)
	status, doc := ts.post(t, "/admin/brugere/"+itoa(id)+"/deaktiver", nil)
	if status != 200 || !strings.Contains(text(doc.Find("[role=status]")), "deaktiveret") {
		t.Fatalf("deactivate: status %d, flash %q", status, text(doc.Find("[role=status]")))
	}
	ts.client = victim
	if !ts.onLoginPage(t, "/org/"+kommune) {
		t.Error("a deactivated user is still signed in")
	}
	status, _ = ts.post(t, "/login", url.Values{"email": {target}, "password": {testPassword}})
	if status != http.StatusUnauthorized {
		t.Errorf("a deactivated user signed in: status %d", status)
	}
}

func TestLoginThrottling(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signOut(t)
	email := userEmail(kommune, domain.RoleLaeser)
	var statuses []int
	for range 4 {
		status, _ := ts.post(t, "/login", url.Values{"email": {email}, "password": {"forkert-kodeord"}})
		statuses = append(statuses, status)
	}
	want := []int{401, 401, 401, 429}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses of four failed sign-ins = %v, want %v", statuses, want)
		}
	}
	status, doc := ts.post(t, "/login", url.Values{"email": {email}, "password": {testPassword}})
	if status != http.StatusTooManyRequests || !strings.Contains(text(doc.Find(".alert-error")), "For mange mislykkede forsøg") {
		t.Errorf("right password while throttled: status %d, alert %q", status, text(doc.Find(".alert-error")))
	}
	// Nothing locks: once the slow-down has passed, the right password works.
	if _, err := ts.db.Exec(context.Background(), `UPDATE login_throttle SET last_failure = now() - interval '16 minutes'`); err != nil {
		t.Fatal(err)
	}
	if status, _ := ts.post(t, "/login", url.Values{"email": {email}, "password": {testPassword}}); status != http.StatusOK {
		t.Errorf("right password after the slow-down: status %d, want 200", status)
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	form := url.Values{"email": {"ny@kommune.dk"}, "name": {"Ny"}, "role": {"laeser"}}
	status, doc := ts.post(t, "/admin/brugere/ny", form, "Sec-Fetch-Site", "cross-site", "Origin", "https://ond.example")
	if status != http.StatusForbidden || text(doc.Find("h1")) != "Du har ikke adgang til denne side" {
		t.Errorf("cross-site POST: status %d, h1 %q; want 403", status, text(doc.Find("h1")))
	}
	var n int
	if err := ts.db.QueryRow(context.Background(), `SELECT count(*) FROM users WHERE email = 'ny@kommune.dk'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the cross-site POST created the user (%d, %v)", n, err)
	}
}

func TestCookieAttributes(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signOut(t)
	c := *ts.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.PostForm(ts.srv.URL+"/login", url.Values{"email": {userEmail(kommune, domain.RoleLaeser)}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) != 1 {
		t.Fatalf("sign-in set %d cookies, want 1", len(cookies))
	}
	ck := cookies[0]
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || len(ck.Value) < 40 {
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/ and a long random value", ck)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
