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
	defaults, err := s.store.MailDefaults(r.Context(), org.ID)
	if err != nil {
		return err
	}
	settings := s.notify.Settings()
	v := pages.MailLogView{Enabled: s.notify.Enabled(), Server: settings.String(), From: settings.From, Mails: mails,
		OrgSlug: org.Slug, Kinds: domain.MailPreferenceKinds(), Defaults: defaults}
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

// saveMailDefaults saves the organisation's default frequency of each kind of mail, which
// applies to everyone who has not chosen for themselves on Min profil.
func (s *Server) saveMailDefaults(w http.ResponseWriter, r *http.Request) error {
	org, err := s.adminOrg(r)
	if err != nil {
		return err
	}
	for _, k := range domain.MailPreferenceKinds() {
		f := r.PostFormValue("freq-" + k)
		if !domain.ValidMailFrequency(f) {
			return badRequest("Vælg hvor ofte blandt de viste muligheder.")
		}
		if err := s.store.SetMailDefault(r.Context(), org.ID, k, f); err != nil {
			return err
		}
	}
	s.log.Info("mail defaults changed", "by", currentUser(r).Email, "org", org.ID)
	return s.redirectWithFlash(w, r, "/admin/mails", "Organisationens standard for e-mails er gemt.")
}
