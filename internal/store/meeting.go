package store

import (
	"context"
	"time"
)

// LatestComment is the newest comment on an initiative or an action plan (one id set, the
// other 0), with its author, for the meeting screen (server/meeting.go).
type LatestComment struct {
	InitiativeID int64
	ActionPlanID int64
	AuthorName   string
	Body         string
	CreatedAt    time.Time
}

// ListLatestComments returns the newest comment of each of the initiatives and action plans
// named, where there is one. One query.
func (s *Store) ListLatestComments(ctx context.Context, orgID int64, initiatives, actionPlans []int64) ([]LatestComment, error) {
	return list[LatestComment](ctx, s.db, "list latest comments", `
		SELECT COALESCE(c.initiative_id, 0) AS initiative_id, COALESCE(c.action_plan_id, 0) AS action_plan_id,
		       u.name AS author_name, c.body, c.created_at
		FROM (SELECT DISTINCT ON (initiative_id, action_plan_id) * FROM comments
		      WHERE organisation_id = $1 AND (initiative_id = ANY($2) OR action_plan_id = ANY($3))
		      ORDER BY initiative_id, action_plan_id, created_at DESC, id DESC) c
		JOIN users u ON u.id = c.author_id`, orgID, initiatives, actionPlans)
}
