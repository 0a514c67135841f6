package pages

import (
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// The views of the reports that look across an organisation: who has reported
// (ReportingView), the direktion's overview (OverviewView), coverage (CoverageView), status
// over time (TrendsView) and the tidsplan (TimelineView). Handlers fill them; the numbers are
// computed there.

// ReportItem is an initiative or action plan as the reports list it.
type ReportItem struct {
	Kind        string // the organisation's word for its kind: "Lokal indsats", "Handleplan", …
	Title       string // an action plan's code comes first
	Href        templ.SafeURL
	UnitName    string
	Responsible string
	Status      c.StatusOf
}

// Reporting states of an item in the current follow-up period.
const (
	StateReported  = "rapporteret"  // has a status update in the period
	StateMissing   = "mangler"      // should have one and has not
	StateNotNeeded = "ikke-kraevet" // implemented or on hold, so needs none
)

// ReportingItem is an item with its reporting state.
type ReportingItem struct {
	ReportItem
	State string
}

// ReportingUnit is an område (or the fagområde, for the general initiatives) with its leaders,
// its current follow-up period and its items, those missing first.
type ReportingUnit struct {
	ID                           int64
	Name, Kind                   string
	Leaders                      []string // the names of the unit's leaders in Sporbar
	LeaderTitle                  string   // the title of its leader, when nobody is named
	AgreementHref                templ.SafeURL
	RemindHref                   templ.SafeURL // "Send påmindelse" (nudges.go), "" when not allowed
	Period                       string        // "4. kvartal 2026 (1. oktober – 31. december)"
	Items                        []ReportingItem
	Reported, Missing, NotNeeded int

	// Indicators are the unit's indicators (by responsible unit, else their item's) that lack a
	// measurement in their current period (indicators.templ).
	Indicators []domain.IndicatorRow
}

// Comparison choices of the period view (the query's sammenlign).
const (
	CompareQuarter = "kvartal"
	CompareYear    = "aar"
)

// ReportCountRow is a phase or a health with the number of items in it at the end of two periods.
type ReportCountRow struct {
	Label         string
	Before, After int
}

// ReportMove is an item that moved forward or back between two periods.
type ReportMove struct {
	ReportItem
	From, To string // "Forberedende, 10 %"
}

// PeriodComparison compares the end of the previous period with the end of the current one.
type PeriodComparison struct {
	Before, After string // the periods' names
	Phases        []ReportCountRow
	Healths       []ReportCountRow
	Forward, Back []ReportMove
}

// ReportingView is "Hvem har rapporteret": the current follow-up period per område, and the
// optional comparison of two periods.
type ReportingView struct {
	Org        domain.Organisation
	Period     string // the common period, "" when the områder follow up at different rhythms
	Units      []ReportingUnit
	Compare    string // "", CompareQuarter or CompareYear
	Comparison *PeriodComparison
}

// ReportSummary is a group's rolled-up progress and health and how many of its items are in each
// health, miss a follow-up or are overdue.
type ReportSummary struct {
	Rolled                                  domain.Rolled
	Items                                   int
	OnTrack, Challenged, Critical, NoStatus int
	Missing, Overdue                        int
}

// OverviewTrack is a track of a strategy with its summary.
type OverviewTrack struct {
	ID            int64
	Label         string
	Href          templ.SafeURL
	DashboardHref templ.SafeURL
	Summary       ReportSummary
}

// OverviewStrategy is a strategy with its summary and its tracks'.
type OverviewStrategy struct {
	ID            int64
	Title         string
	Href          templ.SafeURL
	DashboardHref templ.SafeURL
	Summary       ReportSummary
	Tracks        []OverviewTrack
}

// OverviewArea is a fagområde with its strategies (ID 0: the strategies under no fagområde).
type OverviewArea struct {
	ID         int64
	Name       string
	Href       templ.SafeURL
	Summary    ReportSummary
	Strategies []OverviewStrategy
}

// OverviewView is the direktion's overview of the organisation.
type OverviewView struct {
	Org   domain.Organisation
	Areas []OverviewArea
}

// CoverageRow is a goal with the number of active initiatives that realise it.
type CoverageRow struct {
	domain.GoalRow
	General, Local int
	Indicators     []domain.IndicatorRow // the goal's own indicators (indicators.templ)
}

// Served reports whether an active initiative realises the goal.
func (r CoverageRow) Served() bool { return r.General+r.Local > 0 }

// CoverageView is "Sporbarhed": every goal and whether it is worked on.
type CoverageView struct {
	Org           domain.Organisation
	Rows          []CoverageRow
	Served, Total int
}

// TrendsView is status over time for the organisation, a track or an område.
type TrendsView struct {
	Org            domain.Organisation
	TrackID        string // the form's values
	UnitID         string
	Tracks, Units  []c.Option
	Scope          string   // what is shown, in words
	Months         []string // the months shown, "december 2025"
	Phases, Health c.Chart
}

// TimelineRow is an initiative on the tidsplan.
type TimelineRow struct {
	ReportItem
	General    bool
	Start, End *time.Time
}

// TimelineView is the tidsplan (Bilag 3): the general initiatives with their local ones.
type TimelineView struct {
	Org     domain.Organisation
	Today   time.Time
	Chart   c.Timeline
	Rows    []TimelineRow // with a start or an end date
	Undated []TimelineRow
}

// reportPercent formats a progress: "42 %".
func reportPercent(p float64) string { return strconv.Itoa(int(p+0.5)) + "\u00a0%" }

// reportCount is "n" as text.
func reportCount(n int) string { return strconv.Itoa(n) }

// reportSigned is a change as text: "+2", "−1", "0".
func reportSigned(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// reportingID is the id of a unit's section on the page; reportingAnchor links to it.
func reportingID(u ReportingUnit) string { return "enhed-" + strconv.FormatInt(u.ID, 10) }

func reportingAnchor(u ReportingUnit) templ.SafeURL { return templ.SafeURL("#" + reportingID(u)) }

// leaderText names the unit's leaders, or its leader's title when nobody is named in Sporbar.
func leaderText(u ReportingUnit) string {
	if len(u.Leaders) > 0 {
		return strings.Join(u.Leaders, ", ")
	}
	if u.LeaderTitle != "" {
		return u.LeaderTitle + " (ingen bruger i Sporbar)"
	}
	return "Ingen leder i Sporbar"
}

// coverageGoals are the rows' goals, for groupChain.
func coverageGoals(rows []CoverageRow) []domain.GoalRow {
	out := make([]domain.GoalRow, len(rows))
	for i, r := range rows {
		out[i] = r.GoalRow
	}
	return out
}

// seriesTotal is the sum of the series' values for category i.
func seriesTotal(series []c.ChartSeries, i int) int {
	n := 0
	for _, s := range series {
		if i < len(s.Values) {
			n += s.Values[i]
		}
	}
	return n
}
