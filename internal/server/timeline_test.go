package server_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

func TestTimeline(t *testing.T) {
	t.Parallel()
	e := newRepEnv(t)
	ctx := context.Background()
	day := func(s string) *time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	// G1 runs 2025–2030 with a local one in Hjemmepleje from mid-2025 into 2031; G2 has no dates
	// but a local one in Myndighed from March 2026 (no end). The other generals have no dates.
	g1, g2 := e.general(t, 1, 1), e.general(t, 1, 2)
	if _, err := e.db.Exec(ctx, `UPDATE initiatives SET start_date = '2025-01-01', end_date = '2030-12-31' WHERE id = $1`, g1); err != nil {
		t.Fatal(err)
	}
	l1 := e.local(t, g1, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering", "", day("2025-06-01"), day("2031-06-30"))
	l2 := e.local(t, g2, "Myndighed", "Visitation", "", day("2026-03-01"), nil)

	doc, n := e.page(t, "/org/"+kommune+"/tidsplan")
	var rows []string // the status column's badges each in brackets
	doc.Find("table.sporbar-timeline-table").First().Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := texts(tr.Children().Slice(0, 4))
		rows = append(rows, strings.Join(cells, " | ")+" | ["+strings.Join(texts(tr.Find(".sporbar-badge")), "] [")+"]")
	})
	g1Title := text(doc.Find(`table.sporbar-timeline-table a[href="/indsatser/` + itoa(g1) + `"]`).First())
	want := []string{
		g1Title + " (Generel indsats) | Sundhed og Omsorg | 1. januar 2025 | 31. december 2030 | [Ikke påbegyndt] [Mangler opfølgning]",
		"↳ Hverdagsrehabilitering (Lokal indsats) | Hjemmepleje og akutaflastning | 1. juni 2025 | 30. juni 2031 | [Ikke påbegyndt] [Mangler opfølgning]",
		"↳ Visitation (Lokal indsats) | Myndighed | 1. marts 2026 | – | [Ikke påbegyndt] [Mangler opfølgning]",
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("dated rows (-want +got):\n%s", diff)
	}
	if got := hrefs(doc.Find("table.sporbar-timeline-table").First().Find("tbody a")); !cmp.Equal(got,
		[]string{"/indsatser/" + itoa(g1), "/indsatser/" + itoa(l1), "/indsatser/" + itoa(l2)}) {
		t.Errorf("links %q", got)
	}
	wantCount(t, doc, "#uden-datoer + div table tbody tr", 9) // G2 and the 8 other generals
	// The SVG: a bar per dated row (Visitation's open at the end), a label for G2 too, today's line.
	svg := doc.Find(`figure svg[role="img"]`)
	wantCount(t, doc, `figure svg[role="img"] title#tidsplan-title`, 1)
	if got := svg.Find("g.sporbar-timeline-rows rect").Length(); got != 3 {
		t.Errorf("%d bars, want 3", got)
	}
	if got := svg.Find(`g.sporbar-timeline-rows rect[stroke-dasharray]`).Length(); got != 1 {
		t.Errorf("%d open bars, want 1", got)
	}
	if got := svg.Find("g.sporbar-timeline-rows > text").Length(); got != 4 {
		t.Errorf("%d labels, want 4 (G1, its local one, G2, its local one)", got)
	}
	if got := text(svg.Find("g.sporbar-timeline-today text")); got != "I dag" {
		t.Errorf("today's marker %q", got)
	}
	var years []string
	svg.Find("g.sporbar-timeline-axis text").Each(func(_ int, s *goquery.Selection) { years = append(years, text(s)) })
	first := min(2025, e.today.Year())
	wantYears := []string{}
	for y := first; y <= max(2031, e.today.Year()); y++ {
		wantYears = append(wantYears, strconv.Itoa(y))
	}
	if diff := cmp.Diff(wantYears, years); diff != "" {
		t.Errorf("year axis (-want +got):\n%s", diff)
	}
	todayX, _ := strconv.ParseFloat(svg.Find("g.sporbar-timeline-today line").AttrOr("x1", ""), 64)
	from, to := time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(max(2031, e.today.Year())+1, 1, 1, 0, 0, 0, 0, time.UTC)
	if want := 320 + e.today.Sub(from).Hours()/to.Sub(from).Hours()*624; todayX < want-0.1 || todayX > want+0.1 {
		t.Errorf("today's line at x = %v, want %.1f", todayX, want)
	}
	if !strings.Contains(text(doc.Find(".sporbar-lead")), "i dag, "+strconv.Itoa(e.today.Day())+". "+danishMonthNames[e.today.Month()-1]) {
		t.Errorf("lead %q does not name today", text(doc.Find(".sporbar-lead")))
	}
	if n > 3 {
		t.Errorf("%d queries, want at most 3", n)
	}
}
