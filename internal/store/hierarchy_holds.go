package store

import (
	"context"
	"fmt"
	"strings"
)

// What holds an item of the hierarchy, so that deleting it would lose something: its children
// (current or archived), the links to it, and its history.

// The kinds of things that hold an item.
const (
	HoldUnits       = "units"        // child units
	HoldUsers       = "users"        // users who belong to the unit
	HoldStrategies  = "strategies"   // strategies of the unit
	HoldAgreements  = "agreements"   // agreements that name the item
	HoldHistory     = "history"      // rows of the change history that name the unit
	HoldObjectives  = "objectives"   // målsætninger of the policy
	HoldGoals       = "goals"        // mål of the objective, or mål realised through the track
	HoldTracks      = "tracks"       // spor of the strategy, or spor that realise the goal
	HoldGenerals    = "generals"     // general initiatives under the track
	HoldLocals      = "locals"       // local initiatives under the track, the initiative or of the unit
	HoldActionPlans = "action_plans" // handleplaner under the initiative, on the ladder step or naming the term
	HoldAnnualPlans = "annual_plans" // yearly plans of the strategy, or that write about the initiative
	HoldStatus      = "status"       // status updates on the initiative
	HoldComments    = "comments"     // comments on the initiative
)

// Hold is a kind of thing that holds an item, and how many of it there are.
type Hold struct {
	Kind  string
	Count int
}

// InUseError says that an item cannot be deleted because of what holds it.
type InUseError struct {
	Holds []Hold
}

func (e *InUseError) Error() string {
	parts := make([]string, len(e.Holds))
	for i, h := range e.Holds {
		parts[i] = fmt.Sprintf("%d %s", h.Count, h.Kind)
	}
	return "in use: " + strings.Join(parts, ", ")
}

// holdQueries are, per level, the kinds that may hold an item and how to count them ($1 is the item).
var holdQueries = map[Level][]struct{ kind, count string }{
	LevelUnit: {
		{HoldUnits, `SELECT count(*) FROM units WHERE parent_id = $1`},
		{HoldUsers, `SELECT count(*) FROM users WHERE unit_id = $1`},
		{HoldStrategies, `SELECT count(*) FROM strategies WHERE unit_id = $1`},
		{HoldLocals, `SELECT count(*) FROM initiatives WHERE unit_id = $1`},
		{HoldAgreements, `SELECT count(*) FROM agreements WHERE upper_unit_id = $1 OR lower_unit_id = $1`},
		{HoldHistory, `SELECT count(*) FROM audit_log WHERE unit_id = $1`},
	},
	LevelPolicy:    {{HoldObjectives, `SELECT count(*) FROM objectives WHERE policy_id = $1`}},
	LevelObjective: {{HoldGoals, `SELECT count(*) FROM goals WHERE objective_id = $1`}},
	LevelGoal:      {{HoldTracks, `SELECT count(*) FROM goal_tracks WHERE goal_id = $1`}},
	LevelStrategy: {
		{HoldTracks, `SELECT count(*) FROM tracks WHERE strategy_id = $1`},
		{HoldAgreements, `SELECT count(*) FROM agreements WHERE strategy_id = $1`},
		{HoldAnnualPlans, `SELECT count(*) FROM annual_plans WHERE strategy_id = $1`},
	},
	LevelTrack: {
		{HoldGenerals, `SELECT count(*) FROM initiatives WHERE track_id = $1 AND kind = 'general'`},
		{HoldLocals, `SELECT count(*) FROM initiatives WHERE track_id = $1 AND kind = 'local'`},
		{HoldGoals, `SELECT count(*) FROM goal_tracks WHERE track_id = $1`},
	},
	LevelGeneral: {
		{HoldLocals, `SELECT count(*) FROM initiatives WHERE parent_id = $1`},
		{HoldActionPlans, `SELECT count(*) FROM action_plans WHERE initiative_id = $1`},
		{HoldAgreements, `SELECT count(*) FROM agreement_initiatives WHERE initiative_id = $1`},
		{HoldStatus, `SELECT count(*) FROM status_updates WHERE initiative_id = $1`},
		{HoldComments, `SELECT count(*) FROM comments WHERE initiative_id = $1`},
		{HoldAnnualPlans, `SELECT count(*) FROM annual_plan_areas WHERE initiative_id = $1`},
	},
	LevelTerm:   {{HoldActionPlans, `SELECT count(*) FROM action_plan_terms WHERE term_id = $1`}},
	LevelLadder: {{HoldActionPlans, `SELECT count(*) FROM action_plans WHERE ladder_step_id = $1`}},
}

// Holds returns what holds the item (nothing when it may be deleted), in one query.
func (s *Store) Holds(ctx context.Context, lv Level, id int64) ([]Hold, error) {
	qs := holdQueries[lv]
	cols := make([]string, len(qs))
	for i, q := range qs {
		cols[i] = "(" + q.count + ")::int"
	}
	counts := make([]int, len(qs))
	dest := make([]any, len(qs))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := s.db.QueryRow(ctx, `SELECT `+strings.Join(cols, ", "), id).Scan(dest...); err != nil {
		return nil, wrap("holds", err)
	}
	var out []Hold
	for i, n := range counts {
		if n > 0 {
			out = append(out, Hold{Kind: qs[i].kind, Count: n})
		}
	}
	return out, nil
}
