package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const objectiveColumns = `o.id, o.policy_id, o.number, o.title, o.description,
	o.created_at, o.updated_at, o.version, o.archived_at`

// CreateObjective inserts o and returns its id.
func (s *Store) CreateObjective(ctx context.Context, o domain.Objective) (int64, error) {
	return insertID(ctx, s.db, "create objective", `
		INSERT INTO objectives (policy_id, number, title, description)
		VALUES ($1, $2, $3, $4) RETURNING id`,
		o.PolicyID, o.Number, o.Title, o.Description)
}

// GetObjective returns the objective with id.
func (s *Store) GetObjective(ctx context.Context, id int64) (domain.Objective, error) {
	return getOne[domain.Objective](ctx, s.db, "get objective",
		`SELECT `+objectiveColumns+` FROM objectives o WHERE o.id = $1`, id)
}

// GetObjectiveDetail returns the objective with its policy.
func (s *Store) GetObjectiveDetail(ctx context.Context, id int64) (domain.ObjectiveDetail, error) {
	return getOne[domain.ObjectiveDetail](ctx, s.db, "get objective detail", `
		SELECT `+objectiveColumns+`, p.title AS policy_title, p.numbered, p.organisation_id
		FROM objectives o JOIN policies p ON p.id = o.policy_id WHERE o.id = $1`, id)
}

// ListObjectivesByPolicy returns the policy's current objectives by number.
func (s *Store) ListObjectivesByPolicy(ctx context.Context, policyID int64) ([]domain.Objective, error) {
	return list[domain.Objective](ctx, s.db, "list objectives by policy",
		`SELECT `+objectiveColumns+` FROM objectives o WHERE o.policy_id = $1 AND o.archived_at IS NULL
		 ORDER BY o.number`, policyID)
}
