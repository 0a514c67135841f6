package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// parseMappingForm reads the new-mapping form against the organisation's units.
func parseMappingForm(r *http.Request, units []domain.UnitRef) (pages.SignInMappingForm, domain.SignInMapping, domain.Errors) {
	f := pages.SignInMappingForm{ClaimValue: strings.TrimSpace(r.PostFormValue("claim_value")),
		Role: r.PostFormValue("role"), UnitID: r.PostFormValue("unit_id"), Errors: domain.Errors{}}
	mp := domain.SignInMapping{ClaimValue: f.ClaimValue, Role: f.Role}
	if f.ClaimValue == "" || len(f.ClaimValue) > 500 {
		f.Errors.Add("claim_value", "Skriv værdien, som kravet skal indeholde (højst 500 tegn).")
	}
	if !domain.ValidRole(f.Role) {
		f.Errors.Add("role", "Vælg en rolle.")
	}
	if f.UnitID != "" {
		id, err := strconv.ParseInt(f.UnitID, 10, 64)
		known := false
		for _, u := range units {
			known = known || (err == nil && u.ID == id)
		}
		if !known {
			f.Errors.Add("unit_id", "Vælg en af organisationens enheder.")
		}
		mp.UnitID = &id
	}
	return f, mp, f.Errors
}

// addSignInMapping appends a mapping to the method's list.
func (s *Server) addSignInMapping(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.adminSignInMethod(r)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitRefs(r.Context(), org.ID)
	if err != nil {
		return err
	}
	f, mp, errs := parseMappingForm(r, units)
	if !errs.Any() {
		mp.MethodID = m.ID
		_, err = s.store.AddSignInMapping(r.Context(), mp)
		if errors.Is(err, store.ErrConflict) {
			errs.Add("claim_value", "Værdien er allerede knyttet til en rolle.")
		} else if err != nil {
			return err
		}
	}
	if errs.Any() {
		return s.signInMethodPage(w, r, org, http.StatusUnprocessableEntity, formFromMethod(m), f, pages.SignInTest{})
	}
	s.log.Info("sign-in mapping added", "by", currentUser(r).Email, "org", org.Slug, "method", m.Slug, "value", mp.ClaimValue, "role", mp.Role)
	return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/admin/login/"+m.Slug+"#tilknytninger", "Tilknytningen er tilføjet.")
}

// deleteSignInMapping removes one of the method's mappings.
func (s *Server) deleteSignInMapping(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.adminSignInMethod(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		return badRequest("Tilknytningen findes ikke.")
	}
	if err := s.store.DeleteSignInMapping(r.Context(), m.ID, id); err != nil {
		return err
	}
	s.log.Info("sign-in mapping removed", "by", currentUser(r).Email, "org", org.Slug, "method", m.Slug, "mapping", id)
	return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/admin/login/"+m.Slug+"#tilknytninger", "Tilknytningen er fjernet.")
}

// testSignInClaims shows what typed claims would give with the method's mappings, by the
// same rule as a real sign-in (auth.GrantFromClaims).
func (s *Server) testSignInClaims(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.adminSignInMethod(r)
	if err != nil {
		return err
	}
	text := r.URL.Query().Get("krav")
	if len(text) > 20000 {
		return badRequest("Kravene er for lange.")
	}
	maps, err := s.store.ListSignInMappings(r.Context(), m.ID)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitRefs(r.Context(), org.ID)
	if err != nil {
		return err
	}
	g := auth.GrantFromClaims(m, maps, units, parseClaimsText(text))
	test := pages.SignInTest{Claims: text, Ran: true, Role: g.Role, UnitName: g.UnitName, Matched: g.Matched, Reason: g.Reason}
	return s.signInMethodPage(w, r, org, http.StatusOK, formFromMethod(m), pages.SignInMappingForm{}, test)
}

// parseClaimsText reads "name: value" lines; a name on several lines has several values.
func parseClaimsText(text string) domain.Claims {
	c := domain.Claims{Values: map[string][]string{}}
	for _, line := range strings.Split(text, "\n") {
		name, value, ok := strings.Cut(line, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if ok && name != "" && value != "" {
			c.Values[name] = append(c.Values[name], value)
		}
	}
	return c
}
