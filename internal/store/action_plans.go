package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const actionPlanColumns = `a.id, a.initiative_id, a.code, a.title, a.description, a.responsible, a.start_date,
	a.deadline, a.ladder_step_id, a.position, a.weight::float8 AS weight, a.status_phase, a.status_health,
	a.status_progress, a.status_as_of, a.status_updated_at, a.created_at, a.updated_at, a.version, a.archived_at`

// CreateActionPlan inserts a and returns its id; a code already used under the initiative is ErrConflict.
func (s *Store) CreateActionPlan(ctx context.Context, a domain.ActionPlan) (int64, error) {
	return insertID(ctx, s.db, "create action plan", `
		INSERT INTO action_plans (initiative_id, code, title, description, responsible, start_date, deadline,
			ladder_step_id, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		a.InitiativeID, a.Code, a.Title, a.Description, a.Responsible, a.StartDate, a.Deadline,
		a.LadderStepID, a.Position)
}

// GetActionPlan returns the action plan with id.
func (s *Store) GetActionPlan(ctx context.Context, id int64) (domain.ActionPlan, error) {
	return getOne[domain.ActionPlan](ctx, s.db, "get action plan",
		`SELECT `+actionPlanColumns+` FROM action_plans a WHERE a.id = $1`, id)
}

// ActionPlanFilter narrows ListActionPlans; zero fields do not filter.
type ActionPlanFilter struct {
	InitiativeID, InitiativeOrParentID, UnitID, AgreementID int64
}

const actionPlanRowSelect = `SELECT ` + actionPlanColumns + `,
	       i.title AS initiative_title, i.kind AS initiative_kind, i.number AS initiative_number,
	       COALESCE(u.name, '') AS unit_name, COALESCE(l.name, '') AS ladder_step_name,
	       COALESCE(i.unit_id, sx.unit_id) AS scope_unit_id, COALESCE(fu.follow_up_months, 3) AS follow_up_months
	FROM action_plans a
	JOIN initiatives i ON i.id = a.initiative_id
	JOIN tracks tx ON tx.id = i.track_id
	JOIN strategies sx ON sx.id = tx.strategy_id
	LEFT JOIN units u ON u.id = i.unit_id
	LEFT JOIN ladder_steps l ON l.id = a.ladder_step_id
	LEFT JOIN LATERAL (SELECT follow_up_months FROM agreements ag
	                   WHERE ag.lower_unit_id = COALESCE(i.unit_id, sx.unit_id) AND ag.archived_at IS NULL
	                   ORDER BY ag.period_end DESC LIMIT 1) fu ON true`

// ListActionPlans returns the current action plans the filter selects, by initiative and
// position. InitiativeOrParentID selects the plans of an initiative and of its local ones;
// AgreementID those under the initiatives the agreement holds (and their local ones for the
// agreement's lower unit). One query.
func (s *Store) ListActionPlans(ctx context.Context, f ActionPlanFilter) ([]domain.ActionPlanRow, error) {
	var w where
	if f.InitiativeID != 0 {
		w.add(`a.initiative_id = $?`, f.InitiativeID)
	}
	if f.InitiativeOrParentID != 0 {
		w.add(`a.initiative_id IN (SELECT c.id FROM initiatives c WHERE c.id = $? OR c.parent_id = $?)`, f.InitiativeOrParentID)
	}
	if f.UnitID != 0 {
		w.add(`i.unit_id = $?`, f.UnitID)
	}
	if f.AgreementID != 0 {
		w.add(`a.initiative_id IN `+agreementItems, f.AgreementID)
	}
	return list[domain.ActionPlanRow](ctx, s.db, "list action plans", actionPlanRowSelect+`
		WHERE a.archived_at IS NULL AND i.archived_at IS NULL`+w.and()+`
		ORDER BY i.track_id, i.number, i.id, a.position, a.code, a.id`,
		w.args...)
}

// GetActionPlanDetail returns the action plan with every level above it.
func (s *Store) GetActionPlanDetail(ctx context.Context, id int64) (domain.ActionPlanDetail, error) {
	return getOne[domain.ActionPlanDetail](ctx, s.db, "get action plan detail", `
		SELECT `+actionPlanColumns+`,
		       i.title AS initiative_title, i.kind AS initiative_kind, i.number AS initiative_number,
		       COALESCE(u.name, '') AS unit_name, COALESCE(l.name, '') AS ladder_step_name,
		       COALESCE(l.colour, '') AS ladder_colour,
		       i.parent_id, COALESCE(p.title, '') AS parent_title,
		       t.id AS track_id, t.number AS track_number, t.title AS track_title,
		       st.id AS strategy_id, st.title AS strategy_title, st.organisation_id,
		       COALESCE(i.unit_id, st.unit_id) AS scope_unit_id,
		       COALESCE((SELECT follow_up_months FROM agreements ag WHERE ag.lower_unit_id = COALESCE(i.unit_id, st.unit_id)
		                 AND ag.archived_at IS NULL ORDER BY ag.period_end DESC LIMIT 1), 3) AS follow_up_months
		FROM action_plans a
		JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id
		JOIN strategies st ON st.id = t.strategy_id
		LEFT JOIN initiatives p ON p.id = i.parent_id
		LEFT JOIN units u ON u.id = i.unit_id
		LEFT JOIN ladder_steps l ON l.id = a.ladder_step_id
		WHERE a.id = $1`, id)
}
