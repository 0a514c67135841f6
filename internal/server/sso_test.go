package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/ssotest"
	"github.com/sporbar/sporbar/internal/store"
)

func init() {
	addRouteClasses(map[string]class{
		"GET /login/{org}": public, "GET /sso/{org}/{method}": public, "GET /sso/{org}/{method}/callback": public,
		"GET /sso/{org}/{method}/metadata": public, "POST /sso/{org}/{method}/acs": public,
		"POST /sso/{org}/{method}/backchannel-logout": public, "GET /sso/{org}/{method}/slo": public,
		"GET /org/{org}/admin/login": adminsOnly, "POST /org/{org}/admin/login": adminsOnly,
		"POST /org/{org}/admin/login/enheder": adminsOnly,
		"GET /org/{org}/admin/login/ny":       adminsOnly, "POST /org/{org}/admin/login/ny": adminsOnly,
		"GET /org/{org}/admin/login/{method}": adminsOnly, "POST /org/{org}/admin/login/{method}": adminsOnly,
		"POST /org/{org}/admin/login/{method}/tilknytninger":      adminsOnly,
		"POST /org/{org}/admin/login/{method}/tilknytninger/slet": adminsOnly,
		"GET /org/{org}/admin/login/{method}/afproev":             adminsOnly,
	})
}

// ssoFixture is Sporbar with the kommune's two test methods, and the real identity providers
// behind them (ssotest: zitadel's OP and crewjam's samlidp), started for the test.
type ssoFixture struct {
	*testServer
	op  *ssotest.OP
	idp *ssotest.SAMLIdP
	log *logBuffer
}

func newSSOFixture(t *testing.T) *ssoFixture {
	t.Helper()
	log := &logBuffer{}
	ts := startServer(t, slog.New(slog.NewJSONHandler(log, nil)))
	op, idp := ssotest.Start(t, store.New(ts.db), ts.srv.URL, kommune)
	return &ssoFixture{testServer: ts, op: op, idp: idp, log: log}
}

// reasons returns the "reason" of every refused sign-in logged so far.
func (b *logBuffer) reasons(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, rec := range b.records(t) {
		if rec["msg"] == "sso sign-in refused" {
			out = append(out, rec["reason"].(string))
		}
	}
	return out
}

// startAt opens the kommune's sign-in page in a fresh browser and follows the button of the
// method with display name, ending at the IdP's sign-in form.
func (f *ssoFixture) startAt(t *testing.T, name string) (*http.Client, *goquery.Document, *url.URL) {
	t.Helper()
	f.client = newClient(t)
	_, doc := f.get(t, "/login/"+kommune+"?next=%2Fprofil")
	var href string
	doc.Find("a.button").Each(func(_ int, s *goquery.Selection) {
		if strings.TrimSpace(s.Text()) == name {
			href, _ = s.Attr("href")
		}
	})
	if href == "" {
		t.Fatalf("no button %q on the sign-in page", name)
	}
	resp, err := f.client.Get(f.srv.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	idpDoc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return f.client, idpDoc, resp.Request.URL
}

// submit posts the form of doc (at base) with its hidden fields and the values given.
func submit(t *testing.T, c *http.Client, doc *goquery.Document, base *url.URL, set url.Values) *http.Response {
	t.Helper()
	form := doc.Find("form").First()
	action, _ := form.Attr("action")
	to, err := base.Parse(action)
	if err != nil {
		t.Fatal(err)
	}
	vals := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		vals.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	for k, v := range set {
		vals[k] = v
	}
	resp, err := c.PostForm(to.String(), vals)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// oidcSignIn signs username in through the OP and returns Sporbar's last answer.
func (f *ssoFixture) oidcSignIn(t *testing.T, username string) (*http.Response, *goquery.Document) {
	t.Helper()
	c, doc, at := f.startAt(t, "Testlogin (OpenID Connect)")
	resp := submit(t, c, doc, at, url.Values{"username": {username}, "password": {ssotest.DemoPassword}})
	defer resp.Body.Close()
	out, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, out
}

// samlAnswer signs username in at the SAML IdP and returns the IdP's auto-posting page (the
// signed response on its way to Sporbar, not yet posted) and its address.
func (f *ssoFixture) samlAnswer(t *testing.T, username string) (*http.Client, *goquery.Document, *url.URL) {
	t.Helper()
	c, doc, at := f.startAt(t, "Testlogin (SAML)")
	resp := submit(t, c, doc, at, url.Values{"user": {username}, "password": {ssotest.DemoPassword}})
	defer resp.Body.Close()
	page, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if page.Find("input[name=SAMLResponse]").Length() == 0 {
		h, _ := page.Html()
		t.Fatalf("the IdP did not answer with a SAML response: %.500s", h)
	}
	return c, page, resp.Request.URL
}

// postAnswer posts the IdP's page to Sporbar's ACS, SAMLResponse replaced by resp when not "".
func postAnswer(t *testing.T, c *http.Client, page *goquery.Document, at *url.URL, resp string) (*http.Response, *goquery.Document) {
	t.Helper()
	set := url.Values{}
	if resp != "" {
		set.Set("SAMLResponse", resp)
	}
	r := submit(t, c, page, at, set)
	defer r.Body.Close()
	doc, err := goquery.NewDocumentFromReader(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r, doc
}

// profile is the signed-in person's role and unit from /profil.
func (f *ssoFixture) profile(t *testing.T) (role, unit string) {
	t.Helper()
	_, doc := f.get(t, "/profil")
	doc.Find("dl.sporbar-dl dt").Each(func(_ int, s *goquery.Selection) {
		switch s.Text() {
		case "Rolle":
			role = strings.TrimSpace(s.Next().Text())
		case "Enhed":
			unit = strings.TrimSpace(s.Next().Text())
		}
	})
	return role, unit
}

// issueInstant finds the response's issue time's fraction of a second (and the Z).
var issueInstant = regexp.MustCompile(`IssueInstant="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+Z|Z)"`)

func alertText(doc *goquery.Document) string {
	return strings.TrimSpace(doc.Find(".alert-error .alert-text").Text())
}

// TestSSOSignInGivesRoleAndUnit signs people in through each real IdP: the account is made on
// the first sign-in with the role and unit the claims give, and next is kept.
func TestSSOSignInGivesRoleAndUnit(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	tests := []struct {
		name, via, user    string
		wantRole, wantUnit string
	}{
		{"OIDC områdeleder, unit from the unit claim", "oidc", "anna", "Områdeleder", "Hjemmepleje og akutaflastning"},
		{"OIDC læser", "oidc", "bent", "Læser", ""},
		{"SAML fagchef, unit from the mapping", "saml", "frank", "Fagchef", "Sundhed og Omsorg"},
		{"SAML områdeleder, unit from the groups", "saml", "olga", "Områdeleder", "Hjemmepleje og akutaflastning"},
	}
	for _, tt := range tests {
		var resp *http.Response
		if tt.via == "oidc" {
			resp, _ = f.oidcSignIn(t, tt.user)
		} else {
			c, page, at := f.samlAnswer(t, tt.user)
			resp, _ = postAnswer(t, c, page, at, "")
		}
		if got := resp.Request.URL.Path; got != "/profil" {
			t.Errorf("%s: ended on %s, want /profil (next kept)", tt.name, got)
			continue
		}
		role, unit := f.profile(t)
		if role != tt.wantRole || unit != tt.wantUnit {
			t.Errorf("%s: got %q in %q, want %q in %q", tt.name, role, unit, tt.wantRole, tt.wantUnit)
		}
	}
}

// TestSSOLosingTheRoleDeactivates: a person whose claims no longer give a role is refused and
// deactivated at the next attempt, and listed for the admin; a person who never had one is
// refused without an account.
func TestSSOLosingTheRoleDeactivates(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	if resp, _ := f.oidcSignIn(t, "bent"); resp.Request.URL.Path != "/profil" {
		t.Fatalf("first sign-in ended on %s", resp.Request.URL.Path)
	}
	f.op.SetRoles("bent", "alle-ansatte")
	resp, doc := f.oidcSignIn(t, "bent")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(alertText(doc), "ikke længere en rolle") {
		t.Errorf("after losing the role: status %d, message %q", resp.StatusCode, alertText(doc))
	}
	var active bool
	if err := f.db.QueryRow(context.Background(), `SELECT active FROM users WHERE email = 'bent@kommune.example'`).Scan(&active); err != nil || active {
		t.Errorf("bent active = %v (%v), want deactivated", active, err)
	}
	resp, doc = f.oidcSignIn(t, "dennis")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(alertText(doc), "ikke en rolle") {
		t.Errorf("no role: status %d, message %q", resp.StatusCode, alertText(doc))
	}
	if got, want := f.log.reasons(t), []string{"no-role-any-more", "no-role"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("logged reasons %v, want %v", got, want)
	}
	f.op.SetRoles("bent", "sporbar-laeser")
	if resp, _ := f.oidcSignIn(t, "bent"); resp.Request.URL.Path != "/profil" {
		t.Errorf("with the role back: ended on %s, want /profil", resp.Request.URL.Path)
	}
	// The history has what the IdP did to the account, by Sporbar (no actor), naming the method.
	rows, err := f.db.Query(context.Background(), `SELECT a.action, a.actor_id IS NULL, a.changes->'Identitetsudbyder'->>'new'
		FROM audit_log a JOIN users u ON u.id = a.entity_id AND a.entity = 'user'
		WHERE u.email = 'bent@kommune.example' ORDER BY a.id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var action, method string
		var byIdP bool
		if err := rows.Scan(&action, &byIdP, &method); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s by IdP %v via %s", action, byIdP, method))
	}
	want := []string{"create by IdP true via Testlogin (OpenID Connect)", "deactivate by IdP true via Testlogin (OpenID Connect)",
		"reactivate by IdP true via Testlogin (OpenID Connect)"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("history %q, want %q", got, want)
	}
}

// TestSSORefusesBadAnswers: a wrong nonce and a wrong audience from the OP, a tampered and a
// replayed assertion from the SAML IdP are refused with a Danish message and a log line.
func TestSSORefusesBadAnswers(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	tests := []struct {
		name       string
		do         func(t *testing.T) (*http.Response, *goquery.Document)
		wantReason string
	}{
		{"wrong nonce", func(t *testing.T) (*http.Response, *goquery.Document) {
			f.op.WrongNonce.Store(true)
			defer f.op.WrongNonce.Store(false)
			return f.oidcSignIn(t, "anna")
		}, sso.FailNonce},
		{"wrong audience", func(t *testing.T) (*http.Response, *goquery.Document) {
			f.op.WrongAudience.Store(true)
			defer f.op.WrongAudience.Store(false)
			return f.oidcSignIn(t, "anna")
		}, sso.FailAudience},
		{"tampered assertion", func(t *testing.T) (*http.Response, *goquery.Document) {
			c, page, at := f.samlAnswer(t, "bent")
			raw, err := base64.StdEncoding.DecodeString(page.Find("input[name=SAMLResponse]").AttrOr("value", ""))
			if err != nil {
				t.Fatal(err)
			}
			// The response is signed and its assertion encrypted: moving its issue time by a
			// fraction of a second keeps it valid in time but breaks the signature.
			loc := issueInstant.FindSubmatchIndex(raw)
			if loc == nil {
				t.Fatalf("no IssueInstant in %.300s", raw)
			}
			tampered := slices.Concat(raw[:loc[2]], []byte(".001Z"), raw[loc[3]:])
			if bytes.Equal(tampered, raw) {
				tampered = slices.Concat(raw[:loc[2]], []byte(".002Z"), raw[loc[3]:])
			}
			return postAnswer(t, c, page, at, base64.StdEncoding.EncodeToString(tampered))
		}, sso.FailSignature},
		{"replayed assertion", func(t *testing.T) (*http.Response, *goquery.Document) {
			c, page, at := f.samlAnswer(t, "bent")
			if resp, _ := postAnswer(t, c, page, at, ""); resp.Request.URL.Path != "/profil" {
				t.Fatalf("first use ended on %s", resp.Request.URL.Path)
			}
			return postAnswer(t, newClient(t), page, at, "")
		}, sso.FailReplay},
	}
	for _, tt := range tests {
		before := len(f.log.reasons(t))
		resp, doc := tt.do(t)
		if resp.StatusCode != http.StatusUnauthorized || alertText(doc) == "" || resp.Request.URL.Path == "/profil" {
			t.Errorf("%s: status %d on %s, message %q; want 401 with a message", tt.name, resp.StatusCode, resp.Request.URL.Path, alertText(doc))
		}
		if got := f.log.reasons(t)[before:]; len(got) != 1 || got[0] != tt.wantReason {
			t.Errorf("%s: logged %v, want [%s]", tt.name, got, tt.wantReason)
		}
	}
}
