package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// showAnnualPlan is a yearly indsatsplan's page.
func (s *Server) showAnnualPlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	pl, err := s.store.GetAnnualPlanRow(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, pl.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.AnnualPlanView{Org: org, Plan: pl}
	if v.Tracks, err = s.store.ListTracksByStrategy(ctx, pl.StrategyID); err != nil {
		return err
	}
	if v.Areas, err = s.store.ListAnnualPlanAreas(ctx, id); err != nil {
		return err
	}
	if v.Items, err = s.store.ListAnnualPlanItems(ctx, store.AnnualPlanItemFilter{AnnualPlanID: id}); err != nil {
		return err
	}
	p := s.orgPage(r, org, "forside", pl.Title,
		c.Crumb{Label: pl.StrategyTitle, Href: c.StrategyURL(pl.StrategyID)}, c.Crumb{Label: pl.Title})
	return s.render(w, r, http.StatusOK, pages.AnnualPlan(p, v))
}
