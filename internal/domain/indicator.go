package domain

import (
	"math"
	"slices"
	"time"
)

// Indicators: measurable goals with a baseline, a target (optionally yearly milestones) and
// measurements over time (issue 9).
//
// The on-track rule. The expected value at a date lies on the straight line from the baseline
// (value, date) to the target (value, date); when milestones are set, on the piecewise straight
// line through baseline, each milestone (its value on 31 December of its year) and target. Before
// the baseline the baseline value is expected, after the target date the target value. The
// latest measurement is judged against the value expected at its own date, the direction
// deciding what is better:
//   - "På sporet" when it is at least as good as expected;
//   - "Udfordret" when it is behind by at most 10 % of the distance from baseline to target (10 %
//     of the target itself when baseline and target are equal: a level to keep);
//   - "Kritisk" when it is further behind.
//
// An indicator without measurements has no such state ("Ingen måling").
//
// "Mangler måling": no measurement is dated in the current period of the indicator's frequency
// (month, quarter, half-year or year, counted from January). No measurement is asked for before
// the baseline date, nor once the period holding the target date is over.

// IndicatorRule states the on-track rule in Danish, for the pages.
const IndicatorRule = "Den forventede værdi på en dato ligger på den rette linje fra udgangspunktet til målet – " +
	"eller gennem delmålene (værdien den 31. december i delmålets år), når der er sat delmål. Den seneste måling er " +
	"«På sporet», når den er mindst lige så god som forventet på sin dato (højere eller lavere, efter hvad der er " +
	"bedst), «Udfordret», når den højst er 10 % af afstanden fra udgangspunkt til mål bagud, og ellers «Kritisk»."

// MissingRule states when an indicator lacks a measurement, in Danish.
const MissingRule = "«Mangler måling» betyder, at der ikke er nogen måling dateret i den indeværende periode " +
	"(måned, kvartal, halvår eller år efter indikatorens frekvens)."

// Directions: which way is better.
const (
	DirectionHigher = "higher"
	DirectionLower  = "lower"
)

// DirectionLabel is a direction's Danish name.
func DirectionLabel(d string) string {
	if d == DirectionLower {
		return "Lavere er bedre"
	}
	return "Højere er bedre"
}

// Measurement frequencies.
const (
	FrequencyMonthly    = "monthly"
	FrequencyQuarterly  = "quarterly"
	FrequencyHalfYearly = "half_yearly"
	FrequencyYearly     = "yearly"
)

// AllFrequencies lists the frequencies from often to seldom.
func AllFrequencies() []string {
	return []string{FrequencyMonthly, FrequencyQuarterly, FrequencyHalfYearly, FrequencyYearly}
}

// FrequencyLabel is a frequency's Danish name.
func FrequencyLabel(f string) string {
	switch f {
	case FrequencyMonthly:
		return "Månedlig"
	case FrequencyQuarterly:
		return "Kvartalsvis"
	case FrequencyHalfYearly:
		return "Halvårlig"
	case FrequencyYearly:
		return "Årlig"
	}
	return f
}

// FrequencyMonths is the length of a frequency's period in months (3 for an unknown one).
func FrequencyMonths(f string) int {
	switch f {
	case FrequencyMonthly:
		return 1
	case FrequencyHalfYearly:
		return 6
	case FrequencyYearly:
		return 12
	}
	return 3
}

// Milestone is the value expected by 31 December of Year.
type Milestone struct {
	Year  int     `json:"year"`
	Value float64 `json:"value"`
}

// Indicator is a measurable goal of one item: a goal, an initiative or an action plan (exactly
// one of the three ids is set).
type Indicator struct {
	ID                int64
	OrganisationID    int64
	GoalID            *int64
	InitiativeID      *int64
	ActionPlanID      *int64
	Name              string
	Definition        string // how it is measured, from which source
	Unit              string // e.g. "%", "antal"
	Direction         string // DirectionHigher or DirectionLower
	BaselineValue     float64
	BaselineDate      time.Time
	TargetValue       float64
	TargetDate        time.Time
	Milestones        []Milestone // by year; each strictly between the baseline and target dates
	Frequency         string
	ResponsibleUnitID *int64
	Meta
}

// Measurement is an indicator's value for a date (the period it speaks for).
type Measurement struct {
	ID          int64
	IndicatorID int64
	AsOf        time.Time
	Value       float64
	Comment     string
	AuthorID    int64
	AuthorName  string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int32
}

// MeasurementChange is a corrected measurement: the old value and the one that replaced it.
type MeasurementChange struct {
	AsOf          time.Time
	OldValue      float64
	OldComment    string
	NewValue      float64
	NewComment    string
	ChangedByName string
	ChangedAt     time.Time
}

// Item kinds an indicator may belong to (also the audit entities of those items).
const (
	ItemGoal       = "goal"
	ItemInitiative = EntityInitiative
	ItemActionPlan = EntityActionPlan
)

// EntityIndicator is the audit entity of indicators and their measurements.
const EntityIndicator = "indicator"

// IndicatorRow is an indicator with its item's title and its latest measurement, for lists.
type IndicatorRow struct {
	Indicator
	ItemKind            string // ItemGoal, ItemInitiative or ItemActionPlan
	ItemID              int64
	ItemTitle           string
	ResponsibleUnitName string
	ScopeUnitID         *int64 // the unit the item belongs to (nil for a goal, which is organisation-wide)
	InitiativeKind      string // the kind of the item's initiative (the action plan's); "" for a goal
	ItemInitiativeID    *int64 // the item itself when an initiative, the action plan's initiative; nil for a goal
	LatestValue         *float64
	LatestAsOf          *time.Time
}

// Assess judges the row's latest measurement and whether one is missing on today.
func (r IndicatorRow) Assess(today time.Time) Assessment {
	a := Assessment{Missing: r.MissingMeasurement(r.LatestAsOf, today)}
	if r.LatestValue != nil && r.LatestAsOf != nil {
		a.Expected = r.Expected(*r.LatestAsOf)
		a.Health = r.Judge(*r.LatestValue, *r.LatestAsOf)
	}
	return a
}

// Assessment is the state of an indicator: the health of its latest measurement ("" without
// one), the value expected at that measurement's date, and whether a measurement is missing.
type Assessment struct {
	Health   string
	Expected float64
	Missing  bool
}

// PlanPoint is a point of the planned course: the baseline, a milestone or the target.
type PlanPoint struct {
	Date  time.Time
	Value float64
	Label string // "Udgangspunkt", "Delmål 2025", "Mål"
}

// Plan is the planned course in date order: baseline, the milestones, target.
func (ind Indicator) Plan() []PlanPoint {
	pts := []PlanPoint{{Date: ind.BaselineDate, Value: ind.BaselineValue, Label: "Udgangspunkt"}}
	ms := slices.Clone(ind.Milestones)
	slices.SortFunc(ms, func(a, b Milestone) int { return a.Year - b.Year })
	for _, m := range ms {
		d := MilestoneDate(m.Year)
		if d.After(ind.BaselineDate) && d.Before(ind.TargetDate) {
			pts = append(pts, PlanPoint{Date: d, Value: m.Value, Label: "Delmål " + itoa64(int64(m.Year))})
		}
	}
	return append(pts, PlanPoint{Date: ind.TargetDate, Value: ind.TargetValue, Label: "Mål"})
}

// MilestoneDate is the date a milestone of year speaks for: 31 December.
func MilestoneDate(year int) time.Time {
	return time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
}

// Expected is the value the plan expects at date at (see the rule at the top of the file).
func (ind Indicator) Expected(at time.Time) float64 {
	pts := ind.Plan()
	if !at.After(pts[0].Date) {
		return pts[0].Value
	}
	for i := 1; i < len(pts); i++ {
		p, q := pts[i-1], pts[i]
		if !at.After(q.Date) {
			share := at.Sub(p.Date).Hours() / q.Date.Sub(p.Date).Hours()
			return p.Value + share*(q.Value-p.Value)
		}
	}
	return pts[len(pts)-1].Value
}

// Tolerance is how far behind the expected value a measurement may be and still be
// "Udfordret": 10 % of the distance from baseline to target (of the target when they are equal).
func (ind Indicator) Tolerance() float64 {
	if d := math.Abs(ind.TargetValue - ind.BaselineValue); d > 0 {
		return d / 10
	}
	return math.Abs(ind.TargetValue) / 10
}

// Judge is the health of value measured at date at: HealthOnTrack, HealthChallenged or
// HealthCritical (see the rule at the top of the file).
func (ind Indicator) Judge(value float64, at time.Time) string {
	gap := value - ind.Expected(at) // how much better than expected
	if ind.Direction == DirectionLower {
		gap = -gap
	}
	const eps = 1e-9 // the expected value is interpolated; equal is on track
	switch {
	case gap >= -eps:
		return HealthOnTrack
	case gap >= -ind.Tolerance()-eps:
		return HealthChallenged
	}
	return HealthCritical
}

// MissingMeasurement reports whether the indicator lacks a measurement in the current period
// of its frequency on today, latest being the date of its latest measurement (nil for none).
func (ind Indicator) MissingMeasurement(latest *time.Time, today time.Time) bool {
	start := FollowUpPeriodStart(today, FrequencyMonths(ind.Frequency))
	if today.Before(ind.BaselineDate) || start.After(ind.TargetDate) || ind.ArchivedAt != nil {
		return false
	}
	return latest == nil || latest.Before(start)
}
