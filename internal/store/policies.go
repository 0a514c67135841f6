package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const policyColumns = `p.id, p.organisation_id, p.kind, p.title, p.description, p.numbered, p.position,
	p.created_at, p.updated_at, p.version, p.archived_at`

// CreatePolicy inserts p and returns its id.
func (s *Store) CreatePolicy(ctx context.Context, p domain.Policy) (int64, error) {
	return insertID(ctx, s.db, "create policy", `
		INSERT INTO policies (organisation_id, kind, title, description, numbered, position)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		p.OrganisationID, p.Kind, p.Title, p.Description, p.Numbered, p.Position)
}

// GetPolicy returns the policy with id.
func (s *Store) GetPolicy(ctx context.Context, id int64) (domain.Policy, error) {
	return getOne[domain.Policy](ctx, s.db, "get policy", `SELECT `+policyColumns+` FROM policies p WHERE p.id = $1`, id)
}

// ListPoliciesByOrganisation returns the organisation's current policies in order.
func (s *Store) ListPoliciesByOrganisation(ctx context.Context, orgID int64) ([]domain.Policy, error) {
	return list[domain.Policy](ctx, s.db, "list policies by organisation",
		`SELECT `+policyColumns+` FROM policies p
		 WHERE p.organisation_id = $1 AND p.archived_at IS NULL ORDER BY p.position, p.id`, orgID)
}
