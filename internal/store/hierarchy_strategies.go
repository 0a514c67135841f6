package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// Adding and editing strategies, tracks and general initiatives, each in one transaction with
// its history row; an edit checks the stored version.

// unitName returns the name of the unit with id ("" for nil).
func (s *Store) unitName(ctx context.Context, id *int64) (string, error) {
	if id == nil {
		return "", nil
	}
	var name string
	err := s.db.QueryRow(ctx, `SELECT name FROM units WHERE id = $1`, *id).Scan(&name)
	return name, notFoundOr("unit name", err)
}

// AddStrategy creates a strategy after the organisation's current ones, with its history.
func (s *Store) AddStrategy(ctx context.Context, actorID int64, st domain.Strategy) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if st.Position, err = tx.appendOrder(ctx, LevelStrategy, "organisation_id = $1", st.OrganisationID); err != nil {
			return err
		}
		if id, err = tx.CreateStrategy(ctx, st); err != nil {
			return err
		}
		unit, err := tx.unitName(ctx, st.UnitID)
		if err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelStrategy, domain.AuditCreate, id, st.Title, domain.Diff(nil, StrategyValues(st, unit)))
	})
	return id, err
}

// UpdateStrategy saves the strategy's unit, title, period, vision and description if it is
// still at st.Version, and returns the new version.
func (s *Store) UpdateStrategy(ctx context.Context, actorID int64, st domain.Strategy) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Strategy](ctx, tx.db, "lock strategy",
			`SELECT `+strategyColumns+` FROM strategies s WHERE s.id = $1 FOR UPDATE`, st.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, st.Version, "strategy"); err != nil {
			return err
		}
		oldUnit, err := tx.unitName(ctx, old.UnitID)
		if err != nil {
			return err
		}
		newUnit, err := tx.unitName(ctx, st.UnitID)
		if err != nil {
			return err
		}
		version, err = tx.update(ctx, actorID, LevelStrategy, st.ID, st.Title, StrategyValues(old, oldUnit),
			StrategyValues(st, newUnit), `unit_id = $2, title = $3, period_start = $4, period_end = $5, vision = $6,
			description = $7`, st.UnitID, st.Title, st.PeriodStart, st.PeriodEnd, st.Vision, st.Description)
		return err
	})
	return version, err
}

// AddTrack creates a track numbered after the strategy's current ones, with its history.
func (s *Store) AddTrack(ctx context.Context, actorID int64, t domain.Track) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if t.Number, err = tx.appendOrder(ctx, LevelTrack, "strategy_id = $1", t.StrategyID); err != nil {
			return err
		}
		if id, err = tx.CreateTrack(ctx, t); err != nil {
			return err
		}
		return tx.Record(ctx, &actorID, LevelTrack, domain.AuditCreate, id, t.Title, domain.Diff(nil, TrackValues(t)))
	})
	return id, err
}

// UpdateTrack saves the track's number, title and description if it is still at t.Version.
// A number another current track of the strategy has is ErrConflict.
func (s *Store) UpdateTrack(ctx context.Context, actorID int64, t domain.Track) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Track](ctx, tx.db, "lock track", `SELECT `+trackColumns+` FROM tracks t WHERE t.id = $1 FOR UPDATE`, t.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, t.Version, "track"); err != nil {
			return err
		}
		version, err = tx.update(ctx, actorID, LevelTrack, t.ID, t.Title, TrackValues(old), TrackValues(t),
			`number = $2, title = $3, description = $4`, t.Number, t.Title, t.Description)
		return err
	})
	return version, err
}

// AddGeneral creates a general initiative at the end of its track (in.TrackID), with its
// history, and renumbers the strategy's general initiatives the way it numbers them: within
// the track, or through the strategy (where the ones after it move one number up, their plan
// codes too).
func (s *Store) AddGeneral(ctx context.Context, actorID int64, in domain.Initiative) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		rows, err := tx.strategyGenerals(ctx, in.TrackID)
		if err != nil {
			return err
		}
		through := throughout(byTrack(rows))
		if in.Number, err = tx.appendOrder(ctx, LevelGeneral, "kind = 'general' AND track_id = $1", in.TrackID); err != nil {
			return err
		}
		in.Kind, in.ParentID, in.UnitID = domain.InitiativeGeneral, nil, nil
		if id, err = tx.CreateInitiative(ctx, in); err != nil {
			return err
		}
		if _, err := tx.db.Exec(ctx, `UPDATE initiatives SET responsible = $2, weight = $3 WHERE id = $1`,
			id, in.Responsible, max(in.Weight, 1)); err != nil {
			return wrap("add general initiative", err)
		}
		if err := tx.Record(ctx, &actorID, LevelGeneral, domain.AuditCreate, id, in.Title,
			domain.Diff(nil, GeneralValues(in))); err != nil {
			return err
		}
		if rows, err = tx.strategyGenerals(ctx, in.TrackID); err != nil {
			return err
		}
		return tx.numberGenerals(ctx, &actorID, byTrack(rows), through, 0, 0)
	})
	return id, err
}

// UpdateInitiativeFields saves an initiative's number, title, description and responsible (what
// the spreadsheet holds; the forms of initiative_forms.go edit the rest) if it is still at
// in.Version, marks the agreements holding it as changed, and returns the new version.
func (s *Store) UpdateInitiativeFields(ctx context.Context, actorID int64, in domain.Initiative) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.Initiative](ctx, tx.db, "lock initiative",
			`SELECT `+initiativeColumns+` FROM initiatives i WHERE i.id = $1 FOR UPDATE`, in.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, in.Version, "initiative"); err != nil {
			return err
		}
		if err := tx.db.QueryRow(ctx, `UPDATE initiatives SET number = $2, title = $3, description = $4,
			responsible = $5, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING version`,
			in.ID, in.Number, in.Title, in.Description, in.Responsible).Scan(&version); err != nil {
			return wrap("edit initiative", err)
		}
		next := old
		next.Number, next.Title, next.Description, next.Responsible = in.Number, in.Title, in.Description, in.Responsible
		changes := domain.Diff(GeneralValues(old), GeneralValues(next))
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

// UpdateActionPlanFields saves an action plan's code, title, description and responsible (what
// the spreadsheet holds; action_plan_forms.go edits the rest) if it is still at a.Version, marks
// the agreements holding it as changed, and returns the new version. A code another plan of the
// initiative has is ErrConflict.
func (s *Store) UpdateActionPlanFields(ctx context.Context, actorID int64, a domain.ActionPlan) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		old, err := getOne[domain.ActionPlan](ctx, tx.db, "lock action plan",
			`SELECT `+actionPlanColumns+` FROM action_plans a WHERE a.id = $1 FOR UPDATE`, a.ID)
		if err != nil {
			return err
		}
		if err := stale(old.Meta, a.Version, "action plan"); err != nil {
			return err
		}
		if err := tx.db.QueryRow(ctx, `UPDATE action_plans SET code = $2, title = $3, description = $4,
			responsible = $5, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING version`,
			a.ID, a.Code, a.Title, a.Description, a.Responsible).Scan(&version); err != nil {
			return wrap("edit action plan", err)
		}
		next := old
		next.Code, next.Title, next.Description, next.Responsible = a.Code, a.Title, a.Description, a.Responsible
		changes := domain.Diff(old.AuditValues(), next.AuditValues())
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

// CreateInitiativeFull inserts in as CreateInitiative does, with its responsible and weight.
func (s *Store) CreateInitiativeFull(ctx context.Context, in domain.Initiative) (int64, error) {
	id, err := s.CreateInitiative(ctx, in)
	if err != nil || (in.Responsible == "" && (in.Weight == 0 || in.Weight == 1)) {
		return id, err
	}
	_, err = s.db.Exec(ctx, `UPDATE initiatives SET responsible = $2, weight = $3 WHERE id = $1`,
		id, in.Responsible, max(in.Weight, 1))
	return id, wrap("create initiative", err)
}
