package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// CreateLadderStep inserts a step of Indsatstrappen and returns its id.
func (s *Store) CreateLadderStep(ctx context.Context, l domain.LadderStep) (int64, error) {
	return insertID(ctx, s.db, "create ladder step", `
		INSERT INTO ladder_steps (organisation_id, position, name, colour, description)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		l.OrganisationID, l.Position, l.Name, l.Colour, l.Description)
}

// ListLadderSteps returns the organisation's current steps from the bottom up.
func (s *Store) ListLadderSteps(ctx context.Context, orgID int64) ([]domain.LadderStep, error) {
	return list[domain.LadderStep](ctx, s.db, "list ladder steps", `
		SELECT id, organisation_id, position, name, colour, description, created_at, updated_at, version, archived_at
		FROM ladder_steps WHERE organisation_id = $1 AND archived_at IS NULL ORDER BY position`, orgID)
}
