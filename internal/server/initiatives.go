package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// showInitiative is an initiative's page: its local initiatives, action plans, the goals it
// serves through its track, and the agreements that hold it.
func (s *Server) showInitiative(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	in, err := s.store.GetInitiativeDetail(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, in.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.InitiativeView{Org: org, Initiative: in}
	plans := store.ActionPlanFilter{InitiativeID: id}
	if in.Kind == domain.InitiativeGeneral {
		if v.Locals, err = s.store.ListInitiatives(ctx, store.InitiativeFilter{ParentID: id}); err != nil {
			return err
		}
		plans = store.ActionPlanFilter{InitiativeOrParentID: id}
	}
	if v.ActionPlans, err = s.store.ListActionPlans(ctx, plans); err != nil {
		return err
	}
	if v.Goals, err = s.store.ListGoalChain(ctx, store.GoalChainFilter{TrackID: in.TrackID}); err != nil {
		return err
	}
	if v.Agreements, err = s.store.ListAgreementsByInitiative(ctx, id); err != nil {
		return err
	}
	if v.Tracking, err = s.initiativeTracking(r, in, trackingForms(r)); err != nil {
		return err
	}
	if v.Actions, err = s.initiativeActions(r, org, in); err != nil { // initiative_forms.go
		return err
	}
	if v.Indicators, err = s.itemIndicators(r, org.ID, store.IndicatorFilter{InitiativeID: id}, // indicators.go
		newIndicatorURL(c.InitiativeURL(id), in.ArchivedAt), v.Actions.CanEdit()); err != nil {
		return err
	}
	return s.render(w, r, trackingStatus(r), pages.Initiative(s.initiativePage(r, org, in), v))
}

// initiativePage is the layout for an initiative: org → strategy → track → (general) → initiative.
func (s *Server) initiativePage(r *http.Request, org domain.Organisation, in domain.InitiativeDetail) c.Page {
	crumbs := []c.Crumb{
		{Label: in.StrategyTitle, Href: c.StrategyURL(in.StrategyID)},
		{Label: trackLabel(org, in.TrackNumber, in.TrackTitle), Href: c.TrackURL(in.TrackID)},
	}
	if in.ParentID != nil {
		crumbs = append(crumbs, c.Crumb{Label: in.ParentTitle, Href: c.InitiativeURL(*in.ParentID)})
	}
	crumbs = append(crumbs, c.Crumb{Label: in.Title})
	return s.orgPage(r, org, "forside", in.Title, crumbs...)
}

// showActionPlan is a handleplan's page with every year's text and markers.
func (s *Server) showActionPlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	a, err := s.store.GetActionPlanDetail(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, a.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.ActionPlanView{Org: org, ActionPlan: a}
	if v.Years, err = s.store.ListAnnualPlanItems(ctx, store.AnnualPlanItemFilter{ActionPlanID: id}); err != nil {
		return err
	}
	if v.Tracking, err = s.actionPlanTracking(r, a, trackingForms(r)); err != nil {
		return err
	}
	if v.Actions, err = s.actionPlanActions(r, org, a); err != nil { // initiative_forms.go
		return err
	}
	if v.Indicators, err = s.itemIndicators(r, org.ID, store.IndicatorFilter{ActionPlanID: id}, // indicators.go
		newIndicatorURL(c.ActionPlanURL(id), a.ArchivedAt), v.Actions.CanEdit()); err != nil {
		return err
	}
	title := a.Title
	if a.Code != "" {
		title = a.Code + ": " + a.Title
	}
	crumbs := []c.Crumb{
		{Label: a.StrategyTitle, Href: c.StrategyURL(a.StrategyID)},
		{Label: trackLabel(org, a.TrackNumber, a.TrackTitle), Href: c.TrackURL(a.TrackID)},
	}
	if a.ParentID != nil {
		crumbs = append(crumbs, c.Crumb{Label: a.ParentTitle, Href: c.InitiativeURL(*a.ParentID)})
	}
	crumbs = append(crumbs, c.Crumb{Label: a.InitiativeTitle, Href: c.InitiativeURL(a.InitiativeID)}, c.Crumb{Label: title})
	return s.render(w, r, trackingStatus(r), pages.ActionPlan(s.orgPage(r, org, "forside", title, crumbs...), v))
}
