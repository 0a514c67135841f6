package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
)

// The writes an admin makes to the policy hierarchy (issue 6) that are the same at every level:
// reordering, archiving and deleting. Each runs in one transaction with its history rows, checks
// the item's version (a stale one is ErrConflict and changes nothing) and keeps the numbering of
// the item's siblings consistent: numbers 1, 2, 3 … (målsætninger, spor, generelle indsatser) or
// positions 0, 1, 2 … (everything else), among the current items only.

// Level is a level of the hierarchy that the generic writes handle.
type Level int

// The levels.
const (
	LevelUnit Level = iota
	LevelPolicy
	LevelObjective
	LevelGoal
	LevelStrategy
	LevelTrack
	LevelGeneral // a general initiative
	LevelTerm
	LevelLadder
	LevelActionPlan // only for SetPositions and the history
)

// Audited entities of the hierarchy (initiatives and action plans use domain's).
const (
	EntityOrganisation = "organisation"
	EntityUnit         = "unit"
	EntityPolicy       = "policy"
	EntityObjective    = "objective"
	EntityGoal         = "goal"
	EntityStrategy     = "strategy"
	EntityTrack        = "track"
	EntityTerm         = "term"
	EntityLadderStep   = "ladder_step"
)

// levelInfo is what the generic writes need to know of a level's table. In the SQL fragments x
// is the item and y a sibling.
type levelInfo struct {
	entity, table string
	title         string // the column holding the item's name
	order         string // "number" (from 1) or "position" (from 0)
	siblings      string // y is a sibling of x (current or not)
	org           string // the organisation of x
}

var levels = map[Level]levelInfo{
	LevelUnit: {EntityUnit, "units", "name", "position",
		"y.organisation_id = x.organisation_id AND y.parent_id IS NOT DISTINCT FROM x.parent_id", "x.organisation_id"},
	LevelPolicy: {EntityPolicy, "policies", "title", "position", "y.organisation_id = x.organisation_id", "x.organisation_id"},
	LevelObjective: {EntityObjective, "objectives", "title", "number", "y.policy_id = x.policy_id",
		"(SELECT organisation_id FROM policies WHERE id = x.policy_id)"},
	LevelGoal: {EntityGoal, "goals", "title", "position", "y.objective_id = x.objective_id",
		"(SELECT p.organisation_id FROM objectives o JOIN policies p ON p.id = o.policy_id WHERE o.id = x.objective_id)"},
	LevelStrategy: {EntityStrategy, "strategies", "title", "position", "y.organisation_id = x.organisation_id", "x.organisation_id"},
	LevelTrack: {EntityTrack, "tracks", "title", "number", "y.strategy_id = x.strategy_id",
		"(SELECT organisation_id FROM strategies WHERE id = x.strategy_id)"},
	LevelGeneral: {domain.EntityInitiative, "initiatives", "title", "number",
		"y.kind = 'general' AND y.track_id = x.track_id",
		"(SELECT s.organisation_id FROM tracks t JOIN strategies s ON s.id = t.strategy_id WHERE t.id = x.track_id)"},
	LevelTerm:   {EntityTerm, "terms", "name", "position", "y.organisation_id = x.organisation_id", "x.organisation_id"},
	LevelLadder: {EntityLadderStep, "ladder_steps", "name", "position", "y.organisation_id = x.organisation_id", "x.organisation_id"},
	LevelActionPlan: {domain.EntityActionPlan, "action_plans", "title", "position", "y.initiative_id = x.initiative_id",
		"(SELECT s.organisation_id FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id WHERE i.id = x.initiative_id)"},
}

// first is the number of a level's first item.
func (l levelInfo) first() int32 {
	if l.order == "number" {
		return 1
	}
	return 0
}

// orderLabel names the level's order in the history.
func (l levelInfo) orderLabel() string {
	if l.order == "number" {
		return "Nr."
	}
	return "Placering"
}

// orderText shows an order value as the history does: numbers as they are, positions from 1.
func (l levelInfo) orderText(n int32) string {
	return strconv.Itoa(int(n - l.first() + 1))
}

// Record writes the history row of a change to an item of the hierarchy; a change to an
// initiative or action plan also marks the agreements holding it as changed. A nil actor (the
// seed loader creating a new organisation) writes nothing.
func (s *Store) Record(ctx context.Context, actorID *int64, lv Level, action string, id int64, title string,
	changes map[string]domain.Change) error {
	if actorID == nil {
		return nil
	}
	l := levels[lv]
	if lv == LevelGeneral || lv == LevelActionPlan {
		refOf := s.initiativeRef
		if lv == LevelActionPlan {
			refOf = s.actionPlanRef
		}
		ref, err := refOf(ctx, id)
		if err != nil {
			return err
		}
		if err := s.markAgreementsChanged(ctx, ref); err != nil {
			return err
		}
		return s.auditItem(ctx, ref, *actorID, action, l.entity, id, title, changes)
	}
	var orgID int64
	if err := s.db.QueryRow(ctx, `SELECT `+l.org+` FROM `+l.table+` x WHERE x.id = $1`, id).Scan(&orgID); err != nil {
		return notFoundOr("record "+l.entity, err)
	}
	return s.Audit(ctx, domain.AuditEntry{OrganisationID: orgID, ActorID: actorID, Action: action, Entity: l.entity,
		EntityID: id, Title: title, Changes: changes})
}

// lockVersion locks the item and checks that it is current and still at version.
func (s *Store) lockVersion(ctx context.Context, lv Level, id int64, version int32) error {
	l := levels[lv]
	var v int32
	var archived bool
	err := s.db.QueryRow(ctx, `SELECT version, archived_at IS NOT NULL FROM `+l.table+` WHERE id = $1 FOR UPDATE`, id).
		Scan(&v, &archived)
	if err != nil {
		return notFoundOr("lock "+l.entity, err)
	}
	if v != version || archived {
		return fmt.Errorf("lock %s: %w", l.entity, ErrConflict)
	}
	return nil
}

// CurrentVersion returns the stored version of an item of the level (initiatives of both kinds
// under LevelGeneral), for a writer that holds the row in its own transaction.
func (s *Store) CurrentVersion(ctx context.Context, lv Level, id int64) (int32, error) {
	l := levels[lv]
	var v int32
	err := s.db.QueryRow(ctx, `SELECT version FROM `+l.table+` WHERE id = $1 FOR UPDATE`, id).Scan(&v)
	return v, notFoundOr("version of "+l.entity, err)
}
