package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const unitColumns = `u.id, u.organisation_id, u.parent_id, u.name, u.kind, u.leader_title, u.description,
	u.position, u.created_at, u.updated_at, u.version, u.archived_at`

const unitWithParent = `SELECT ` + unitColumns + `, COALESCE(p.name, '') AS parent_name
	FROM units u LEFT JOIN units p ON p.id = u.parent_id`

// CreateUnit inserts u and returns its id.
func (s *Store) CreateUnit(ctx context.Context, u domain.Unit) (int64, error) {
	return insertID(ctx, s.db, "create unit", `
		INSERT INTO units (organisation_id, parent_id, name, kind, leader_title, description, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.OrganisationID, u.ParentID, u.Name, u.Kind, u.LeaderTitle, u.Description, u.Position)
}

// GetUnit returns the unit with id and its parent's name.
func (s *Store) GetUnit(ctx context.Context, id int64) (domain.Unit, error) {
	return getOne[domain.Unit](ctx, s.db, "get unit", unitWithParent+` WHERE u.id = $1`, id)
}

// ListUnitsByOrganisation returns the organisation's units (archived ones too), in tree order
// within each parent by position.
func (s *Store) ListUnitsByOrganisation(ctx context.Context, orgID int64) ([]domain.Unit, error) {
	return list[domain.Unit](ctx, s.db, "list units by organisation",
		`SELECT `+unitColumns+` FROM units u WHERE u.organisation_id = $1 ORDER BY u.position, u.id`, orgID)
}

// ListChildUnits returns the unit's current child units in order.
func (s *Store) ListChildUnits(ctx context.Context, parentID int64) ([]domain.Unit, error) {
	return list[domain.Unit](ctx, s.db, "list child units",
		`SELECT `+unitColumns+` FROM units u WHERE u.parent_id = $1 AND u.archived_at IS NULL ORDER BY u.position, u.name`,
		parentID)
}

// GetUnitByName returns the organisation's unit with the exact name.
func (s *Store) GetUnitByName(ctx context.Context, orgID int64, name string) (domain.Unit, error) {
	return getOne[domain.Unit](ctx, s.db, "get unit by name",
		unitWithParent+` WHERE u.organisation_id = $1 AND u.name = $2`, orgID, name)
}
