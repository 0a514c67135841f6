package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// meetingQuarters is how many quarters back the period picker offers.
const meetingQuarters = 8

// meeting is "Status til mødet" (GET /org/{org}/moede?periode=2026-3), the direktion's and
// the fagchefs' screen for a meeting: the distribution of assessments over every current item,
// per policy (the items under the tracks that realise its goals) and per track; health at each
// month's end of the previous and the chosen quarter with the change between their ends; the
// goals no active initiative serves; and the kritisk and overdue items with their latest
// comment. The distributions and lists are the current status; the quarter chooses the trend.
// Queries: the session, the organisation, the tracks, the items, the goal chain, the coverage,
// the trend and the latest comments: 8, whatever the size of the organisation.
func (s *Server) meeting(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	today := s.today()
	v := pages.MeetingView{Org: org, Period: domain.QuarterOf(today)}
	if p := r.URL.Query().Get("periode"); p != "" {
		q, ok := domain.ParseQuarter(p)
		if !ok || q.Start().After(today) {
			return badRequest("Vælg et kvartal fra listen.")
		}
		v.Period = q
	}
	for q, i := domain.QuarterOf(today), 0; i < meetingQuarters; q, i = q.Prev(), i+1 {
		v.Periods = append(v.Periods, c.Option{Value: q.Param(), Label: q.Label()})
	}
	tracks, err := s.store.ListReportTracks(ctx, org.ID)
	if err != nil {
		return err
	}
	items, err := s.store.ListReportItems(ctx, org.ID, true)
	if err != nil {
		return err
	}
	goals, err := s.store.ListGoalChain(ctx, store.GoalChainFilter{OrganisationID: org.ID})
	if err != nil {
		return err
	}
	coverage, err := s.store.ListTrackCoverage(ctx, org.ID)
	if err != nil {
		return err
	}
	trend, err := s.store.ListStatusTrend(ctx, store.TrendFilter{OrganisationID: org.ID, From: v.Period.Prev().Start(), Months: 6})
	if err != nil {
		return err
	}
	meetingDistributions(&v, tracks, goals, items, today)
	v.Uncovered = uncoveredGoals(goals, coverage)
	meetingTrend(&v, trend)
	if err := s.meetingAttention(r, &v, items, today); err != nil {
		return err
	}
	p := s.orgPage(r, org, "opfoelgning", "Status til mødet", c.Crumb{Label: "Status til mødet"})
	return s.render(w, r, http.StatusOK, pages.Meeting(p, v))
}

// meetingDistributions counts the items for the whole organisation, per policy and per track.
// An item counts once for each policy whose goals its track realises.
func meetingDistributions(v *pages.MeetingView, tracks []store.ReportTrack, goals []domain.GoalRow, items []store.ReportItem, today time.Time) {
	policyIndex, trackIndex := map[int64]int{}, map[int64]int{}
	policiesOf := map[int64][]int{} // track → indexes in v.Policies
	for _, g := range goals {
		i, ok := policyIndex[g.PolicyID]
		if !ok {
			i = len(v.Policies)
			policyIndex[g.PolicyID] = i
			v.Policies = append(v.Policies, pages.MeetingRow{Label: g.PolicyTitle, Href: c.PolicyURL(g.PolicyID)})
		}
		for _, t := range g.Tracks {
			if !containsInt(policiesOf[t.ID], i) {
				policiesOf[t.ID] = append(policiesOf[t.ID], i)
			}
		}
	}
	for _, t := range tracks {
		if t.TrackID != 0 {
			trackIndex[t.TrackID] = len(v.Tracks)
			v.Tracks = append(v.Tracks, pages.MeetingRow{Href: c.TrackURL(t.TrackID),
				Label: v.Org.LabelTrack + " " + strconv.Itoa(int(t.TrackNumber)) + ": " + t.TrackTitle})
		}
	}
	for _, it := range items {
		countItem(&v.Total, it, today) // overview.go
		if i, ok := trackIndex[it.TrackID]; ok {
			countItem(&v.Tracks[i].Summary, it, today)
		}
		for _, i := range policiesOf[it.TrackID] {
			countItem(&v.Policies[i].Summary, it, today)
		}
	}
}

func containsInt(s []int, n int) bool {
	for _, x := range s {
		if x == n {
			return true
		}
	}
	return false
}

// uncoveredGoals are the goals no active initiative serves through their tracks (the rule of
// "Sporbarhed", coverage.go).
func uncoveredGoals(goals []domain.GoalRow, counts []store.TrackCoverage) []domain.GoalRow {
	active := map[int64]bool{}
	for _, tc := range counts {
		active[tc.TrackID] = tc.General+tc.Local > 0
	}
	var out []domain.GoalRow
	for _, g := range goals {
		served := false
		for _, t := range g.Tracks {
			served = served || active[t.ID]
		}
		if !served {
			out = append(out, g)
		}
	}
	return out
}

// meetingTrend draws health at each month's end of the previous and the chosen quarter, and the
// change between the two quarters' ends.
func meetingTrend(v *pages.MeetingView, counts []store.TrendCount) {
	from := v.Period.Prev().Start()
	health := make([]map[string]int, 6)
	for i := range health {
		health[i] = map[string]int{}
	}
	for _, tc := range counts {
		i := (tc.MonthEnd.Year()-from.Year())*12 + int(tc.MonthEnd.Month()) - int(from.Month())
		if tc.Dimension == "health" && i >= 0 && i < 6 {
			health[i][tc.Value] += int(tc.Count)
		}
	}
	var cats []string
	for i := range 6 {
		m := from.AddDate(0, i, 0)
		v.Months = append(v.Months, monthName(m)+" "+strconv.Itoa(m.Year()))
		cats = append(cats, monthAbbrev[m.Month()-1]+"\n"+strconv.Itoa(m.Year()))
	}
	v.Trend = c.Chart{ID: "moede-helbred", Kind: c.ChartLines, Categories: cats,
		Title: "Vurderinger ved månedens udgang, " + v.Period.Prev().Label() + " og " + v.Period.Label(),
		Desc: "Linjer: antal elementer med hver vurdering ved udgangen af hver måned fra " + v.Months[0] + " til " +
			v.Months[5] + ". Tallene står i tabellen ved siden af."}
	for _, h := range domain.AllHealths() {
		s := c.ChartSeries{Label: domain.HealthLabel(h), Colour: healthColours[h]} // trends.go
		for i := range 6 {
			s.Values = append(s.Values, health[i][h])
		}
		v.Trend.Series = append(v.Trend.Series, s)
		v.Changes = append(v.Changes, pages.MeetingChange{Label: domain.HealthLabel(h), Before: health[2][h], After: health[5][h]})
	}
}

// meetingAttention lists the items that need attention (domain.NeedsAttention), each with its
// latest comment.
func (s *Server) meetingAttention(r *http.Request, v *pages.MeetingView, items []store.ReportItem, today time.Time) error {
	var initiatives, plans []int64
	var picked []store.ReportItem
	for _, it := range items {
		if !domain.NeedsAttention(it.Status, it.EndDate, today) {
			continue
		}
		picked = append(picked, it)
		if it.Kind == store.ReportActionPlan {
			plans = append(plans, it.ID)
		} else {
			initiatives = append(initiatives, it.ID)
		}
	}
	latest, err := s.store.ListLatestComments(r.Context(), v.Org.ID, initiatives, plans)
	if err != nil {
		return err
	}
	byItem := map[string]store.LatestComment{}
	for _, lc := range latest {
		if lc.ActionPlanID != 0 {
			byItem[rollupKey("ap", lc.ActionPlanID)] = lc
		} else {
			byItem[rollupKey("in", lc.InitiativeID)] = lc
		}
	}
	for _, it := range picked {
		m := pages.MeetingItem{Title: it.Title, Unit: it.UnitName,
			Status: c.StatusOf{Status: it.Status, Deadline: it.EndDate, FollowUpMonths: it.FollowUpMonths, Today: today}}
		key := rollupKey("in", it.ID)
		switch it.Kind {
		case store.ReportActionPlan:
			m.Kind, m.Href, key = v.Org.LabelActionPlan, c.ActionPlanURL(it.ID), rollupKey("ap", it.ID)
		case store.ReportLocal:
			m.Kind, m.Href = v.Org.LabelLocal, c.InitiativeURL(it.ID)
		default:
			m.Kind, m.Href = v.Org.LabelGeneral, c.InitiativeURL(it.ID)
		}
		if lc, ok := byItem[key]; ok {
			m.Comment, m.CommentBy, m.CommentAt = lc.Body, lc.AuthorName, lc.CreatedAt
		}
		v.Attention = append(v.Attention, m)
	}
	return nil
}
