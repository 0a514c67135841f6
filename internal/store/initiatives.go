package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const initiativeColumns = `i.id, i.track_id, i.kind, i.parent_id, i.unit_id, i.number, i.title, i.description,
	i.start_date, i.end_date, i.responsible, i.weight::float8 AS weight, i.status_phase, i.status_health,
	i.status_progress, i.status_as_of, i.status_updated_at, i.public, i.created_at, i.updated_at, i.version, i.archived_at`

// CreateInitiative inserts i and returns its id. A local initiative takes its parent's track.
func (s *Store) CreateInitiative(ctx context.Context, i domain.Initiative) (int64, error) {
	return insertID(ctx, s.db, "create initiative", `
		INSERT INTO initiatives (track_id, kind, parent_id, unit_id, number, title, description, start_date, end_date)
		VALUES (COALESCE((SELECT track_id FROM initiatives WHERE id = $3), $1), $2, $3, $4, $5, $6, $7, $8, $9)
		RETURNING id`,
		i.TrackID, i.Kind, i.ParentID, i.UnitID, i.Number, i.Title, i.Description, i.StartDate, i.EndDate)
}

// GetInitiative returns the initiative with id.
func (s *Store) GetInitiative(ctx context.Context, id int64) (domain.Initiative, error) {
	return getOne[domain.Initiative](ctx, s.db, "get initiative",
		`SELECT `+initiativeColumns+` FROM initiatives i WHERE i.id = $1`, id)
}

// InitiativeFilter narrows ListInitiatives; zero fields do not filter. Kind is "general",
// "local" or "" for both. AgreementID selects the initiatives the agreement holds and, under
// them, the local ones of the agreement's lower unit (as ListActionPlans does).
type InitiativeFilter struct {
	StrategyID, TrackID, ParentID, UnitID, AgreementID int64
	GoalID                                             int64 // the initiatives under the tracks that realise the goal
	Kind                                               string
}

const initiativeRowSelect = `SELECT ` + initiativeColumns + `,
	       t.number AS track_number, t.title AS track_title, t.strategy_id,
	       COALESCE(p.title, '') AS parent_title, COALESCE(u.name, '') AS unit_name,
	       (SELECT count(*) FROM action_plans a WHERE a.initiative_id = i.id AND a.archived_at IS NULL)::int AS action_plan_count,
	       (SELECT count(*) FROM initiatives c WHERE c.parent_id = i.id AND c.archived_at IS NULL)::int AS local_count,
	       COALESCE(i.unit_id, sx.unit_id) AS scope_unit_id, COALESCE(fu.follow_up_months, 3) AS follow_up_months
	FROM initiatives i
	JOIN tracks t ON t.id = i.track_id
	JOIN strategies sx ON sx.id = t.strategy_id
	LEFT JOIN initiatives p ON p.id = i.parent_id
	LEFT JOIN units u ON u.id = i.unit_id
	LEFT JOIN LATERAL (SELECT follow_up_months FROM agreements ag
	                   WHERE ag.lower_unit_id = COALESCE(i.unit_id, sx.unit_id) AND ag.archived_at IS NULL
	                   ORDER BY ag.period_end DESC LIMIT 1) fu ON true`

// ListInitiatives returns the current initiatives the filter selects, in chain order: by
// track, then general before its local ones, then by number and unit. One query.
func (s *Store) ListInitiatives(ctx context.Context, f InitiativeFilter) ([]domain.InitiativeRow, error) {
	var w where
	if f.StrategyID != 0 {
		w.add(`t.strategy_id = $?`, f.StrategyID)
	}
	if f.TrackID != 0 {
		w.add(`i.track_id = $?`, f.TrackID)
	}
	if f.ParentID != 0 {
		w.add(`i.parent_id = $?`, f.ParentID)
	}
	if f.UnitID != 0 {
		w.add(`i.unit_id = $?`, f.UnitID)
	}
	if f.AgreementID != 0 {
		w.add(`i.id IN `+agreementItems, f.AgreementID)
	}
	if f.Kind != "" {
		w.add(`i.kind = $?`, f.Kind)
	}
	if f.GoalID != 0 {
		w.add(`i.track_id IN (SELECT track_id FROM goal_tracks WHERE goal_id = $?)`, f.GoalID)
	}
	return list[domain.InitiativeRow](ctx, s.db, "list initiatives", initiativeRowSelect+`
		WHERE i.archived_at IS NULL`+w.and()+`
		ORDER BY t.number, COALESCE(p.number, i.number), COALESCE(i.parent_id, i.id), i.kind, u.position, u.name, i.number, i.id`,
		w.args...)
}

// GetInitiativeDetail returns the initiative with its track, strategy, parent and unit.
func (s *Store) GetInitiativeDetail(ctx context.Context, id int64) (domain.InitiativeDetail, error) {
	return getOne[domain.InitiativeDetail](ctx, s.db, "get initiative detail",
		`SELECT r.*, st.title AS strategy_title, st.organisation_id FROM (`+initiativeRowSelect+` WHERE i.id = $1) r
		 JOIN strategies st ON st.id = r.strategy_id`, id)
}
