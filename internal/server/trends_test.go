package server_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestTrends(t *testing.T) {
	t.Parallel()
	e := newRepEnv(t)
	// Three months of history: m2 (two months ago), m1 (last month) and m0 (this month).
	m0 := time.Date(e.today.Year(), e.today.Month(), 1, 0, 0, 0, 0, time.UTC)
	m1, m2 := m0.AddDate(0, -1, 0), m0.AddDate(0, -2, 0)
	g := e.general(t, 1, 1)
	a := e.local(t, g, "Hjemmepleje og akutaflastning", "A", "", nil, nil)
	b := e.local(t, g, "Myndighed", "B", "", nil, nil)
	p := e.plan(t, a, "P", "Plan", "", nil)
	e.status(t, a, 0, domain.PhasePreparing, domain.HealthOnTrack, 10, m2)
	e.status(t, b, 0, domain.PhasePreparing, domain.HealthCritical, 10, m1)
	e.status(t, a, 0, domain.PhaseImplementing, domain.HealthChallenged, 50, e.today)
	e.status(t, 0, p, domain.PhaseImplemented, domain.HealthOnTrack, 100, m0)
	month := func(m time.Time) string { return danishMonthNames[m.Month()-1] + " " + strconv.Itoa(m.Year()) }
	hjemmepleje := itoa(e.unit(t, "Hjemmepleje og akutaflastning"))

	tests := []struct {
		name, query string
		phases      []string // month | ikke påbegyndt | forberedende | under implementering | implementeret | sat i bero | i alt
		healths     []string // month | på sporet | udfordret | kritisk | i alt
		bars        int
	}{
		{"the organisation", "", []string{
			month(m2) + " | 0 | 1 | 0 | 0 | 0 | 1",
			month(m1) + " | 0 | 2 | 0 | 0 | 0 | 2",
			month(m0) + " | 0 | 1 | 1 | 1 | 0 | 3",
		}, []string{
			month(m2) + " | 1 | 0 | 0 | 1",
			month(m1) + " | 1 | 0 | 1 | 2",
			month(m0) + " | 1 | 1 | 1 | 3",
		}, 1 + 1 + 3},
		{"an område", "?omraade=" + hjemmepleje, []string{
			month(m2) + " | 0 | 1 | 0 | 0 | 0 | 1",
			month(m1) + " | 0 | 1 | 0 | 0 | 0 | 1",
			month(m0) + " | 0 | 0 | 1 | 1 | 0 | 2",
		}, []string{
			month(m2) + " | 1 | 0 | 0 | 1",
			month(m1) + " | 1 | 0 | 0 | 1",
			month(m0) + " | 1 | 1 | 0 | 2",
		}, 1 + 1 + 2},
		{"a track without history", "?spor=" + itoa(e.id(t, `SELECT track_id FROM initiatives WHERE id = $1`, e.general(t, 2, 1))), nil, nil, 0},
	}
	var counts []int64
	for _, tt := range tests {
		doc, n := e.page(t, "/org/"+kommune+"/udvikling"+tt.query)
		counts = append(counts, n)
		if diff := cmp.Diff(tt.phases, nilIfEmpty(cellRows(doc.Find("table.sporbar-trend-faser tbody tr")))); diff != "" {
			t.Errorf("%s: phases (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.healths, nilIfEmpty(cellRows(doc.Find("table.sporbar-trend-helbred tbody tr")))); diff != "" {
			t.Errorf("%s: healths (-want +got):\n%s", tt.name, diff)
		}
		if tt.phases == nil {
			if doc.Find("svg").Length() != 0 || text(doc.Find("main .sporbar-empty")) != "Der er ingen statusopdateringer endnu for det valgte." {
				t.Errorf("%s: want no chart and the empty text", tt.name)
			}
			continue
		}
		// The charts: images with a name and a description, a bar per non-empty segment, a
		// point per month on each of the three health lines.
		wantCount(t, doc, `svg[role="img"][aria-labelledby="faser-title faser-desc"] title#faser-title`, 1)
		wantCount(t, doc, `svg[role="img"] desc#helbred-desc`, 1)
		wantCount(t, doc, "svg g.sporbar-chart-bars rect", tt.bars)
		wantCount(t, doc, "svg g.sporbar-chart-line", 3)
		wantCount(t, doc, "svg g.sporbar-chart-point", 3*len(tt.phases))
		wantCount(t, doc, "figure ul.sporbar-legend li", 5+3)
		if got := doc.Find("[style]").Length(); got != 0 {
			t.Errorf("%s: %d elements with a style attribute", tt.name, got)
		}
	}
	for i, n := range counts {
		if n != counts[0] || n > 5 {
			t.Errorf("%s: %d queries, want at most 5 and as many as the first (%d)", tests[i].name, n, counts[0])
		}
	}
	for _, q := range []string{"?spor=999999999", "?omraade=x", "?spor=" + itoa(e.id(t, `SELECT min(id) FROM tracks`))} {
		if status, _ := e.get(t, "/org/"+kommune+"/udvikling"+q); status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, status)
		}
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
