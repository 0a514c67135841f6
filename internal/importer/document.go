// Package importer reads an organisation's strategy from a YAML document (see seed/*.yaml) or
// from a spreadsheet, the samlet skema (ReadXLSX, written by WriteXLSX), into one Document, and
// writes it with one writer, Apply: into a new organisation (Load, the seed loader) or into an
// existing one, creating, changing and archiving (Update, the spreadsheet import).
//
// The YAML is written for people: units nest, goals name their tracks by number, agreements name
// units by name and initiatives as "track.number", and annual plans name indsatsområder by number
// and handleplaner by code. Parse checks all of it and reports problems in Danish; Load resolves
// the references to ids and writes everything in one transaction. The spreadsheet has a sheet
// per level; its problems are reported by sheet, row and column.
package importer

// Document is one organisation's strategy as written in a seed file or read from a spreadsheet
// (see ReadXLSX). The ID fields are set only when the document comes from an export of the
// database: they say which stored item a row is, so that an import changes that item.
type Document struct {
	Organisation Organisation `yaml:"organisation"`
	Units        []Unit       `yaml:"units"`
	Ladder       []LadderStep `yaml:"ladder"`
	Terms        []Term       `yaml:"terms"`
	Strategies   []Strategy   `yaml:"strategies"`
	Policies     []Policy     `yaml:"policies"`
	Agreements   []Agreement  `yaml:"agreements"`
}

// Organisation is the kommune or region with its vision and its own names for the levels.
type Organisation struct {
	Slug              string `yaml:"slug"`
	Name              string `yaml:"name"`
	Kind              string `yaml:"kind"` // "kommune" or "region"
	Vision            string `yaml:"vision"`
	VisionDescription string `yaml:"vision_description"`
	Labels            Labels `yaml:"labels"`
}

// Labels are the organisation's names for the levels; an empty one takes the default
// (domain.DefaultLabels).
type Labels struct {
	Track       string `yaml:"track"`
	Tracks      string `yaml:"tracks"`
	General     string `yaml:"general"`
	Generals    string `yaml:"generals"`
	Local       string `yaml:"local"`
	Locals      string `yaml:"locals"`
	ActionPlan  string `yaml:"action_plan"`
	ActionPlans string `yaml:"action_plans"`
}

// Unit is an organisational unit with its sub-units. Names are unique within the document;
// other parts refer to units by name.
type Unit struct {
	ID          int64  `yaml:"id,omitempty"`
	Name        string `yaml:"name"`
	Kind        string `yaml:"kind"` // direktion, fagomraade, omraade, specialomraade or enhed
	LeaderTitle string `yaml:"leader_title"`
	Description string `yaml:"description"`
	Units       []Unit `yaml:"units"`
}

// LadderStep is a step of Indsatstrappen.
type LadderStep struct {
	ID          int64  `yaml:"id,omitempty"`
	Position    int    `yaml:"position"`
	Name        string `yaml:"name"`
	Colour      string `yaml:"colour"` // "#rrggbb", lower-case
	Description string `yaml:"description"`
}

// Term is a glossary entry (begreb).
type Term struct {
	ID          int64  `yaml:"id,omitempty"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	MoreInfo    string `yaml:"more_info"`
	Links       []Link `yaml:"links"`
}

// Link is a web link on a term.
type Link struct {
	URL   string `yaml:"url"`
	Label string `yaml:"label"`
}

// Strategy is a unit's strategy for a period with its tracks and yearly plans.
type Strategy struct {
	ID          int64        `yaml:"id,omitempty"`
	Title       string       `yaml:"title"`
	Unit        string       `yaml:"unit"` // a unit's name, or empty
	PeriodStart int          `yaml:"period_start"`
	PeriodEnd   int          `yaml:"period_end"`
	Vision      string       `yaml:"vision"`
	Description string       `yaml:"description"`
	Tracks      []Track      `yaml:"tracks"`
	AnnualPlans []AnnualPlan `yaml:"annual_plans"`
}

// Track is a numbered strategispor or tema.
type Track struct {
	ID          int64        `yaml:"id,omitempty"`
	Number      int          `yaml:"number"`
	Title       string       `yaml:"title"`
	Description string       `yaml:"description"`
	Initiatives []Initiative `yaml:"initiatives"`
}

// Initiative is a general initiative (generel indsats or indsatsområde) under a track, with
// the local initiatives of the units that carry it out.
type Initiative struct {
	ID          int64        `yaml:"id,omitempty"`
	Number      int          `yaml:"number"`
	Title       string       `yaml:"title"`
	Description string       `yaml:"description"`
	Responsible string       `yaml:"responsible,omitempty"`
	ActionPlans []ActionPlan `yaml:"action_plans"`
	Locals      []Local      `yaml:"locals,omitempty"`
}

// Local is a local initiative: how one unit (by name) carries out the general initiative above
// it. Its action plans' codes are unique within the local initiative.
type Local struct {
	ID          int64        `yaml:"id,omitempty"`
	Unit        string       `yaml:"unit"`
	Number      int          `yaml:"number,omitempty"`
	Title       string       `yaml:"title"`
	Description string       `yaml:"description,omitempty"`
	Responsible string       `yaml:"responsible,omitempty"`
	ActionPlans []ActionPlan `yaml:"action_plans,omitempty"`
}

// ActionPlan is a handleplan under an initiative; its code is unique within the strategy.
type ActionPlan struct {
	ID          int64  `yaml:"id,omitempty"`
	Code        string `yaml:"code"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Responsible string `yaml:"responsible"`
}

// AnnualPlan is a strategy's plan for one year (indsatsplan).
type AnnualPlan struct {
	Year         int              `yaml:"year"`
	Title        string           `yaml:"title"`
	MainTheme    string           `yaml:"main_theme"`
	Introduction string           `yaml:"introduction"`
	Areas        []AnnualPlanArea `yaml:"areas"`
}

// AnnualPlanArea is an initiative's narrative and assessment for the year, with the year's items
// for its action plans.
type AnnualPlanArea struct {
	Initiative string           `yaml:"initiative"` // an initiative reference (see Agreement.Initiatives)
	Narrative  string           `yaml:"narrative"`
	Assessment string           `yaml:"assessment"`
	Items      []AnnualPlanItem `yaml:"items"`
}

// AnnualPlanItem is an action plan's implementation text and markers for the year.
type AnnualPlanItem struct {
	ActionPlan     string `yaml:"action_plan"` // the action plan's code
	Phase          string `yaml:"phase"`       // "aktiv" or "forberedende"; may be left out with same_as
	Implementation string `yaml:"implementation"`
	IsNew          bool   `yaml:"is_new"`
	OL             bool   `yaml:"ol"`
	OLNote         string `yaml:"ol_note"`
	// SameAs names an earlier item of the same plan whose table cell this row shares (a merged
	// cell in the document). Such an item has no text or markers of its own. The database has
	// no column for it yet; Load stores the item with an empty implementation.
	SameAs string `yaml:"same_as"`
}

// Policy is a politik or strategiplan with its objectives.
type Policy struct {
	ID          int64  `yaml:"id,omitempty"`
	Title       string `yaml:"title"`
	Kind        string `yaml:"kind"` // "politik" or "strategiplan"
	Description string `yaml:"description"`
	// Numbered says whether the document numbers the objectives; true when left out.
	Numbered *bool `yaml:"numbered"`
	// Strategy names the strategy whose tracks the goals refer to; it may be left out when the
	// document has exactly one strategy.
	Strategy   string      `yaml:"strategy"`
	Objectives []Objective `yaml:"objectives"`
}

// Objective is a målsætning.
type Objective struct {
	ID          int64  `yaml:"id,omitempty"`
	Number      int    `yaml:"number"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Goals       []Goal `yaml:"goals"`
}

// Goal is a mål; Tracks are the numbers of the strategy's tracks that realise it.
type Goal struct {
	ID          int64  `yaml:"id,omitempty"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Tracks      []int  `yaml:"tracks"`
}

// Agreement is a dialogbaseret aftale between an upper and a lower unit.
type Agreement struct {
	Title string `yaml:"title"`
	Kind  string `yaml:"kind"` // "overordnet" or "omraade"
	// Strategy names the strategy the agreement carries out; it may be left out when the
	// document has exactly one strategy.
	Strategy    string `yaml:"strategy"`
	Parent      string `yaml:"parent"` // the title of an earlier agreement, or empty
	UpperUnit   string `yaml:"upper_unit"`
	UpperTitle  string `yaml:"upper_title"`
	LowerUnit   string `yaml:"lower_unit"`
	LowerTitle  string `yaml:"lower_title"`
	PeriodStart int    `yaml:"period_start"`
	PeriodEnd   int    `yaml:"period_end"`
	DocumentRef string `yaml:"document_ref"`
	Framework   string `yaml:"framework"`
	// Initiatives are references to the strategy's general initiatives: "2.3" is track 2's
	// initiative number 3; "3" is the initiative numbered 3, when only one track has one.
	Initiatives []string `yaml:"initiatives"`
}

// numbered reports whether the policy's objectives are numbered in the document.
func (p Policy) numbered() bool { return p.Numbered == nil || *p.Numbered }
