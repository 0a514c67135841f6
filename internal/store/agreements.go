package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const agreementColumns = `g.id, g.organisation_id, g.kind, g.title, g.strategy_id, g.parent_id, g.upper_unit_id,
	g.upper_title, g.lower_unit_id, g.lower_title, g.period_start, g.period_end, g.document_ref, g.framework,
	g.created_at, g.updated_at, g.version, g.archived_at`

// CreateAgreement inserts a and returns its id.
func (s *Store) CreateAgreement(ctx context.Context, a domain.Agreement) (int64, error) {
	return insertID(ctx, s.db, "create agreement", `
		INSERT INTO agreements (organisation_id, kind, title, strategy_id, parent_id, upper_unit_id, upper_title,
			lower_unit_id, lower_title, period_start, period_end, document_ref, framework)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		a.OrganisationID, a.Kind, a.Title, a.StrategyID, a.ParentID, a.UpperUnitID, a.UpperTitle,
		a.LowerUnitID, a.LowerTitle, a.PeriodStart, a.PeriodEnd, a.DocumentRef, a.Framework)
}

// AddAgreementInitiative records that the agreement holds the initiative.
func (s *Store) AddAgreementInitiative(ctx context.Context, agreementID, initiativeID int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO agreement_initiatives (agreement_id, initiative_id) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, agreementID, initiativeID)
	return wrap("add agreement initiative", err)
}

// GetAgreement returns the agreement with id.
func (s *Store) GetAgreement(ctx context.Context, id int64) (domain.Agreement, error) {
	return getOne[domain.Agreement](ctx, s.db, "get agreement",
		`SELECT `+agreementColumns+` FROM agreements g WHERE g.id = $1`, id)
}

const agreementRowSelect = `SELECT ` + agreementColumns + `,
	       up.name AS upper_unit_name, lo.name AS lower_unit_name, COALESCE(st.title, '') AS strategy_title,
	       g.follow_up_months, g.content_changed_at, ap.approved_at, COALESCE(ap.approver_name, '') AS approver_name
	FROM agreements g
	JOIN units up ON up.id = g.upper_unit_id
	JOIN units lo ON lo.id = g.lower_unit_id
	LEFT JOIN strategies st ON st.id = g.strategy_id
	LEFT JOIN LATERAL (SELECT a.approved_at, u.name AS approver_name FROM agreement_approvals a
	                   JOIN users u ON u.id = a.approved_by
	                   WHERE a.agreement_id = g.id ORDER BY a.approved_at DESC, a.id DESC LIMIT 1) ap ON true`

// GetAgreementRow returns the agreement with its parties' names.
func (s *Store) GetAgreementRow(ctx context.Context, id int64) (domain.AgreementRow, error) {
	return getOne[domain.AgreementRow](ctx, s.db, "get agreement row", agreementRowSelect+` WHERE g.id = $1`, id)
}

// ListAgreementsByOrganisation returns the organisation's current agreements: the overordnede
// first, then by the lower party's position.
func (s *Store) ListAgreementsByOrganisation(ctx context.Context, orgID int64) ([]domain.AgreementRow, error) {
	return list[domain.AgreementRow](ctx, s.db, "list agreements by organisation", agreementRowSelect+`
		WHERE g.organisation_id = $1 AND g.archived_at IS NULL
		ORDER BY g.kind = 'omraade', g.period_start DESC, lo.position, lo.name`, orgID)
}

// ListAgreementsByUnit returns the current agreements in which the unit is a party.
func (s *Store) ListAgreementsByUnit(ctx context.Context, unitID int64) ([]domain.AgreementRow, error) {
	return list[domain.AgreementRow](ctx, s.db, "list agreements by unit", agreementRowSelect+`
		WHERE (g.upper_unit_id = $1 OR g.lower_unit_id = $1) AND g.archived_at IS NULL
		ORDER BY g.kind = 'omraade', g.period_start DESC, lo.position`, unitID)
}

// ListAgreementsByInitiative returns the current agreements that hold the initiative.
func (s *Store) ListAgreementsByInitiative(ctx context.Context, initiativeID int64) ([]domain.AgreementRow, error) {
	return list[domain.AgreementRow](ctx, s.db, "list agreements by initiative", agreementRowSelect+`
		JOIN agreement_initiatives ai ON ai.agreement_id = g.id
		WHERE ai.initiative_id = $1 AND g.archived_at IS NULL
		ORDER BY g.kind = 'omraade', lo.position`, initiativeID)
}
