package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// GoalChainFilter narrows ListGoalChain; zero fields do not filter. TrackID and StrategyID
// select the goals realised through that track or through any track of that strategy.
type GoalChainFilter struct {
	OrganisationID, PolicyID, ObjectiveID, TrackID, StrategyID int64
}

// ListGoalChain returns the rows of Bilag 1 (policy → objective → goal → tracks) in document
// order, for the scope the filter names. Archived items are left out. One query.
func (s *Store) ListGoalChain(ctx context.Context, f GoalChainFilter) ([]domain.GoalRow, error) {
	return list[domain.GoalRow](ctx, s.db, "list goal chain", `
		SELECT p.id AS policy_id, p.title AS policy_title, p.kind AS policy_kind, p.numbered,
		       o.id AS objective_id, o.number AS objective_number, o.title AS objective_title,
		       g.id AS goal_id, g.title AS goal_title,
		       COALESCE(json_agg(json_build_object('id', t.id, 'number', t.number, 'title', t.title,
		                'strategyId', t.strategy_id, 'strategyTitle', st.title) ORDER BY st.position, t.number)
		                FILTER (WHERE t.id IS NOT NULL), '[]') AS tracks
		FROM policies p
		JOIN objectives o ON o.policy_id = p.id AND o.archived_at IS NULL
		JOIN goals g ON g.objective_id = o.id AND g.archived_at IS NULL
		LEFT JOIN goal_tracks gt ON gt.goal_id = g.id
		LEFT JOIN tracks t ON t.id = gt.track_id AND t.archived_at IS NULL
		LEFT JOIN strategies st ON st.id = t.strategy_id
		WHERE p.archived_at IS NULL
		  AND ($1 = 0 OR p.organisation_id = $1)
		  AND ($2 = 0 OR p.id = $2)
		  AND ($3 = 0 OR o.id = $3)
		  AND ($4 = 0 OR g.id IN (SELECT goal_id FROM goal_tracks WHERE track_id = $4))
		  AND ($5 = 0 OR g.id IN (SELECT gt2.goal_id FROM goal_tracks gt2 JOIN tracks t2 ON t2.id = gt2.track_id
		                          WHERE t2.strategy_id = $5))
		GROUP BY p.id, o.id, g.id
		ORDER BY p.position, p.id, o.number, g.position, g.id`,
		f.OrganisationID, f.PolicyID, f.ObjectiveID, f.TrackID, f.StrategyID)
}
