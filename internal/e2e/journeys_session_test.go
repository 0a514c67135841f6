package e2e

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// logoutButton is the sign-out button: a POST form in the header.
const logoutButton = `form[action="/logout"] button[type="submit"]`

// TestJourneySignInAndOut signs each kind of person in through the form, checks that they
// land where their work is, with their name in the header, and signs them out with the
// button in the header, after which the pages ask for sign-in again.
func TestJourneySignInAndOut(t *testing.T) {
	a := startApp(t)
	people := []struct {
		name, email, landing, h1 string
	}{
		{"admin", a.admins[kommune], "/admin/brugere", "Administration"},
		{"fagchef", a.fagchefs[kommune], "/org/" + kommune + "/oversigt", "Samlet skema"},
		{"omraadeleder", a.fx.Leader, "/mine-opgaver", "Mine opgaver"},
	}
	for _, p := range people {
		t.Run(p.name, func(t *testing.T) {
			ctx := newTab(t)
			// Anyone not signed in is sent to the sign-in page.
			resp, err := runStep(ctx, chromedp.NavigateResponse(a.URL+"/mine-opgaver"))
			if err != nil {
				t.Fatal(err)
			}
			if u, _ := url.Parse(resp.URL); u == nil || u.Path != "/login" {
				t.Fatalf("GET /mine-opgaver signed out led to %s, want the sign-in page", resp.URL)
			}
			if err := a.signIn(ctx, p.email, testPassword); err != nil {
				t.Fatalf("sign in: %v", err)
			}
			// signIn went from /login, so the person lands on their role's page.
			if got := location(t, ctx); got != p.landing {
				t.Errorf("%s landed on %s, want %s", p.email, got, p.landing)
			}
			if got := text(t, ctx, "h1"); !strings.Contains(got, p.h1) {
				t.Errorf("the landing page's heading is %q, want %q", got, p.h1)
			}
			if got := text(t, ctx, ".portal-user .user"); got == "" {
				t.Error("the header does not show who is signed in")
			}
			a.signOut(t, ctx)
		})
	}
}

// TestJourneyWrongPassword shows the sign-in form's message for a wrong password, with the
// e-mail address kept and the password field empty.
func TestJourneyWrongPassword(t *testing.T) {
	a := startApp(t)
	ctx := newTab(t)
	err := a.signIn(ctx, a.fx.Leader, "forkert-adgangskode")
	if err == nil {
		t.Fatal("signed in with a wrong password")
	}
	if got := text(t, ctx, "[role=alert]"); !strings.Contains(got, "adgangskode") {
		t.Errorf("the sign-in page says %q, want a message about the e-mail address or password", got)
	}
	if got := value(t, ctx, "#email"); got != a.fx.Leader {
		t.Errorf("the e-mail field holds %q after a failed sign-in, want %q", got, a.fx.Leader)
	}
	if got := value(t, ctx, "#password"); got != "" {
		t.Error("the password field was filled in again after a failed sign-in")
	}
}

// signOut presses the header's sign-out button in the tab of ctx and checks that the person
// is on the sign-in page and signed out.
func (a *app) signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	resp, err := runResponseStep(ctx, chromedp.Click(chromedp.CSS(logoutButton)))
	if err != nil {
		t.Fatalf("click Log af: %v", err)
	}
	if u, _ := url.Parse(resp.URL); u == nil || u.Path != "/login" || resp.Status != http.StatusOK {
		t.Fatalf("Log af led to %s (status %d), want the sign-in page", resp.URL, resp.Status)
	}
	a.wantSignedOut(t, ctx)
}

// wantSignedOut checks that the tab of ctx is signed out: a page sends it to sign in.
func (a *app) wantSignedOut(t *testing.T, ctx context.Context) {
	t.Helper()
	resp, err := runStep(ctx, chromedp.NavigateResponse(a.URL+"/mine-opgaver"))
	if err != nil {
		t.Fatal(err)
	}
	if !signInRedirect("/mine-opgaver", resp.URL) {
		t.Errorf("after Log af, /mine-opgaver led to %s, want the sign-in page", resp.URL)
	}
}

// location is the path (and query) of the page in the tab of ctx.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := runStep(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}

// value is the value of the form field that matches the CSS selector sel.
func value(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := runStep(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}
