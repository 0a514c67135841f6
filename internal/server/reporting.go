package server

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// reporting is "Hvem har rapporteret" (GET /org/{org}/rapportering): for each unit, the items
// that have a status update in the unit's current follow-up period and those that miss one,
// with the unit's leaders, and the unit's indicators that lack a measurement in their current
// period (by responsible unit, else their item's). ?sammenlign=kvartal (or aar) adds this quarter (year) against the
// last: the items in each phase and health at the end of each, and the items that moved.
// Queries: the session, the organisation, the units, the items, the indicators, and the two
// periods' status when comparing: 5 or 6, whatever the size of the organisation.
func (s *Server) reporting(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	compare := r.URL.Query().Get("sammenlign")
	if !slices.Contains([]string{"", pages.CompareQuarter, pages.CompareYear}, compare) {
		return badRequest("Vælg at sammenligne dette kvartal med sidste eller dette år med sidste.")
	}
	units, err := s.store.ListReportUnits(ctx, org.ID)
	if err != nil {
		return err
	}
	items, err := s.store.ListReportItems(ctx, org.ID, true)
	if err != nil {
		return err
	}
	today := s.today()
	v := pages.ReportingView{Org: org, Compare: compare}
	v.Units, v.Period = reportingUnits(org, units, items, today)
	remindLinks(r, org.ID, units, v.Units) // nudges.go
	indicators, err := s.store.ListIndicators(ctx, store.IndicatorFilter{OrganisationID: org.ID})
	if err != nil {
		return err
	}
	missingMeasurements(v.Units, indicators, today) // indicators.go
	if compare != "" {
		months := map[string]int{pages.CompareQuarter: 3, pages.CompareYear: 12}[compare]
		start, end := followUpPeriod(today, months)
		prevStart, prevEnd := followUpPeriod(start.AddDate(0, 0, -1), months)
		statuses, err := s.store.ListPeriodStatus(ctx, org.ID, prevEnd, end)
		if err != nil {
			return err
		}
		v.Comparison = comparePeriods(org, items, statuses, prevEnd, end, today)
		v.Comparison.Before = periodName(prevStart, prevEnd)
		v.Comparison.After = periodName(start, end) + " (til og med i dag)"
	}
	p := s.orgPage(r, org, "opfoelgning", "Hvem har rapporteret", c.Crumb{Label: "Hvem har rapporteret"})
	return s.render(w, r, http.StatusOK, pages.Reporting(p, v))
}

// reportingUnits groups the items by unit, in the units' tree order, each with its current
// follow-up period and the items' reporting state (those missing first). Units of the
// direktion are left out unless they have items. period is the period all units share ("" when
// their rhythms differ).
func reportingUnits(org domain.Organisation, units []store.ReportUnit, items []store.ReportItem, today time.Time) (out []pages.ReportingUnit, period string) {
	index := map[int64]int{}
	for _, u := range units {
		index[u.ID] = len(out)
		ru := pages.ReportingUnit{ID: u.ID, Name: u.Name, Kind: u.Kind, Leaders: u.Leaders, LeaderTitle: u.LeaderTitle,
			Period: periodText(followUpPeriod(today, int(u.FollowUpMonths)))}
		if u.AgreementID != nil {
			ru.AgreementHref = c.AgreementURL(*u.AgreementID)
		}
		out = append(out, ru)
	}
	for _, it := range items {
		i, ok := -1, false
		if it.UnitID != nil {
			i, ok = index[*it.UnitID]
		}
		if !ok {
			index[0], out = len(out), append(out, pages.ReportingUnit{Name: "Uden enhed",
				Period: periodText(followUpPeriod(today, int(it.FollowUpMonths)))})
			i = index[0]
		}
		u := &out[i]
		ri := pages.ReportingItem{ReportItem: reportItem(org, it, today), State: reportingState(it, today)}
		switch ri.State {
		case pages.StateMissing:
			u.Missing++
		case pages.StateReported:
			u.Reported++
		default:
			u.NotNeeded++
		}
		u.Items = append(u.Items, ri)
	}
	order := map[string]int{pages.StateMissing: 0, pages.StateReported: 1, pages.StateNotNeeded: 2}
	kept, same := out[:0], true
	for _, u := range out {
		if u.Kind == domain.UnitDirektion && len(u.Items) == 0 {
			continue
		}
		slices.SortStableFunc(u.Items, func(a, b pages.ReportingItem) int { return order[a.State] - order[b.State] })
		same = same && (len(kept) == 0 || kept[0].Period == u.Period)
		kept = append(kept, u)
	}
	if same && len(kept) > 0 {
		period = kept[0].Period
	}
	return kept, period
}

// reportingState is whether the item has a status update in its current follow-up period
// (pages.StateReported), should have and has not (StateMissing), or needs none, being
// implemented or on hold (StateNotNeeded).
func reportingState(it store.ReportItem, today time.Time) string {
	months := int(it.FollowUpMonths)
	switch {
	case domain.MissingFollowUp(it.StatusPhase, it.StatusAsOf, today, months):
		return pages.StateMissing
	case it.StatusAsOf != nil && !it.StatusAsOf.Before(domain.FollowUpPeriodStart(today, months)):
		return pages.StateReported
	}
	return pages.StateNotNeeded
}

// reportItem is an item as the reports list it.
func reportItem(org domain.Organisation, it store.ReportItem, today time.Time) pages.ReportItem {
	ri := pages.ReportItem{Title: it.Title, Href: c.InitiativeURL(it.ID), UnitName: it.UnitName, Responsible: it.Responsible,
		Status: c.StatusOf{Status: it.Status, Deadline: it.EndDate, FollowUpMonths: it.FollowUpMonths, Today: today}}
	switch it.Kind {
	case store.ReportActionPlan:
		ri.Kind, ri.Href = org.LabelActionPlan, c.ActionPlanURL(it.ID)
		if it.Code != "" {
			ri.Title = it.Code + " " + it.Title
		}
	case store.ReportLocal:
		ri.Kind = org.LabelLocal
	default:
		ri.Kind = org.LabelGeneral
	}
	return ri
}

// periodState is an item's status at the end of a period; ok is false when the item did not
// exist yet.
type periodState struct {
	phase, health string
	progress      int16
	ok            bool
}

// stateAt is the status an item had at the end of a period: its latest update by then, or
// "ikke påbegyndt" without health if it existed (was created by then) but had none.
func stateAt(phase, health *string, progress *int16, created, end time.Time) periodState {
	if phase != nil {
		return periodState{*phase, *health, *progress, true}
	}
	return periodState{domain.PhaseNotStarted, "", 0, !created.After(end)}
}

// comparePeriods counts the items in each phase and health at the end of the two periods and
// lists those that moved forward (a later phase, or the same phase and more progress) and back.
func comparePeriods(org domain.Organisation, items []store.ReportItem, statuses []store.PeriodStatus,
	before, after, today time.Time) *pages.PeriodComparison {
	byKey := make(map[string]store.PeriodStatus, len(statuses))
	for _, ps := range statuses {
		byKey[ps.Kind+strconv.FormatInt(ps.ID, 10)] = ps
	}
	phases, healths := map[string][2]int{}, map[string][2]int{}
	cmp := &pages.PeriodComparison{}
	for _, it := range items {
		kind := "initiative"
		if it.Kind == store.ReportActionPlan {
			kind = store.ReportActionPlan
		}
		ps := byKey[kind+strconv.FormatInt(it.ID, 10)]
		states := [2]periodState{stateAt(ps.BeforePhase, ps.BeforeHealth, ps.BeforeProgress, it.CreatedOn, before),
			stateAt(ps.AfterPhase, ps.AfterHealth, ps.AfterProgress, it.CreatedOn, after)}
		for i, st := range states {
			if st.ok {
				n := phases[st.phase]
				n[i]++
				phases[st.phase] = n
				n = healths[st.health]
				n[i]++
				healths[st.health] = n
			}
		}
		b, a := states[0], states[1]
		if !b.ok || !a.ok {
			continue
		}
		move := pages.ReportMove{ReportItem: reportItem(org, it, today), From: stateText(b), To: stateText(a)}
		switch d := slices.Index(domain.AllPhases(), a.phase) - slices.Index(domain.AllPhases(), b.phase); {
		case d > 0 || d == 0 && a.progress > b.progress:
			cmp.Forward = append(cmp.Forward, move)
		case d < 0 || d == 0 && a.progress < b.progress:
			cmp.Back = append(cmp.Back, move)
		}
	}
	for _, p := range domain.AllPhases() {
		cmp.Phases = append(cmp.Phases, pages.ReportCountRow{Label: domain.PhaseLabel(p), Before: phases[p][0], After: phases[p][1]})
	}
	for _, h := range append(domain.AllHealths(), "") {
		cmp.Healths = append(cmp.Healths, pages.ReportCountRow{Label: domain.HealthLabel(h), Before: healths[h][0], After: healths[h][1]})
	}
	return cmp
}

// stateText is a status in words: "Forberedende, 10 %".
func stateText(s periodState) string {
	return domain.PhaseLabel(s.phase) + ", " + strconv.Itoa(int(s.progress)) + "\u00a0%"
}

// followUpPeriod is the first and last day of the follow-up period of months months (see
// domain.FollowUpPeriodStart) that day falls in.
func followUpPeriod(day time.Time, months int) (start, end time.Time) {
	start = domain.FollowUpPeriodStart(day, months)
	next := start.AddDate(0, 1, 0)
	for domain.FollowUpPeriodStart(next, months).Equal(start) {
		next = next.AddDate(0, 1, 0)
	}
	return start, next.AddDate(0, 0, -1)
}

// periodName names the period from start to end: "4. kvartal 2026", "1. halvår 2026",
// "2026", "november 2026", ….
func periodName(start, end time.Time) string {
	months := int(end.Month()) - int(start.Month()) + 1
	n, year := strconv.Itoa((int(start.Month())-1)/months+1), strconv.Itoa(start.Year())
	switch months {
	case 12:
		return year
	case 6:
		return n + ". halvår " + year
	case 4:
		return n + ". tertial " + year
	case 3:
		return n + ". kvartal " + year
	case 1:
		return monthName(start) + " " + year
	}
	return monthName(start) + "–" + monthName(end) + " " + year
}

// periodText is the period's name with its first and last day: "4. kvartal 2026 (1. oktober – 31. december)".
func periodText(start, end time.Time) string {
	return periodName(start, end) + " (" + dayMonth(start) + " – " + dayMonth(end) + ")"
}

// dayMonth is "1. oktober".
func dayMonth(t time.Time) string { return strconv.Itoa(t.Day()) + ". " + monthName(t) }

// monthName is the month's Danish name: "oktober".
func monthName(t time.Time) string {
	d := c.Date(&t) // "1. oktober 2026"
	return strings.Fields(d)[1]
}
