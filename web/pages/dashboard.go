package pages

import (
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// The views of the follow-up section: the samlet skema (DashboardView) and the list of all
// items (ItemListView), both narrowed by a Filter read from the URL query.

// HealthNone is the health filter's value for items without any status.
const HealthNone = "ingen"

// Filter is what a follow-up view is narrowed to; zero fields do not narrow. It is read from
// and written to the URL query (strategi, spor, omraade, fase, helbred, ansvarlig), so a
// filtered view can be bookmarked.
type Filter struct {
	StrategyID  int64  // the strategy shown; 0: all (the list) or the default (the skema)
	TrackID     int64  // one track of it
	UnitID      int64  // one unit and everything below it
	Phase       string // a domain phase
	Health      string // a domain health, or HealthNone
	Responsible string // a part of the responsible's name, case-insensitive
}

// Query is the filter as URL query values (only the fields set).
func (f Filter) Query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" && v != "0" {
			q.Set(k, v)
		}
	}
	set("strategi", strconv.FormatInt(f.StrategyID, 10))
	set("spor", strconv.FormatInt(f.TrackID, 10))
	set("omraade", strconv.FormatInt(f.UnitID, 10))
	set("fase", f.Phase)
	set("helbred", f.Health)
	set("ansvarlig", f.Responsible)
	return q
}

// NarrowsItems reports whether the filter selects items by their own fields (phase, health,
// responsible), as opposed to where they sit.
func (f Filter) NarrowsItems() bool { return f.Phase != "" || f.Health != "" || f.Responsible != "" }

// FilterForm is the GET form of a follow-up view with its choices and the notices about
// filter values that were ignored.
type FilterForm struct {
	Action        templ.SafeURL
	Filter        Filter
	AllStrategies bool   // offer "Alle strategier" (the list); the skema always shows one
	TrackLabel    string // the organisation's word for a track
	Strategies    []c.Option
	Tracks        []c.Option
	Units         []c.Option
	Notices       []string // Danish, one per ignored value
}

// Item kinds besides the initiative kinds.
const ItemActionPlan = "action_plan"

// Item is an initiative or action plan as the follow-up views show it.
type Item struct {
	Kind        string // domain.InitiativeGeneral, domain.InitiativeLocal or ItemActionPlan
	ID          int64
	Href        templ.SafeURL
	Title       string // an action plan's code comes first
	TrackID     int64
	TrackLabel  string // "Strategispor 1: …"
	ParentID    int64  // the initiative above it: a plan's initiative, a local one's general one; 0 for a general one
	GeneralID   int64  // the general initiative it falls under (itself for a general one)
	UnitID      *int64 // the unit of a local initiative (or of a plan's local initiative); nil otherwise
	UnitName    string
	Responsible string
	Weight      float64
	Status      c.StatusOf    // the item's own current status, with its deadline and follow-up rhythm
	Rolled      domain.Rolled // rolled up from below (the skema only)

	// Indicators are those of the initiative and of its action plans (the skema's page only).
	Indicators []domain.IndicatorRow
}

// Flags are the item's warnings in words: "Overskredet" and "Mangler opfølgning", as the badges show them.
func (it Item) Flags() []string {
	var out []string
	s := it.Status
	if domain.Overdue(s.StatusPhase, s.Deadline, s.Today) {
		out = append(out, "Overskredet")
	}
	if domain.MissingFollowUp(s.StatusPhase, s.StatusAsOf, s.Today, int(s.FollowUpMonths)) {
		out = append(out, "Mangler opfølgning")
	}
	return out
}

// Counts is how many items of a group are in each phase and health, with the group's rolled-up progress and health.
type Counts struct {
	Label  string
	Href   templ.SafeURL
	Phase  map[string]int
	Health map[string]int // by domain health, and HealthNone
	Total  int
	Rolled domain.Rolled
}

// Add counts it.
func (n *Counts) Add(it Item) {
	if n.Phase == nil {
		n.Phase, n.Health = map[string]int{}, map[string]int{}
	}
	n.Phase[it.Status.StatusPhase]++
	h := it.Status.Health()
	if h == "" {
		h = HealthNone
	}
	n.Health[h]++
	n.Total++
}

// MatrixColumn is an område of the skema: a child unit of the strategy's unit (UnitID 0 for
// "Andre enheder"), with the number of local initiatives shown in it.
type MatrixColumn struct {
	UnitID int64
	Name   string
	Href   templ.SafeURL
	Count  int
}

// MatrixRow is a general initiative with, for each column, its local initiatives there.
type MatrixRow struct {
	General Item
	Cells   [][]Item
}

// MatrixTrack is a track of the skema with its rows.
type MatrixTrack struct {
	ID     int64
	Label  string
	Rolled domain.Rolled
	Rows   []MatrixRow
}

// GoalRollup is a goal the strategy's tracks realise, with its rolled-up progress and health.
type GoalRollup struct {
	ID                 int64
	Title, PolicyTitle string
	Tracks             int
	Rolled             domain.Rolled
	Indicators         []domain.IndicatorRow // the goal's own (the skema's page only)
}

// DashboardView is the samlet skema of one strategy with its summaries.
type DashboardView struct {
	Org            domain.Organisation
	Strategy       *domain.Strategy // nil when the organisation has none
	Form           FilterForm
	Columns        []MatrixColumn
	Tracks         []MatrixTrack
	Locals         int // the strategy's local initiatives, before filtering
	ByTrack        []Counts
	TrackTotal     Counts // every item shown, with the strategy's roll-up
	ByUnit         []Counts
	UnitTotal      Counts // the områder together
	Goals          []GoalRollup
	Stale          []Item
	StaleAfterDays int
	Overdue        []Item
	Activity       []domain.AuditEntry
	XLSX, CSV      templ.SafeURL
}

// ItemListView is the filtered list of every item: initiatives of both kinds and action plans.
type ItemListView struct {
	Org       domain.Organisation
	Form      FilterForm
	Items     []Item
	XLSX, CSV templ.SafeURL
}

// Percent formats a rolled-up progress: "42 %" (with a no-break space).
func Percent(p float64) string { return strconv.Itoa(int(p+0.5)) + "\u00a0%" }

// idValue is an id as a form value ("" for 0).
func idValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// phaseFilterOptions are the phases with "Alle faser" first.
func phaseFilterOptions() []c.Option {
	return append([]c.Option{{Value: "", Label: "Alle faser"}}, phaseOptions()...)
}

// healthFilterOptions are the healths and "Ingen status", with "Alle" first.
func healthFilterOptions() []c.Option {
	out := []c.Option{{Value: "", Label: "Alle"}}
	for _, h := range healthsAndNone() {
		out = append(out, c.Option{Value: h, Label: healthName(h)})
	}
	return out
}

// healthName is a health's Danish name; HealthNone is "Ingen status".
func healthName(h string) string {
	if h == HealthNone {
		h = ""
	}
	return domain.HealthLabel(h)
}

// healthsAndNone are the healths from good to bad, then HealthNone.
func healthsAndNone() []string { return append(domain.AllHealths(), HealthNone) }

// activitySummary is what a status update or comment said: the new phase and health, or the
// comment's first 200 characters.
func activitySummary(e domain.AuditEntry) string {
	if e.Action == domain.AuditStatus {
		s := ""
		for _, k := range []string{"Fase", "Helbred", "Fremdrift"} {
			if ch, ok := e.Changes[k]; ok && ch.New != "" {
				if s != "" {
					s += ", "
				}
				s += k + ": " + ch.New
			}
		}
		return s
	}
	body := []rune(e.Changes["Kommentar"].New)
	if len(body) > 200 {
		return string(body[:200]) + " …"
	}
	return string(body)
}
