package store

import (
	"context"
	"errors"

	"github.com/sporbar/sporbar/internal/domain"
)

// AgreementSnapshot returns the agreement's current content: its initiatives and their action
// plans, with the values the history compares. Two queries.
func (s *Store) AgreementSnapshot(ctx context.Context, agreementID int64) (domain.AgreementSnapshot, error) {
	var snap domain.AgreementSnapshot
	ins, err := s.ListInitiatives(ctx, InitiativeFilter{AgreementID: agreementID})
	if err != nil {
		return snap, err
	}
	aps, err := s.ListActionPlans(ctx, ActionPlanFilter{AgreementID: agreementID})
	if err != nil {
		return snap, err
	}
	for _, in := range ins {
		snap.Items = append(snap.Items, domain.SnapshotItem{Entity: domain.EntityInitiative, ID: in.ID,
			Title: in.Title, Values: in.AuditValues()})
	}
	for _, a := range aps {
		snap.Items = append(snap.Items, domain.SnapshotItem{Entity: domain.EntityActionPlan, ID: a.ID,
			Title: a.Title, Values: a.AuditValues()})
	}
	return snap, nil
}

// ApproveAgreement records the actor's approval of the agreement, freezing its current content,
// and writes the history row, in one transaction.
func (s *Store) ApproveAgreement(ctx context.Context, actorID, agreementID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		var ref itemRef
		var title string
		if err := tx.db.QueryRow(ctx, `SELECT organisation_id, lower_unit_id, title FROM agreements WHERE id = $1 FOR UPDATE`,
			agreementID).Scan(&ref.OrganisationID, &ref.UnitID, &title); err != nil {
			return notFoundOr("approve agreement", err)
		}
		snap, err := tx.AgreementSnapshot(ctx, agreementID)
		if err != nil {
			return err
		}
		if _, err := tx.db.Exec(ctx, `INSERT INTO agreement_approvals (agreement_id, approved_by, snapshot)
			VALUES ($1, $2, $3)`, agreementID, actorID, snap); err != nil {
			return wrap("approve agreement", err)
		}
		return tx.auditItem(ctx, ref, actorID, domain.AuditApprove, domain.EntityAgreement, agreementID, title, nil)
	})
}

// LatestApproval returns the agreement's most recent approval, or nil when it has none.
func (s *Store) LatestApproval(ctx context.Context, agreementID int64) (*domain.Approval, error) {
	a, err := getOne[domain.Approval](ctx, s.db, "latest approval", `
		SELECT a.id, a.agreement_id, a.approved_by, u.name AS approver_name, a.approved_at, a.snapshot
		FROM agreement_approvals a JOIN users u ON u.id = a.approved_by
		WHERE a.agreement_id = $1 ORDER BY a.approved_at DESC, a.id DESC LIMIT 1`, agreementID)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &a, nil
}
