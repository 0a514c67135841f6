package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// mailLogLimit is how many of the newest mails the operator's page lists.
const mailLogLimit = 300

// mailLog is the administrator's page of the organisation's mails: what was sent, what is on its
// way, what failed and why; and, without an SMTP server, that no mail is sent.
func (s *Server) mailLog(w http.ResponseWriter, r *http.Request) error {
	org, err := s.adminOrg(r)
	if err != nil {
		return err
	}
	mails, err := s.store.ListMails(r.Context(), org.ID, mailLogLimit)
	if err != nil {
		return err
	}
	settings := s.notify.Settings()
	v := pages.MailLogView{Enabled: s.notify.Enabled(), Server: settings.String(), From: settings.From, Mails: mails,
		OrgSlug: org.Slug}
	for _, m := range mails {
		switch m.State {
		case domain.MailFailed:
			v.Failed++
		case domain.MailQueued:
			v.Queued++
		}
	}
	p := s.orgPage(r, org, "admin", "E-mails", c.Crumb{Label: "E-mails"})
	return s.render(w, r, http.StatusOK, pages.MailLog(p, v))
}
