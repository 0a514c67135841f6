package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// organisationOverview is the direktion's overview (GET /org/{org}/direktion): for each
// fagområde, each of its strategies and each of their tracks, the progress and health rolled
// up the chain (domain.Rollup), how many items are in each health, miss a follow-up or are
// overdue, with links to the samlet skema. Queries: the session, the organisation, the units,
// the strategies with their tracks, the items: 5, whatever the size of the organisation.
func (s *Server) organisationOverview(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	units, err := s.store.ListReportUnits(ctx, org.ID)
	if err != nil {
		return err
	}
	tracks, err := s.store.ListReportTracks(ctx, org.ID)
	if err != nil {
		return err
	}
	items, err := s.store.ListReportItems(ctx, org.ID, true)
	if err != nil {
		return err
	}
	v := pages.OverviewView{Org: org, Areas: overviewAreas(org, units, tracks, items, s.today())}
	p := s.orgPage(r, org, "opfoelgning", "Organisationens overblik", c.Crumb{Label: "Organisationens overblik"})
	return s.render(w, r, http.StatusOK, pages.Overview(p, v))
}

// overviewAreas builds the overview: a group per fagområde (in the units' order) with the
// strategies of the fagområde or of a unit under it, and "Øvrige strategier" for the rest.
func overviewAreas(org domain.Organisation, units []store.ReportUnit, tracks []store.ReportTrack,
	items []store.ReportItem, today time.Time) []pages.OverviewArea {
	b := overviewBuilder{org: org, areaIndex: map[int64]int{}, strategyArea: map[int64]int64{},
		sums: map[string]*pages.ReportSummary{}}
	b.addAreas(units)
	b.addTracks(tracks, fagomraadeOf(units))
	b.addItems(items, today)
	return b.summarise()
}

// overviewBuilder collects the overview's groups and the roll-up tree: fagområde ("fa:") →
// strategy ("st:") → track ("tr:") → general → local initiative ("in:") → action plan ("ap:").
type overviewBuilder struct {
	org          domain.Organisation
	areas        []pages.OverviewArea
	areaIndex    map[int64]int   // fagområde → index in areas (0: strategies under no fagområde)
	strategyArea map[int64]int64 // strategy → its fagområde
	nodes        []domain.RollupNode
	sums         map[string]*pages.ReportSummary
}

func (b *overviewBuilder) addArea(id int64, a pages.OverviewArea) {
	b.areaIndex[id] = len(b.areas)
	b.areas = append(b.areas, a)
	b.nodes = append(b.nodes, domain.RollupNode{Key: rollupKey("fa", id)})
}

func (b *overviewBuilder) addAreas(units []store.ReportUnit) {
	for _, u := range units {
		if u.Kind == domain.UnitFagomraade {
			b.addArea(u.ID, pages.OverviewArea{ID: u.ID, Name: u.Name, Href: c.UnitURL(u.ID)})
		}
	}
}

// addTracks adds each strategy to the group of its fagområde, and its tracks to it.
func (b *overviewBuilder) addTracks(tracks []store.ReportTrack, areaOf func(*int64) int64) {
	for _, t := range tracks {
		area, known := b.strategyArea[t.StrategyID]
		if !known {
			area = areaOf(t.UnitID)
			b.strategyArea[t.StrategyID] = area
			if _, ok := b.areaIndex[area]; !ok {
				b.addArea(area, pages.OverviewArea{Name: "Øvrige strategier"})
			}
			a := &b.areas[b.areaIndex[area]]
			a.Strategies = append(a.Strategies, pages.OverviewStrategy{ID: t.StrategyID, Title: t.StrategyTitle,
				Href: c.StrategyURL(t.StrategyID), DashboardHref: dashboardFor(b.org.Slug, t.StrategyID, 0)})
			b.nodes = append(b.nodes, domain.RollupNode{Key: rollupKey("st", t.StrategyID), Parent: rollupKey("fa", area)})
		}
		if t.TrackID == 0 {
			continue
		}
		a := &b.areas[b.areaIndex[area]]
		st := &a.Strategies[len(a.Strategies)-1]
		st.Tracks = append(st.Tracks, pages.OverviewTrack{ID: t.TrackID, Href: c.TrackURL(t.TrackID),
			Label:         b.org.LabelTrack + " " + strconv.Itoa(int(t.TrackNumber)) + ": " + t.TrackTitle,
			DashboardHref: dashboardFor(b.org.Slug, t.StrategyID, t.TrackID)})
		b.nodes = append(b.nodes, domain.RollupNode{Key: rollupKey("tr", t.TrackID), Parent: rollupKey("st", t.StrategyID)})
	}
}

// addItems adds the items to the roll-up tree and counts them for their track, strategy and fagområde.
func (b *overviewBuilder) addItems(items []store.ReportItem, today time.Time) {
	for _, it := range items {
		n := domain.RollupNode{Key: rollupKey("in", it.ID), Parent: rollupKey("in", it.GeneralID), Weight: it.Weight,
			Progress: float64(it.StatusProgress), Health: it.Health(), Reported: it.StatusAsOf != nil}
		switch it.Kind {
		case store.ReportActionPlan:
			n.Key, n.Parent = rollupKey("ap", it.ID), rollupKey("in", it.InitiativeID)
		case store.ReportGeneral:
			n.Parent = rollupKey("tr", it.TrackID)
		}
		b.nodes = append(b.nodes, n)
		for _, k := range []string{rollupKey("tr", it.TrackID), rollupKey("st", it.StrategyID), rollupKey("fa", b.strategyArea[it.StrategyID])} {
			if b.sums[k] == nil {
				b.sums[k] = &pages.ReportSummary{}
			}
			countItem(b.sums[k], it, today)
		}
	}
}

// summarise rolls the tree up and gives every group its summary.
func (b *overviewBuilder) summarise() []pages.OverviewArea {
	rolled := domain.Rollup(b.nodes)
	summary := func(k string) pages.ReportSummary {
		s := pages.ReportSummary{}
		if b.sums[k] != nil {
			s = *b.sums[k]
		}
		s.Rolled = rolled[k]
		return s
	}
	for ai := range b.areas {
		a := &b.areas[ai]
		a.Summary = summary(rollupKey("fa", a.ID))
		for si := range a.Strategies {
			st := &a.Strategies[si]
			st.Summary = summary(rollupKey("st", st.ID))
			for ti := range st.Tracks {
				st.Tracks[ti].Summary = summary(rollupKey("tr", st.Tracks[ti].ID))
			}
		}
	}
	return b.areas
}

// fagomraadeOf returns a func giving the fagområde a unit belongs to: itself or the nearest
// above it (0 for none).
func fagomraadeOf(units []store.ReportUnit) func(*int64) int64 {
	parent, kind := map[int64]*int64{}, map[int64]string{}
	for _, u := range units {
		parent[u.ID], kind[u.ID] = u.ParentID, u.Kind
	}
	return func(unit *int64) int64 {
		for u := unit; u != nil; u = parent[*u] {
			if kind[*u] == domain.UnitFagomraade {
				return *u
			}
		}
		return 0
	}
}

// countItem adds an item to a summary: its health, and whether it misses a follow-up or is overdue.
func countItem(s *pages.ReportSummary, it store.ReportItem, today time.Time) {
	s.Items++
	switch it.Health() {
	case domain.HealthOnTrack:
		s.OnTrack++
	case domain.HealthChallenged:
		s.Challenged++
	case domain.HealthCritical:
		s.Critical++
	default:
		s.NoStatus++
	}
	if domain.MissingFollowUp(it.StatusPhase, it.StatusAsOf, today, int(it.FollowUpMonths)) {
		s.Missing++
	}
	if domain.Overdue(it.StatusPhase, it.EndDate, today) {
		s.Overdue++
	}
}

// rollupKey names a node of the roll-up: "tr:12".
func rollupKey(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// dashboardFor is the samlet skema of a strategy, or of one of its tracks.
func dashboardFor(slug string, strategyID, trackID int64) templ.SafeURL {
	u := string(c.DashboardURL(slug)) + "?strategi=" + strconv.FormatInt(strategyID, 10)
	if trackID != 0 {
		u += "&spor=" + strconv.FormatInt(trackID, 10)
	}
	return templ.SafeURL(u)
}
