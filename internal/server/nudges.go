package server

import (
	"net/http"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// "Send påmindelse" (the fagchef, beside each område on Hvem har rapporteret): a preview of
// the mail to the område's leaders with the items that miss a status in the period, an
// optional note, and on sending a row in the agreement's history.

// nudgeNoteMax is the longest note a fagchef may add.
const nudgeNoteMax = 1000

// nudgeContext loads the agreement named in the path, checks that the signed-in person may
// remind its område (auth.Remind), and returns the nudge (without a note) and the leaders.
func (s *Server) nudgeContext(r *http.Request) (domain.AgreementRow, notify.Nudge, []store.MailRecipient, error) {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return domain.AgreementRow{}, notify.Nudge{}, nil, err
	}
	a, err := s.store.GetAgreementRow(ctx, id)
	if err != nil {
		return a, notify.Nudge{}, nil, err
	}
	res, err := s.itemResource(r, a.OrganisationID, &a.LowerUnitID)
	if err != nil {
		return a, notify.Nudge{}, nil, err
	}
	if err := s.authorize(r, auth.Remind, res); err != nil {
		return a, notify.Nudge{}, nil, err
	}
	items, err := s.store.ListTaskItems(ctx, a.LowerUnitID)
	if err != nil {
		return a, notify.Nudge{}, nil, err
	}
	nd := notify.Nudge{From: *currentUser(r), AgreementID: a.ID, UnitName: a.LowerUnitName}
	for _, it := range items {
		if domain.MissingFollowUp(it.StatusPhase, it.StatusAsOf, s.today(), int(it.FollowUpMonths)) {
			nd.Items = append(nd.Items, it)
		}
	}
	leaders, err := s.store.ListUnitLeaders(ctx, a.LowerUnitID)
	return a, nd, leaders, err
}

// showNudge is the preview of "Send påmindelse".
func (s *Server) showNudge(w http.ResponseWriter, r *http.Request) error {
	a, nd, leaders, err := s.nudgeContext(r)
	if err != nil {
		return err
	}
	return s.renderNudge(w, r, http.StatusOK, a, nd, leaders, domain.Errors{})
}

func (s *Server) renderNudge(w http.ResponseWriter, r *http.Request, status int, a domain.AgreementRow, nd notify.Nudge,
	leaders []store.MailRecipient, errs domain.Errors) error {
	org, err := s.readableOrg(r, a.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.NudgeView{AgreementID: a.ID, UnitName: a.LowerUnitName, Note: nd.Note, Errors: errs,
		MailOn: s.notify.Enabled(), Missing: len(nd.Items), BackHref: c.ReportingURL(org.Slug)}
	for _, l := range leaders {
		v.Leaders = append(v.Leaders, l.Name+" <"+l.Email+">")
		if v.Preview == "" {
			letter := s.notify.NudgeLetter(nd, l)
			v.Subject, v.Preview = letter.Subject, letter.Text()
		}
	}
	p := s.orgPage(r, org, "opfoelgning", "Send påmindelse til "+a.LowerUnitName,
		c.Crumb{Label: "Hvem har rapporteret", Href: c.ReportingURL(org.Slug)}, c.Crumb{Label: "Send påmindelse"})
	return s.render(w, r, status, pages.NudgePage(p, v))
}

// sendNudge queues the mails and writes the agreement's history row in one transaction.
func (s *Server) sendNudge(w http.ResponseWriter, r *http.Request) error {
	a, nd, leaders, err := s.nudgeContext(r)
	if err != nil {
		return err
	}
	nd.Note = strings.TrimSpace(r.PostFormValue("note"))
	errs := domain.Errors{}
	errs.MaxLength("note", nd.Note, "Beskeden", nudgeNoteMax)
	switch {
	case !s.notify.Enabled():
		errs.Add("note", "Sporbar sender ikke e-mails (ingen SMTP-server), så påmindelsen kan ikke sendes.")
	case len(leaders) == 0:
		errs.Add("note", "Området har ingen områdeleder i Sporbar at sende påmindelsen til.")
	}
	if errs.Any() {
		return s.renderNudge(w, r, http.StatusUnprocessableEntity, a, nd, leaders, errs)
	}
	names := make([]string, 0, len(leaders))
	for _, l := range leaders {
		names = append(names, l.Name)
	}
	var sent int
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		if sent, err = s.notify.SendNudge(r.Context(), tx, nd, leaders, s.now()); err != nil || sent == 0 {
			return err
		}
		return tx.Audit(r.Context(), domain.AuditEntry{OrganisationID: a.OrganisationID, ActorID: &nd.From.ID,
			Action: domain.AuditRemind, Entity: domain.EntityAgreement, EntityID: a.ID, UnitID: &a.LowerUnitID,
			Title: a.Title, Changes: map[string]domain.Change{"Påmindelse til": {New: strings.Join(names, ", ")}}})
	})
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, a.OrganisationID)
	if err != nil {
		return err
	}
	msg := "Påmindelsen om " + a.LowerUnitName + " er sendt til " + strings.Join(names, ", ") + "."
	if sent == 0 {
		msg = "Der er allerede sendt en påmindelse om " + a.LowerUnitName + " i dag; der er ikke sendt en til."
	}
	return s.redirectWithFlash(w, r, string(c.ReportingURL(org.Slug)), msg)
}

// remindLinks gives each unit of Hvem har rapporteret with an agreement a "Send påmindelse"
// link when the signed-in person may remind it; the units' chains come from the units listed
// (no query).
func remindLinks(r *http.Request, orgID int64, units []store.ReportUnit, out []pages.ReportingUnit) {
	parent := map[int64]*int64{}
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	for i := range out {
		u := &out[i]
		if u.AgreementHref == "" {
			continue
		}
		var chain []int64
		for id := &u.ID; id != nil && len(chain) < 64; id = parent[*id] {
			chain = append(chain, *id)
		}
		if can(r, auth.Remind, auth.Resource{OrganisationID: orgID, Units: chain}) {
			u.RemindHref = u.AgreementHref + "/paamindelse"
		}
	}
}
