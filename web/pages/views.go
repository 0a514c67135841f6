// Package pages holds one templ file per resource's pages, and the view models they take.
// Pages never query the database: handlers in internal/server fill the views.
package pages

import (
	"github.com/sporbar/sporbar/internal/domain"
)

// OrganisationView is an organisation's front page: vision, policies, strategies, agreements.
type OrganisationView struct {
	Org        domain.Organisation
	Policies   []domain.Policy
	Strategies []domain.StrategyRow
	Agreements []domain.AgreementRow
}

// ChainView is Bilag 1 as a live table, for a whole organisation or one policy or objective.
type ChainView struct {
	Org     domain.Organisation
	Rows    []domain.GoalRow
	CanEdit bool // the signed-in person may edit the hierarchy (an admin)
}

// PolicyView is a policy's page.
type PolicyView struct {
	Org     domain.Organisation
	Policy  domain.Policy
	Rows    []domain.GoalRow
	CanEdit bool // the signed-in person may edit the hierarchy (an admin)
}

// ObjectiveView is an objective's page.
type ObjectiveView struct {
	Org       domain.Organisation
	Objective domain.ObjectiveDetail
	Rows      []domain.GoalRow
	CanEdit   bool // the signed-in person may edit the hierarchy (an admin)
}

// GoalView is a goal's page: the tracks that realise it and the initiatives under them.
type GoalView struct {
	Org         domain.Organisation
	Goal        domain.GoalDetail
	Tracks      []domain.TrackRef
	Initiatives []domain.InitiativeRow
	CanEdit     bool // the signed-in person may edit the hierarchy (an admin)

	// Indicators are the measurable goals shown on the page (indicators.templ).
	Indicators IndicatorsView
}

// StrategyView is a strategy's page.
type StrategyView struct {
	Org         domain.Organisation
	Strategy    domain.Strategy
	UnitName    string
	Tracks      []domain.Track
	Initiatives []domain.InitiativeRow // general ones
	Plans       []domain.AnnualPlanRow
	Goals       []domain.GoalRow // the goals the strategy's tracks realise
	CanEdit     bool             // the signed-in person may edit the hierarchy (an admin)
}

// TrackView is a track's page.
type TrackView struct {
	Org         domain.Organisation
	Track       domain.TrackDetail
	Goals       []domain.GoalRow
	Initiatives []domain.InitiativeRow // general and local
	CanEdit     bool                   // the signed-in person may edit the hierarchy (an admin)
}

// InitiativeView is an initiative's page.
type InitiativeView struct {
	Org         domain.Organisation
	Initiative  domain.InitiativeDetail
	Locals      []domain.InitiativeRow
	ActionPlans []domain.ActionPlanRow
	Goals       []domain.GoalRow
	Agreements  []domain.AgreementRow
	Tracking    TrackingView
	Actions     EditActions // what the signed-in person may do here: edit, archive, add (initiative_form.templ)

	// Indicators are the measurable goals shown on the page (indicators.templ).
	Indicators IndicatorsView
}

// ActionPlanView is a handleplan's page, with every year's text and markers.
type ActionPlanView struct {
	Org        domain.Organisation
	ActionPlan domain.ActionPlanDetail
	Years      []domain.AnnualPlanItemRow
	Tracking   TrackingView
	Actions    EditActions // what the signed-in person may do here: edit, archive (initiative_form.templ)

	// Indicators are the measurable goals shown on the page (indicators.templ).
	Indicators IndicatorsView
}

// UnitsView is the organisation's unit tree.
type UnitsView struct {
	Org     domain.Organisation
	Units   []domain.Unit
	CanEdit bool // the signed-in person may edit the hierarchy (an admin)
}

// UnitView is a unit's page.
type UnitView struct {
	Org         domain.Organisation
	Unit        domain.Unit
	Children    []domain.Unit
	Agreements  []domain.AgreementRow
	Initiatives []domain.InitiativeRow // the unit's local initiatives
	CanEdit     bool                   // the signed-in person may edit the hierarchy (an admin)
}

// AgreementsView lists the organisation's agreements.
type AgreementsView struct {
	Org        domain.Organisation
	Agreements []domain.AgreementRow
}

// AgreementView is an agreement's page, which reads like the document.
type AgreementView struct {
	Org         domain.Organisation
	Agreement   domain.AgreementRow
	Initiatives []domain.InitiativeRow // general and local, in chain order
	ActionPlans []domain.ActionPlanRow
	Dialogue    TrackingView // the agreement's comments (it has no status of its own)
	Approval    ApprovalInfo // the approval panel (område agreements only; see approvals.templ)

	// Indicators are the measurable goals shown on the page (indicators.templ).
	Indicators IndicatorsView
}

// TermsView is the organisation's glossary.
type TermsView struct {
	Org     domain.Organisation
	Terms   []domain.Term
	CanEdit bool // the signed-in person may edit the hierarchy (an admin)
}

// TermView is one term's page.
type TermView struct {
	Org     domain.Organisation
	Term    domain.Term
	CanEdit bool // the signed-in person may edit the hierarchy (an admin)
}

// LadderView is the organisation's Indsatstrappe.
type LadderView struct {
	Org   domain.Organisation
	Steps []domain.LadderStep
}

// AnnualPlanView is a yearly indsatsplan's page.
type AnnualPlanView struct {
	Org    domain.Organisation
	Plan   domain.AnnualPlanRow
	Tracks []domain.Track
	Areas  []domain.AnnualPlanAreaRow
	Items  []domain.AnnualPlanItemRow
}
