package pages

import (
	"fmt"
	"math"
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// The views of indicators (indicators.templ, indicator_form.templ): an item's list of
// indicators, an indicator's page with its chart and measurements, its form, and the import.

// IndicatorURL is an indicator's page; its forms and downloads are below it.
func IndicatorURL(id int64) templ.SafeURL { return templ.SafeURL(fmt.Sprintf("/indikatorer/%d", id)) }

// IndicatorItemURL is the page of the item an indicator belongs to.
func IndicatorItemURL(r domain.IndicatorRow) templ.SafeURL {
	switch r.ItemKind {
	case domain.ItemGoal:
		return c.GoalURL(r.ItemID)
	case domain.ItemInitiative:
		return c.InitiativeURL(r.ItemID)
	}
	return c.ActionPlanURL(r.ItemID)
}

// IndicatorItemLabel is the organisation's word for the kind of item an indicator belongs to.
func IndicatorItemLabel(org domain.Organisation, r domain.IndicatorRow) string {
	switch r.ItemKind {
	case domain.ItemGoal:
		return "Mål"
	case domain.ItemInitiative:
		return kindLabel(org, r.InitiativeKind)
	}
	return org.LabelActionPlan
}

// IndicatorsView is an item's indicators as the item's page (or an agreement's) shows them.
type IndicatorsView struct {
	Rows     []domain.IndicatorRow
	New      templ.SafeURL // the form for a new indicator of the item; "" when the person may not add one
	ShowItem bool          // show the item each indicator belongs to (a list of several items' indicators)
}

// IndicatorActions are the controls an indicator's page offers the signed-in person.
type IndicatorActions struct {
	Edit, Import, Archive templ.SafeURL // "" when not offered
	Version               int32         // the indicator's version, which the archive button sends
}

// MeasurementForm is the form for one measurement, as typed. When the date already has a
// measurement the form comes back (409) with it in Existing and its version in Replace:
// saving again replaces it (the old value is kept in the history).
type MeasurementForm struct {
	AsOf, Value, Comment string
	Errors               domain.Errors
	Replace              int32
	Existing             *domain.Measurement
	Changed              bool // Existing changed (or appeared) since the person last saw the form
}

// IndicatorView is an indicator's page.
type IndicatorView struct {
	Org          domain.Organisation
	Indicator    domain.IndicatorRow
	Measurements []domain.Measurement // oldest first
	Changes      []domain.MeasurementChange
	Actions      IndicatorActions
	CanMeasure   bool
	Form         MeasurementForm
}

// Assessment is the indicator's state today.
func (v IndicatorView) Assessment(today time.Time) domain.Assessment {
	return v.Indicator.Assess(today)
}

// Chart is the indicator's measurements against its plan, for c.LineChartFigure.
func (v IndicatorView) Chart() c.LineChart {
	ind := v.Indicator.Indicator
	ch := c.LineChart{ID: "indikator-graf", Title: ind.Name,
		Desc: fmt.Sprintf("Linjediagram over %d målinger fra udgangspunktet %s til målet %s. Tabellen under diagrammet viser de samme tal.",
			len(v.Measurements), ind.WithUnit(ind.BaselineValue), ind.WithUnit(ind.TargetValue))}
	for _, m := range v.Measurements {
		ch.Measured = append(ch.Measured, c.LinePoint{Date: m.AsOf, Value: m.Value, Title: dated(m.AsOf, ind.WithUnit(m.Value))})
	}
	for _, p := range ind.Plan() {
		ch.Plan = append(ch.Plan, c.LinePoint{Date: p.Date, Value: p.Value, Title: p.Label + ", " + dated(p.Date, ind.WithUnit(p.Value))})
	}
	return ch
}

// rounded is an expected value as the page shows it: with at most two decimals.
func rounded(v float64) float64 { return math.Round(v*100) / 100 }

// dated is "31. marts 2025: 36 %".
func dated(d time.Time, value string) string { return c.Date(&d) + ": " + value }

// IndicatorFields are the indicator form's fields as the person typed them.
type IndicatorFields struct {
	Name, Definition, Unit, Direction, BaselineValue, BaselineDate, TargetValue, TargetDate string
	Milestones, Frequency, ResponsibleUnit                                                  string
}

// IndicatorForm is the form for a new indicator or for editing one.
type IndicatorForm struct {
	Heading, Context string
	Action, Cancel   templ.SafeURL
	Version          int32 // 0 when creating
	Fields           IndicatorFields
	Errors           domain.Errors
	Units            []c.Option // the organisation's units, for the responsible unit
	Conflict         []ConflictRow
	Conflicted       bool
}

// indicatorFieldOrder is the order of the fields in the error summary.
var indicatorFieldOrder = []string{"name", "definition", "unit", "direction", "baseline_value", "baseline_date",
	"target_value", "target_date", "milestones", "frequency", "responsible_unit"}

// ImportRow is a row of an import's preview: the values as they will be saved, and the stored
// value the row replaces ("" for a new date).
type ImportRow struct {
	AsOf, Value, Comment string    // as the confirmation form sends them: åååå-mm-dd, 42.5, text
	Date                 time.Time // AsOf
	Number               float64   // Value
	Replaces             string    // the stored value with its unit, when the row replaces one
	Unchanged            bool      // the row equals the stored measurement
}

// ImportView is the import of measurements from a spreadsheet: the upload form (with its
// messages) or, once a file is read without errors, the preview with the confirmation form.
type ImportView struct {
	Org       domain.Organisation
	Indicator domain.IndicatorRow
	FileError string   // the message beside the file field
	RowErrors []string // "Række 4, kolonne B: «abc» er ikke et tal."
	FileName  string
	Rows      []ImportRow
	State     string // the stored measurements' state the preview was made from (see store.MeasurementState)
	Conflict  bool   // the measurements changed between the preview and the confirmation
}

// ImportColumns are the columns of the import and of the indicator's export, in order.
var ImportColumns = []string{"Dato", "Værdi", "Kommentar"}
