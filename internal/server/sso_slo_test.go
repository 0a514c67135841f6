package server_test

import (
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/sporbar/sporbar/internal/ssotest"
)

// samlSignedIn signs bent in through the SAML IdP and checks that he landed on /profil.
func (f *ssoFixture) samlSignedIn(t *testing.T) *http.Client {
	t.Helper()
	c, page, at := f.samlAnswer(t, "bent")
	if resp, _ := postAnswer(t, c, page, at, ""); resp.Request.URL.Path != "/profil" {
		t.Fatalf("SAML sign-in ended on %s", resp.Request.URL.Path)
	}
	return c
}

// TestSSOSAMLSingleLogout runs SAML Single Logout against crewjam's samlidp both ways: our
// sign-out sends a signed LogoutRequest to the IdP, whose LogoutResponse brings the browser
// back to the organisation's sign-in page, and the IdP's session is gone too; the IdP's own
// sign-out sends a LogoutRequest to our SLO address, which ends the person's Sporbar sessions
// and answers. A LogoutResponse nobody asked for is refused with 400 and a log line.
func TestSSOSAMLSingleLogout(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	steps := []struct {
		name    string
		signOut func(c *http.Client) (*http.Response, error)
		wantAt  string // the browser's last address
	}{
		{"our sign-out", func(c *http.Client) (*http.Response, error) { return c.PostForm(f.srv.URL+"/logout", url.Values{}) },
			f.srv.URL + "/login/" + kommune},
		{"the IdP's sign-out", func(c *http.Client) (*http.Response, error) { return c.Get(f.idp.URL + "/logout") },
			f.idp.URL + "/slo"}, // the IdP takes our LogoutResponse
	}
	for _, st := range steps {
		c := f.samlSignedIn(t)
		var visited []string
		c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			visited = append(visited, req.URL.Scheme+"://"+req.URL.Host+req.URL.Path)
			return nil
		}
		resp, err := st.signOut(c)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		slo := f.srv.URL + "/sso/" + kommune + "/" + ssotest.SAMLMethod + "/slo"
		if !contains(visited, slo) {
			t.Errorf("%s: the browser never came by our SLO address: %q", st.name, visited)
		}
		if got := resp.Request.URL.Scheme + "://" + resp.Request.URL.Host + resp.Request.URL.Path; resp.StatusCode != http.StatusOK || got != st.wantAt {
			t.Errorf("%s: ended at %s with %d, want %s", st.name, got, resp.StatusCode, st.wantAt)
		}
		f.client = c
		if !f.onLoginPage(t, "/profil") {
			t.Errorf("%s: still signed in to Sporbar", st.name)
		}
		if _, doc, _ := f.startAt(t, "Testlogin (SAML)"); doc.Find("input[name=SAMLResponse]").Length() > 0 {
			t.Errorf("%s: the IdP's session survived", st.name)
		}
	}
	resp, _ := f.fetch(t, "/sso/"+kommune+"/"+ssotest.SAMLMethod+"/slo?SAMLResponse=abc&RelayState=nothing")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unasked LogoutResponse: status %d, want 400", resp.StatusCode)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
