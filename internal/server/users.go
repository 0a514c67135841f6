package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// adminOrg returns the signed-in admin's organisation, or errForbidden for anyone else.
func (s *Server) adminOrg(r *http.Request) (domain.Organisation, error) {
	u := currentUser(r)
	if err := s.authorize(r, auth.ManageUsers, auth.InOrganisation(u.OrganisationID)); err != nil {
		return domain.Organisation{}, err
	}
	return s.store.GetOrganisation(r.Context(), u.OrganisationID)
}

// listUsers is the administration's list of the organisation's users.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	org, err := s.adminOrg(r)
	if err != nil {
		return err
	}
	users, err := s.store.ListUsersByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "admin", "Brugere", c.Crumb{Label: "Brugere"})
	return s.render(w, r, http.StatusOK, pages.Users(p, pages.UsersView{Org: org, Users: users}))
}

// userForm renders the create or edit form with status.
func (s *Server) userForm(w http.ResponseWriter, r *http.Request, org domain.Organisation, status int, f pages.UserForm) error {
	units, err := s.store.ListUnitsByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	f.Units = units
	if f.ID != 0 {
		state, err := s.throttle.State(r.Context(), f.Email)
		if err != nil {
			return err
		}
		f.FailedAttempts = int(state.Failures)
		if state.Wait > 0 {
			f.ThrottleWait = waitText(state.Wait)
		}
	}
	title := "Opret bruger"
	if f.ID != 0 {
		title = f.Name
	}
	p := s.orgPage(r, org, "admin", title, c.Crumb{Label: "Brugere", Href: "/admin/brugere"}, c.Crumb{Label: title})
	return s.render(w, r, status, pages.UserEdit(p, f))
}

// newUser shows the empty create form.
func (s *Server) newUser(w http.ResponseWriter, r *http.Request) error {
	org, err := s.adminOrg(r)
	if err != nil {
		return err
	}
	return s.userForm(w, r, org, http.StatusOK, pages.UserForm{Role: domain.RoleLaeser, Active: true})
}

// decodeUserForm reads and validates the fields common to create and edit, and returns the
// chosen unit (nil and "" for none).
func (s *Server) decodeUserForm(r *http.Request, org domain.Organisation, f *pages.UserForm) (*int64, string, error) {
	f.Errors = domain.Errors{}
	f.Name = textField(r.PostForm, "name", "Navn", maxName, true, f.Errors)
	f.Role = r.PostFormValue("role")
	f.UnitID = r.PostFormValue("unit")
	if !domain.ValidRole(f.Role) {
		f.Errors.Add("role", "Vælg en rolle.")
	}
	var unitID *int64
	var unitName string
	if f.UnitID != "" {
		id, err := strconv.ParseInt(f.UnitID, 10, 64)
		if err != nil {
			f.Errors.Add("unit", "Vælg en enhed fra listen.")
			return nil, "", nil
		}
		unit, err := s.store.GetUnit(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && unit.OrganisationID != org.ID) {
			f.Errors.Add("unit", "Vælg en enhed fra listen.")
			return nil, "", nil
		} else if err != nil {
			return nil, "", err
		}
		unitID, unitName = &unit.ID, unit.Name
	}
	if unitID == nil && (f.Role == domain.RoleFagchef || f.Role == domain.RoleOmraadeleder) {
		f.Errors.Add("unit", "En "+strings.ToLower(domain.RoleLabel(f.Role))+" skal høre til en enhed.")
	}
	return unitID, unitName, nil
}

// createUser creates a user (and its history row), who must choose a password of their own at
// the first sign-in. An empty password field means: with mail on, an invitation link is sent
// (password_links.go); without, a generated password is shown in the answer to this POST only
// (see showGeneratedPassword).
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	org, err := s.adminOrg(r)
	if err != nil {
		return err
	}
	f := pages.UserForm{Email: strings.ToLower(strings.TrimSpace(r.PostFormValue("email"))), Active: true}
	unitID, unitName, err := s.decodeUserForm(r, org, &f)
	if err != nil {
		return err
	}
	password := r.PostFormValue("password")
	f.Errors.Required("email", f.Email, "E-mailadressen")
	f.Errors.MaxLength("email", f.Email, "E-mailadressen", 320)
	if f.Email != "" && !validEmail(f.Email) {
		f.Errors.Add("email", "Skriv en gyldig e-mailadresse, fx navn@kommune.dk.")
	}
	generated := password == ""
	if generated {
		password = auth.GeneratePassword()
	} else if msg := auth.ValidatePassword(password); msg != "" {
		f.Errors.Add("password", msg)
	}
	if f.Errors.Any() {
		return s.userForm(w, r, org, http.StatusUnprocessableEntity, f)
	}
	hash, err := s.hasher.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	u := domain.User{OrganisationID: org.ID, UnitID: unitID, Email: f.Email, Name: f.Name, Role: f.Role,
		PasswordHash: hash, Active: true, MustChangePassword: true}
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		id, err := tx.CreateUser(r.Context(), u)
		if err != nil {
			return err
		}
		u.ID = id
		return auditUser(r, tx, u, domain.AuditCreate, domain.Diff(nil, domain.UserAuditValues(u, unitName)))
	})
	if errors.Is(err, store.ErrConflict) {
		f.Errors.Add("email", "Der findes allerede en bruger med denne e-mailadresse.")
		return s.userForm(w, r, org, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	s.log.Info("user created", "by", currentUser(r).Email, "user", f.Email, "role", f.Role)
	msg := "Brugeren " + f.Email + " er oprettet."
	if generated && s.notify.Enabled() {
		if err := s.sendInvitation(r, org, u); err != nil {
			return err
		}
		msg += " En invitation med et link til at vælge adgangskode er sendt til " + f.Email + "."
	} else if generated {
		return s.showGeneratedPassword(w, r, org, u, "Brugeren er oprettet", password)
	}
	return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), msg)
}

// editUser shows a user's edit form.
func (s *Server) editUser(w http.ResponseWriter, r *http.Request) error {
	org, u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	return s.userForm(w, r, org, http.StatusOK, userFormOf(u))
}

// updateUser saves name, role and unit; a stale version shows the other person's values.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	org, u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	f := userFormOf(u)
	unitID, unitName, err := s.decodeUserForm(r, org, &f)
	if err != nil {
		return err
	}
	version, err := strconv.ParseInt(r.PostFormValue("version"), 10, 32)
	if err != nil {
		return badRequest("Formularen mangler sin version. Hent siden igen.")
	}
	if f.Errors.Any() {
		return s.userForm(w, r, org, http.StatusUnprocessableEntity, f)
	}
	oldUnit, err := s.unitName(r, u.UnitID)
	if err != nil {
		return err
	}
	before := domain.UserAuditValues(u, oldUnit)
	u.Name, u.Role, u.UnitID, u.Version = f.Name, f.Role, unitID, int32(version)
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if _, err := tx.UpdateUser(r.Context(), u); err != nil {
			return err
		}
		if changes := domain.Diff(before, domain.UserAuditValues(u, unitName)); len(changes) > 0 {
			return auditUser(r, tx, u, domain.AuditUpdate, changes)
		}
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		stored, err := s.store.GetUser(r.Context(), u.ID)
		if err != nil {
			return err
		}
		f.Conflict, f.Version = &stored, stored.Version
		return s.userForm(w, r, org, http.StatusConflict, f)
	} else if err != nil {
		return err
	}
	s.log.Info("user updated", "by", currentUser(r).Email, "user", u.Email, "role", u.Role)
	return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), "Ændringerne er gemt.")
}

// adminUser returns the admin's organisation and the user named in the path, which must
// belong to it.
func (s *Server) adminUser(r *http.Request) (domain.Organisation, domain.User, error) {
	org, err := s.adminOrg(r)
	if err != nil {
		return org, domain.User{}, err
	}
	id, err := idParam(r, "id")
	if err != nil {
		return org, domain.User{}, err
	}
	u, err := s.store.GetUser(r.Context(), id)
	if err != nil {
		return org, u, err
	}
	if u.OrganisationID != org.ID {
		return org, u, s.authorize(r, auth.ManageUsers, auth.InOrganisation(u.OrganisationID))
	}
	return org, u, nil
}

func userFormOf(u domain.User) pages.UserForm {
	f := pages.UserForm{ID: u.ID, Version: u.Version, Email: u.Email, Name: u.Name, Role: u.Role, Active: u.Active,
		Errors: domain.Errors{}}
	if u.UnitID != nil {
		f.UnitID = strconv.FormatInt(*u.UnitID, 10)
	}
	return f
}

func validEmail(e string) bool {
	at := strings.LastIndex(e, "@")
	return at > 0 && at < len(e)-3 && strings.Contains(e[at:], ".") && !strings.ContainsAny(e, " <>\"") && !badText(e)
}
