package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The fagchef's approval of an område's agreement, and what changed since the last approval.

// seenLayout is how the approval form carries the agreement's content_changed_at.
const seenLayout = time.RFC3339Nano

// approvalInfo is the approval panel of the agreement's page: its state, who approved it and
// when, and whether the signed-in person may approve it. Only område agreements are approved;
// the panel of any other is empty. Costs one query for a fagchef (their right is decided on
// the lower unit's chain) and none for anyone else, so the page's count depends on the viewer
// only.
func (s *Server) approvalInfo(r *http.Request, a domain.AgreementRow) (pages.ApprovalInfo, error) {
	info := pages.ApprovalInfo{Show: a.Kind == domain.AgreementOmraade, AgreementID: a.ID, State: a.ApprovalState(),
		ApproverName: a.ApproverName}
	if a.ApprovedAt != nil {
		t := a.ApprovedAt.In(s.loc)
		info.ApprovedOn = &t
	}
	if a.ContentChangedAt != nil {
		info.Seen = a.ContentChangedAt.Format(seenLayout)
	}
	if u := currentUser(r); u != nil && u.Role == domain.RoleFagchef && info.Show && a.ArchivedAt == nil {
		res, err := s.itemResource(r, a.OrganisationID, &a.LowerUnitID)
		if err != nil {
			return info, err
		}
		info.CanApprove = can(r, auth.Approve, res)
	}
	return info, nil
}

// approveAgreement records the signed-in fagchef's approval of an område's agreement (freezing
// its content) and goes back to the agreement with a message. Only a fagchef whose fagområde
// holds the agreement's lower unit may approve, and only a current område agreement (anything
// else is 403). The form carries the content_changed_at the fagchef saw ("seen"); if the
// content changed since, nothing is recorded and the message says so. An agreement already
// approved and unchanged is left as it is.
func (s *Server) approveAgreement(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	a, err := s.store.GetAgreementRow(r.Context(), id)
	if err != nil {
		return err
	}
	res, err := s.itemResource(r, a.OrganisationID, &a.LowerUnitID)
	if err != nil {
		return err
	}
	if err := s.authorize(r, auth.Approve, res); err != nil {
		return err
	}
	if a.Kind != domain.AgreementOmraade || a.ArchivedAt != nil {
		return errForbidden
	}
	seen, err := seenValue(r.PostFormValue("seen"))
	if err != nil {
		return err
	}
	u := currentUser(r)
	approved, err := s.store.ApproveAgreementSeen(r.Context(), u.ID, a.ID, seen)
	to := string(c.AgreementURL(a.ID))
	switch {
	case errors.Is(err, store.ErrConflict):
		return s.redirectWithFlash(w, r, to,
			"Aftalen er ikke godkendt: den er ændret, mens du så på den. Se ændringerne, og godkend igen.")
	case err != nil:
		return err
	case !approved:
		return s.redirectWithFlash(w, r, to, "Aftalen er allerede godkendt og ikke ændret siden.")
	}
	s.log.Info("agreement approved", "by", u.Email, "agreement", a.ID)
	return s.redirectWithFlash(w, r, to, "Aftalen er godkendt.")
}

// seenValue reads the approval form's "seen": "" when the agreement had never changed, else
// the time. Anything else is a bad request.
func seenValue(v string) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(seenLayout, v)
	if err != nil {
		return nil, badRequest("Formularen mangler aftalens version. Hent siden igen.")
	}
	return &t, nil
}

// agreementChanges shows what differs in the agreement now from its latest approved version:
// items added, items archived (or no longer in it), and each changed text and date with its
// old and new value; when the agreement was never approved, it says so and lists the current
// items. Everyone in the organisation may read it. Six queries (seven with the session's), whatever
// the agreement holds.
func (s *Server) agreementChanges(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	a, err := s.store.GetAgreementRow(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, a.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.AgreementChangesView{Org: org, Agreement: a, Steps: map[string]string{}}
	approval, err := s.store.LatestApproval(ctx, id)
	if err != nil {
		return err
	}
	now, err := s.store.AgreementSnapshot(ctx, id)
	if err != nil {
		return err
	}
	steps, err := s.store.ListLadderSteps(ctx, org.ID)
	if err != nil {
		return err
	}
	for _, st := range steps {
		v.Steps[strconv.FormatInt(st.ID, 10)] = st.Name
	}
	if approval == nil {
		v.Current = now.Items
	} else {
		v.ApprovedOn = approval.ApprovedAt.In(s.loc)
		v.ApproverName = approval.ApproverName
		v.Approved = true
		v.Changes = domain.CompareSnapshots(approval.Snapshot, now)
	}
	title := "Ændringer siden godkendelsen"
	p := s.orgPage(r, org, "aftaler", title, c.Crumb{Label: "Aftaler", Href: c.AgreementsURL(org.Slug)},
		c.Crumb{Label: a.Title, Href: c.AgreementURL(a.ID)}, c.Crumb{Label: title})
	return s.render(w, r, http.StatusOK, pages.AgreementChanges(p, v))
}
