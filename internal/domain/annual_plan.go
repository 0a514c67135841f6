package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The yearly cycle of a strategy's indsatsplaner (the region's way of working): each year's plan
// picks handleplaner, gives each the year's implementation text and markers, and assesses each
// indsatsområde. Next year's plan is made from this year's by CarryOver:
//
//   - Which handleplaner: every item of this year's plan whose handleplan is open, that is not
//     archived and not implemented (status phase ≠ "implementeret"). The others are left out,
//     with the reason (LeftOut).
//   - Phase: kept. A forberedende indsats stays forberedende until someone marks it aktiv.
//   - INITIATIV: cleared. It marks a new initiative in the year it started; next year it is
//     no longer new.
//   - OL: kept with its note when OL has not yet treated the item this year (the matter is
//     still pending for the områdelederkreds); cleared, note and all, when OL has treated it.
//     OL's treatment (date and decision) stays with this year's item.
//   - Texts: the implementation text and the OL note are this year's, kept as they are and
//     marked as this year's (TextFromYear) until someone rewrites them: saving a changed text,
//     or confirming the text, clears the mark.
//   - A shared text ("Se 1-A", a merged cell in the document): the item points to the copy of
//     the item whose text covers it when that one is carried too; otherwise it gets that text
//     itself and no longer points anywhere.
//   - The order of the items is kept.
//
// The new plan is year + 1 (only within the strategy's period, and only when the strategy has
// no plan for that year), titled as this year's with the year replaced, without a main theme,
// with this year's introduction (marked as this year's until rewritten), and with every
// indsatsområde of this year's plan with empty narrative and assessment. It is not adopted.
//
// Adoption: a plan can be marked vedtaget with a date. A change to its content afterwards (its
// texts, its areas, its items, adding or removing handleplaner) marks it "ændret efter
// vedtagelse", and the change's history row says so (AdoptionChangedKey). Adopting again clears
// the mark. OL's treatment of an item is a record of the year's work, not a change to the plan.

// Audited entities of the yearly plans.
const (
	EntityAnnualPlan     = "annual_plan"
	EntityAnnualPlanItem = "annual_plan_item"
)

// The history's marks of the yearly cycle.
const (
	AdoptionChangedKey   = "Vedtaget plan"           // a change to an adopted plan's content
	AdoptionChangedValue = "ændret efter vedtagelse" // … and its value
	OLTreatmentKey       = "OL-behandling"           // OL's treatment in the handleplan's history
)

// Reasons an item is not carried over to next year.
const (
	LeftOutArchived    = "arkiveret"
	LeftOutImplemented = "implementeret"
)

// The longest texts of a yearly plan, in characters.
const (
	MaxPlanTitle    = 300
	MaxMainTheme    = 300
	MaxIntroduction = 20000
	MaxAreaText     = 8000
	MaxItemText     = 8000
	MaxOLNote       = 2000
	MaxOLDecision   = 4000
)

// AnnualPlanDetail is a yearly plan with what its pages need besides the plan itself.
type AnnualPlanDetail struct {
	AnnualPlanRow
	StrategyUnitID       *int64
	ScopeUnits           []int64 // the strategy's unit and every unit above it (for auth.Can)
	PeriodStart          int32   // the strategy's period
	PeriodEnd            int32
	SourcePlanID         *int64 // the plan this one was made from
	SourceTitle          string
	NextPlanID           *int64 // the strategy's plan for the year after, if there is one
	IntroductionFromYear *int32 // the introduction is that year's text, not yet rewritten
	AdoptedBy            *int64
	AdoptedByName        string
	ChangedAfterAdoption bool
}

// Adopted reports whether the plan is marked vedtaget.
func (p AnnualPlanDetail) Adopted() bool { return p.AdoptedOn != nil }

// PlanItem is an item of a yearly plan as the plan's pages, forms and the carry-over use it.
type PlanItem struct {
	AnnualPlanItemRow
	Version            int32
	TextFromYear       *int32     // the texts are that year's, carried over and not yet rewritten
	OLTreatedOn        *time.Time // when OL treated the item during the year
	OLDecision         string     // what OL decided
	ActionPlanArchived bool
	ActionPlanPhase    string // the handleplan's current status phase
}

// LeftOut is an item that is not carried over to next year, and why.
type LeftOut struct {
	Code, Reason string
}

// CarriedItem is an item of next year's plan made from an item of this year's.
type CarriedItem struct {
	From int64 // this year's item
	// The new item. Its SameAsID is this year's id of the item whose copy covers it: the store
	// points it at that copy.
	AnnualPlanItem
	TextFromYear *int32
}

// leftOutReason is why the item is not carried over ("" when it is).
func leftOutReason(it PlanItem) string {
	switch {
	case it.ActionPlanArchived:
		return LeftOutArchived
	case it.ActionPlanPhase == PhaseImplemented:
		return LeftOutImplemented
	}
	return ""
}

// CarryOver applies the carry-over rules (see the top of this file) to the items of the plan
// for year, in their order, and returns next year's items and the items left out.
func CarryOver(year int32, items []PlanItem) ([]CarriedItem, []LeftOut) {
	byID := make(map[int64]PlanItem, len(items))
	for _, it := range items {
		byID[it.ID] = it
	}
	var carried []CarriedItem
	var left []LeftOut
	for _, it := range items {
		if reason := leftOutReason(it); reason != "" {
			left = append(left, LeftOut{Code: it.Code, Reason: reason})
			continue
		}
		n := AnnualPlanItem{ActionPlanID: it.ActionPlanID, Phase: it.Phase, Implementation: it.Implementation,
			Position: it.Position}
		if it.OL && it.OLTreatedOn == nil {
			n.OL, n.OLNote = true, it.OLNote
		}
		if it.SameAsID != nil {
			if target, ok := byID[*it.SameAsID]; ok && leftOutReason(target) == "" {
				id := target.ID
				n.SameAsID = &id
			} else if ok && n.Implementation == "" {
				n.Implementation = target.Implementation
			}
		}
		c := CarriedItem{From: it.ID, AnnualPlanItem: n}
		if n.Implementation != "" || n.OLNote != "" {
			y := year
			c.TextFromYear = &y
		}
		carried = append(carried, c)
	}
	return carried, left
}

// CheckNewPlanYear says why a plan for year cannot be made for a strategy that runs from start
// to end (taken: the strategy already has a plan for the year); "" when it can.
func CheckNewPlanYear(year, start, end int32, taken bool) string {
	switch {
	case taken:
		return fmt.Sprintf("Der findes allerede en indsatsplan for %d.", year)
	case year < start || year > end:
		return fmt.Sprintf("Strategien gælder %d–%d, så der kan ikke laves en indsatsplan for %d.", start, end, year)
	}
	return ""
}

// NextPlanTitle is the title of the plan for year made from the plan titled title for from:
// the year in the title replaced, or "<strategy> – Indsatsplan <year>" when it names none.
func NextPlanTitle(title string, from, year int32, strategyTitle string) string {
	old := strconv.Itoa(int(from))
	if i := strings.LastIndex(title, old); i >= 0 {
		return title[:i] + strconv.Itoa(int(year)) + title[i+len(old):]
	}
	return fmt.Sprintf("%s – Indsatsplan %d", strategyTitle, year)
}

// ItemPhaseLabel is an item's phase as the document marks it.
func ItemPhaseLabel(phase string) string {
	if phase == PhasePreparatory {
		return "Forberedende indsats"
	}
	return "Aktiv indsats"
}

// ValidItemPhase reports whether phase is a yearly plan's phase.
func ValidItemPhase(phase string) bool { return phase == PhasePreparatory || phase == PhaseActive }

// MarkersText is the item's markers as one line of text: "Aktiv indsats; INITIATIV; OL: …".
func (it AnnualPlanItem) MarkersText() string {
	parts := []string{ItemPhaseLabel(it.Phase)}
	if it.IsNew {
		parts = append(parts, "INITIATIV")
	}
	if it.OL {
		ol := "OL"
		if it.OLNote != "" {
			ol += ": " + it.OLNote
		}
		parts = append(parts, ol)
	}
	return strings.Join(parts, "; ")
}

// ValidateItem checks an item's text and markers as a person saves them; items are the plan's
// items (for the shared text, it.SameAsID). The messages are keyed by the form's field names.
func ValidateItem(it AnnualPlanItem, items []PlanItem, errs Errors) {
	if !ValidItemPhase(it.Phase) {
		errs.Add("phase", "Vælg, om handleplanen er en forberedende eller en aktiv indsats i året.")
	}
	errs.MaxLength("implementation", it.Implementation, "Implementeringen", MaxItemText)
	errs.MaxLength("ol_note", it.OLNote, "Teksten om OL", MaxOLNote)
	switch {
	case it.OL && strings.TrimSpace(it.OLNote) == "":
		errs.Add("ol_note", "Skriv, hvad områdelederkredsen (OL) skal gøre med handleplanen i året.")
	case !it.OL && it.OLNote != "":
		errs.Add("ol_note", "Sæt kryds ved OL, eller slet teksten om, hvad OL skal gøre.")
	}
	if it.SameAsID == nil {
		if strings.TrimSpace(it.Implementation) == "" {
			errs.Add("implementation", "Skriv årets implementering, eller vælg den handleplan, hvis tekst også dækker denne.")
		}
		return
	}
	if it.Implementation != "" {
		errs.Add("implementation", "Teksten står under en anden handleplan: slet teksten her, eller vælg «Egen tekst».")
	}
	if msg := checkSameAs(it.ID, *it.SameAsID, items); msg != "" {
		errs.Add("same_as", msg)
	}
}

// checkSameAs says why item id cannot share the text of item target ("" when it can): the
// target must be another item of the plan with a text of its own, and no item may share id's.
func checkSameAs(id, target int64, items []PlanItem) string {
	found := false
	for _, o := range items {
		if o.ID == target {
			found = true
			if o.SameAsID != nil {
				return "Vælg en handleplan med sin egen tekst: " + o.Code + " henviser selv til " + o.SameAsCode + "."
			}
		}
		if o.SameAsID != nil && *o.SameAsID == id && o.ID != id {
			return "Andre handleplaner henviser til denne handleplans tekst (" + o.Code + "), så den skal have sin egen."
		}
	}
	if !found || target == id {
		return "Vælg en anden handleplan i årets plan."
	}
	return ""
}

// PlanAuditValues are a plan's texts as the history shows them.
func PlanAuditValues(p AnnualPlan) map[string]string {
	return map[string]string{"Titel": p.Title, "Hovedtema": p.MainTheme, "Indledning": p.Introduction}
}

// AreaAuditValues are an indsatsområde's texts for the year as the history shows them; label
// names the area ("Indsatsområde 10").
func AreaAuditValues(label string, a AnnualPlanArea) map[string]string {
	return map[string]string{label + " – tekst": a.Narrative, label + " – vurdering": a.Assessment}
}

// ItemAuditValues are an item's text and markers as the history shows them; sameAsCode is the
// code of the handleplan whose text covers it ("" for none).
func ItemAuditValues(it AnnualPlanItem, sameAsCode string) map[string]string {
	yes := func(b bool) string {
		if b {
			return "ja"
		}
		return "nej"
	}
	return map[string]string{
		"Fase": ItemPhaseLabel(it.Phase), "Implementering": it.Implementation, "INITIATIV": yes(it.IsNew),
		"OL": yes(it.OL), "OL-note": it.OLNote, "Tekst under": sameAsCode,
	}
}

// OLTreatmentText is OL's treatment as one line: "2016-05-12: the decision".
func OLTreatmentText(on time.Time, decision string) string {
	return on.Format(time.DateOnly) + ": " + decision
}

// PlanCandidate is a handleplan that can be added to a yearly plan: one under an indsatsområde
// (a general initiative) of the plan's strategy that the plan does not hold yet.
type PlanCandidate struct {
	ID               int64
	Code             string
	Title            string
	InitiativeID     int64
	InitiativeNumber int32
	InitiativeTitle  string
}

// PlanEdit is what a person saves of a plan's own texts: the plan (ID, Version, Title,
// MainTheme, Introduction), its indsatsområder's texts, whether they confirmed that last
// year's introduction holds for this year, and the organisation's name for an indsatsområde
// (for the history).
type PlanEdit struct {
	Plan          AnnualPlan
	Areas         []AnnualPlanArea
	IntroReviewed bool
	AreaLabel     string
}
