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

// decodeUserForm reads and validates the fields common to create and edit.
func (s *Server) decodeUserForm(r *http.Request, org domain.Organisation, f *pages.UserForm) (*int64, error) {
	f.Name = strings.TrimSpace(r.PostFormValue("name"))
	f.Role = r.PostFormValue("role")
	f.UnitID = r.PostFormValue("unit")
	f.Errors = domain.Errors{}
	f.Errors.Required("name", f.Name, "Navn")
	f.Errors.MaxLength("name", f.Name, "Navn", 200)
	if !domain.ValidRole(f.Role) {
		f.Errors.Add("role", "Vælg en rolle.")
	}
	var unitID *int64
	if f.UnitID != "" {
		id, err := strconv.ParseInt(f.UnitID, 10, 64)
		if err != nil {
			f.Errors.Add("unit", "Vælg en enhed fra listen.")
			return nil, nil
		}
		unit, err := s.store.GetUnit(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && unit.OrganisationID != org.ID) {
			f.Errors.Add("unit", "Vælg en enhed fra listen.")
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		unitID = &unit.ID
	}
	if unitID == nil && (f.Role == domain.RoleFagchef || f.Role == domain.RoleOmraadeleder) {
		f.Errors.Add("unit", "En "+strings.ToLower(domain.RoleLabel(f.Role))+" skal høre til en enhed.")
	}
	return unitID, nil
}

// createUser creates a user; an empty password field generates one that is shown once.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	org, err := s.adminOrg(r)
	if err != nil {
		return err
	}
	f := pages.UserForm{Email: strings.ToLower(strings.TrimSpace(r.PostFormValue("email"))), Active: true}
	unitID, err := s.decodeUserForm(r, org, &f)
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
	hash, err := auth.HashPassword(password, s.params)
	if err != nil {
		return err
	}
	created := domain.User{OrganisationID: org.ID, UnitID: unitID, Email: f.Email,
		Name: f.Name, Role: f.Role, PasswordHash: hash, Active: true, MustChangePassword: true}
	id, err := s.store.CreateUser(r.Context(), created)
	if errors.Is(err, store.ErrConflict) {
		f.Errors.Add("email", "Der findes allerede en bruger med denne e-mailadresse.")
		return s.userForm(w, r, org, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	s.log.Info("user created", "by", currentUser(r).Email, "user", f.Email, "role", f.Role)
	msg := "Brugeren " + f.Email + " er oprettet."
	if created.ID = id; generated && s.notify.Enabled() {
		if err := s.sendInvitation(r, org, created); err != nil {
			return err
		}
		msg += " En invitation med et link til at vælge adgangskode er sendt til " + f.Email + "."
	} else if generated {
		msg += " Adgangskoden er " + password + " – den vises kun denne ene gang."
	}
	return s.redirectWithFlash(w, r, string(c.UserURL(id)), msg)
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
	unitID, err := s.decodeUserForm(r, org, &f)
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
	u.Name, u.Role, u.UnitID, u.Version = f.Name, f.Role, unitID, int32(version)
	if _, err := s.store.UpdateUser(r.Context(), u); errors.Is(err, store.ErrConflict) {
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

// resetUserPassword gives the user a new generated password, shown once, and ends their sessions.
func (s *Server) resetUserPassword(w http.ResponseWriter, r *http.Request) error {
	_, u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	password := auth.GeneratePassword()
	hash, err := auth.HashPassword(password, s.params)
	if err != nil {
		return err
	}
	if err := s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SetPassword(r.Context(), u.ID, hash); err != nil {
			return err
		}
		return tx.DeleteUserSessions(r.Context(), u.ID, nil)
	}); err != nil {
		return err
	}
	s.log.Info("password reset", "by", currentUser(r).Email, "user", u.Email)
	return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)),
		"Ny adgangskode til "+u.Email+": "+password+" – den vises kun denne ene gang.")
}

// setUserActive deactivates (ending every session) or reactivates a user.
func (s *Server) setUserActive(active bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		_, u, err := s.adminUser(r)
		if err != nil {
			return err
		}
		if !active && u.ID == currentUser(r).ID {
			return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), "Du kan ikke deaktivere dig selv.")
		}
		if err := s.store.InTx(r.Context(), func(tx *store.Store) error {
			if err := tx.SetUserActive(r.Context(), u.ID, active); err != nil {
				return err
			}
			if active {
				return nil
			}
			return tx.DeleteUserSessions(r.Context(), u.ID, nil)
		}); err != nil {
			return err
		}
		s.log.Info("user active changed", "by", currentUser(r).Email, "user", u.Email, "active", active)
		msg := "Brugeren er genaktiveret."
		if !active {
			msg = "Brugeren er deaktiveret og logget af."
		}
		return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), msg)
	}
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
	return at > 0 && at < len(e)-3 && strings.Contains(e[at:], ".") && !strings.ContainsAny(e, " \t\r\n<>\"")
}
