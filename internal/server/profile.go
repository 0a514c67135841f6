package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/web/pages"
)

// showProfile is "Min profil".
func (s *Server) showProfile(w http.ResponseWriter, r *http.Request) error {
	return s.renderProfile(w, r, http.StatusOK, domain.Errors{})
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, status int, errs domain.Errors) error {
	ctx := r.Context()
	u, err := s.store.GetUser(ctx, currentUser(r).ID)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, u.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.ProfileView{User: u, OrgName: org.Name, Errors: errs}
	if u.UnitID != nil {
		unit, err := s.store.GetUnit(ctx, *u.UnitID)
		if err != nil {
			return err
		}
		v.UnitName = unit.Name
	}
	p := s.orgPage(r, org, "", "Min profil")
	p.Crumbs = nil
	return s.render(w, r, status, pages.Profile(p, v))
}

// changePassword sets a new password for the signed-in person after checking the current one;
// every other session of theirs ends, and this one is renewed.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := s.store.GetUser(ctx, currentUser(r).ID)
	if err != nil {
		return err
	}
	if !u.HasPassword() {
		return badRequest("Du logger ind gennem identitetsudbyderen og har ingen adgangskode i Sporbar at skifte.")
	}
	current, next, repeat := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("repeat")
	errs := domain.Errors{}
	if current == "" {
		errs.Add("current", "Skriv din nuværende adgangskode.")
	} else if auth.CheckPassword(current, u.PasswordHash) != nil {
		errs.Add("current", "Den nuværende adgangskode er ikke rigtig.")
	}
	if msg := auth.ValidatePassword(next); msg != "" {
		errs.Add("new", msg)
	} else if next == current {
		errs.Add("new", "Den nye adgangskode skal være forskellig fra den nuværende.")
	}
	if repeat != next {
		errs.Add("repeat", "De to nye adgangskoder er ikke ens.")
	}
	if errs.Any() {
		return s.renderProfile(w, r, http.StatusUnprocessableEntity, errs)
	}
	hash, err := auth.HashPassword(next, s.params)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, u.ID, hash); err != nil {
		return err
	}
	if err := s.store.DeleteUserSessions(ctx, u.ID, nil); err != nil {
		return err
	}
	sess := session(r)
	if err := s.sessions.SignIn(r, sess, currentUser(r)); err != nil {
		return err
	}
	s.log.Info("password changed", "user", u.Email, "org", u.OrganisationID, "address", auth.ClientAddress(r))
	return s.redirectWithFlash(w, r, "/profil", "Din adgangskode er ændret. Du er logget af alle andre steder.")
}
