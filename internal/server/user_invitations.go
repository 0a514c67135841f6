package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// sendInvitation queues an invitation to u (a link to choose a password, notify/accounts.go).
func (s *Server) sendInvitation(r *http.Request, org domain.Organisation, u domain.User) error {
	if err := s.notify.Invite(r.Context(), s.store, u, org.Name, currentUser(r).Name); err != nil {
		return err
	}
	s.log.Info("invitation sent", "by", currentUser(r).Email, "user", u.Email)
	return nil
}

// inviteUser sends the user a new invitation; an earlier unused one stops working.
func (s *Server) inviteUser(w http.ResponseWriter, r *http.Request) error {
	org, u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	if !s.notify.Enabled() {
		return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)),
			"Sporbar sender ikke e-mails (ingen SMTP-server). Giv brugeren en ny adgangskode i stedet.")
	}
	if !u.Active {
		return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), "Brugeren er deaktiveret; aktivér brugeren først.")
	}
	if err := s.sendInvitation(r, org, u); err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.UserURL(u.ID)), "En ny invitation er sendt til "+u.Email+".")
}
