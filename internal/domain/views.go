package domain

import "time"

// Read models: an item together with what a page shows of its place in the chain, so that a page
// needs a fixed number of queries however much it shows.

// TrackRef names a track (with its strategy) from elsewhere in the chain.
type TrackRef struct {
	ID            int64
	Number        int32
	Title         string
	StrategyID    int64
	StrategyTitle string
}

// GoalRow is a goal with the objective and policy above it and the tracks that realise it:
// one row of Bilag 1.
type GoalRow struct {
	PolicyID        int64
	PolicyTitle     string
	PolicyKind      string
	Numbered        bool
	ObjectiveID     int64
	ObjectiveNumber int32
	ObjectiveTitle  string
	GoalID          int64
	GoalTitle       string
	Tracks          []TrackRef
}

// InitiativeRow is an initiative with its track, its parent (for a local one), its unit, and
// the number of action plans and local initiatives under it.
type InitiativeRow struct {
	Initiative
	TrackNumber     int32
	TrackTitle      string
	StrategyID      int64
	ParentTitle     string
	UnitName        string
	ActionPlanCount int32
	LocalCount      int32
	ScopeUnitID     *int64 // the unit the initiative belongs to: its own, or its strategy's
	FollowUpMonths  int32  // the rhythm of the agreement of that unit
}

// InitiativeDetail is an initiative with every level above it, for its page.
type InitiativeDetail struct {
	InitiativeRow
	StrategyTitle  string
	OrganisationID int64
}

// ActionPlanRow is an action plan with its initiative and, for a local initiative, its unit.
type ActionPlanRow struct {
	ActionPlan
	InitiativeTitle  string
	InitiativeKind   string
	InitiativeNumber int32
	UnitName         string
	LadderStepName   string
	ScopeUnitID      *int64 // the unit the plan belongs to: its initiative's, or its strategy's
	FollowUpMonths   int32
}

// ActionPlanDetail is an action plan with every level above it, for its page.
type ActionPlanDetail struct {
	ActionPlanRow
	ParentID       *int64
	ParentTitle    string
	TrackID        int64
	TrackNumber    int32
	TrackTitle     string
	StrategyID     int64
	StrategyTitle  string
	OrganisationID int64
	LadderColour   string
}

// TrackDetail is a track with its strategy.
type TrackDetail struct {
	Track
	StrategyTitle  string
	OrganisationID int64
}

// GoalDetail is a goal with its objective and policy.
type GoalDetail struct {
	Goal
	ObjectiveNumber int32
	ObjectiveTitle  string
	PolicyID        int64
	PolicyTitle     string
	Numbered        bool
	OrganisationID  int64
}

// ObjectiveDetail is an objective with its policy.
type ObjectiveDetail struct {
	Objective
	PolicyTitle    string
	Numbered       bool
	OrganisationID int64
}

// StrategyRow is a strategy with its unit's name and the number of tracks.
type StrategyRow struct {
	Strategy
	UnitName   string
	TrackCount int32
}

// AgreementRow is an agreement with its parties' names and its approval state.
type AgreementRow struct {
	Agreement
	UpperUnitName    string
	LowerUnitName    string
	StrategyTitle    string
	FollowUpMonths   int32
	ContentChangedAt *time.Time
	ApprovedAt       *time.Time
	ApproverName     string
}

// Approval states of an agreement.
const (
	ApprovalNone    = "ikke-godkendt"
	ApprovalCurrent = "godkendt"
	ApprovalChanged = "aendret"
)

// ApprovalState says whether the agreement is approved, approved and since changed, or never approved.
func (a AgreementRow) ApprovalState() string {
	switch {
	case a.ApprovedAt == nil:
		return ApprovalNone
	case a.ContentChangedAt != nil && a.ContentChangedAt.After(*a.ApprovedAt):
		return ApprovalChanged
	}
	return ApprovalCurrent
}

// AnnualPlanRow is a yearly plan with its strategy.
type AnnualPlanRow struct {
	AnnualPlan
	StrategyTitle  string
	OrganisationID int64
	ItemCount      int32
}

// AnnualPlanAreaRow is an indsatsområde's text for the year, with the area itself.
type AnnualPlanAreaRow struct {
	AnnualPlanArea
	Number     int32
	Title      string
	TrackID    int64
	TrackTitle string
}

// AnnualPlanItemRow is a handleplan's year text and markers, with the handleplan.
type AnnualPlanItemRow struct {
	AnnualPlanItem
	InitiativeID int64
	Code         string
	Title        string
	Year         int32
	PlanTitle    string
	SameAsCode   string // the code of the item whose text covers this one
}
