package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// coverage is "Sporbarhed" (GET /org/{org}/sporbarhed): every politik → målsætning → mål with
// the number of active initiatives (not archived, neither implemented nor on hold; general and
// local) under the tracks that realise it; a goal that none serves is flagged "Ikke dækket".
// Each goal shows its indicators' latest state. Queries: the session, the organisation, the
// goal chain, the active initiatives per track, the goals' indicators: 5.
func (s *Server) coverage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	goals, err := s.store.ListGoalChain(ctx, store.GoalChainFilter{OrganisationID: org.ID})
	if err != nil {
		return err
	}
	counts, err := s.store.ListTrackCoverage(ctx, org.ID)
	if err != nil {
		return err
	}
	indicators, err := s.store.ListIndicators(ctx, store.IndicatorFilter{OrganisationID: org.ID, GoalsOnly: true})
	if err != nil {
		return err
	}
	byGoal := indicatorsByGoal(indicators) // indicators.go
	byTrack := make(map[int64]store.TrackCoverage, len(counts))
	for _, tc := range counts {
		byTrack[tc.TrackID] = tc
	}
	v := pages.CoverageView{Org: org, Total: len(goals)}
	for _, g := range goals {
		row := pages.CoverageRow{GoalRow: g, Indicators: byGoal[g.GoalID]}
		for _, t := range g.Tracks {
			row.General += int(byTrack[t.ID].General)
			row.Local += int(byTrack[t.ID].Local)
		}
		if row.Served() {
			v.Served++
		}
		v.Rows = append(v.Rows, row)
	}
	p := s.orgPage(r, org, "opfoelgning", "Sporbarhed", c.Crumb{Label: "Sporbarhed"})
	return s.render(w, r, http.StatusOK, pages.Coverage(p, v))
}
