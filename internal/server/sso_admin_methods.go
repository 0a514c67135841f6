package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// methodSlug is what a method's short name in its addresses may look like.
var methodSlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// newSignInMethod is the form for a new OIDC or SAML method (?type=oidc|saml).
func (s *Server) newSignInMethod(w http.ResponseWriter, r *http.Request) error {
	org, err := s.signInAdminOrg(r)
	if err != nil {
		return err
	}
	kind := methodKind(r)
	f := pages.SignInMethodForm{New: true, Kind: kind, Enabled: true, Scopes: "openid email profile",
		EmailClaim: "email", NameClaim: "name", RoleClaim: "roles"}
	if kind == domain.MethodSAML {
		f.EmailClaim, f.NameClaim, f.RoleClaim = "mail", "cn", "groups"
	}
	return s.signInMethodPage(w, r, org, http.StatusOK, f, pages.SignInMappingForm{}, pages.SignInTest{})
}

func methodKind(r *http.Request) string {
	if r.URL.Query().Get("type") == domain.MethodSAML {
		return domain.MethodSAML
	}
	return domain.MethodOIDC
}

// createSignInMethod saves a new method: an OIDC client secret sealed, a SAML method with the
// IdP's metadata (fetched or pasted) and a key pair of its own.
func (s *Server) createSignInMethod(w http.ResponseWriter, r *http.Request) error {
	org, err := s.signInAdminOrg(r)
	if err != nil {
		return err
	}
	f, errs := parseMethodForm(r, pages.SignInMethodForm{New: true, Kind: methodKind(r)}, s.idpAddress)
	m := methodFromForm(f, domain.SignInMethod{OrganisationID: org.ID, Slug: f.Slug, Kind: f.Kind})
	if !errs.Any() {
		err = s.completeMethod(r.Context(), &m, f, errs)
	}
	if err == nil && !errs.Any() {
		_, err = s.store.CreateSignInMethod(r.Context(), m)
		if errors.Is(err, store.ErrConflict) {
			errs.Add("slug", "Organisationen har allerede en identitetsudbyder med det korte navn.")
			err = nil
		}
	}
	if err != nil {
		return err
	}
	if errs.Any() {
		f.ClientSecret, f.SPKey = "", ""
		return s.signInMethodPage(w, r, org, http.StatusUnprocessableEntity, f, pages.SignInMappingForm{}, pages.SignInTest{})
	}
	s.log.Info("sign-in method created", "by", currentUser(r).Email, "org", org.Slug, "method", m.Slug, "kind", m.Kind)
	return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/admin/login/"+m.Slug, "Identitetsudbyderen er oprettet. Tilføj nu tilknytningerne til roller.")
}

// editSignInMethod is a method's page.
func (s *Server) editSignInMethod(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.adminSignInMethod(r)
	if err != nil {
		return err
	}
	return s.signInMethodPage(w, r, org, http.StatusOK, formFromMethod(m), pages.SignInMappingForm{}, pages.SignInTest{})
}

// updateSignInMethod saves a method's settings if nobody else has since; an empty secret or
// metadata field keeps what is stored.
func (s *Server) updateSignInMethod(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.adminSignInMethod(r)
	if err != nil {
		return err
	}
	cur := formFromMethod(m)
	f, errs := parseMethodForm(r, cur, s.idpAddress)
	next := methodFromForm(f, m)
	next.ClientSecret, next.Version = nil, f.Version
	if !errs.Any() {
		err = s.completeMethod(r.Context(), &next, f, errs)
	}
	if err == nil && !errs.Any() {
		_, err = s.store.UpdateSignInMethod(r.Context(), next)
		if errors.Is(err, store.ErrConflict) {
			errs.Add("display_name", "En anden har gemt identitetsudbyderen imens. Se de gemte værdier, og gem igen.")
			f.Version, err = m.Version, nil
		}
	}
	if err != nil {
		return err
	}
	if errs.Any() {
		f.ClientSecret, f.SPKey = "", ""
		return s.signInMethodPage(w, r, org, http.StatusUnprocessableEntity, f, pages.SignInMappingForm{}, pages.SignInTest{})
	}
	s.log.Info("sign-in method changed", "by", currentUser(r).Email, "org", org.Slug, "method", m.Slug)
	return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/admin/login/"+m.Slug, "Identitetsudbyderen er gemt.")
}

// adminSignInMethod is the organisation's method named in the path, for one of its admins.
func (s *Server) adminSignInMethod(r *http.Request) (domain.Organisation, domain.SignInMethod, error) {
	org, err := s.signInAdminOrg(r)
	if err != nil {
		return org, domain.SignInMethod{}, err
	}
	m, err := s.store.GetSignInMethodBySlug(r.Context(), org.ID, chi.URLParam(r, "method"))
	return org, m, err
}

// signInMethodPage renders a method's page (GET and a failed POST of any of its forms).
func (s *Server) signInMethodPage(w http.ResponseWriter, r *http.Request, org domain.Organisation, status int,
	f pages.SignInMethodForm, mf pages.SignInMappingForm, test pages.SignInTest) error {
	v := pages.SignInMethodView{Org: org, Form: f, MapForm: mf, Test: test}
	title := "Ny identitetsudbyder (" + (domain.SignInMethod{Kind: f.Kind}).KindLabel() + ")"
	if !f.New {
		m, err := s.store.GetSignInMethodBySlug(r.Context(), org.ID, f.Slug)
		if err != nil {
			return err
		}
		title = m.DisplayName // the stored name, whatever the form holds
		if v.Mappings, err = s.store.ListSignInMappings(r.Context(), m.ID); err != nil {
			return err
		}
		v.Addresses = s.methodAddresses(org, m)
		v.Certificates = spCertificates(m)
	}
	var err error
	if v.Units, err = s.store.ListUnitRefs(r.Context(), org.ID); err != nil {
		return err
	}
	return s.render(w, r, status, pages.SignInMethod(s.orgPage(r, org, "admin", title,
		components.Crumb{Label: "Login", Href: templ.SafeURL("/org/" + org.Slug + "/admin/login")}, components.Crumb{Label: title}), v))
}

// methodAddresses are the values the kommune's IT enters at the IdP.
func (s *Server) methodAddresses(org domain.Organisation, m domain.SignInMethod) []components.Option {
	if m.Kind == domain.MethodSAML {
		a := sso.AddressesFor(s.cfg.BaseURL, org.Slug, m.Slug)
		return []components.Option{{Label: "Entity ID og metadata", Value: a.Metadata},
			{Label: "Assertion Consumer Service (HTTP-POST)", Value: a.ACS}, {Label: "Single Logout (HTTP-Redirect)", Value: a.SLO}}
	}
	return []components.Option{{Label: "Redirect URI", Value: s.cfg.BaseURL + ssoPath(org.Slug, m.Slug, "/callback")},
		{Label: "Login-side", Value: s.cfg.BaseURL + "/login/" + org.Slug}}
}

// parseMethodForm reads a method's form over cur (kind, slug and version of an existing one)
// and checks it; addressOK decides which IdP addresses Sporbar may call.
func parseMethodForm(r *http.Request, cur pages.SignInMethodForm, addressOK func(string) bool) (pages.SignInMethodForm, domain.Errors) {
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	f := cur
	if f.New {
		f.Slug = v("slug")
	}
	f.DisplayName, f.Enabled = v("display_name"), r.PostFormValue("enabled") != ""
	f.Issuer, f.ClientID, f.ClientSecret, f.Scopes = v("issuer"), v("client_id"), v("client_secret"), v("scopes")
	f.MetadataURL, f.MetadataXML = v("metadata_url"), v("metadata_xml")
	f.SubjectClaim, f.EmailClaim, f.NameClaim, f.RoleClaim = v("subject_claim"), v("email_claim"), v("name_claim"), v("role_claim")
	f.UnitClaim, f.LogoutURL = v("unit_claim"), v("logout_url")
	f.SPCertificate, f.SPKey, f.SPSwitch = v("sp_certificate"), v("sp_private_key"), r.PostFormValue("sp_switch") != ""
	if f.SPCertificate == "" {
		f.SPCertificate = pemUpload(r, "sp_certificate_file")
	}
	if f.SPKey == "" {
		f.SPKey = pemUpload(r, "sp_private_key_file")
	}
	if ver, err := strconv.ParseInt(r.PostFormValue("version"), 10, 32); err == nil {
		f.Version = int32(ver)
	}
	errs := domain.Errors{}
	if f.New && (!methodSlug.MatchString(f.Slug) || len(f.Slug) > 60 || f.Slug == "ny" || f.Slug == "enheder") {
		errs.Add("slug", "Skriv et kort navn med små bogstaver, tal og bindestreger, fx entra.")
	}
	if f.DisplayName == "" || len([]rune(f.DisplayName)) > 100 {
		errs.Add("display_name", "Skriv navnet på knappen (højst 100 tegn).")
	}
	for name, val := range map[string]string{"role_claim": f.RoleClaim, "email_claim": f.EmailClaim, "name_claim": f.NameClaim} {
		if val == "" || len(val) > 200 {
			errs.Add(name, "Skriv kravets navn (højst 200 tegn).")
		}
	}
	if f.LogoutURL != "" && !addressOK(f.LogoutURL) {
		errs.Add("logout_url", "Skriv en adresse, der begynder med https://.")
	}
	if f.Kind == domain.MethodSAML {
		checkSAMLForm(f, errs, addressOK)
	} else {
		checkOIDCForm(f, errs, addressOK)
	}
	f.Errors = errs // the same map: later checks (completeMethod, the store) add to it
	return f, errs
}

func checkOIDCForm(f pages.SignInMethodForm, errs domain.Errors, addressOK func(string) bool) {
	if !addressOK(f.Issuer) {
		errs.Add("issuer", "Skriv udstederens adresse, fx https://login.microsoftonline.com/<tenant-id>/v2.0.")
	}
	if f.ClientID == "" || len(f.ClientID) > 300 {
		errs.Add("client_id", "Skriv klient-id'et fra identitetsudbyderen.")
	}
	if (f.ClientSecret == "" && !f.HasSecret) || len(f.ClientSecret) > 2000 {
		errs.Add("client_secret", "Skriv klienthemmeligheden fra identitetsudbyderen.")
	}
	if !strings.Contains(" "+f.Scopes+" ", " openid ") {
		errs.Add("scopes", "Scopes skal indeholde openid.")
	}
}

func checkSAMLForm(f pages.SignInMethodForm, errs domain.Errors, addressOK func(string) bool) {
	switch {
	case f.MetadataURL != "" && !addressOK(f.MetadataURL):
		errs.Add("metadata_url", "Skriv en adresse, der begynder med https://.")
	case f.MetadataXML != "":
		if len(f.MetadataXML) > 1<<20 || sso.CheckIDPMetadata([]byte(f.MetadataXML)) != nil {
			errs.Add("metadata_xml", "Det indsatte er ikke en identitetsudbyders SAML-metadata.")
		}
	case f.MetadataURL == "" && !f.HasMetadata:
		errs.Add("metadata_url", "Skriv adressen på udbyderens metadata, eller indsæt dem herunder.")
	}
	checkSPKeyPair(f, errs)
}

// idpAddress accepts https addresses, and http on the machine itself only in a development
// installation (BASE_URL with http), so that an admin cannot make Sporbar call local services.
func (s *Server) idpAddress(addr string) bool {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" || len(addr) > 500 {
		return false
	}
	host := u.Hostname()
	loopback := host == "localhost" || host == "127.0.0.1" || host == "::1"
	return (u.Scheme == "https" && !loopback) ||
		(loopback && u.Scheme == "http" && strings.HasPrefix(s.cfg.BaseURL, "http://"))
}

// completeMethod adds what the form does not carry: the sealed secret, the IdP's metadata
// (fetched from its address: a failure is a message beside the field) and a new SAML
// method's key pair.
func (s *Server) completeMethod(ctx context.Context, m *domain.SignInMethod, f pages.SignInMethodForm, errs domain.Errors) error {
	var err error
	if f.ClientSecret != "" {
		if m.ClientSecret, err = s.sealer.Seal([]byte(f.ClientSecret)); err != nil {
			return err
		}
	}
	if m.Kind != domain.MethodSAML {
		return nil
	}
	switch {
	case f.MetadataXML != "":
		m.IDPMetadata = f.MetadataXML
	case f.MetadataURL != "": // fetched again at every save: how a new IdP certificate is taken in
		md, err := s.sso.FetchIDPMetadata(ctx, f.MetadataURL)
		if err != nil {
			s.log.Warn("fetching IdP metadata failed", "url", f.MetadataURL, "err", err)
			errs.Add("metadata_url", "Metadata kunne ikke hentes fra adressen. Tjek den, eller indsæt metadata herunder.")
			return nil
		}
		m.IDPMetadata = string(md)
	}
	return s.completeSPKeys(m, f)
}

// formFromMethod is the form of a stored method: secrets are never put back in it.
func formFromMethod(m domain.SignInMethod) pages.SignInMethodForm {
	return pages.SignInMethodForm{Kind: m.Kind, Version: m.Version, Slug: m.Slug, DisplayName: m.DisplayName,
		Enabled: m.Enabled, Issuer: m.Issuer, ClientID: m.ClientID, Scopes: m.Scopes, HasSecret: len(m.ClientSecret) > 0,
		MetadataURL: m.IDPMetadataURL, HasMetadata: m.IDPMetadata != "", SubjectClaim: m.SubjectClaim,
		EmailClaim: m.EmailClaim, NameClaim: m.NameClaim, RoleClaim: m.RoleClaim, UnitClaim: m.UnitClaim, LogoutURL: m.LogoutURL,
		HasNextCertificate: m.SPNextCertificate != ""}
}

// methodFromForm is m with the form's settings.
func methodFromForm(f pages.SignInMethodForm, m domain.SignInMethod) domain.SignInMethod {
	m.DisplayName, m.Enabled = f.DisplayName, f.Enabled
	m.Issuer, m.ClientID, m.Scopes, m.IDPMetadataURL = f.Issuer, f.ClientID, f.Scopes, f.MetadataURL
	m.SubjectClaim, m.EmailClaim, m.NameClaim, m.RoleClaim = f.SubjectClaim, f.EmailClaim, f.NameClaim, f.RoleClaim
	m.UnitClaim, m.LogoutURL = f.UnitClaim, f.LogoutURL
	return m
}
