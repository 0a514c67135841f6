package store

import (
	"context"
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
)

// Indicators of goals, initiatives and action plans (the definitions; their measurements are in
// indicator_measurements.go). Every write runs in one transaction with its history row.

const indicatorColumns = `ind.id, ind.organisation_id, ind.goal_id, ind.initiative_id, ind.action_plan_id, ind.name,
	ind.definition, ind.unit, ind.direction, ind.baseline_value::float8 AS baseline_value, ind.baseline_date,
	ind.target_value::float8 AS target_value, ind.target_date, ind.milestones, ind.frequency, ind.responsible_unit_id,
	ind.created_at, ind.updated_at, ind.version, ind.archived_at`

// indicatorRowSelect reads indicators with their item, the item's unit and initiative kind,
// and the latest measurement. $1 is the agreement whose indicators are asked for (0 for none):
// those of the initiatives it holds (and the local ones of its lower unit under them) and of
// the action plans under those, as ListInitiatives and ListActionPlans select them (ag: two
// index lookups, as agreementItems).
const indicatorRowSelect = `WITH ag AS (
		SELECT ai.initiative_id AS id FROM agreement_initiatives ai WHERE ai.agreement_id = $1
		UNION
		SELECT c.id FROM agreement_initiatives ai
		JOIN agreements ag ON ag.id = ai.agreement_id
		JOIN initiatives c ON c.parent_id = ai.initiative_id AND c.unit_id = ag.lower_unit_id
		WHERE ai.agreement_id = $1)
	SELECT ` + indicatorColumns + `,
	       CASE WHEN ind.goal_id IS NOT NULL THEN 'goal' WHEN ind.initiative_id IS NOT NULL THEN 'initiative'
	            ELSE 'action_plan' END AS item_kind,
	       COALESCE(ind.goal_id, ind.initiative_id, ind.action_plan_id) AS item_id,
	       COALESCE(g.title, i.title, CASE WHEN a.code <> '' THEN a.code || ': ' || a.title ELSE a.title END) AS item_title,
	       COALESCE(ru.name, '') AS responsible_unit_name,
	       sc.scope_unit_id, COALESCE(sc.kind, '') AS initiative_kind,
	       COALESCE(ind.initiative_id, a.initiative_id) AS item_initiative_id,
	       lm.value AS latest_value, lm.as_of AS latest_as_of
	FROM indicators ind
	LEFT JOIN goals g ON g.id = ind.goal_id
	LEFT JOIN initiatives i ON i.id = ind.initiative_id
	LEFT JOIN action_plans a ON a.id = ind.action_plan_id
	LEFT JOIN units ru ON ru.id = ind.responsible_unit_id
	LEFT JOIN LATERAL (SELECT COALESCE(ii.unit_id, st.unit_id) AS scope_unit_id, ii.kind
	                   FROM initiatives ii JOIN tracks t ON t.id = ii.track_id JOIN strategies st ON st.id = t.strategy_id
	                   WHERE ii.id = COALESCE(ind.initiative_id, a.initiative_id)) sc ON true
	LEFT JOIN LATERAL (SELECT m.value::float8 AS value, m.as_of FROM indicator_measurements m
	                   WHERE m.indicator_id = ind.id ORDER BY m.as_of DESC LIMIT 1) lm ON true`

// IndicatorFilter narrows ListIndicators; zero fields do not filter.
type IndicatorFilter struct {
	GoalID, InitiativeID, ActionPlanID int64 // one item's own indicators
	AgreementID                        int64 // those of the items the agreement holds (see indicatorRowSelect)
	OrganisationID                     int64
	GoalsOnly                          bool // only indicators of goals
}

// ListIndicators returns the current indicators the filter selects, each with its latest
// measurement, by item and name. Unless an item is named, indicators of archived items are left
// out. One query.
func (s *Store) ListIndicators(ctx context.Context, f IndicatorFilter) ([]domain.IndicatorRow, error) {
	// Only the conditions of the filter go into the statement (where.go): the statement with
	// every condition optional was planned anew on every page that shows indicators. $1 stays
	// the agreement of indicatorRowSelect.
	w := where{args: []any{f.AgreementID}}
	if f.GoalID != 0 {
		w.add(`ind.goal_id = $?`, f.GoalID)
	}
	if f.InitiativeID != 0 {
		w.add(`ind.initiative_id = $?`, f.InitiativeID)
	}
	if f.ActionPlanID != 0 {
		w.add(`ind.action_plan_id = $?`, f.ActionPlanID)
	}
	if f.AgreementID != 0 {
		w.conds = append(w.conds, `(ind.initiative_id IN (SELECT id FROM ag)
		       OR ind.action_plan_id IN (SELECT a3.id FROM action_plans a3 WHERE a3.archived_at IS NULL
		                                 AND a3.initiative_id IN (SELECT id FROM ag)))`)
	}
	if f.OrganisationID != 0 {
		w.add(`ind.organisation_id = $?`, f.OrganisationID)
	}
	if f.GoalsOnly {
		w.conds = append(w.conds, `ind.goal_id IS NOT NULL`)
	}
	if f.GoalID+f.InitiativeID+f.ActionPlanID <= 0 {
		w.conds = append(w.conds, `COALESCE(g.archived_at, i.archived_at, a.archived_at) IS NULL`)
	}
	return list[domain.IndicatorRow](ctx, s.db, "list indicators", indicatorRowSelect+`
		WHERE ind.archived_at IS NULL`+w.and()+`
		ORDER BY item_kind, item_title, item_id, ind.name, ind.id`, w.args...)
}

// GetIndicator returns the indicator with id (archived or not) with its item and latest
// measurement. One query.
func (s *Store) GetIndicator(ctx context.Context, id int64) (domain.IndicatorRow, error) {
	return getOne[domain.IndicatorRow](ctx, s.db, "get indicator", indicatorRowSelect+` WHERE ind.id = $2`, 0, id)
}

// GoalScopeUnits returns the units of the strategies whose tracks realise the goal, and every
// unit above them: the units whose people may keep the goal's indicators. One query.
func (s *Store) GoalScopeUnits(ctx context.Context, goalID int64) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `
		WITH RECURSIVE up(id, parent_id) AS (
			SELECT u.id, u.parent_id FROM units u
			WHERE u.id IN (SELECT st.unit_id FROM goal_tracks gt JOIN tracks t ON t.id = gt.track_id
			               JOIN strategies st ON st.id = t.strategy_id
			               WHERE gt.goal_id = $1 AND t.archived_at IS NULL AND st.archived_at IS NULL)
			UNION
			SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id
		)
		SELECT id FROM up ORDER BY id`, goalID)
	ids, err := collectInt64s(rows)
	return ids, wrap("goal scope units", err)
}

// indicatorItem is what the history needs of an indicator's item: its organisation, unit, and
// (for an initiative or action plan) the initiative and its parent, whose agreements change.
type indicatorItem struct {
	OrganisationID int64
	UnitID         *int64
	InitiativeID   *int64
	ParentID       *int64
	Archived       bool // the item (or an action plan's initiative) is archived
}

func (s *Store) indicatorItem(ctx context.Context, ind domain.Indicator) (indicatorItem, error) {
	return getOne[indicatorItem](ctx, s.db, "indicator item", `
		SELECT p.organisation_id, NULL::bigint AS unit_id, NULL::bigint AS initiative_id, NULL::bigint AS parent_id,
		       g.archived_at IS NOT NULL AS archived
		FROM goals g JOIN objectives o ON o.id = g.objective_id JOIN policies p ON p.id = o.policy_id
		WHERE g.id = $1
		UNION ALL
		SELECT st.organisation_id, COALESCE(ii.unit_id, st.unit_id), ii.id, ii.parent_id,
		       ii.archived_at IS NOT NULL OR EXISTS (SELECT 1 FROM action_plans WHERE id = $3 AND archived_at IS NOT NULL)
		FROM initiatives ii JOIN tracks t ON t.id = ii.track_id JOIN strategies st ON st.id = t.strategy_id
		WHERE ii.id = COALESCE($2, (SELECT initiative_id FROM action_plans WHERE id = $3))`,
		ind.GoalID, ind.InitiativeID, ind.ActionPlanID)
}

// indicatorAudit writes the history row of a change to an indicator. A change of its definition
// (not of its measurements) also marks the agreements that hold its item as changed.
func (s *Store) indicatorAudit(ctx context.Context, item indicatorItem, actorID int64, action string, id int64,
	title string, changes map[string]domain.Change, definition bool) error {
	if definition && item.InitiativeID != nil {
		if err := s.markAgreementsChanged(ctx, itemRef{InitiativeID: *item.InitiativeID, ParentID: item.ParentID}); err != nil {
			return err
		}
	}
	return s.Audit(ctx, domain.AuditEntry{OrganisationID: item.OrganisationID, ActorID: &actorID, Action: action,
		Entity: domain.EntityIndicator, EntityID: id, UnitID: item.UnitID, Title: title, Changes: changes})
}

// milestones is never nil, so that it is stored as a JSON array.
func milestones(ms []domain.Milestone) []domain.Milestone {
	if ms == nil {
		return []domain.Milestone{}
	}
	return ms
}

// AddIndicator creates an indicator of the item ind names (exactly one of GoalID, InitiativeID,
// ActionPlanID) in the item's organisation, with its history. An archived or missing item is
// ErrNotFound.
func (s *Store) AddIndicator(ctx context.Context, actorID int64, ind domain.Indicator) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		item, err := tx.indicatorItem(ctx, ind)
		if err != nil {
			return err
		}
		if item.Archived {
			return fmt.Errorf("add indicator: the item is archived: %w", ErrNotFound)
		}
		if id, err = insertID(ctx, tx.db, "add indicator", `
			INSERT INTO indicators (organisation_id, goal_id, initiative_id, action_plan_id, name, definition, unit,
				direction, baseline_value, baseline_date, target_value, target_date, milestones, frequency, responsible_unit_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			item.OrganisationID, ind.GoalID, ind.InitiativeID, ind.ActionPlanID, ind.Name, ind.Definition, ind.Unit,
			ind.Direction, ind.BaselineValue, ind.BaselineDate, ind.TargetValue, ind.TargetDate,
			milestones(ind.Milestones), ind.Frequency, ind.ResponsibleUnitID); err != nil {
			return err
		}
		return tx.indicatorAudit(ctx, item, actorID, domain.AuditCreate, id, ind.Name, domain.Diff(nil, ind.AuditValues()), true)
	})
	return id, err
}

// lockIndicator reads the indicator with id for update (the row serialises the writes to the
// indicator and its measurements).
func (s *Store) lockIndicator(ctx context.Context, id int64) (domain.Indicator, error) {
	return getOne[domain.Indicator](ctx, s.db, "lock indicator",
		`SELECT `+indicatorColumns+` FROM indicators ind WHERE ind.id = $1 FOR UPDATE`, id)
}

// EditIndicator saves the definition of ind (not its item) if its version is still ind.Version
// and returns the new version; a stale version, or an archived indicator, is ErrConflict.
func (s *Store) EditIndicator(ctx context.Context, actorID int64, ind domain.Indicator) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := tx.lockIndicator(ctx, ind.ID)
		if err != nil {
			return err
		}
		if old.Version != ind.Version || old.ArchivedAt != nil {
			return fmt.Errorf("edit indicator: %w", ErrConflict)
		}
		if err := tx.db.QueryRow(ctx, `UPDATE indicators SET name = $2, definition = $3, unit = $4, direction = $5,
			baseline_value = $6, baseline_date = $7, target_value = $8, target_date = $9, milestones = $10,
			frequency = $11, responsible_unit_id = $12, updated_at = now(), version = version + 1
			WHERE id = $1 RETURNING version`, ind.ID, ind.Name, ind.Definition, ind.Unit, ind.Direction,
			ind.BaselineValue, ind.BaselineDate, ind.TargetValue, ind.TargetDate, milestones(ind.Milestones),
			ind.Frequency, ind.ResponsibleUnitID).Scan(&version); err != nil {
			return wrap("edit indicator", err)
		}
		changes := domain.Diff(old.AuditValues(), ind.AuditValues())
		if len(changes) == 0 {
			return nil
		}
		item, err := tx.indicatorItem(ctx, old)
		if err != nil {
			return err
		}
		return tx.indicatorAudit(ctx, item, actorID, domain.AuditUpdate, ind.ID, ind.Name, changes, true)
	})
	return version, err
}

// ArchiveIndicator archives the indicator if its version is still version (else ErrConflict).
// Its measurements stay, for the history.
func (s *Store) ArchiveIndicator(ctx context.Context, actorID, id int64, version int32) error {
	return s.InTx(ctx, func(tx *Store) error {
		old, err := tx.lockIndicator(ctx, id)
		if err != nil {
			return err
		}
		if old.Version != version || old.ArchivedAt != nil {
			return fmt.Errorf("archive indicator: %w", ErrConflict)
		}
		if _, err := tx.db.Exec(ctx, `UPDATE indicators SET archived_at = now(), updated_at = now(), version = version + 1
			WHERE id = $1`, id); err != nil {
			return wrap("archive indicator", err)
		}
		item, err := tx.indicatorItem(ctx, old)
		if err != nil {
			return err
		}
		return tx.indicatorAudit(ctx, item, actorID, domain.AuditArchive, id, old.Name, nil, true)
	})
}
