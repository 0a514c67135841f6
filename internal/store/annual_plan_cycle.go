package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// The yearly cycle of indsatsplaner: next year's plan from this year's, adoption, and OL's
// treatment of an item. Each write runs in one transaction with its history row; the rules are
// in internal/domain/annual_plan.go.

// planLock is a yearly plan locked for a change, with what its history rows need.
type planLock struct {
	ID             int64
	StrategyID     int64
	Year           int32
	Title          string
	Version        int32
	AdoptedOn      *time.Time
	ArchivedAt     *time.Time
	OrganisationID int64
	UnitID         *int64 // the strategy's unit
}

// lockPlan locks the plan's row until the transaction ends.
func (s *Store) lockPlan(ctx context.Context, id int64) (planLock, error) {
	return getOne[planLock](ctx, s.db, "lock annual plan", `
		SELECT p.id, p.strategy_id, p.year, p.title, p.version, p.adopted_on, p.archived_at, s.organisation_id, s.unit_id
		FROM annual_plans p JOIN strategies s ON s.id = p.strategy_id WHERE p.id = $1 FOR UPDATE OF p`, id)
}

// auditPlanChange writes the history row of a change to the plan's content (entity is the plan
// or one of its items) and, when the plan is adopted, marks it changed after adoption and says
// so in the row. No changes, no row.
func (s *Store) auditPlanChange(ctx context.Context, p planLock, actorID int64, action, entity string, id int64,
	title string, changes map[string]domain.Change) error {
	if len(changes) == 0 {
		return nil
	}
	if p.AdoptedOn != nil {
		changes[domain.AdoptionChangedKey] = domain.Change{New: domain.AdoptionChangedValue}
		if _, err := s.db.Exec(ctx, `UPDATE annual_plans SET changed_after_adoption = true, updated_at = now()
			WHERE id = $1`, p.ID); err != nil {
			return wrap("mark annual plan changed", err)
		}
	}
	return s.Audit(ctx, domain.AuditEntry{OrganisationID: p.OrganisationID, ActorID: &actorID, Action: action,
		Entity: entity, EntityID: id, UnitID: p.UnitID, Title: title, Changes: changes})
}

// itemTitle is an item's title in the history: the plan's title and the handleplan's code.
func itemTitle(p planLock, code string) string { return p.Title + ": " + code }

// CreateAnnualPlanFrom makes the strategy's plan for year. From the plan source (nil for an
// empty plan) it takes the open handleplaner and the indsatsområder by the carry-over rules
// (domain.CarryOver); an empty plan gets every current indsatsområde of the strategy. It
// returns the new plan's id and the items left out. A plan for the year that exists already is
// ErrConflict.
func (s *Store) CreateAnnualPlanFrom(ctx context.Context, actorID, strategyID int64, year int32, title string,
	source *int64) (int64, []domain.LeftOut, error) {
	var id int64
	var left []domain.LeftOut
	err := s.InTx(ctx, func(tx *Store) error {
		p := domain.AnnualPlan{StrategyID: strategyID, Year: year, Title: title}
		var fromYear *int32 // the introduction's year, when it is carried
		var srcYear int32
		var items []domain.PlanItem
		if source != nil {
			src, err := tx.lockPlan(ctx, *source)
			if err != nil {
				return err
			}
			if src.StrategyID != strategyID {
				return fmt.Errorf("create annual plan from %d: another strategy's plan: %w", *source, ErrNotFound)
			}
			if err := tx.db.QueryRow(ctx, `SELECT introduction FROM annual_plans WHERE id = $1`, src.ID).Scan(&p.Introduction); err != nil {
				return wrap("create annual plan", err)
			}
			srcYear = src.Year
			if p.Introduction != "" {
				fromYear = &srcYear
			}
			if items, err = tx.ListPlanItems(ctx, src.ID); err != nil {
				return err
			}
		}
		err := tx.db.QueryRow(ctx, `
			INSERT INTO annual_plans (strategy_id, year, title, introduction, source_plan_id, introduction_from_year)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			strategyID, year, title, p.Introduction, source, fromYear).Scan(&id)
		if err != nil {
			return wrap("create annual plan", err)
		}
		if _, err := tx.db.Exec(ctx, `
			INSERT INTO annual_plan_areas (annual_plan_id, initiative_id)
			SELECT $1::bigint, a.initiative_id FROM annual_plan_areas a WHERE a.annual_plan_id = $2::bigint
			UNION
			SELECT $1::bigint, ap.initiative_id FROM annual_plan_items it JOIN action_plans ap ON ap.id = it.action_plan_id
			WHERE it.annual_plan_id = $2::bigint
			UNION
			SELECT $1::bigint, i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id
			WHERE $2::bigint IS NULL AND t.strategy_id = $3::bigint AND i.kind = 'general' AND i.archived_at IS NULL`,
			id, source, strategyID); err != nil {
			return wrap("create annual plan areas", err)
		}
		var carried []domain.CarriedItem
		if source != nil {
			carried, left = domain.CarryOver(srcYear, items)
		}
		if err := tx.insertCarried(ctx, id, carried); err != nil {
			return err
		}
		ref, err := tx.lockPlan(ctx, id)
		if err != nil {
			return err
		}
		changes := domain.Diff(nil, domain.PlanAuditValues(p))
		changes["Handleplaner"] = domain.Change{New: strconv.Itoa(len(carried))}
		if source != nil {
			var srcTitle string
			if err := tx.db.QueryRow(ctx, `SELECT title FROM annual_plans WHERE id = $1`, *source).Scan(&srcTitle); err != nil {
				return wrap("create annual plan", err)
			}
			changes["Bygger på"] = domain.Change{New: srcTitle}
		}
		if len(left) > 0 {
			changes["Ikke ført over"] = domain.Change{New: leftOutText(left)}
		}
		return tx.Audit(ctx, domain.AuditEntry{OrganisationID: ref.OrganisationID, ActorID: &actorID,
			Action: domain.AuditCreate, Entity: domain.EntityAnnualPlan, EntityID: id, UnitID: ref.UnitID,
			Title: title, Changes: changes})
	})
	return id, left, err
}

// insertCarried inserts the carried items into plan, then points the shared texts at the copies.
func (s *Store) insertCarried(ctx context.Context, plan int64, carried []domain.CarriedItem) error {
	copies := make(map[int64]int64, len(carried))
	for _, c := range carried {
		var id int64
		if err := s.db.QueryRow(ctx, `
			INSERT INTO annual_plan_items (annual_plan_id, action_plan_id, phase, implementation, is_new, ol, ol_note,
				position, text_from_year)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			plan, c.ActionPlanID, c.Phase, c.Implementation, c.IsNew, c.OL, c.OLNote, c.Position, c.TextFromYear).Scan(&id); err != nil {
			return wrap("carry annual plan item", err)
		}
		copies[c.From] = id
	}
	for _, c := range carried {
		if c.SameAsID == nil {
			continue
		}
		if _, err := s.db.Exec(ctx, `UPDATE annual_plan_items SET same_as_id = $2 WHERE id = $1`,
			copies[c.From], copies[*c.SameAsID]); err != nil {
			return wrap("carry annual plan item", err)
		}
	}
	return nil
}

// leftOutText lists the items left out: "10-A (implementeret), 7-D (arkiveret)".
func leftOutText(left []domain.LeftOut) string {
	parts := make([]string, 0, len(left))
	for _, l := range left {
		parts = append(parts, l.Code+" ("+l.Reason+")")
	}
	return strings.Join(parts, ", ")
}

// AdoptAnnualPlan marks the plan vedtaget on the date if its version is still version, clears
// "ændret efter vedtagelse" and returns the new version; a stale version is ErrConflict.
func (s *Store) AdoptAnnualPlan(ctx context.Context, actorID, id int64, version int32, on time.Time) (int32, error) {
	var newVersion int32
	err := s.InTx(ctx, func(tx *Store) error {
		p, err := tx.lockPlan(ctx, id)
		if err != nil {
			return err
		}
		if p.Version != version || p.ArchivedAt != nil {
			return fmt.Errorf("adopt annual plan: %w", ErrConflict)
		}
		if err := tx.db.QueryRow(ctx, `UPDATE annual_plans SET adopted_on = $2, adopted_by = $3,
			changed_after_adoption = false, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING version`,
			id, on, actorID).Scan(&newVersion); err != nil {
			return wrap("adopt annual plan", err)
		}
		old := ""
		if p.AdoptedOn != nil {
			old = p.AdoptedOn.Format(time.DateOnly)
		}
		return tx.Audit(ctx, domain.AuditEntry{OrganisationID: p.OrganisationID, ActorID: &actorID,
			Action: domain.AuditApprove, Entity: domain.EntityAnnualPlan, EntityID: id, UnitID: p.UnitID, Title: p.Title,
			Changes: map[string]domain.Change{"Vedtaget": {Old: old, New: on.Format(time.DateOnly)}}})
	})
	return newVersion, err
}

// RecordOLTreatment records when OL treated the plan's item and what it decided, if the item's
// version is still version, and returns the new version. The history gets two rows: the item's,
// and the handleplan's (domain.OLTreatmentKey), so the decision shows in the handleplan's
// history. It is not a change to the plan's content. A stale version is ErrConflict.
func (s *Store) RecordOLTreatment(ctx context.Context, actorID, planID, itemID int64, version int32, on time.Time,
	decision string) (int32, error) {
	var newVersion int32
	err := s.InTx(ctx, func(tx *Store) error {
		p, err := tx.lockPlan(ctx, planID)
		if err != nil {
			return err
		}
		old, err := tx.GetPlanItem(ctx, planID, itemID)
		if err != nil {
			return err
		}
		if old.Version != version || p.ArchivedAt != nil {
			return fmt.Errorf("record OL treatment: %w", ErrConflict)
		}
		if err := tx.db.QueryRow(ctx, `UPDATE annual_plan_items SET ol_treated_on = $2, ol_decision = $3,
			updated_at = now(), version = version + 1 WHERE id = $1 RETURNING version`, itemID, on, decision).Scan(&newVersion); err != nil {
			return wrap("record OL treatment", err)
		}
		oldText := ""
		if old.OLTreatedOn != nil {
			oldText = domain.OLTreatmentText(*old.OLTreatedOn, old.OLDecision)
		}
		text := domain.OLTreatmentText(on, decision)
		if oldText == text {
			return nil
		}
		changes := domain.Diff(map[string]string{"OL-behandlet": dateOnly(old.OLTreatedOn), "OL-beslutning": old.OLDecision},
			map[string]string{"OL-behandlet": on.Format(time.DateOnly), "OL-beslutning": decision})
		if err := tx.Audit(ctx, domain.AuditEntry{OrganisationID: p.OrganisationID, ActorID: &actorID,
			Action: domain.AuditUpdate, Entity: domain.EntityAnnualPlanItem, EntityID: itemID, UnitID: p.UnitID,
			Title: itemTitle(p, old.Code), Changes: changes}); err != nil {
			return err
		}
		ref, err := tx.actionPlanRef(ctx, old.ActionPlanID)
		if err != nil {
			return err
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditUpdate, domain.EntityActionPlan, old.ActionPlanID, old.Title,
			map[string]domain.Change{domain.OLTreatmentKey: {Old: oldText, New: text}})
	})
	return newVersion, err
}

func dateOnly(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
