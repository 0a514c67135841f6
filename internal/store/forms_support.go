package store

import "context"

// What the edit forms for initiatives and action plans ask besides the tracked writes of
// tracking.go.

// ActionPlanCodeTaken reports whether another action plan under the initiative (archived ones
// included: the unique index covers them) already has code. exceptID is the plan being
// edited, 0 when creating. An empty code is never taken.
func (s *Store) ActionPlanCodeTaken(ctx context.Context, initiativeID int64, code string, exceptID int64) (bool, error) {
	if code == "" {
		return false, nil
	}
	var taken bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM action_plans
		WHERE initiative_id = $1 AND code = $2 AND id <> $3)`, initiativeID, code, exceptID).Scan(&taken)
	return taken, wrap("action plan code taken", err)
}

// ListActionPlanTermIDs returns the ids of the begreber the action plan names, in order.
func (s *Store) ListActionPlanTermIDs(ctx context.Context, actionPlanID int64) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `SELECT term_id FROM action_plan_terms WHERE action_plan_id = $1 ORDER BY term_id`,
		actionPlanID)
	ids, err := collectInt64s(rows)
	return ids, wrap("list action plan terms", err)
}
