package server

import (
	"net/http"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// Indicators in the follow-up views: each goal's on Sporbarhed (coverage.go), each
// initiative's (with its action plans') and goal's in the samlet skema (dashboard.go), and the
// indicators that lack a measurement in "Hvem har rapporteret" (reporting.go). Each view
// reads them with one query (store.ListIndicators of the organisation).

// indicatorsByGoal groups goals' indicators by goal.
func indicatorsByGoal(rows []domain.IndicatorRow) map[int64][]domain.IndicatorRow {
	out := map[int64][]domain.IndicatorRow{}
	for _, r := range rows {
		if r.GoalID != nil {
			out[*r.GoalID] = append(out[*r.GoalID], r)
		}
	}
	return out
}

// attachIndicators gives each initiative of the samlet skema (general in its row, local in its
// cell) the indicators of itself and of its action plans, and each goal its own: one query.
func (s *Server) attachIndicators(r *http.Request, v *pages.DashboardView) error {
	rows, err := s.store.ListIndicators(r.Context(), store.IndicatorFilter{OrganisationID: v.Org.ID})
	if err != nil {
		return err
	}
	byInitiative := map[int64][]domain.IndicatorRow{}
	for _, row := range rows {
		if row.ItemInitiativeID != nil {
			byInitiative[*row.ItemInitiativeID] = append(byInitiative[*row.ItemInitiativeID], row)
		}
	}
	for _, tr := range v.Tracks {
		for j := range tr.Rows {
			mr := &tr.Rows[j]
			mr.General.Indicators = byInitiative[mr.General.ID]
			for _, cell := range mr.Cells {
				for i := range cell {
					cell[i].Indicators = byInitiative[cell[i].ID]
				}
			}
		}
	}
	byGoal := indicatorsByGoal(rows)
	for i := range v.Goals {
		v.Goals[i].Indicators = byGoal[v.Goals[i].ID]
	}
	return nil
}

// missingMeasurements gives each unit of "Hvem har rapporteret" its indicators that lack a
// measurement in their current period: an indicator belongs to its responsible unit, else to
// its item's unit (a goal's indicator without a responsible unit belongs to none).
func missingMeasurements(units []pages.ReportingUnit, rows []domain.IndicatorRow, today time.Time) {
	index := make(map[int64]int, len(units))
	for i, u := range units {
		index[u.ID] = i
	}
	for _, row := range rows {
		unit := row.ResponsibleUnitID
		if unit == nil {
			unit = row.ScopeUnitID
		}
		if unit == nil || !row.Assess(today).Missing {
			continue
		}
		if i, ok := index[*unit]; ok {
			units[i].Indicators = append(units[i].Indicators, row)
		}
	}
}
