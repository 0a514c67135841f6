package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// trendMonths is how many months status over time shows at most.
const trendMonths = 12

// The colours of the phases and healths in the charts (each also has its name in the legend,
// and the numbers stand in the table beside the chart).
var (
	phaseColours = map[string]string{domain.PhaseNotStarted: "#6f6f6f", domain.PhasePreparing: "#b3261e",
		domain.PhaseImplementing: "#0b5cad", domain.PhaseImplemented: "#1e7b34", domain.PhaseOnHold: "#7a4ea3"}
	healthColours = map[string]string{domain.HealthOnTrack: "#1e7b34", domain.HealthChallenged: "#a15c00",
		domain.HealthCritical: "#b3261e"}
)

// trends is status over time (GET /org/{org}/udvikling): for the organisation, a track
// (?spor=ID) or a unit and the units under it (?omraade=ID), the number of items in each phase
// and with each health at the end of each month, for the last 12 months or since the first
// month with a status. An item counts from its first status update until it is archived.
// Drawn as two SVG charts with their numbers in tables. Queries: the session, the
// organisation, the tracks, the units and the counts: 5, whatever the size or the months.
func (s *Server) trends(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	tracks, err := s.store.ListReportTracks(ctx, org.ID)
	if err != nil {
		return err
	}
	units, err := s.store.ListReportUnits(ctx, org.ID)
	if err != nil {
		return err
	}
	v, f, err := trendScope(r.URL.Query(), org, tracks, units)
	if err != nil {
		return err
	}
	today := s.today()
	f.OrganisationID, f.Months = org.ID, trendMonths
	f.From = time.Date(today.Year(), today.Month()-trendMonths+1, 1, 0, 0, 0, 0, time.UTC)
	counts, err := s.store.ListStatusTrend(ctx, f)
	if err != nil {
		return err
	}
	trendCharts(&v, f.From, counts)
	p := s.orgPage(r, org, "opfoelgning", "Udvikling over tid", c.Crumb{Label: "Udvikling over tid"})
	return s.render(w, r, http.StatusOK, pages.Trends(p, v))
}

// trendScope reads the form (spor, omraade) against the organisation's tracks and units: an
// unknown one is a bad request.
func trendScope(q url.Values, org domain.Organisation, tracks []store.ReportTrack, units []store.ReportUnit) (pages.TrendsView, store.TrendFilter, error) {
	v := pages.TrendsView{Org: org, TrackID: q.Get("spor"), UnitID: q.Get("omraade"),
		Tracks: []c.Option{{Value: "", Label: "Alle"}}, Units: []c.Option{{Value: "", Label: "Hele organisationen"}}}
	var f store.TrendFilter
	var scope []string
	for _, t := range tracks {
		if t.TrackID == 0 {
			continue
		}
		id := strconv.FormatInt(t.TrackID, 10)
		label := org.LabelTrack + " " + strconv.Itoa(int(t.TrackNumber)) + ": " + t.TrackTitle + " (" + t.StrategyTitle + ")"
		v.Tracks = append(v.Tracks, c.Option{Value: id, Label: label})
		if id == v.TrackID {
			f.TrackID, scope = t.TrackID, append(scope, label)
		}
	}
	for _, u := range units {
		id := strconv.FormatInt(u.ID, 10)
		v.Units = append(v.Units, c.Option{Value: id, Label: strings.Repeat("– ", int(u.Depth)) + u.Name})
		if id == v.UnitID {
			f.UnitID, scope = u.ID, append(scope, u.Name+" og enhederne under den")
		}
	}
	switch {
	case v.TrackID != "" && f.TrackID == 0:
		return v, f, badRequest("Det valgte " + strings.ToLower(org.LabelTrack) + " findes ikke i organisationen.")
	case v.UnitID != "" && f.UnitID == 0:
		return v, f, badRequest("Det valgte område findes ikke i organisationen.")
	case len(scope) == 0:
		scope = []string{"Hele " + org.Name}
	}
	v.Scope = strings.Join(scope, ", ")
	return v, f, nil
}

// trendCharts fills the view's months and charts from the counts of the months from from on,
// leaving out the months before the first one with any item.
func trendCharts(v *pages.TrendsView, from time.Time, counts []store.TrendCount) {
	type month struct{ phase, health map[string]int }
	months := make([]month, trendMonths)
	first := trendMonths
	for _, tc := range counts {
		i := (tc.MonthEnd.Year()-from.Year())*12 + int(tc.MonthEnd.Month()) - int(from.Month())
		if i < 0 || i >= trendMonths {
			continue
		}
		if months[i].phase == nil {
			months[i] = month{map[string]int{}, map[string]int{}}
		}
		if tc.Dimension == "phase" {
			months[i].phase[tc.Value] += int(tc.Count)
		} else {
			months[i].health[tc.Value] += int(tc.Count)
		}
		first = min(first, i)
	}
	var cats []string
	for i := first; i < trendMonths; i++ {
		m := from.AddDate(0, i, 0)
		v.Months = append(v.Months, monthName(m)+" "+strconv.Itoa(m.Year()))
		label := monthAbbrev[m.Month()-1]
		if i == first || m.Month() == time.January {
			label += "\n" + strconv.Itoa(m.Year())
		}
		cats = append(cats, label)
	}
	span := ""
	if len(v.Months) > 0 {
		span = " fra " + v.Months[0] + " til " + v.Months[len(v.Months)-1]
	}
	v.Phases = c.Chart{ID: "faser", Kind: c.ChartStacked, Categories: cats, Title: "Elementer i hver fase måned for måned",
		Desc: "Stablede søjler: antal elementer i hver fase ved udgangen af hver måned" + span + " for " + v.Scope +
			". Tallene står i tabellen under diagrammet."}
	for _, ph := range domain.AllPhases() {
		s := c.ChartSeries{Label: domain.PhaseLabel(ph), Colour: phaseColours[ph]}
		for i := first; i < trendMonths; i++ {
			s.Values = append(s.Values, months[i].phase[ph])
		}
		v.Phases.Series = append(v.Phases.Series, s)
	}
	v.Health = c.Chart{ID: "helbred", Kind: c.ChartLines, Categories: cats, Title: "Elementer med hvert helbred måned for måned",
		Desc: "Linjer: antal elementer med hvert helbred ved udgangen af hver måned" + span + " for " + v.Scope +
			". Tallene står i tabellen under diagrammet."}
	for _, h := range domain.AllHealths() {
		s := c.ChartSeries{Label: domain.HealthLabel(h), Colour: healthColours[h]}
		for i := first; i < trendMonths; i++ {
			s.Values = append(s.Values, months[i].health[h])
		}
		v.Health.Series = append(v.Health.Series, s)
	}
}

// monthAbbrev are the Danish short names of the months.
var monthAbbrev = [...]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}
