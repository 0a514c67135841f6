package server

import (
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// signInAdminOrg is the organisation named in the path, for one of its admins: its sign-in
// methods and accounts are the admin's (auth.ManageUsers).
func (s *Server) signInAdminOrg(r *http.Request) (domain.Organisation, error) {
	org, err := s.store.GetOrganisationBySlug(r.Context(), chi.URLParam(r, "org"))
	if err != nil {
		return org, err
	}
	return org, s.authorize(r, auth.ManageUsers, auth.InOrganisation(org.ID))
}

// signInAdmin is the organisation's sign-in administration.
func (s *Server) signInAdmin(w http.ResponseWriter, r *http.Request) error {
	org, err := s.signInAdminOrg(r)
	if err != nil {
		return err
	}
	set, err := s.store.GetSignInSettings(r.Context(), org.ID)
	if err != nil {
		return err
	}
	f := pages.SignInSettingsForm{LocalLogin: set.LocalLogin, Domains: strings.Join(set.EmailDomains, "\n")}
	return s.signInAdminPage(w, r, org, http.StatusOK, f)
}

// signInAdminPage renders the page with the settings form f (GET and a failed POST).
func (s *Server) signInAdminPage(w http.ResponseWriter, r *http.Request, org domain.Organisation, status int, f pages.SignInSettingsForm) error {
	ctx := r.Context()
	v := pages.SignInAdminView{Org: org, Form: f}
	var err error
	if v.Methods, err = s.store.ListSignInMethods(ctx, org.ID); err != nil {
		return err
	}
	if v.Units, err = s.store.ListUnitRefs(ctx, org.ID); err != nil {
		return err
	}
	if v.LostAccess, err = s.store.ListLostAccess(ctx, org.ID); err != nil {
		return err
	}
	return s.render(w, r, status, pages.SignInAdmin(s.orgPage(r, org, "admin", "Login", components.Crumb{Label: "Administration af login"}), v))
}

// emailDomain is what an e-mail domain may look like.
var emailDomain = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

// parseSignInSettings reads the settings form. Turning e-mail and password off needs an
// enabled identity provider, or nobody could sign in.
func parseSignInSettings(r *http.Request, methods []domain.SignInMethod) (pages.SignInSettingsForm, []string, domain.Errors) {
	f := pages.SignInSettingsForm{LocalLogin: r.PostFormValue("local_login") != "", Domains: r.PostFormValue("domains"), Errors: domain.Errors{}}
	var domains []string
	for _, d := range strings.FieldsFunc(strings.ToLower(f.Domains), func(r rune) bool { return r == ',' || r == '\n' || r == ' ' || r == '\r' }) {
		d = strings.TrimPrefix(d, "@")
		if !emailDomain.MatchString(d) || len(d) > 200 {
			f.Errors.Add("domains", "«"+d+"» er ikke et e-maildomæne som kommune.dk.")
		} else if !slices.Contains(domains, d) {
			domains = append(domains, d)
		}
	}
	if len(domains) > 20 {
		f.Errors.Add("domains", "Højst 20 domæner.")
	}
	if !f.LocalLogin && !slices.ContainsFunc(methods, func(m domain.SignInMethod) bool { return m.Enabled }) {
		f.Errors.Add("local_login", "Login med e-mail og adgangskode kan kun slås fra, når en identitetsudbyder er slået til.")
	}
	return f, domains, f.Errors
}

// updateSignInSettings saves whether e-mail and password are allowed, and the e-mail domains.
func (s *Server) updateSignInSettings(w http.ResponseWriter, r *http.Request) error {
	org, err := s.signInAdminOrg(r)
	if err != nil {
		return err
	}
	methods, err := s.store.ListSignInMethods(r.Context(), org.ID)
	if err != nil {
		return err
	}
	f, domains, errs := parseSignInSettings(r, methods)
	if !errs.Any() {
		err = s.store.SetSignInSettings(r.Context(), domain.SignInSettings{OrganisationID: org.ID, LocalLogin: f.LocalLogin, EmailDomains: domains})
		if errors.Is(err, store.ErrConflict) {
			errs.Add("domains", "Et af domænerne bruges allerede af en anden organisation.")
		} else if err != nil {
			return err
		}
	}
	if errs.Any() {
		return s.signInAdminPage(w, r, org, http.StatusUnprocessableEntity, f)
	}
	s.log.Info("sign-in settings changed", "by", currentUser(r).Email, "org", org.Slug, "local_login", f.LocalLogin, "domains", domains)
	return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/admin/login", "Indstillingerne for login er gemt.")
}

// updateUnitExternalIDs saves the units' directory ids (fields unit-{id}).
func (s *Server) updateUnitExternalIDs(w http.ResponseWriter, r *http.Request) error {
	org, err := s.signInAdminOrg(r)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitRefs(r.Context(), org.ID)
	if err != nil {
		return err
	}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		for _, u := range units {
			v := strings.TrimSpace(r.PostFormValue("unit-" + strconv.FormatInt(u.ID, 10)))
			if len(v) > 200 {
				return badRequest("Et id må højst være 200 tegn.")
			}
			if err := tx.SetUnitExternalID(r.Context(), org.ID, u.ID, v); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/admin/login#enheder", "To enheder kan ikke have samme id. Intet er gemt.")
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/admin/login#enheder", "Enhedernes id er gemt.")
}
