package server_test

import (
	"context"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// The sign-in routes that serve no HTML page: redirects to and from the IdP, and XML.
func init() {
	notPages = append(notPages, "/sso/{org}/{method}", "/sso/{org}/{method}/callback", "/sso/{org}/{method}/metadata",
		"/sso/{org}/{method}/slo")
}

// withMethod makes the kommune's OIDC method "entra" (with a mapping) and returns path below
// its administration page.
func withMethod(suffix string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string {
		t.Helper()
		ctx := context.Background()
		st := store.New(ts.db)
		org, err := st.GetOrganisationBySlug(ctx, kommune)
		if err != nil {
			t.Fatal(err)
		}
		id, err := st.CreateSignInMethod(ctx, domain.SignInMethod{OrganisationID: org.ID, Slug: "entra", Kind: domain.MethodOIDC,
			DisplayName: "Microsoft", Enabled: true, Issuer: "https://login.example.dk/v2.0", ClientID: "sporbar",
			ClientSecret: []byte{0, 'x'}, Scopes: "openid", EmailClaim: "email", NameClaim: "name", RoleClaim: "roles"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddSignInMapping(ctx, domain.SignInMapping{MethodID: id, ClaimValue: "ledere", Role: domain.RoleDirektion}); err != nil {
			t.Fatal(err)
		}
		return "/org/" + kommune + "/admin/login/entra" + suffix
	}
}

// ssoPages are the pages of signing in through an identity provider and of its administration.
var ssoPages = []pageCase{
	{name: "organisation's sign-in", route: "/login/{org}", path: fixed("/login/" + kommune), maxQueries: 3, h1: "Log ind",
		check: func(t *testing.T, _ *testServer, doc *goquery.Document) {
			if got := text(doc.Find(".font-lead")); got != "Ringkøbing-Skjern Kommune" {
				t.Errorf("organisation %q", got)
			}
		}},
	{name: "sign-in administration", route: "/org/{org}/admin/login", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/login"),
		maxQueries: 6, h1: "Administration", crumbs: []string{kommuneCrumb, "Administration af login"},
		check: formHas("local_login", "domains")},
	{name: "new identity provider", route: "/org/{org}/admin/login/ny", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/login/ny"),
		maxQueries: 3, h1: "Ny identitetsudbyder (OpenID Connect)",
		crumbs: []string{kommuneCrumb, "Login", "Ny identitetsudbyder (OpenID Connect)"},
		check:  formHas("slug", "display_name", "issuer", "client_id", "client_secret", "role_claim")},
	{name: "identity provider", route: "/org/{org}/admin/login/{method}", as: kommuneAdmin, path: withMethod(""),
		maxQueries: 6, h1: "Microsoft", crumbs: []string{kommuneCrumb, "Login", "Microsoft"},
		check: func(t *testing.T, _ *testServer, doc *goquery.Document) {
			if v, _ := doc.Find("#client_secret").Attr("value"); v != "" {
				t.Errorf("the client secret is shown back: %q", v)
			}
			if got := text(doc.Find("#tilknytninger ~ div table tbody td code")); got != "ledere" {
				t.Errorf("mapping %q, want ledere", got)
			}
		}},
	{name: "test of claims", route: "/org/{org}/admin/login/{method}/afproev", as: kommuneAdmin, path: withMethod("/afproev?krav=roles%3A+ledere"),
		maxQueries: 8, h1: "Microsoft", crumbs: []string{kommuneCrumb, "Login", "Microsoft"},
		check: func(t *testing.T, _ *testServer, doc *goquery.Document) {
			if got := text(doc.Find("[role=status] strong")); got != "Direktion–" {
				t.Errorf("the test says %q", got)
			}
		}},
}

func TestSSOPages(t *testing.T) {
	t.Parallel()
	runPages(t, ssoPages)
}
