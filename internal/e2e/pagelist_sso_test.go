package e2e

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
)

// The sign-in routes (server/sso_*.go) in the page list: the organisation's sign-in page is
// visited signed out; the protocol's addresses serve no page; a method's pages are filled by
// signInPages, which makes the methods first.
func init() {
	notPages["/sso/{org}/{method}"] = "redirect to the identity provider"
	notPages["/sso/{org}/{method}/callback"] = "redirect back from the identity provider"
	notPages["/sso/{org}/{method}/metadata"] = "SAML metadata, XML"
	notPages["/sso/{org}/{method}/slo"] = "SAML Single Logout, redirects to and from the identity provider"
	notPages["/org/{org}/admin/login/{method}"] = "filled by signInPages (pagelist_sso_test.go)"
	notPages["/org/{org}/admin/login/{method}/afproev"] = "filled by signInPages (pagelist_sso_test.go)"
	signedOutPages["/login/{org}"] = true
	fills["/login/"] = `SELECT slug, slug FROM organisations`
}

// idpMetadata is a SAML IdP's metadata, enough for a method's page.
const idpMetadata = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.dk">
<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.dk/sso"/>
</IDPSSODescriptor></EntityDescriptor>`

// signInPages gives each organisation an OIDC and a SAML method (with a mapping) and returns
// their pages, the test of claims, the sign-in page with both, and the new-method form sent
// empty.
func (a *app) signInPages(t *testing.T) []page {
	t.Helper()
	ctx := context.Background()
	sealer, _ := sso.NewSealer("")
	var out []page
	for _, slug := range []string{kommune, region} {
		org, err := a.Store.GetOrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		secret, _ := sealer.Seal([]byte("hemmelig"))
		cert, key, err := sso.NewKeyPair("e2e")
		if err != nil {
			t.Fatal(err)
		}
		sealedKey, _ := sealer.Seal(key)
		for _, m := range []domain.SignInMethod{
			{OrganisationID: org.ID, Slug: "entra", Kind: domain.MethodOIDC, DisplayName: "Microsoft", Enabled: true,
				Issuer: "https://login.microsoftonline.com/tenant/v2.0", ClientID: "sporbar", ClientSecret: secret,
				Scopes: "openid email profile", EmailClaim: "email", NameClaim: "name", RoleClaim: "roles", UnitClaim: "unit"},
			{OrganisationID: org.ID, Slug: "kombit", Kind: domain.MethodSAML, DisplayName: "Medarbejderlogin", Enabled: true,
				IDPMetadata: idpMetadata, SPCertificate: cert, SPPrivateKey: sealedKey, EmailClaim: "mail", NameClaim: "cn", RoleClaim: "groups"},
		} {
			id, err := a.Store.CreateSignInMethod(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Store.AddSignInMapping(ctx, domain.SignInMapping{MethodID: id, ClaimValue: "sporbar-laeser", Role: domain.RoleLaeser}); err != nil {
				t.Fatal(err)
			}
			base := "/org/" + slug + "/admin/login/" + m.Slug
			out = append(out,
				page{Route: "/org/{org}/admin/login/{method}", Path: base, Org: slug, Status: http.StatusOK},
				page{Route: "/org/{org}/admin/login/{method}/afproev", Path: base + "/afproev?krav=" + url.QueryEscape("roles: sporbar-laeser"),
					Org: slug, Status: http.StatusOK})
		}
		out = append(out,
			page{Route: "/login/{org}", Path: "/login/" + slug, Org: slug, Status: http.StatusOK, As: asNobody, Name: "login-metoder/" + slug},
			page{Route: "POST /org/{org}/admin/login/ny", Path: "/org/" + slug + "/admin/login/ny?type=saml", Org: slug,
				Status: http.StatusUnprocessableEntity, Form: url.Values{}, Name: "fejl/login-ny/" + slug})
	}
	return out
}
