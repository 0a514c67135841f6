package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/domain"
)

// Editing a yearly plan: its own texts, and adding, editing and removing its handleplaner. Each
// write runs in one transaction with its history row; a change to an adopted plan marks it
// "ændret efter vedtagelse" (auditPlanChange).

// EditAnnualPlan saves the plan's title, main theme and introduction and its indsatsområder's
// texts if the plan's version is still e.Plan.Version, and returns the new version. Areas the
// plan does not hold are ignored. Last year's introduction stops being marked as such when it
// changes or e.IntroReviewed. A stale version is ErrConflict.
func (s *Store) EditAnnualPlan(ctx context.Context, actorID int64, e domain.PlanEdit) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		p, err := tx.lockPlan(ctx, e.Plan.ID)
		if err != nil {
			return err
		}
		if p.Version != e.Plan.Version || p.ArchivedAt != nil {
			return fmt.Errorf("edit annual plan: %w", ErrConflict)
		}
		var old domain.AnnualPlan
		if err := tx.db.QueryRow(ctx, `SELECT title, main_theme, introduction FROM annual_plans WHERE id = $1`, p.ID).
			Scan(&old.Title, &old.MainTheme, &old.Introduction); err != nil {
			return wrap("edit annual plan", err)
		}
		if err := tx.db.QueryRow(ctx, `UPDATE annual_plans SET title = $2, main_theme = $3, introduction = $4,
			introduction_from_year = CASE WHEN $5 OR introduction <> $4 THEN NULL ELSE introduction_from_year END,
			updated_at = now(), version = version + 1 WHERE id = $1 RETURNING version`,
			p.ID, e.Plan.Title, e.Plan.MainTheme, e.Plan.Introduction, e.IntroReviewed).Scan(&version); err != nil {
			return wrap("edit annual plan", err)
		}
		changes := domain.Diff(domain.PlanAuditValues(old), domain.PlanAuditValues(e.Plan))
		areas, err := tx.ListAnnualPlanAreas(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, a := range areas {
			i := indexArea(e.Areas, a.InitiativeID)
			if i < 0 || (e.Areas[i].Narrative == a.Narrative && e.Areas[i].Assessment == a.Assessment) {
				continue
			}
			n := e.Areas[i]
			if _, err := tx.db.Exec(ctx, `UPDATE annual_plan_areas SET narrative = $3, assessment = $4,
				updated_at = now(), version = version + 1 WHERE annual_plan_id = $1 AND initiative_id = $2`,
				p.ID, a.InitiativeID, n.Narrative, n.Assessment); err != nil {
				return wrap("edit annual plan area", err)
			}
			label := e.AreaLabel + " " + strconv.Itoa(int(a.Number))
			for k, c := range domain.Diff(domain.AreaAuditValues(label, a.AnnualPlanArea), domain.AreaAuditValues(label, n)) {
				changes[k] = c
			}
		}
		return tx.auditPlanChange(ctx, p, actorID, domain.AuditUpdate, domain.EntityAnnualPlan, p.ID, e.Plan.Title, changes)
	})
	return version, err
}

func indexArea(areas []domain.AnnualPlanArea, initiativeID int64) int {
	for i, a := range areas {
		if a.InitiativeID == initiativeID {
			return i
		}
	}
	return -1
}

// AddAnnualPlanItem adds the handleplan to the plan with the phase and no text, last in the
// plan's order, and gives its indsatsområde a place in the plan if it had none. The handleplan
// must be one of the plan's candidates (ListPlanCandidates), else ErrNotFound; one the plan
// holds already is ErrConflict.
func (s *Store) AddAnnualPlanItem(ctx context.Context, actorID, planID, actionPlanID int64, phase string) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		p, err := tx.lockPlan(ctx, planID)
		if err != nil {
			return err
		}
		var code string
		var initiativeID int64
		err = tx.db.QueryRow(ctx, `
			SELECT a.code, a.initiative_id FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
			JOIN tracks t ON t.id = i.track_id
			WHERE a.id = $1 AND t.strategy_id = $2 AND i.kind = 'general' AND a.archived_at IS NULL AND i.archived_at IS NULL`,
			actionPlanID, p.StrategyID).Scan(&code, &initiativeID)
		if err != nil {
			return notFoundOr("add annual plan item", err)
		}
		if _, err := tx.db.Exec(ctx, `INSERT INTO annual_plan_areas (annual_plan_id, initiative_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, planID, initiativeID); err != nil {
			return wrap("add annual plan area", err)
		}
		if id, err = insertID(ctx, tx.db, "add annual plan item", `
			INSERT INTO annual_plan_items (annual_plan_id, action_plan_id, phase, position)
			VALUES ($1, $2, $3, (SELECT COALESCE(max(position), 0) + 1 FROM annual_plan_items WHERE annual_plan_id = $1))
			RETURNING id`, planID, actionPlanID, phase); err != nil {
			return err
		}
		changes := domain.Diff(nil, domain.ItemAuditValues(domain.AnnualPlanItem{Phase: phase}, ""))
		return tx.auditPlanChange(ctx, p, actorID, domain.AuditCreate, domain.EntityAnnualPlanItem, id, itemTitle(p, code), changes)
	})
	return id, err
}

// EditAnnualPlanItem saves the item's text and markers (it.ID, it.AnnualPlanID, it.Version,
// Phase, Implementation, IsNew, OL, OLNote, SameAsID) if its version is still it.Version, and
// returns the new version. Last year's texts stop being marked as such when they change or
// reviewed. A stale version is ErrConflict.
func (s *Store) EditAnnualPlanItem(ctx context.Context, actorID int64, it domain.PlanItem, reviewed bool) (int32, error) {
	var version int32
	err := s.InTx(ctx, func(tx *Store) error {
		p, err := tx.lockPlan(ctx, it.AnnualPlanID)
		if err != nil {
			return err
		}
		old, err := tx.GetPlanItem(ctx, p.ID, it.ID)
		if err != nil {
			return err
		}
		if old.Version != it.Version || p.ArchivedAt != nil {
			return fmt.Errorf("edit annual plan item: %w", ErrConflict)
		}
		if err := tx.db.QueryRow(ctx, `UPDATE annual_plan_items SET phase = $2, implementation = $3, is_new = $4,
			ol = $5, ol_note = $6, same_as_id = $7,
			text_from_year = CASE WHEN $8 OR implementation <> $3 OR ol_note <> $6 THEN NULL ELSE text_from_year END,
			updated_at = now(), version = version + 1 WHERE id = $1 RETURNING version`,
			it.ID, it.Phase, it.Implementation, it.IsNew, it.OL, it.OLNote, it.SameAsID, reviewed).Scan(&version); err != nil {
			return wrap("edit annual plan item", err)
		}
		sameAs := ""
		if it.SameAsID != nil {
			if err := tx.db.QueryRow(ctx, `SELECT a.code FROM annual_plan_items x JOIN action_plans a ON a.id = x.action_plan_id
				WHERE x.id = $1`, *it.SameAsID).Scan(&sameAs); err != nil {
				return wrap("edit annual plan item", err)
			}
		}
		changes := domain.Diff(domain.ItemAuditValues(old.AnnualPlanItem, old.SameAsCode),
			domain.ItemAuditValues(it.AnnualPlanItem, sameAs))
		return tx.auditPlanChange(ctx, p, actorID, domain.AuditUpdate, domain.EntityAnnualPlanItem, it.ID, itemTitle(p, old.Code), changes)
	})
	return version, err
}

// RemoveAnnualPlanItem removes the item from the plan if its version is still version. Items
// whose text it covered get that text as their own. A stale version is ErrConflict.
func (s *Store) RemoveAnnualPlanItem(ctx context.Context, actorID, planID, itemID int64, version int32) error {
	return s.InTx(ctx, func(tx *Store) error {
		p, err := tx.lockPlan(ctx, planID)
		if err != nil {
			return err
		}
		old, err := tx.GetPlanItem(ctx, planID, itemID)
		if err != nil {
			return err
		}
		if old.Version != version || p.ArchivedAt != nil {
			return fmt.Errorf("remove annual plan item: %w", ErrConflict)
		}
		rows, _ := tx.db.Query(ctx, `UPDATE annual_plan_items x SET same_as_id = NULL, implementation = $2,
			updated_at = now(), version = x.version + 1
			FROM action_plans a WHERE a.id = x.action_plan_id AND x.same_as_id = $1 RETURNING a.code`, itemID, old.Implementation)
		codes, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return wrap("remove annual plan item", err)
		}
		if _, err := tx.db.Exec(ctx, `DELETE FROM annual_plan_items WHERE id = $1`, itemID); err != nil {
			return wrap("remove annual plan item", err)
		}
		changes := domain.Diff(domain.ItemAuditValues(old.AnnualPlanItem, old.SameAsCode), nil)
		if len(codes) > 0 {
			changes["Teksten overtaget af"] = domain.Change{New: strings.Join(codes, ", ")}
		}
		return tx.auditPlanChange(ctx, p, actorID, domain.AuditDelete, domain.EntityAnnualPlanItem, itemID, itemTitle(p, old.Code), changes)
	})
}
