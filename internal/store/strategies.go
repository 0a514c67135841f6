package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const strategyColumns = `s.id, s.organisation_id, s.unit_id, s.title, s.period_start, s.period_end, s.vision,
	s.description, s.position, s.created_at, s.updated_at, s.version, s.archived_at`

// CreateStrategy inserts st and returns its id.
func (s *Store) CreateStrategy(ctx context.Context, st domain.Strategy) (int64, error) {
	return insertID(ctx, s.db, "create strategy", `
		INSERT INTO strategies (organisation_id, unit_id, title, period_start, period_end, vision, description, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		st.OrganisationID, st.UnitID, st.Title, st.PeriodStart, st.PeriodEnd, st.Vision, st.Description, st.Position)
}

// GetStrategy returns the strategy with id.
func (s *Store) GetStrategy(ctx context.Context, id int64) (domain.Strategy, error) {
	return getOne[domain.Strategy](ctx, s.db, "get strategy", `SELECT `+strategyColumns+` FROM strategies s WHERE s.id = $1`, id)
}

// ListStrategiesByOrganisation returns the organisation's current strategies in order.
func (s *Store) ListStrategiesByOrganisation(ctx context.Context, orgID int64) ([]domain.Strategy, error) {
	return list[domain.Strategy](ctx, s.db, "list strategies by organisation",
		`SELECT `+strategyColumns+` FROM strategies s
		 WHERE s.organisation_id = $1 AND s.archived_at IS NULL ORDER BY s.position, s.id`, orgID)
}

// ListStrategyRowsByOrganisation returns the organisation's current strategies with unit and track count.
func (s *Store) ListStrategyRowsByOrganisation(ctx context.Context, orgID int64) ([]domain.StrategyRow, error) {
	return list[domain.StrategyRow](ctx, s.db, "list strategy rows by organisation", `
		SELECT `+strategyColumns+`, COALESCE(u.name, '') AS unit_name,
		       (SELECT count(*) FROM tracks t WHERE t.strategy_id = s.id AND t.archived_at IS NULL)::int AS track_count
		FROM strategies s LEFT JOIN units u ON u.id = s.unit_id
		WHERE s.organisation_id = $1 AND s.archived_at IS NULL ORDER BY s.position, s.id`, orgID)
}

// GetStrategyRow returns the strategy with its unit's name and track count.
func (s *Store) GetStrategyRow(ctx context.Context, id int64) (domain.StrategyRow, error) {
	return getOne[domain.StrategyRow](ctx, s.db, "get strategy row", `
		SELECT `+strategyColumns+`, COALESCE(u.name, '') AS unit_name,
		       (SELECT count(*) FROM tracks t WHERE t.strategy_id = s.id AND t.archived_at IS NULL)::int AS track_count
		FROM strategies s LEFT JOIN units u ON u.id = s.unit_id WHERE s.id = $1`, id)
}
