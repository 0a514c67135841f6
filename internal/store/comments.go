package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// AddComment adds a message to the dialogue on an agreement, initiative or action plan (one of
// c's ids set) and writes the history row, in one transaction. A post that repeats the
// IdempotencyKey of one the same person already stored changes nothing and returns its id.
func (s *Store) AddComment(ctx context.Context, c domain.Comment) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		var ref itemRef
		var entity, title string
		var entityID int64
		var err error
		switch {
		case c.AgreementID != nil:
			entity, entityID = domain.EntityAgreement, *c.AgreementID
			err = tx.db.QueryRow(ctx, `SELECT organisation_id, lower_unit_id, title FROM agreements WHERE id = $1`,
				entityID).Scan(&ref.OrganisationID, &ref.UnitID, &title)
			err = notFoundOr("add comment", err)
		case c.InitiativeID != nil:
			entity, entityID = domain.EntityInitiative, *c.InitiativeID
			if ref, err = tx.initiativeRef(ctx, entityID); err == nil {
				err = tx.db.QueryRow(ctx, `SELECT title FROM initiatives WHERE id = $1`, entityID).Scan(&title)
			}
		case c.ActionPlanID != nil:
			entity, entityID = domain.EntityActionPlan, *c.ActionPlanID
			if ref, err = tx.actionPlanRef(ctx, entityID); err == nil {
				err = tx.db.QueryRow(ctx, `SELECT title FROM action_plans WHERE id = $1`, entityID).Scan(&title)
			}
		}
		if err != nil {
			return err
		}
		var stored bool
		id, stored, err = tx.insertOnce(ctx, "add comment", "comments", c.AuthorID, c.IdempotencyKey,
			`INSERT INTO comments (organisation_id, agreement_id, initiative_id, action_plan_id, author_id, body,
			idempotency_key, public) VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), $8)`,
			ref.OrganisationID, c.AgreementID, c.InitiativeID, c.ActionPlanID, c.AuthorID, c.Body, c.IdempotencyKey,
			c.Public && c.InitiativeID != nil)
		if err != nil || stored {
			return err
		}
		return tx.auditItem(ctx, ref, c.AuthorID, domain.AuditComment, entity, entityID, title,
			map[string]domain.Change{"Kommentar": {New: c.Body}})
	})
	return id, err
}

// ListComments returns the dialogue on the target, oldest first.
func (s *Store) ListComments(ctx context.Context, t StatusTarget) ([]domain.Comment, error) {
	return list[domain.Comment](ctx, s.db, "list comments", `
		SELECT c.id, c.organisation_id, c.agreement_id, c.initiative_id, c.action_plan_id, c.author_id,
		       u.name AS author_name, u.role AS author_role, c.body, c.public, c.created_at
		FROM comments c JOIN users u ON u.id = c.author_id
		WHERE ($1 > 0 AND c.agreement_id = $1) OR ($2 > 0 AND c.initiative_id = $2) OR ($3 > 0 AND c.action_plan_id = $3)
		ORDER BY c.created_at, c.id`, t.AgreementID, t.InitiativeID, t.ActionPlanID)
}
