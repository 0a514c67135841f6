package server

import (
	"errors"
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
	if v.Mail, err = s.mailSettings(ctx, u.ID); err != nil {
		return err
	}
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

// changePassword sets a new password for the signed-in person after checking the current one
// exactly as sign-in checks a password (throttled, see checkPassword), so a borrowed session
// cannot guess it; every other session of theirs ends, and this one is renewed.
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
	errs, status := domain.Errors{}, http.StatusUnprocessableEntity
	if current == "" {
		errs.Add("current", "Skriv din nuværende adgangskode.")
	} else if ok, refused, err := s.checkPassword(r, u.Email, current, u.PasswordHash); err != nil {
		return err
	} else if refused != nil {
		retryAfter(w, refused.wait)
		errs.Add("current", refused.msg)
		status = refused.status
	} else if !ok {
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
		return s.renderProfile(w, r, status, errs)
	}
	hash, err := s.hasher.Hash(ctx, next)
	if errors.Is(err, auth.ErrBusy) {
		retryAfter(w, s.hasher.RetryAfter())
		errs.Add("new", busyMessage)
		return s.renderProfile(w, r, http.StatusServiceUnavailable, errs)
	} else if err != nil {
		return err
	}
	if err := s.store.SetOwnPassword(ctx, u.ID, hash); err != nil {
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
