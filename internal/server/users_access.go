package server

import (
	"net/http"
	"strconv"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// resetUserPassword gives the user a new generated password and ends their sessions, with a
// history row (never the password); the password is shown in the answer to this POST only.
func (s *Server) resetUserPassword(w http.ResponseWriter, r *http.Request) error {
	org, u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	password := auth.GeneratePassword()
	hash, err := s.hasher.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	if err := s.store.InTx(r.Context(), func(tx *store.Store) error {
		if err := tx.SetPassword(r.Context(), u.ID, hash); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(r.Context(), u.ID, nil); err != nil {
			return err
		}
		return auditUser(r, tx, u, domain.AuditPasswordReset, nil)
	}); err != nil {
		return err
	}
	s.log.Info("password reset", "by", currentUser(r).Email, "user", u.Email)
	return s.showGeneratedPassword(w, r, org, u, "Ny adgangskode", password)
}

// showGeneratedPassword answers the POST that made password with a page that shows it once.
// It is never put in the session (whose data the database keeps) nor behind a redirect, and
// the answer may not be stored by the browser or a proxy.
func (s *Server) showGeneratedPassword(w http.ResponseWriter, r *http.Request, org domain.Organisation, u domain.User,
	heading, password string) error {
	w.Header().Set("Cache-Control", "no-store")
	p := s.orgPage(r, org, "admin", heading, c.Crumb{Label: "Brugere", Href: "/admin/brugere"},
		c.Crumb{Label: u.Name, Href: c.UserURL(u.ID)}, c.Crumb{Label: heading})
	return s.render(w, r, http.StatusOK, pages.GeneratedPassword(p, pages.GeneratedPasswordView{
		UserID: u.ID, Email: u.Email, Heading: heading, Password: password}))
}

// setUserActive deactivates (ending every session) or reactivates a user, with a history row.
func (s *Server) setUserActive(active bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		_, u, err := s.adminUser(r)
		if err != nil {
			return err
		}
		if !active && u.ID == currentUser(r).ID {
			return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), "Du kan ikke deaktivere dig selv.")
		}
		action, msg := domain.AuditReactivate, "Brugeren er genaktiveret."
		if !active {
			action, msg = domain.AuditDeactivate, "Brugeren er deaktiveret og logget af."
		}
		if err := s.store.InTx(r.Context(), func(tx *store.Store) error {
			if err := tx.SetUserActive(r.Context(), u.ID, active); err != nil {
				return err
			}
			if !active {
				if err := tx.DeleteUserSessions(r.Context(), u.ID, nil); err != nil {
					return err
				}
			}
			return auditUser(r, tx, u, action, map[string]domain.Change{"Status": {Old: activeText(u.Active), New: activeText(active)}})
		}); err != nil {
			return err
		}
		s.log.Info("user active changed", "by", currentUser(r).Email, "user", u.Email, "active", active)
		return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), msg)
	}
}

// unlockUser forgets the user's failed sign-ins from every address (auth/policy.go), with a
// history row saying how many there were.
func (s *Server) unlockUser(w http.ResponseWriter, r *http.Request) error {
	_, u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	if err := s.store.InTx(r.Context(), func(tx *store.Store) error {
		t := auth.NewThrottle(tx)
		state, err := t.State(r.Context(), u.Email)
		if err != nil {
			return err
		}
		if _, err := t.Unlock(r.Context(), u.Email); err != nil {
			return err
		}
		return auditUser(r, tx, u, domain.AuditThrottleReset,
			map[string]domain.Change{"Mislykkede log ind-forsøg": {Old: strconv.Itoa(int(state.Failures)), New: "0"}})
	}); err != nil {
		return err
	}
	s.log.Info("sign-in throttle reset", "by", currentUser(r).Email, "user", u.Email)
	return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), "Brugerens mislykkede log ind-forsøg er nulstillet.")
}

// auditUser writes the history row of the signed-in admin's change to u inside tx.
func auditUser(r *http.Request, tx *store.Store, u domain.User, action string, changes map[string]domain.Change) error {
	actor := currentUser(r).ID
	return tx.Audit(r.Context(), domain.AuditEntry{OrganisationID: u.OrganisationID, ActorID: &actor, Action: action,
		Entity: domain.EntityUser, EntityID: u.ID, Title: u.Name, Changes: changes})
}

// unitName is the name of the unit with id ("" for nil).
func (s *Server) unitName(r *http.Request, id *int64) (string, error) {
	if id == nil {
		return "", nil
	}
	unit, err := s.store.GetUnit(r.Context(), *id)
	return unit.Name, err
}

func activeText(active bool) string {
	if active {
		return "Aktiv"
	}
	return "Deaktiveret"
}
