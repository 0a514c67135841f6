package server_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

const adminLogin = "/org/" + kommune + "/admin/login"

// fieldError is the message beside the field name, or "".
func fieldError(doc *goquery.Document, name string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(doc.Find("#"+name+"-error").Text()), "Fejl:"))
}

// TestSignInMethodForms: the admin's forms for identity providers answer bad input with Danish
// messages beside the fields and the input kept, and never show a secret back.
func TestSignInMethodForms(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	f.signIn(t, userEmail(kommune, domain.RoleAdmin))
	const secret = "meget-hemmelig-klientnoegle"
	tests := []struct {
		name       string
		path       string
		form       url.Values
		wantStatus int
		wantErrors []string // fields with a message
		wantKept   map[string]string
	}{
		{"OIDC without anything", adminLogin + "/ny?type=oidc", url.Values{"display_name": {"Entra"}},
			http.StatusUnprocessableEntity, []string{"slug", "issuer", "client_id", "client_secret", "role_claim"}, map[string]string{"display_name": "Entra"}},
		{"OIDC over plain http elsewhere", adminLogin + "/ny?type=oidc", url.Values{"slug": {"entra"}, "display_name": {"Entra"},
			"issuer": {"http://login.example.dk"}, "client_id": {"abc"}, "client_secret": {secret}, "scopes": {"openid"},
			"role_claim": {"roles"}, "email_claim": {"email"}, "name_claim": {"name"}},
			http.StatusUnprocessableEntity, []string{"issuer"}, map[string]string{"slug": "entra", "client_id": "abc", "client_secret": ""}},
		{"reserved slug", adminLogin + "/ny?type=oidc", url.Values{"slug": {"ny"}}, http.StatusUnprocessableEntity, []string{"slug"}, nil},
		{"SAML with metadata that is not", adminLogin + "/ny?type=saml", url.Values{"slug": {"kombit"}, "display_name": {"KOMBIT"},
			"metadata_xml": {"<html>nej</html>"}, "role_claim": {"groups"}, "email_claim": {"mail"}, "name_claim": {"cn"}},
			http.StatusUnprocessableEntity, []string{"metadata_xml"}, map[string]string{"slug": "kombit"}},
		{"SAML whose metadata cannot be fetched", adminLogin + "/ny?type=saml", url.Values{"slug": {"kombit"}, "display_name": {"KOMBIT"},
			"metadata_url": {"http://127.0.0.1:1/metadata"}, "role_claim": {"groups"}, "email_claim": {"mail"}, "name_claim": {"cn"}},
			http.StatusUnprocessableEntity, []string{"metadata_url"}, map[string]string{"metadata_url": "http://127.0.0.1:1/metadata"}},
		{"good OIDC", adminLogin + "/ny?type=oidc", url.Values{"slug": {"entra"}, "display_name": {"Microsoft"}, "enabled": {"1"},
			"issuer": {"https://login.microsoftonline.com/tenant/v2.0"}, "client_id": {"abc"}, "client_secret": {secret},
			"scopes": {"openid email profile"}, "role_claim": {"roles"}, "email_claim": {"email"}, "name_claim": {"name"}},
			http.StatusOK, nil, map[string]string{"display_name": "Microsoft", "client_secret": ""}},
		{"good SAML from the IdP's metadata address", adminLogin + "/ny?type=saml", url.Values{"slug": {"os2faktor"}, "display_name": {"OS2faktor"},
			"enabled": {"1"}, "metadata_url": {f.idp.MetadataURL}, "role_claim": {"groups"}, "email_claim": {"mail"}, "name_claim": {"cn"}},
			http.StatusOK, nil, map[string]string{"display_name": "OS2faktor"}},
	}
	for _, tt := range tests {
		status, doc := f.post(t, tt.path, tt.form)
		if status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.wantStatus)
		}
		for _, name := range tt.wantErrors {
			if fieldError(doc, name) == "" {
				t.Errorf("%s: no message beside %s", tt.name, name)
			}
		}
		for name, want := range tt.wantKept {
			if got := doc.Find("#"+name).AttrOr("value", ""); got != want {
				t.Errorf("%s: %s = %q, want %q", tt.name, name, got, want)
			}
		}
		if html, _ := doc.Html(); strings.Contains(html, secret) {
			t.Errorf("%s: the page shows the client secret", tt.name)
		}
	}
	// Our SAML metadata for the new method, at its stable address.
	resp, body := f.fetch(t, "/sso/"+kommune+"/os2faktor/metadata")
	var md struct {
		EntityID string `xml:"entityID,attr"`
	}
	if err := xml.Unmarshal(body, &md); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("SP metadata: status %d, %v", resp.StatusCode, err)
	}
	if want := f.srv.URL + "/sso/" + kommune + "/os2faktor/metadata"; md.EntityID != want {
		t.Errorf("entity id %q, want %q", md.EntityID, want)
	}
}

// TestSignInMappingsAndTest: mappings are added with messages for bad input, and the test view
// tells what claims give, by the same rule as signing in.
func TestSignInMappingsAndTest(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	f.signIn(t, userEmail(kommune, domain.RoleAdmin))
	method := adminLogin + "/test-oidc"
	status, doc := f.post(t, method+"/tilknytninger", url.Values{"claim_value": {"sporbar-leder"}, "role": {"direktion"}})
	if status != http.StatusUnprocessableEntity || fieldError(doc, "claim_value") == "" {
		t.Errorf("a value already mapped: status %d, message %q", status, fieldError(doc, "claim_value"))
	}
	status, doc = f.post(t, method+"/tilknytninger", url.Values{"claim_value": {"ledelse"}, "role": {"konge"}})
	if status != http.StatusUnprocessableEntity || fieldError(doc, "role") == "" || doc.Find("#claim_value").AttrOr("value", "") != "ledelse" {
		t.Errorf("a role that is not: status %d, message %q", status, fieldError(doc, "role"))
	}
	if status, _ = f.post(t, method+"/tilknytninger", url.Values{"claim_value": {"ledelse"}, "role": {"direktion"}}); status != http.StatusOK {
		t.Errorf("a good mapping: status %d", status)
	}
	tests := []struct {
		claims, want string
	}{
		{"roles: ledelse", "Rolle: Direktion"},
		{"roles: sporbar-leder\nunit: 3f6c1b2e-8d4a-4c1e-9b1a-2a7d5e0c9f11", "Enhed: Hjemmepleje og akutaflastning"},
		{"roles: sporbar-leder", "Ingen adgang"},
		{"groups: ledelse", "Ingen adgang"},
	}
	for _, tt := range tests {
		_, doc := f.get(t, method+"/afproev?krav="+url.QueryEscape(tt.claims))
		if got := strings.Join(strings.Fields(doc.Find("[role=status]").Text()), " "); !strings.Contains(got, tt.want) {
			t.Errorf("claims %q: %q, want %q in it", tt.claims, got, tt.want)
		}
	}
}

// TestLocalLoginAndDomains: e-mail and password can be turned off only beside an enabled IdP,
// and then a right password is refused; an address on the organisation's domain typed
// without a password goes to the organisation's sign-in page, keeping next.
func TestLocalLoginAndDomains(t *testing.T) {
	t.Parallel()
	f := newSSOFixture(t)
	f.signIn(t, userEmail(kommune, domain.RoleAdmin))
	if _, err := f.db.Exec(context.Background(), `UPDATE sign_in_methods SET enabled = false`); err != nil {
		t.Fatal(err)
	}
	status, doc := f.post(t, adminLogin, url.Values{"domains": {"kommune.example, ikke et domæne"}})
	if status != http.StatusUnprocessableEntity || fieldError(doc, "domains") == "" || doc.Find("#local_login-error").Text() == "" {
		t.Errorf("bad domain and no enabled IdP: status %d", status)
	}
	if !strings.Contains(doc.Find("#domains").Text(), "ikke et domæne") {
		t.Errorf("the typed domains were not kept: %q", doc.Find("#domains").Text())
	}
	if _, err := f.db.Exec(context.Background(), `UPDATE sign_in_methods SET enabled = true`); err != nil {
		t.Fatal(err)
	}
	if status, _ := f.post(t, adminLogin, url.Values{"domains": {"Kommune.example"}}); status != http.StatusOK {
		t.Fatalf("good settings: status %d", status)
	}
	f.client = newClient(t)
	resp, err := f.client.PostForm(f.srv.URL+"/login", url.Values{"email": {"someone@kommune.example"}, "next": {"/profil"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, want := resp.Request.URL.RequestURI(), "/login/"+kommune+"?next=%2Fprofil"; got != want {
		t.Errorf("e-mail on the domain went to %s, want %s", got, want)
	}
	status, doc = f.post(t, "/login", url.Values{"email": {userEmail(kommune, domain.RoleLaeser)}, "password": {testPassword}})
	if status != http.StatusForbidden || !strings.Contains(doc.Find(".alert-error").Text(), "eget login") {
		t.Errorf("password with local login off: status %d, %q", status, doc.Find(".alert-error").Text())
	}
	_, doc = f.get(t, "/login/"+kommune)
	if doc.Find("input#password").Length() != 0 || doc.Find("a.button").Length() != 2 {
		t.Errorf("the organisation's page shows a password field (%d) or not its two methods (%d)",
			doc.Find("input#password").Length(), doc.Find("a.button").Length())
	}
}
