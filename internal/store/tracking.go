package store

import (
	"cmp"
	"context"
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
)

// The writes people make to keep their agreement alive. Each runs in one transaction that also
// writes the history row, and marks the agreements whose content changed.

// itemRef is what the history needs to know about an initiative or action plan.
type itemRef struct {
	OrganisationID int64
	UnitID         *int64 // the unit the item belongs to (a local initiative's unit, else the strategy's)
	InitiativeID   int64  // the initiative itself, or the action plan's
	ParentID       *int64 // the initiative's parent (for a local one)
}

func (s *Store) initiativeRef(ctx context.Context, id int64) (itemRef, error) {
	return getOne[itemRef](ctx, s.db, "initiative ref", `
		SELECT st.organisation_id, COALESCE(i.unit_id, st.unit_id) AS unit_id, i.id AS initiative_id, i.parent_id
		FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
		WHERE i.id = $1`, id)
}

func (s *Store) actionPlanRef(ctx context.Context, id int64) (itemRef, error) {
	return getOne[itemRef](ctx, s.db, "action plan ref", `
		SELECT st.organisation_id, COALESCE(i.unit_id, st.unit_id) AS unit_id, i.id AS initiative_id, i.parent_id
		FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id JOIN tracks t ON t.id = i.track_id
		JOIN strategies st ON st.id = t.strategy_id
		WHERE a.id = $1`, id)
}

// markAgreementsChanged notes that the content of every agreement holding the item's
// initiative changed now (clock time, so that an edit committing after an approval is never
// stamped before it). An agreement that holds only the parent general initiative counts when
// it is the agreement of the item's own unit.
func (s *Store) markAgreementsChanged(ctx context.Context, ref itemRef) error {
	_, err := s.db.Exec(ctx, `UPDATE agreements SET content_changed_at = clock_timestamp()
		WHERE id IN (SELECT agreement_id FROM agreement_initiatives WHERE initiative_id = $1)
		   OR (lower_unit_id = $3 AND id IN (SELECT agreement_id FROM agreement_initiatives WHERE initiative_id = $2))`,
		ref.InitiativeID, ref.ParentID, ref.UnitID)
	return wrap("mark agreements changed", err)
}

func (s *Store) auditItem(ctx context.Context, ref itemRef, actorID int64, action, entity string, id int64,
	title string, changes map[string]domain.Change) error {
	return s.Audit(ctx, domain.AuditEntry{OrganisationID: ref.OrganisationID, ActorID: &actorID, Action: action,
		Entity: entity, EntityID: id, UnitID: ref.UnitID, Title: title, Changes: changes})
}

// AddLocalInitiative creates a local initiative (in.ParentID, in.UnitID set), adds it to the
// unit's område agreements and writes its history.
func (s *Store) AddLocalInitiative(ctx context.Context, actorID int64, in domain.Initiative) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		in.Kind = domain.InitiativeLocal
		var err error
		if id, err = tx.CreateInitiative(ctx, in); err != nil {
			return err
		}
		if _, err := tx.db.Exec(ctx, `UPDATE initiatives SET responsible = $2, weight = $3 WHERE id = $1`,
			id, in.Responsible, cmp.Or(in.Weight, 1)); err != nil {
			return wrap("add local initiative", err)
		}
		if _, err := tx.db.Exec(ctx, `INSERT INTO agreement_initiatives (agreement_id, initiative_id)
			SELECT id, $2 FROM agreements WHERE lower_unit_id = $1 AND kind = 'omraade' AND archived_at IS NULL
			ON CONFLICT DO NOTHING`, in.UnitID, id); err != nil {
			return wrap("add local initiative to agreements", err)
		}
		ref, err := tx.initiativeRef(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.markAgreementsChanged(ctx, ref); err != nil {
			return err
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditCreate, domain.EntityInitiative, id, in.Title,
			domain.Diff(nil, in.AuditValues()))
	})
	return id, err
}

// EditInitiative saves the editable fields of in if its version is still in.Version and returns
// the new version; a stale version is ErrConflict and changes nothing.
func (s *Store) EditInitiative(ctx context.Context, actorID int64, in domain.Initiative) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Initiative](ctx, tx.db, "lock initiative",
			`SELECT `+initiativeColumns+` FROM initiatives i WHERE i.id = $1 FOR UPDATE`, in.ID)
		if err != nil {
			return err
		}
		if old.Version != in.Version || old.ArchivedAt != nil {
			return fmt.Errorf("edit initiative: %w", ErrConflict)
		}
		if err := tx.db.QueryRow(ctx, `UPDATE initiatives SET title = $2, description = $3, responsible = $4,
			start_date = $5, end_date = $6, weight = $7, updated_at = now(), version = version + 1
			WHERE id = $1 RETURNING version`, in.ID, in.Title, in.Description, in.Responsible, in.StartDate,
			in.EndDate, cmp.Or(in.Weight, 1)).Scan(&version); err != nil {
			return wrap("edit initiative", err)
		}
		changes := domain.Diff(old.AuditValues(), in.AuditValues())
		if len(changes) == 0 {
			return nil
		}
		ref, err := tx.initiativeRef(ctx, in.ID)
		if err != nil {
			return err
		}
		if err := tx.markAgreementsChanged(ctx, ref); err != nil {
			return err
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditUpdate, domain.EntityInitiative, in.ID, in.Title, changes)
	})
	return version, err
}

// ArchiveInitiative archives the initiative if its version is still version.
func (s *Store) ArchiveInitiative(ctx context.Context, actorID, id int64, version int32) error {
	return s.InTx(ctx, func(tx *Store) error {
		var title string
		err := tx.db.QueryRow(ctx, `UPDATE initiatives SET archived_at = now(), updated_at = now(), version = version + 1
			WHERE id = $1 AND version = $2 AND archived_at IS NULL RETURNING title`, id, version).Scan(&title)
		if err != nil {
			return conflictOr("archive initiative", err)
		}
		ref, err := tx.initiativeRef(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.markAgreementsChanged(ctx, ref); err != nil {
			return err
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditArchive, domain.EntityInitiative, id, title, nil)
	})
}

// AddActionPlan creates an action plan with its history; a code already used under the
// initiative is ErrConflict.
func (s *Store) AddActionPlan(ctx context.Context, actorID int64, a domain.ActionPlan, termIDs []int64) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if a.Position == 0 {
			if err := tx.db.QueryRow(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM action_plans WHERE initiative_id = $1`,
				a.InitiativeID).Scan(&a.Position); err != nil {
				return wrap("add action plan", err)
			}
		}
		if id, err = tx.CreateActionPlan(ctx, a); err != nil {
			return err
		}
		if _, err := tx.db.Exec(ctx, `UPDATE action_plans SET weight = $2 WHERE id = $1`, id, cmp.Or(a.Weight, 1)); err != nil {
			return wrap("add action plan", err)
		}
		if err := tx.SetActionPlanTerms(ctx, id, termIDs); err != nil {
			return err
		}
		ref, err := tx.actionPlanRef(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.markAgreementsChanged(ctx, ref); err != nil {
			return err
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditCreate, domain.EntityActionPlan, id, a.Title,
			domain.Diff(nil, a.AuditValues()))
	})
	return id, err
}

// EditActionPlan saves the editable fields of a if its version is still a.Version and returns
// the new version; a stale version (or a code taken by another plan) is ErrConflict.
func (s *Store) EditActionPlan(ctx context.Context, actorID int64, a domain.ActionPlan, termIDs []int64) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.ActionPlan](ctx, tx.db, "lock action plan",
			`SELECT `+actionPlanColumns+` FROM action_plans a WHERE a.id = $1 FOR UPDATE`, a.ID)
		if err != nil {
			return err
		}
		if old.Version != a.Version || old.ArchivedAt != nil {
			return fmt.Errorf("edit action plan: %w", ErrConflict)
		}
		if err := tx.db.QueryRow(ctx, `UPDATE action_plans SET code = $2, title = $3, description = $4,
			responsible = $5, start_date = $6, deadline = $7, ladder_step_id = $8, weight = $9,
			updated_at = now(), version = version + 1 WHERE id = $1 RETURNING version`,
			a.ID, a.Code, a.Title, a.Description, a.Responsible, a.StartDate, a.Deadline, a.LadderStepID,
			cmp.Or(a.Weight, 1)).Scan(&version); err != nil {
			return wrap("edit action plan", err)
		}
		if err := tx.SetActionPlanTerms(ctx, a.ID, termIDs); err != nil {
			return err
		}
		changes := domain.Diff(old.AuditValues(), a.AuditValues())
		if len(changes) == 0 {
			return nil
		}
		ref, err := tx.actionPlanRef(ctx, a.ID)
		if err != nil {
			return err
		}
		if err := tx.markAgreementsChanged(ctx, ref); err != nil {
			return err
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditUpdate, domain.EntityActionPlan, a.ID, a.Title, changes)
	})
	return version, err
}

// ArchiveActionPlan archives the action plan if its version is still version.
func (s *Store) ArchiveActionPlan(ctx context.Context, actorID, id int64, version int32) error {
	return s.InTx(ctx, func(tx *Store) error {
		var title string
		err := tx.db.QueryRow(ctx, `UPDATE action_plans SET archived_at = now(), updated_at = now(), version = version + 1
			WHERE id = $1 AND version = $2 AND archived_at IS NULL RETURNING title`, id, version).Scan(&title)
		if err != nil {
			return conflictOr("archive action plan", err)
		}
		ref, err := tx.actionPlanRef(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.markAgreementsChanged(ctx, ref); err != nil {
			return err
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditArchive, domain.EntityActionPlan, id, title, nil)
	})
}

// SetActionPlanTerms replaces the begreber the action plan names.
func (s *Store) SetActionPlanTerms(ctx context.Context, actionPlanID int64, termIDs []int64) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM action_plan_terms WHERE action_plan_id = $1`, actionPlanID); err != nil {
		return wrap("set action plan terms", err)
	}
	_, err := s.db.Exec(ctx, `INSERT INTO action_plan_terms (action_plan_id, term_id)
		SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, actionPlanID, termIDs)
	return wrap("set action plan terms", err)
}
