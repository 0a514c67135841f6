package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
)

// Editing an organisation's settings, units, begreber and Indsatstrappen's steps, each in one
// transaction with its history row; an edit checks the stored version.

// ErrCycle is returned when a unit would be placed under itself or one of its own units.
var ErrCycle = errors.New("unit under itself")

// UpdateOrganisation saves the organisation's name, kind, vision, labels and public page switch (never its slug) if
// it is still at o.Version, and returns the new version.
func (s *Store) UpdateOrganisation(ctx context.Context, actorID int64, o domain.Organisation) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Organisation](ctx, tx.db, "lock organisation",
			`SELECT `+organisationColumns+` FROM organisations WHERE id = $1 FOR UPDATE`, o.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, o.Version, "organisation"); err != nil {
			return err
		}
		if err := tx.db.QueryRow(ctx, `UPDATE organisations SET name = $2, kind = $3, vision = $4, vision_description = $5,
			label_track = $6, label_tracks = $7, label_general = $8, label_generals = $9, label_local = $10,
			label_locals = $11, label_action_plan = $12, label_action_plans = $13, public_page = $14, updated_at = now(),
			version = version + 1 WHERE id = $1 RETURNING version`, o.ID, o.Name, o.Kind, o.Vision, o.VisionDescription,
			o.LabelTrack, o.LabelTracks, o.LabelGeneral, o.LabelGenerals, o.LabelLocal, o.LabelLocals,
			o.LabelActionPlan, o.LabelActionPlans, o.PublicPage).Scan(&version); err != nil {
			return wrap("edit organisation", err)
		}
		changes := domain.Diff(OrganisationValues(old), OrganisationValues(o))
		if len(changes) == 0 {
			return nil
		}
		return tx.Audit(ctx, domain.AuditEntry{OrganisationID: o.ID, ActorID: &actorID, Action: domain.AuditUpdate,
			Entity: EntityOrganisation, EntityID: o.ID, Title: o.Name, Changes: changes})
	})
	return version, err
}

// AddUnit creates a unit after its new siblings, with its history.
func (s *Store) AddUnit(ctx context.Context, actorID int64, u domain.Unit) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if u.Position, err = tx.appendOrder(ctx, LevelUnit, "organisation_id = $1 AND parent_id IS NOT DISTINCT FROM $2",
			u.OrganisationID, u.ParentID); err != nil {
			return err
		}
		if id, err = tx.CreateUnit(ctx, u); err != nil {
			return err
		}
		parent, err := tx.unitName(ctx, u.ParentID)
		if err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelUnit, domain.AuditCreate, id, u.Name, domain.Diff(nil, UnitValues(u, parent)))
	})
	return id, err
}

// UpdateUnit saves the unit's parent, name, kind, leader title and description if it is still
// at u.Version. A unit moved under another parent goes last there, and its old siblings close
// up. A parent that is the unit itself or below it is ErrCycle.
func (s *Store) UpdateUnit(ctx context.Context, actorID int64, u domain.Unit) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Unit](ctx, tx.db, "lock unit", `SELECT `+unitColumns+` FROM units u WHERE u.id = $1 FOR UPDATE`, u.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, u.Version, "unit"); err != nil {
			return err
		}
		moved := !sameID(old.ParentID, u.ParentID)
		position := old.Position
		if moved {
			if err := tx.checkNoCycle(ctx, u.ID, u.ParentID); err != nil {
				return err
			}
			if position, err = tx.appendOrder(ctx, LevelUnit, "organisation_id = $1 AND parent_id IS NOT DISTINCT FROM $2",
				old.OrganisationID, u.ParentID); err != nil {
				return err
			}
		}
		oldParent, err := tx.unitName(ctx, old.ParentID)
		if err != nil {
			return err
		}
		newParent, err := tx.unitName(ctx, u.ParentID)
		if err != nil {
			return err
		}
		version, err = tx.update(ctx, actorID, LevelUnit, u.ID, u.Name, UnitValues(old, oldParent), UnitValues(u, newParent),
			`parent_id = $2, name = $3, kind = $4, leader_title = $5, description = $6, position = $7`,
			u.ParentID, u.Name, u.Kind, u.LeaderTitle, u.Description, position)
		if err != nil || !moved {
			return err
		}
		rows, err := list[orderRow](ctx, tx.db, "old siblings", `SELECT id, position AS "order", name AS title FROM units
			WHERE organisation_id = $1 AND parent_id IS NOT DISTINCT FROM $2 AND archived_at IS NULL ORDER BY position, id`,
			old.OrganisationID, old.ParentID)
		if err != nil {
			return err
		}
		return tx.setOrder(ctx, &actorID, LevelUnit, rows, 0)
	})
	return version, err
}

func sameID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// checkNoCycle returns ErrCycle if parent is the unit or one of the units below it.
func (s *Store) checkNoCycle(ctx context.Context, unitID int64, parent *int64) error {
	if parent == nil {
		return nil
	}
	var below bool
	err := s.db.QueryRow(ctx, `WITH RECURSIVE down(id) AS (
			SELECT $1::bigint UNION SELECT u.id FROM units u JOIN down ON u.parent_id = down.id)
		SELECT EXISTS (SELECT 1 FROM down WHERE id = $2)`, unitID, *parent).Scan(&below)
	if err != nil {
		return wrap("check unit cycle", err)
	}
	if below {
		return fmt.Errorf("edit unit: %w", ErrCycle)
	}
	return nil
}

// AddTerm creates a term with its links after the organisation's current ones, with its history.
func (s *Store) AddTerm(ctx context.Context, actorID int64, t domain.Term) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if t.Position, err = tx.appendOrder(ctx, LevelTerm, "organisation_id = $1", t.OrganisationID); err != nil {
			return err
		}
		if id, err = tx.CreateTerm(ctx, t); err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelTerm, domain.AuditCreate, id, t.Name, domain.Diff(nil, TermValues(t)))
	})
	return id, err
}

// UpdateTerm saves the term's name, description, further information and links if it is still
// at t.Version. A name another current term of the organisation has is ErrConflict.
func (s *Store) UpdateTerm(ctx context.Context, actorID int64, t domain.Term) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Term](ctx, tx.db, "lock term", termSelect+` WHERE t.id = $1 FOR UPDATE OF t`, t.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, t.Version, "term"); err != nil {
			return err
		}
		if _, err := tx.db.Exec(ctx, `DELETE FROM term_links WHERE term_id = $1`, t.ID); err != nil {
			return wrap("edit term links", err)
		}
		for i, l := range t.Links {
			if _, err := tx.db.Exec(ctx, `INSERT INTO term_links (term_id, position, url, label) VALUES ($1, $2, $3, $4)`,
				t.ID, i, l.URL, l.Label); err != nil {
				return wrap("edit term links", err)
			}
		}
		version, err = tx.update(ctx, actorID, LevelTerm, t.ID, t.Name, TermValues(old), TermValues(t),
			`name = $2, description = $3, more_info = $4`, t.Name, t.Description, t.MoreInfo)
		return err
	})
	return version, err
}

// AddLadderStep creates a step at the top of Indsatstrappen, with its history.
func (s *Store) AddLadderStep(ctx context.Context, actorID int64, l domain.LadderStep) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if l.Position, err = tx.appendOrder(ctx, LevelLadder, "organisation_id = $1", l.OrganisationID); err != nil {
			return err
		}
		if id, err = tx.CreateLadderStep(ctx, l); err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelLadder, domain.AuditCreate, id, l.Name, domain.Diff(nil, LadderValues(l)))
	})
	return id, err
}

// UpdateLadderStep saves the step's position, name, colour and description if it is still at
// l.Version. A position another current step has is ErrConflict (at commit).
func (s *Store) UpdateLadderStep(ctx context.Context, actorID int64, l domain.LadderStep) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.LadderStep](ctx, tx.db, "lock ladder step", `SELECT `+ladderColumns+`
			FROM ladder_steps WHERE id = $1 FOR UPDATE`, l.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, l.Version, "ladder step"); err != nil {
			return err
		}
		version, err = tx.update(ctx, actorID, LevelLadder, l.ID, l.Name, LadderValues(old), LadderValues(l),
			`position = $2, name = $3, colour = $4, description = $5`, l.Position, l.Name, l.Colour, l.Description)
		return err
	})
	return version, err
}

const ladderColumns = `id, organisation_id, position, name, colour, description, created_at, updated_at, version, archived_at`
