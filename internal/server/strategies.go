package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// showStrategy is a strategy's page: tracks, general initiatives, goals, yearly plans.
func (s *Server) showStrategy(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	st, err := s.store.GetStrategyRow(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, st.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.StrategyView{Org: org, Strategy: st.Strategy, UnitName: st.UnitName, CanEdit: canEditHierarchy(r, org.ID)}
	if v.Tracks, err = s.store.ListTracksByStrategy(ctx, id); err != nil {
		return err
	}
	if v.Initiatives, err = s.store.ListInitiatives(ctx, store.InitiativeFilter{StrategyID: id, Kind: domain.InitiativeGeneral}); err != nil {
		return err
	}
	if v.Goals, err = s.store.ListGoalChain(ctx, store.GoalChainFilter{StrategyID: id}); err != nil {
		return err
	}
	if v.Plans, err = s.store.ListAnnualPlansByStrategy(ctx, id); err != nil {
		return err
	}
	p := s.orgPage(r, org, "forside", st.Title, c.Crumb{Label: st.Title})
	return s.render(w, r, http.StatusOK, pages.Strategy(p, v))
}

// showTrack is a track's page: the goals it realises and its initiatives.
func (s *Server) showTrack(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	t, err := s.store.GetTrackDetail(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.readableOrg(r, t.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.TrackView{Org: org, Track: t, CanEdit: canEditHierarchy(r, org.ID)}
	if v.Goals, err = s.store.ListGoalChain(ctx, store.GoalChainFilter{TrackID: id}); err != nil {
		return err
	}
	if v.Initiatives, err = s.store.ListInitiatives(ctx, store.InitiativeFilter{TrackID: id}); err != nil {
		return err
	}
	p := s.orgPage(r, org, "forside", t.Title,
		c.Crumb{Label: t.StrategyTitle, Href: c.StrategyURL(t.StrategyID)},
		c.Crumb{Label: trackLabel(org, t.Number, t.Title)})
	return s.render(w, r, http.StatusOK, pages.Track(p, v))
}

func trackLabel(org domain.Organisation, number int32, title string) string {
	return org.LabelTrack + " " + c.Itoa(number) + ": " + title
}
