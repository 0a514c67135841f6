package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// CreateAnnualPlan inserts p and returns its id.
func (s *Store) CreateAnnualPlan(ctx context.Context, p domain.AnnualPlan) (int64, error) {
	return insertID(ctx, s.db, "create annual plan", `
		INSERT INTO annual_plans (strategy_id, year, title, main_theme, introduction, adopted_on)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		p.StrategyID, p.Year, p.Title, p.MainTheme, p.Introduction, p.AdoptedOn)
}

// CreateAnnualPlanArea inserts an indsatsområde's narrative and assessment for the plan's year.
func (s *Store) CreateAnnualPlanArea(ctx context.Context, a domain.AnnualPlanArea) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO annual_plan_areas (annual_plan_id, initiative_id, narrative, assessment)
		VALUES ($1, $2, $3, $4)`, a.AnnualPlanID, a.InitiativeID, a.Narrative, a.Assessment)
	return wrap("create annual plan area", err)
}

// CreateAnnualPlanItem inserts a handleplan's text and markers for the plan's year and returns its id.
func (s *Store) CreateAnnualPlanItem(ctx context.Context, it domain.AnnualPlanItem) (int64, error) {
	return insertID(ctx, s.db, "create annual plan item", `
		INSERT INTO annual_plan_items (annual_plan_id, action_plan_id, phase, implementation, is_new, ol, ol_note,
			same_as_id, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		it.AnnualPlanID, it.ActionPlanID, it.Phase, it.Implementation, it.IsNew, it.OL, it.OLNote, it.SameAsID, it.Position)
}

const annualPlanRowSelect = `SELECT p.id, p.strategy_id, p.year, p.title, p.main_theme, p.introduction, p.adopted_on,
	       p.created_at, p.updated_at, p.version, p.archived_at,
	       s.title AS strategy_title, s.organisation_id,
	       (SELECT count(*) FROM annual_plan_items i WHERE i.annual_plan_id = p.id)::int AS item_count
	FROM annual_plans p JOIN strategies s ON s.id = p.strategy_id`

// GetAnnualPlanRow returns the yearly plan with its strategy.
func (s *Store) GetAnnualPlanRow(ctx context.Context, id int64) (domain.AnnualPlanRow, error) {
	return getOne[domain.AnnualPlanRow](ctx, s.db, "get annual plan", annualPlanRowSelect+` WHERE p.id = $1`, id)
}

// ListAnnualPlansByStrategy returns the strategy's current yearly plans by year.
func (s *Store) ListAnnualPlansByStrategy(ctx context.Context, strategyID int64) ([]domain.AnnualPlanRow, error) {
	return list[domain.AnnualPlanRow](ctx, s.db, "list annual plans by strategy", annualPlanRowSelect+`
		WHERE p.strategy_id = $1 AND p.archived_at IS NULL ORDER BY p.year`, strategyID)
}

// ListAnnualPlanAreas returns the plan's texts per indsatsområde, in the areas' order.
func (s *Store) ListAnnualPlanAreas(ctx context.Context, planID int64) ([]domain.AnnualPlanAreaRow, error) {
	return list[domain.AnnualPlanAreaRow](ctx, s.db, "list annual plan areas", `
		SELECT a.annual_plan_id, a.initiative_id, a.narrative, a.assessment,
		       i.number, i.title, t.id AS track_id, t.title AS track_title
		FROM annual_plan_areas a JOIN initiatives i ON i.id = a.initiative_id JOIN tracks t ON t.id = i.track_id
		WHERE a.annual_plan_id = $1 ORDER BY t.number, i.number`, planID)
}

// AnnualPlanItemFilter selects the items of one plan or the years of one action plan.
type AnnualPlanItemFilter struct {
	AnnualPlanID, ActionPlanID int64
}

// ListAnnualPlanItems returns the selected items with their handleplaner, by year and position.
func (s *Store) ListAnnualPlanItems(ctx context.Context, f AnnualPlanItemFilter) ([]domain.AnnualPlanItemRow, error) {
	return list[domain.AnnualPlanItemRow](ctx, s.db, "list annual plan items", `
		SELECT it.id, it.annual_plan_id, it.action_plan_id, it.phase, it.implementation, it.is_new, it.ol,
		       it.ol_note, it.same_as_id, it.position, a.initiative_id, a.code, a.title, p.year, p.title AS plan_title,
		       COALESCE(sa.code, '') AS same_as_code
		FROM annual_plan_items it
		JOIN action_plans a ON a.id = it.action_plan_id
		LEFT JOIN annual_plan_items si ON si.id = it.same_as_id
		LEFT JOIN action_plans sa ON sa.id = si.action_plan_id
		JOIN annual_plans p ON p.id = it.annual_plan_id
		WHERE ($1 = 0 OR it.annual_plan_id = $1) AND ($2 = 0 OR it.action_plan_id = $2)
		ORDER BY p.year, it.position, a.code`, f.AnnualPlanID, f.ActionPlanID)
}

// GetAnnualPlanDetail returns the yearly plan with its strategy's unit chain and period, the
// plan it was made from, the next year's plan and its adoption, in one query.
func (s *Store) GetAnnualPlanDetail(ctx context.Context, id int64) (domain.AnnualPlanDetail, error) {
	return getOne[domain.AnnualPlanDetail](ctx, s.db, "get annual plan detail", `
		SELECT p.id, p.strategy_id, p.year, p.title, p.main_theme, p.introduction, p.adopted_on,
		       p.created_at, p.updated_at, p.version, p.archived_at,
		       s.title AS strategy_title, s.organisation_id,
		       (SELECT count(*) FROM annual_plan_items i WHERE i.annual_plan_id = p.id)::int AS item_count,
		       s.unit_id AS strategy_unit_id, s.period_start, s.period_end,
		       ARRAY(WITH RECURSIVE up(id, parent_id, depth) AS (
		                 SELECT u.id, u.parent_id, 0 FROM units u WHERE u.id = s.unit_id
		                 UNION ALL
		                 SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id)
		             SELECT up.id FROM up ORDER BY up.depth) AS scope_units,
		       p.source_plan_id, COALESCE(sp.title, '') AS source_title,
		       (SELECT n.id FROM annual_plans n WHERE n.strategy_id = p.strategy_id AND n.year = p.year + 1) AS next_plan_id,
		       p.introduction_from_year, p.adopted_by, COALESCE(u.name, '') AS adopted_by_name, p.changed_after_adoption
		FROM annual_plans p
		JOIN strategies s ON s.id = p.strategy_id
		LEFT JOIN annual_plans sp ON sp.id = p.source_plan_id
		LEFT JOIN users u ON u.id = p.adopted_by
		WHERE p.id = $1`, id)
}

const planItemSelect = `SELECT it.id, it.annual_plan_id, it.action_plan_id, it.phase, it.implementation, it.is_new,
	       it.ol, it.ol_note, it.same_as_id, it.position, a.initiative_id, a.code, a.title, p.year,
	       p.title AS plan_title, COALESCE(sa.code, '') AS same_as_code, it.version, it.text_from_year,
	       it.ol_treated_on, it.ol_decision, a.archived_at IS NOT NULL AS action_plan_archived,
	       a.status_phase AS action_plan_phase
	FROM annual_plan_items it
	JOIN action_plans a ON a.id = it.action_plan_id
	JOIN annual_plans p ON p.id = it.annual_plan_id
	LEFT JOIN annual_plan_items si ON si.id = it.same_as_id
	LEFT JOIN action_plans sa ON sa.id = si.action_plan_id`

// ListPlanItems returns the plan's items, with what the yearly cycle keeps of each, in the
// plan's order.
func (s *Store) ListPlanItems(ctx context.Context, planID int64) ([]domain.PlanItem, error) {
	return list[domain.PlanItem](ctx, s.db, "list plan items", planItemSelect+`
		WHERE it.annual_plan_id = $1 ORDER BY it.position, a.code, it.id`, planID)
}

// GetPlanItem returns the item with id if it belongs to the plan (else ErrNotFound).
func (s *Store) GetPlanItem(ctx context.Context, planID, id int64) (domain.PlanItem, error) {
	return getOne[domain.PlanItem](ctx, s.db, "get plan item", planItemSelect+`
		WHERE it.id = $1 AND it.annual_plan_id = $2`, id, planID)
}

// ListPlanCandidates returns the handleplaner that can be added to the plan: the current ones
// directly under the current indsatsområder of its strategy that it does not hold, in the
// strategy's order.
func (s *Store) ListPlanCandidates(ctx context.Context, planID int64) ([]domain.PlanCandidate, error) {
	return list[domain.PlanCandidate](ctx, s.db, "list plan candidates", `
		SELECT a.id, a.code, a.title, i.id AS initiative_id, i.number AS initiative_number, i.title AS initiative_title
		FROM annual_plans p
		JOIN tracks t ON t.strategy_id = p.strategy_id
		JOIN initiatives i ON i.track_id = t.id AND i.kind = 'general' AND i.archived_at IS NULL
		JOIN action_plans a ON a.initiative_id = i.id AND a.archived_at IS NULL
		WHERE p.id = $1 AND t.archived_at IS NULL
		  AND NOT EXISTS (SELECT 1 FROM annual_plan_items x WHERE x.annual_plan_id = p.id AND x.action_plan_id = a.id)
		ORDER BY t.number, i.number, a.position, a.code, a.id`, planID)
}
