package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// listAgreements lists the organisation's agreements.
func (s *Server) listAgreements(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	as, err := s.store.ListAgreementsByOrganisation(ctx, org.ID)
	if err != nil {
		return err
	}
	p := s.orgPage(r, org, "aftaler", "Dialogbaserede aftaler", c.Crumb{Label: "Aftaler"})
	return s.render(w, r, http.StatusOK, pages.Agreements(p, pages.AgreementsView{Org: org, Agreements: as}))
}

// showAgreement is an agreement's page, which reads like the document.
func (s *Server) showAgreement(w http.ResponseWriter, r *http.Request) error {
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
	v := pages.AgreementView{Org: org, Agreement: a}
	if v.Initiatives, err = s.store.ListInitiatives(ctx, store.InitiativeFilter{AgreementID: id}); err != nil {
		return err
	}
	if v.ActionPlans, err = s.store.ListActionPlans(ctx, store.ActionPlanFilter{AgreementID: id}); err != nil {
		return err
	}
	if v.Dialogue, err = s.agreementDialogue(r, a, trackingForms(r)); err != nil {
		return err
	}
	if v.Approval, err = s.approvalInfo(r, a); err != nil {
		return err
	}
	if v.Indicators, err = s.itemIndicators(r, org.ID, store.IndicatorFilter{AgreementID: id}, "", false); err != nil { // indicators.go
		return err
	}
	p := s.orgPage(r, org, "aftaler", a.Title, c.Crumb{Label: "Aftaler", Href: c.AgreementsURL(org.Slug)}, c.Crumb{Label: a.Title})
	return s.render(w, r, trackingStatus(r), pages.Agreement(p, v))
}
