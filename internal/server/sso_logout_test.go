package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/ssotest"
)

// TestSSOSignOutGoesToTheIdP: signing out of a session begun through a method with an IdP
// sign-out address ends our session and sends the browser on to the IdP's.
func TestSSOSignOutGoesToTheIdP(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	end := f.op.Issuer + "/end_session"
	if _, err := f.db.Exec(context.Background(), `UPDATE sign_in_methods SET logout_url = $1 WHERE slug = $2`, end, ssotest.OIDCMethod); err != nil {
		t.Fatal(err)
	}
	if resp, _ := f.oidcSignIn(t, "bent"); resp.Request.URL.Path != "/profil" {
		t.Fatalf("sign-in ended on %s", resp.Request.URL.Path)
	}
	c := *f.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.PostForm(f.srv.URL+"/logout", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Location"); got != end {
		t.Errorf("sign-out sent the browser to %q, want %q", got, end)
	}
	if !f.onLoginPage(t, "/profil") {
		t.Error("still signed in after signing out")
	}
}

// TestSSOBackChannelLogout: the OP's signed logout token ends the person's Sporbar sessions;
// a token that does not verify is refused with 400 and a log line.
func TestSSOBackChannelLogout(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	to := f.srv.URL + "/sso/" + kommune + "/" + ssotest.OIDCMethod + "/backchannel-logout"
	if resp, _ := f.oidcSignIn(t, "bent"); resp.Request.URL.Path != "/profil" {
		t.Fatalf("sign-in ended on %s", resp.Request.URL.Path)
	}
	resp, err := http.PostForm(to, url.Values{"logout_token": {"eyJhbGciOiJub25lIn0.eyJzdWIiOiJiZW50In0."}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || f.onLoginPage(t, "/profil") {
		t.Fatalf("an unsigned logout token: status %d, signed out %v; want 400 and still signed in", resp.StatusCode, f.onLoginPage(t, "/profil"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := f.op.BackChannelLogout(ctx, "bent", to); err != nil {
		t.Fatal(err)
	}
	if !f.onLoginPage(t, "/profil") {
		t.Error("still signed in after the OP's back-channel logout")
	}
}
