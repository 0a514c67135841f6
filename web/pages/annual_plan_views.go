package pages

import (
	"fmt"
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// The views of the yearly indsatsplaner (annual_plan.templ, annual_plan_form.templ,
// ol_agenda.templ) and the addresses of their pages and forms.

// AnnualPlanDoc is a yearly indsatsplan's page, which reads like the document.
type AnnualPlanDoc struct {
	Org     domain.Organisation
	Plan    domain.AnnualPlanDetail
	Tracks  []domain.Track
	Areas   []domain.AnnualPlanAreaRow
	Items   []domain.PlanItem
	CanEdit bool         // the signed-in person may edit the plan (the fagchef of its unit, an admin)
	Adopt   AdoptForm    // the adoption form (editors only)
	Problem *PlanProblem // why the last action was refused, shown at the top; nil when none
}

// AdoptForm is the form that marks a plan vedtaget.
type AdoptForm struct {
	Date, Error string
}

// PlanProblem is a refusal shown at the top of a plan's page or form: a heading, a text and
// optionally a link onward.
type PlanProblem struct {
	Heading, Text string
	Link          templ.SafeURL
	LinkText      string
}

// AnnualPlanNewForm is the form for a strategy's new yearly plan.
type AnnualPlanNewForm struct {
	Strategy domain.Strategy
	Year     string
	Source   string     // the id of the plan it builds on; "" for an empty plan
	Sources  []c.Option // the strategy's plans
	Errors   domain.Errors
}

// AnnualPlanEditForm is the form for a plan's own texts, with its handleplaner and the form
// that adds one.
type AnnualPlanEditForm struct {
	Org           domain.Organisation
	Plan          domain.AnnualPlanDetail
	Version       int32
	Title         string
	MainTheme     string
	Introduction  string
	IntroReviewed bool
	Areas         []AreaFields
	Items         []domain.PlanItem
	Candidates    []domain.PlanCandidate
	AddPlan       string // the chosen handleplan to add
	AddPhase      string
	Errors        domain.Errors
	Conflict      []ConflictRow // the fields that differ, when someone else saved first
	Conflicted    bool
	Problem       *PlanProblem
}

// AreaFields are an indsatsområde's texts in the plan's form.
type AreaFields struct {
	domain.AnnualPlanAreaRow
	Narrative, Assessment string // as typed
}

// AnnualPlanItemForm is the form for an item's text and markers.
type AnnualPlanItemForm struct {
	Org            domain.Organisation
	Plan           domain.AnnualPlanDetail
	Item           domain.PlanItem // as stored
	Version        int32
	Phase          string
	Implementation string
	IsNew, OL      bool
	OLNote         string
	SameAs         string // the id of the item whose text covers it; "" for its own text
	SameAsOptions  []c.Option
	Reviewed       bool
	Errors         domain.Errors
	Conflict       []ConflictRow
	Conflicted     bool
}

// OLAgendaView is the year's agenda for the områdelederkreds: every item marked OL, grouped
// by indsatsområde, with OL's treatment and (for editors) the form that records it.
type OLAgendaView struct {
	Org     domain.Organisation
	Plan    domain.AnnualPlanDetail
	Tracks  []domain.Track
	Areas   []domain.AnnualPlanAreaRow
	Items   []domain.PlanItem // the items marked OL
	CanEdit bool
	Forms   map[int64]OLForm // the typed values and messages of a refused form, by item
}

// OLForm is the form that records OL's treatment of an item.
type OLForm struct {
	Version        int32
	Date, Decision string
	Errors         domain.Errors
	Conflicted     bool
}

// AnnualPlanEditURL is the form for a plan's texts and handleplaner.
func AnnualPlanEditURL(id int64) templ.SafeURL { return urlOf("/indsatsplaner/%d/rediger", id) }

// AnnualPlanItemURL is the form for an item's text and markers.
func AnnualPlanItemURL(plan, item int64) templ.SafeURL {
	return urlOf("/indsatsplaner/%d/punkt?punkt=%d", plan, item)
}

// AnnualPlanItemSaveURL is where the item form posts.
func AnnualPlanItemSaveURL(plan int64) templ.SafeURL { return urlOf("/indsatsplaner/%d/punkt", plan) }

// AnnualPlanAddURL is where the form that adds a handleplan posts.
func AnnualPlanAddURL(plan int64) templ.SafeURL { return urlOf("/indsatsplaner/%d/punkter", plan) }

// AnnualPlanRemoveURL is where the button that removes a handleplan posts.
func AnnualPlanRemoveURL(plan int64) templ.SafeURL {
	return urlOf("/indsatsplaner/%d/punkt/fjern", plan)
}

// AnnualPlanNextURL makes next year's plan from the plan.
func AnnualPlanNextURL(plan int64) templ.SafeURL { return urlOf("/indsatsplaner/%d/naeste-aar", plan) }

// AnnualPlanAdoptURL marks the plan vedtaget.
func AnnualPlanAdoptURL(plan int64) templ.SafeURL { return urlOf("/indsatsplaner/%d/vedtag", plan) }

// OLAgendaURL is the plan's OL agenda.
func OLAgendaURL(plan int64) templ.SafeURL { return urlOf("/indsatsplaner/%d/ol", plan) }

// AnnualPlanXLSXURL is the plan as a spreadsheet.
func AnnualPlanXLSXURL(plan int64) templ.SafeURL { return urlOf("/indsatsplaner/%d.xlsx", plan) }

// NewAnnualPlanURL is the form for a strategy's new yearly plan.
func NewAnnualPlanURL(strategy int64) templ.SafeURL {
	return urlOf("/strategier/%d/indsatsplaner/ny", strategy)
}

func urlOf(format string, a ...any) templ.SafeURL { return templ.SafeURL(fmt.Sprintf(format, a...)) }

// AdoptionText is the plan's adoption state: "Ikke vedtaget", "Vedtaget 12. januar 2017" or
// "Vedtaget 12. januar 2017 – ændret efter vedtagelse".
func AdoptionText(p domain.AnnualPlanDetail) string {
	if p.AdoptedOn == nil {
		return "Ikke vedtaget"
	}
	s := "Vedtaget " + c.Date(p.AdoptedOn)
	if p.ChangedAfterAdoption {
		s += " – " + domain.AdoptionChangedValue
	}
	return s
}

// olItemsOfArea are the area's items marked OL.
func olItemsOfArea(items []domain.PlanItem, initiativeID int64) []domain.PlanItem {
	var out []domain.PlanItem
	for _, it := range items {
		if it.InitiativeID == initiativeID && it.OL {
			out = append(out, it)
		}
	}
	return out
}

// planItemsOfArea are the area's items.
func planItemsOfArea(items []domain.PlanItem, initiativeID int64) []domain.PlanItem {
	var out []domain.PlanItem
	for _, it := range items {
		if it.InitiativeID == initiativeID {
			out = append(out, it)
		}
	}
	return out
}

// anyCarried reports whether an item's texts are still last year's.
func anyCarried(items []domain.PlanItem) bool { return carriedYear(items) != 0 }

// carriedYear is the year of the first item whose texts are carried over (0 when none is).
func carriedYear(items []domain.PlanItem) int32 {
	for _, it := range items {
		if it.TextFromYear != nil {
			return *it.TextFromYear
		}
	}
	return 0
}

// dateValue is a date as a date field takes it: "2016-05-12", "" for none.
func dateValue(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
