package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/ssotest"
)

// ssoSignIn opens the kommune's sign-in page in a new tab (asking to come back to /profil),
// presses the button of the method (by its slug), signs in at the IdP's own form with the given field names,
// and waits until the browser is back at Sporbar, on /profil or on a sign-in page.
func (a *app) ssoSignIn(t *testing.T, method, userField, passField, username string) context.Context {
	t.Helper()
	ctx := newTab(t)
	step, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(step,
		chromedp.Navigate(a.URL+"/login/"+kommune+"?next=%2Fprofil"),
		chromedp.Click(chromedp.CSS(`a.button[href^="`+sso.Path(kommune, method, "")+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name="`+passField+`"]`)),
		chromedp.SetValue(chromedp.CSS(`input[name="`+userField+`"]`), username),
		chromedp.SetValue(chromedp.CSS(`input[name="`+passField+`"]`), ssotest.DemoPassword),
		chromedp.Submit(chromedp.CSS(`input[name="`+passField+`"]`)),
	)
	if err != nil {
		t.Fatalf("sign in as %s with %s: %v", username, method, err)
	}
	// The IdPs redirect and post on their own; wait for the last page (the navigations
	// replace the page's JavaScript context, so the location is asked for again each time).
	for {
		loc, err := chromedp.Run(step, chromedp.Location())
		if err == nil && strings.HasPrefix(loc, a.URL) && (strings.Contains(loc, "/profil") || strings.Contains(loc, "/login") || strings.Contains(loc, "/sso/")) {
			if _, err := chromedp.Run(step, chromedp.Text(chromedp.CSS("h1"))); err == nil {
				break
			}
		}
		if step.Err() != nil {
			t.Fatalf("sign in as %s with %s: not back at Sporbar (at %s)", username, method, loc)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return ctx
}

// profileRole is the role and unit that /profil shows in the tab.
func profileRole(t *testing.T, ctx context.Context) string {
	t.Helper()
	return text(t, ctx, "dl.sporbar-dl")
}

// TestJourneySSO signs people in through each real IdP in the browser: the account is made
// with the role and unit the directory's groups give, and the person lands where they asked
// to go. Then a person whose groups no longer give a role is refused with a Danish message,
// deactivated, and signed out of the session they had.
func TestJourneySSO(t *testing.T) {
	a := startApp(t)
	op, _ := ssotest.Start(t, a.Store, a.URL, kommune) // real IdPs on loopback ports (internal/ssotest)
	tests := []struct {
		name, method, userField, passField, user string
		want                                     []string
	}{
		{"OpenID Connect", ssotest.OIDCMethod, "username", "password", "anna", []string{"Områdeleder", "Hjemmepleje og akutaflastning"}},
		{"SAML", ssotest.SAMLMethod, "user", "password", "frank", []string{"Fagchef", "Sundhed og Omsorg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := a.ssoSignIn(t, tt.method, tt.userField, tt.passField, tt.user)
			if got := location(t, ctx); got != "/profil" {
				t.Fatalf("ended on %s (%s), want /profil", got, text(t, ctx, "main"))
			}
			for _, w := range tt.want {
				if got := profileRole(t, ctx); !strings.Contains(got, w) {
					t.Errorf("the profile says %q, want %q in it", got, w)
				}
			}
		})
	}
	t.Run("the role is gone", func(t *testing.T) {
		before := a.ssoSignIn(t, ssotest.OIDCMethod, "username", "password", "bent")
		if got := location(t, before); got != "/profil" {
			t.Fatalf("first sign-in ended on %s", got)
		}
		op.SetRoles("bent", "alle-ansatte")
		ctx := a.ssoSignIn(t, ssotest.OIDCMethod, "username", "password", "bent")
		if got := text(t, ctx, "[role=alert]"); !strings.Contains(got, "ikke længere en rolle") {
			t.Errorf("the sign-in page says %q, want that the role is gone", got)
		}
		if _, err := chromedp.Run(before, chromedp.NavigateResponse(a.URL+"/profil")); err != nil {
			t.Fatal(err)
		}
		if got := location(t, before); !strings.HasPrefix(got, "/login") {
			t.Errorf("the earlier session still shows %s, want the sign-in page", got)
		}
	})
}
