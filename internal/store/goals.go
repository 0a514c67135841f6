package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const goalColumns = `g.id, g.objective_id, g.position, g.title, g.description,
	g.created_at, g.updated_at, g.version, g.archived_at`

// CreateGoal inserts g and returns its id.
func (s *Store) CreateGoal(ctx context.Context, g domain.Goal) (int64, error) {
	return insertID(ctx, s.db, "create goal", `
		INSERT INTO goals (objective_id, position, title, description)
		VALUES ($1, $2, $3, $4) RETURNING id`,
		g.ObjectiveID, g.Position, g.Title, g.Description)
}

// LinkGoalTrack records that goal is realised through track.
func (s *Store) LinkGoalTrack(ctx context.Context, goalID, trackID int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO goal_tracks (goal_id, track_id) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, goalID, trackID)
	if err != nil {
		return wrap("link goal track", err)
	}
	return nil
}

// GetGoal returns the goal with id.
func (s *Store) GetGoal(ctx context.Context, id int64) (domain.Goal, error) {
	return getOne[domain.Goal](ctx, s.db, "get goal", `SELECT `+goalColumns+` FROM goals g WHERE g.id = $1`, id)
}

// GetGoalDetail returns the goal with its objective and policy.
func (s *Store) GetGoalDetail(ctx context.Context, id int64) (domain.GoalDetail, error) {
	return getOne[domain.GoalDetail](ctx, s.db, "get goal detail", `
		SELECT `+goalColumns+`, o.number AS objective_number, o.title AS objective_title,
		       p.id AS policy_id, p.title AS policy_title, p.numbered, p.organisation_id
		FROM goals g JOIN objectives o ON o.id = g.objective_id JOIN policies p ON p.id = o.policy_id
		WHERE g.id = $1`, id)
}
