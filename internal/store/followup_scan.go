package store

import (
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/domain"
)

// The follow-up views read every item of a strategy on every request (hundreds of rows of
// thirty columns), so FollowUpItems scans its rows by position into fixed targets instead of
// by name with reflection (pgx.RowToStructByNameLax), which cost more than the rest of the
// page's Go work together. The targets below follow initiativeColumns and actionPlanColumns
// column for column; a column added there without a target here makes the scan fail (pgx
// checks the count), which the dashboard tests catch.

// initiativeTargets are the scan targets of initiativeColumns, in order.
func initiativeTargets(i *domain.Initiative) []any {
	return []any{&i.ID, &i.TrackID, &i.Kind, &i.ParentID, &i.UnitID, &i.Number, &i.Title, &i.Description,
		&i.StartDate, &i.EndDate, &i.Responsible, &i.Weight, &i.StatusPhase, &i.StatusHealth,
		&i.StatusProgress, &i.StatusAsOf, &i.StatusUpdatedAt, &i.CreatedAt, &i.UpdatedAt, &i.Version, &i.ArchivedAt}
}

// actionPlanTargets are the scan targets of actionPlanColumns, in order.
func actionPlanTargets(a *domain.ActionPlan) []any {
	return []any{&a.ID, &a.InitiativeID, &a.Code, &a.Title, &a.Description, &a.Responsible, &a.StartDate,
		&a.Deadline, &a.LadderStepID, &a.Position, &a.Weight, &a.StatusPhase, &a.StatusHealth,
		&a.StatusProgress, &a.StatusAsOf, &a.StatusUpdatedAt, &a.CreatedAt, &a.UpdatedAt, &a.Version, &a.ArchivedAt}
}

// followUpInitiativeColumns follow initiativeColumns in the follow-up query of initiatives.
const followUpInitiativeColumns = `t.number AS track_number, t.title AS track_title, t.strategy_id,
	COALESCE(p.title, '') AS parent_title, COALESCE(u.name, '') AS unit_name,
	COALESCE(i.unit_id, sx.unit_id) AS scope_unit_id, COALESCE(fu.follow_up_months, 3) AS follow_up_months`

// scanFollowUpInitiatives reads the next result of br: initiativeColumns, then followUpInitiativeColumns.
func scanFollowUpInitiatives(br pgx.BatchResults) ([]domain.InitiativeRow, error) {
	var in domain.InitiativeRow
	dest := append(initiativeTargets(&in.Initiative), &in.TrackNumber, &in.TrackTitle, &in.StrategyID,
		&in.ParentTitle, &in.UnitName, &in.ScopeUnitID, &in.FollowUpMonths)
	return scanAll(br, "follow-up initiatives", dest, func() domain.InitiativeRow {
		v := in
		in = domain.InitiativeRow{}
		return v
	})
}

// followUpActionPlanColumns follow actionPlanColumns in the follow-up query of action plans.
const followUpActionPlanColumns = `i.title AS initiative_title, i.kind AS initiative_kind,
	i.number AS initiative_number, COALESCE(u.name, '') AS unit_name, COALESCE(l.name, '') AS ladder_step_name,
	COALESCE(i.unit_id, sx.unit_id) AS scope_unit_id, COALESCE(fu.follow_up_months, 3) AS follow_up_months,
	i.track_id, i.unit_id AS initiative_unit_id, COALESCE(i.parent_id, i.id) AS general_id`

// scanFollowUpActionPlans reads the next result of br: actionPlanColumns, then followUpActionPlanColumns.
func scanFollowUpActionPlans(br pgx.BatchResults) ([]FollowUpActionPlan, error) {
	var a FollowUpActionPlan
	dest := append(actionPlanTargets(&a.ActionPlan), &a.InitiativeTitle, &a.InitiativeKind, &a.InitiativeNumber,
		&a.UnitName, &a.LadderStepName, &a.ScopeUnitID, &a.FollowUpMonths, &a.TrackID, &a.InitiativeUnitID, &a.GeneralID)
	return scanAll(br, "follow-up action plans", dest, func() FollowUpActionPlan {
		v := a
		a = FollowUpActionPlan{}
		return v
	})
}

// scanAll scans every row of br's next result into dest and appends take() after each.
func scanAll[T any](br pgx.BatchResults, op string, dest []any, take func() T) ([]T, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, take())
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}
