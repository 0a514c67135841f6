// Package domain holds the types of Sporbar's strategy chain (see DOMAIN.md): organisations and
// their units, policies → objectives → goals ↔ tracks ← strategies, initiatives, action plans,
// agreements, terms, the intervention ladder and the yearly plans. It knows nothing of SQL or HTTP.
//
// Field names follow the database columns (pgx matches them case-insensitively, ignoring
// underscores), so the store scans rows straight into these types.
package domain

import "time"

// Meta is what every editable row carries: timestamps, the optimistic-locking version and
// the time it was archived, if it was.
type Meta struct {
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int32
	ArchivedAt *time.Time
}

// Organisation is a kommune or a region, with its vision and its own names for the levels.
type Organisation struct {
	ID                int64
	Slug              string
	Name              string
	Kind              string // "kommune" or "region"
	Vision            string
	VisionDescription string
	Labels
	DataVersion int64 // grows with every change to what the organisation's pages show (store.MarkChanged)
	PublicPage  bool  // the public page for citizens (/offentlig/{org}) is switched on
	Meta
}

// Labels are an organisation's own words for the levels of the chain, e.g. "Strategispor"
// in the kommune and "Tema" in the region.
type Labels struct {
	LabelTrack       string
	LabelTracks      string
	LabelGeneral     string
	LabelGenerals    string
	LabelLocal       string
	LabelLocals      string
	LabelActionPlan  string
	LabelActionPlans string
}

// DefaultLabels are the kommune's words, used where an organisation names nothing else.
func DefaultLabels() Labels {
	return Labels{
		LabelTrack: "Strategispor", LabelTracks: "Strategispor",
		LabelGeneral: "Generel indsats", LabelGenerals: "Generelle indsatser",
		LabelLocal: "Lokal indsats", LabelLocals: "Lokale indsatser",
		LabelActionPlan: "Handleplan", LabelActionPlans: "Handleplaner",
	}
}

// Unit kinds.
const (
	UnitDirektion      = "direktion"
	UnitFagomraade     = "fagomraade"
	UnitOmraade        = "omraade"
	UnitSpecialomraade = "specialomraade"
	UnitEnhed          = "enhed"
)

// Unit is an organisational unit in the organisation's tree.
type Unit struct {
	ID             int64
	OrganisationID int64
	ParentID       *int64
	Name           string
	Kind           string
	LeaderTitle    string
	Description    string
	Position       int32
	ParentName     string // filled by queries that join the parent; "" otherwise
	Meta
}

// Policy kinds.
const (
	PolicyPolitik      = "politik"
	PolicyStrategiplan = "strategiplan"
)

// Policy is a political policy or the direktion's strategy plan.
type Policy struct {
	ID             int64
	OrganisationID int64
	Kind           string
	Title          string
	Description    string
	Numbered       bool
	Position       int32
	Meta
}

// Objective (målsætning) is a numbered objective of a policy.
type Objective struct {
	ID          int64
	PolicyID    int64
	Number      int32
	Title       string
	Description string
	Meta
}

// Goal (mål) sits under an objective and is realised through one or more tracks.
type Goal struct {
	ID          int64
	ObjectiveID int64
	Position    int32
	Title       string
	Description string
	Meta
}

// Strategy is a unit's strategy for a period, made of tracks.
type Strategy struct {
	ID             int64
	OrganisationID int64
	UnitID         *int64
	Title          string
	PeriodStart    int32
	PeriodEnd      int32
	Vision         string
	Description    string
	Position       int32
	Meta
}

// Track (strategispor or tema) is a numbered track of a strategy: "Vi vil …".
type Track struct {
	ID          int64
	StrategyID  int64
	Number      int32
	Title       string
	Description string
	Meta
}

// Initiative kinds.
const (
	InitiativeGeneral = "general"
	InitiativeLocal   = "local"
)

// Initiative is a general initiative under a track, or a local one under a general one for a unit.
type Initiative struct {
	ID          int64
	TrackID     int64
	Kind        string
	ParentID    *int64
	UnitID      *int64
	Number      int32
	Title       string
	Description string
	StartDate   *time.Time
	EndDate     *time.Time
	Responsible string
	Weight      float64
	Public      bool // shown on the organisation's public page (when that is switched on)
	Status
	Meta
}

// ActionPlan (handleplan) is a concrete plan under an initiative, often coded ("1-A").
type ActionPlan struct {
	ID           int64
	InitiativeID int64
	Code         string
	Title        string
	Description  string
	Responsible  string
	StartDate    *time.Time
	Deadline     *time.Time
	LadderStepID *int64
	Position     int32
	Weight       float64
	Status
	Meta
}

// Agreement kinds.
const (
	AgreementOverordnet = "overordnet"
	AgreementOmraade    = "omraade"
)

// Agreement is a dialogbaseret aftale between an upper and a lower party for a period.
type Agreement struct {
	ID             int64
	OrganisationID int64
	Kind           string
	Title          string
	StrategyID     *int64
	ParentID       *int64
	UpperUnitID    int64
	UpperTitle     string
	LowerUnitID    int64
	LowerTitle     string
	PeriodStart    int32
	PeriodEnd      int32
	DocumentRef    string
	Framework      string
	Meta
}

// Term (begreb) is a glossary entry.
type Term struct {
	ID             int64
	OrganisationID int64
	Name           string
	Description    string
	MoreInfo       string
	Position       int32
	Links          []TermLink
	Meta
}

// TermLink is a web link for further reading on a term.
type TermLink struct {
	URL   string
	Label string
}

// LadderStep is a step of Indsatstrappen, from prevention (position 0) upward.
type LadderStep struct {
	ID             int64
	OrganisationID int64
	Position       int32
	Name           string
	Colour         string
	Description    string
	Meta
}

// Annual plan phases (the region's red and green markers).
const (
	PhasePreparatory = "forberedende"
	PhaseActive      = "aktiv"
)

// AnnualPlan (indsatsplan) is a strategy's plan for one year.
type AnnualPlan struct {
	ID           int64
	StrategyID   int64
	Year         int32
	Title        string
	MainTheme    string
	Introduction string
	AdoptedOn    *time.Time
	Meta
}

// AnnualPlanArea is an indsatsområde's narrative and assessment for the year.
type AnnualPlanArea struct {
	AnnualPlanID int64
	InitiativeID int64
	Narrative    string
	Assessment   string
}

// AnnualPlanItem is a handleplan's implementation text and markers for the year.
type AnnualPlanItem struct {
	ID             int64
	AnnualPlanID   int64
	ActionPlanID   int64
	Phase          string
	Implementation string
	IsNew          bool
	OL             bool
	OLNote         string
	SameAsID       *int64 // the item whose implementation text covers this one too
	Position       int32
}

// Roles.
const (
	RoleAdmin        = "admin"
	RoleDirektion    = "direktion"
	RoleFagchef      = "fagchef"
	RoleOmraadeleder = "omraadeleder"
	RoleLaeser       = "laeser"
)

// AllRoles lists every role, most powerful first.
func AllRoles() []string {
	return []string{RoleAdmin, RoleDirektion, RoleFagchef, RoleOmraadeleder, RoleLaeser}
}

// ValidRole reports whether role is one of Sporbar's roles.
func ValidRole(role string) bool {
	for _, r := range AllRoles() {
		if r == role {
			return true
		}
	}
	return false
}

// RoleLabel is a role's Danish name.
func RoleLabel(role string) string {
	switch role {
	case RoleAdmin:
		return "Administrator"
	case RoleDirektion:
		return "Direktion"
	case RoleFagchef:
		return "Fagchef"
	case RoleOmraadeleder:
		return "Områdeleder"
	case RoleLaeser:
		return "Læser"
	}
	return role
}

// User is a person who signs in; a fagchef or områdeleder belongs to a unit.
type User struct {
	ID             int64
	OrganisationID int64
	UnitID         *int64
	Email          string
	Name           string
	Role           string
	PasswordHash   string
	Active         bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Version        int32
	LastLoginAt    *time.Time
	// MustChangePassword: the password was set by an administrator (or not yet by the user),
	// so the user must choose their own before doing anything else.
	MustChangePassword bool
}

// UserRow is a user with the name of their unit, for lists.
type UserRow struct {
	User
	UnitName string
}
