package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
)

// PostStatusUpdate records a status update on an initiative or action plan, makes it the item's
// current status unless a newer one (by the date it speaks for) is already current, and writes
// the history row, in one transaction. A post that repeats the IdempotencyKey of one the same
// person already stored changes nothing and returns the stored update's id.
func (s *Store) PostStatusUpdate(ctx context.Context, su domain.StatusUpdate) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		table, entity, itemID := "initiatives", domain.EntityInitiative, su.InitiativeID
		refOf := tx.initiativeRef
		if su.ActionPlanID != nil {
			table, entity, itemID, refOf = "action_plans", domain.EntityActionPlan, su.ActionPlanID, tx.actionPlanRef
		}
		if itemID == nil {
			return fmt.Errorf("post status update: no item")
		}
		var title string
		var old domain.Status
		if err := tx.db.QueryRow(ctx, `SELECT title, status_phase, status_health, status_progress, status_as_of
			FROM `+table+` WHERE id = $1 AND archived_at IS NULL FOR UPDATE`, *itemID).Scan(
			&title, &old.StatusPhase, &old.StatusHealth, &old.StatusProgress, &old.StatusAsOf); err != nil {
			return notFoundOr("post status update", err)
		}
		ref, err := refOf(ctx, *itemID)
		if err != nil {
			return err
		}
		su.OrganisationID = ref.OrganisationID
		var stored bool
		id, stored, err = tx.insertOnce(ctx, "post status update", "status_updates", su.AuthorID, su.IdempotencyKey,
			`INSERT INTO status_updates (organisation_id, initiative_id, action_plan_id, phase, health, progress, comment,
			as_of, author_id, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULLIF($10, ''))`,
			su.OrganisationID, su.InitiativeID, su.ActionPlanID, su.Phase, su.Health, su.Progress, su.Comment,
			su.AsOf, su.AuthorID, su.IdempotencyKey)
		if err != nil || stored {
			return err
		}
		if old.StatusAsOf == nil || !su.AsOf.Before(*old.StatusAsOf) {
			if _, err := tx.db.Exec(ctx, `UPDATE `+table+` SET status_phase = $2, status_health = $3,
				status_progress = $4, status_as_of = $5, status_updated_at = now() WHERE id = $1`,
				*itemID, su.Phase, su.Health, su.Progress, su.AsOf); err != nil {
				return wrap("post status update", err)
			}
		}
		changes := domain.Diff(domain.StatusValues(old.StatusPhase, old.Health(), old.StatusProgress, old.StatusAsOf),
			domain.StatusValues(su.Phase, su.Health, su.Progress, &su.AsOf))
		if su.Comment != "" {
			changes["Kommentar"] = domain.Change{New: su.Comment}
		}
		return tx.auditItem(ctx, ref, su.AuthorID, domain.AuditStatus, entity, *itemID, title, changes)
	})
	return id, err
}

// StatusTarget names the item whose status updates or comments are asked for (one field set).
type StatusTarget struct {
	AgreementID, InitiativeID, ActionPlanID int64
}

// StatusPageSize is how many status updates an item's page shows at a time.
const StatusPageSize = 20

// ListStatusUpdates returns page (counted from 1) of the item's status updates, newest (by
// date, then entry) first, StatusPageSize to a page, and whether older ones follow.
func (s *Store) ListStatusUpdates(ctx context.Context, t StatusTarget, page int) ([]domain.StatusUpdate, bool, error) {
	// Only the target's own condition goes into the statement (where.go), so that the plan is
	// made once and reused instead of for every page view.
	var w where
	if t.InitiativeID > 0 {
		w.add(`s.initiative_id = $?`, t.InitiativeID)
	}
	if t.ActionPlanID > 0 {
		w.add(`s.action_plan_id = $?`, t.ActionPlanID)
	}
	if len(w.conds) == 0 {
		w.conds = []string{"false"} // still one query: the pages' query counts stay fixed
	}
	page = max(page, 1)
	args := append(w.args, StatusPageSize+1, (page-1)*StatusPageSize)
	n := len(w.args)
	updates, err := list[domain.StatusUpdate](ctx, s.db, "list status updates", `
		SELECT s.id, s.organisation_id, s.initiative_id, s.action_plan_id, s.phase, s.health, s.progress, s.comment,
		       s.as_of, s.author_id, u.name AS author_name, s.created_at
		FROM status_updates s JOIN users u ON u.id = s.author_id
		WHERE `+strings.Join(w.conds, " OR ")+`
		ORDER BY s.as_of DESC, s.id DESC
		LIMIT $`+strconv.Itoa(n+1)+` OFFSET $`+strconv.Itoa(n+2), args...)
	if err != nil || len(updates) <= StatusPageSize {
		return updates, false, err
	}
	return updates[:StatusPageSize], true, nil
}
