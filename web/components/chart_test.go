package components

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNiceScale(t *testing.T) {
	t.Parallel()
	tests := []struct{ largest, top, step int }{
		{0, 1, 1}, {1, 1, 1}, {3, 3, 1}, {5, 5, 1}, {7, 8, 2}, {10, 10, 2}, {11, 15, 5},
		{23, 25, 5}, {60, 60, 20}, {99, 100, 20}, {1234, 1500, 500},
	}
	for _, tt := range tests {
		top, step := NiceScale(tt.largest)
		if top != tt.top || step != tt.step {
			t.Errorf("NiceScale(%d) = %d, %d; want %d, %d", tt.largest, top, step, tt.top, tt.step)
		}
	}
}

func TestChartGeometry(t *testing.T) {
	t.Parallel()
	// The plot is 656 wide (720 − 48 − 16) and 240 high (300 − 16 − 44), from (48, 16).
	series := []ChartSeries{{Label: "A", Colour: "#111111", Values: []int{1, 0}}, {Label: "B", Colour: "#222222", Values: []int{3, 2}}}
	tests := []struct {
		name      string
		chart     Chart
		wantY     []ChartTick
		wantX     []ChartTick
		wantBars  []ChartBar
		wantLines []ChartLine
	}{
		{
			name:  "stacked: the axis reaches the largest total, zero segments are left out",
			chart: Chart{Kind: ChartStacked, Categories: []string{"jan.\n2026", "feb."}, Series: series},
			wantY: []ChartTick{{256, []string{"0"}}, {196, []string{"1"}}, {136, []string{"2"}}, {76, []string{"3"}}, {16, []string{"4"}}},
			wantX: []ChartTick{{212, []string{"jan.", "2026"}}, {540, []string{"feb."}}},
			wantBars: []ChartBar{
				{X: 113.6, Y: 196, W: 196.8, H: 60, Fill: "#111111", Title: "jan. 2026: A 1"},
				{X: 113.6, Y: 16, W: 196.8, H: 180, Fill: "#222222", Title: "jan. 2026: B 3"},
				{X: 441.6, Y: 136, W: 196.8, H: 120, Fill: "#222222", Title: "feb.: B 2"},
			},
		},
		{
			name:  "lines: the axis reaches the largest value, every category has a point",
			chart: Chart{Kind: ChartLines, Categories: []string{"jan.", "feb."}, Series: series},
			wantY: []ChartTick{{256, []string{"0"}}, {176, []string{"1"}}, {96, []string{"2"}}, {16, []string{"3"}}},
			wantX: []ChartTick{{212, []string{"jan."}}, {540, []string{"feb."}}},
			wantLines: []ChartLine{
				{Label: "A", Stroke: "#111111", Marker: 0, Points: []ChartPoint{{212, 176, "jan.: A 1"}, {540, 256, "feb.: A 0"}}},
				{Label: "B", Stroke: "#222222", Marker: 1, Points: []ChartPoint{{212, 16, "jan.: B 3"}, {540, 96, "feb.: B 2"}}},
			},
		},
		{
			name:  "nothing to show: one step of 1",
			chart: Chart{Kind: ChartStacked},
			wantY: []ChartTick{{256, []string{"0"}}, {16, []string{"1"}}},
		},
	}
	approx := cmpopts.EquateApprox(0, 1e-9)
	for _, tt := range tests {
		g := tt.chart.Geometry()
		if diff := cmp.Diff(tt.wantY, g.YTicks, approx, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: y ticks (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.wantX, g.XTicks, approx, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: x ticks (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.wantBars, g.Bars, approx, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: bars (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.wantLines, g.Lines, approx, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: lines (-want +got):\n%s", tt.name, diff)
		}
	}
}

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func TestTimelineGeometry(t *testing.T) {
	t.Parallel()
	// Two whole years, 2025 and 2026 (730 days), on a plot 624 wide from x = 320. A row without
	// dates is left out unless kept (its label shows, without a bar).
	tl := Timeline{Today: *day(2026, time.July, 2), Rows: []TimelineRow{
		{Label: "Generel", Start: day(2025, time.January, 1), End: day(2025, time.December, 31), Fill: "#0059b3"},
		{Label: "Uden datoer"},
		{Label: "Kun etiket", Keep: true},
		{Label: "Lokal med en meget lang titel, der ikke kan stå i sin helhed ved siden af tidslinjen", Indent: 1,
			Start: day(2026, time.January, 1), Fill: "#0059b3"},
		{Label: "Kun slut", Indent: 1, End: day(2025, time.July, 1), Fill: "#0059b3"},
	}}
	g := tl.Geometry()
	perDay := 624.0 / 730
	wantYears := []ChartTick{{320, []string{"2025"}}, {320 + 365*perDay, []string{"2026"}}}
	wantLabels := []TimelineLabel{
		{X: 8, Y: 57, Text: "Generel", Title: "Generel", Bold: true},
		{X: 8, Y: 83, Text: "Kun etiket", Title: "Kun etiket", Bold: true},
		{X: 24, Y: 109, Text: "Lokal med en meget lang titel, der ikke ka…",
			Title: "Lokal med en meget lang titel, der ikke kan stå i sin helhed ved siden af tidslinjen"},
		{X: 24, Y: 135, Text: "Kun slut", Title: "Kun slut"},
	}
	wantBars := []TimelineBar{
		{ChartBar: ChartBar{X: 320, Y: 50, W: 365 * perDay, H: 14, Fill: "#0059b3", Title: "Generel: 1. januar 2025 – 31. december 2025"}},
		{ChartBar: ChartBar{X: 320 + 365*perDay, Y: 102, W: 365 * perDay, H: 14, Fill: "#0059b3",
			Title: "Lokal med en meget lang titel, der ikke kan stå i sin helhed ved siden af tidslinjen: fra 1. januar 2026"}, OpenEnd: true},
		{ChartBar: ChartBar{X: 320, Y: 128, W: 182 * perDay, H: 14, Fill: "#0059b3", Title: "Kun slut: til 1. juli 2025"}, OpenStart: true},
	}
	approx := cmpopts.EquateApprox(0, 1e-9)
	if diff := cmp.Diff(wantYears, g.Years, approx); diff != "" {
		t.Errorf("years (-want +got):\n%s", diff)
	}
	if got, want := len(g.Months), 22; got != want {
		t.Errorf("%d month ticks, want %d", got, want)
	}
	if diff := cmp.Diff(wantLabels, g.Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantBars, g.Bars, approx); diff != "" {
		t.Errorf("bars (-want +got):\n%s", diff)
	}
	if want := 320 + (365+182)*perDay; !cmp.Equal(g.TodayX, want, approx) {
		t.Errorf("today at x = %v, want %v", g.TodayX, want)
	}
	if g.Height != 44+4*26+16 {
		t.Errorf("height %v, want %v", g.Height, 44+4*26+16)
	}
}

// TestChartSVG checks what the templates draw: an image with its name and description, a rect
// per segment, a marker per point, a legend in text, and no inline style.
func TestChartSVG(t *testing.T) {
	t.Parallel()
	series := []ChartSeries{{Label: "Alfa", Colour: "#111111", Values: []int{1, 2, 0}}, {Label: "Beta", Colour: "#222222", Values: []int{0, 1, 1}}}
	var buf bytes.Buffer
	if err := BarLineChart(Chart{ID: "fase", Title: "Faser", Desc: "Antal pr. måned", Kind: ChartStacked,
		Categories: []string{"a", "b", "c"}, Series: series}).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	bars := buf.String()
	buf.Reset()
	if err := BarLineChart(Chart{ID: "helbred", Title: "Helbred", Desc: "Antal pr. måned", Kind: ChartLines,
		Categories: []string{"a", "b", "c"}, Series: series}).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	lines := buf.String()
	for _, tt := range []struct {
		name, html string
		want       map[string]int
	}{
		{"stacked", bars, map[string]int{`role="img"`: 1, `aria-labelledby="fase-title fase-desc"`: 1, `<title id="fase-title">Faser</title>`: 1,
			`<desc id="fase-desc">Antal pr. måned</desc>`: 1, `<g class="sporbar-chart-bars"><rect`: 1, "<rect": 4 + 2, "</li>": 2,
			"Alfa</li>": 1, "Beta</li>": 1, "style=": 0}},
		{"lines", lines, map[string]int{`role="img"`: 1, "<polyline": 2, `class="sporbar-chart-point"`: 6, "<circle": 3 + 1,
			"Alfa</li>": 1, "style=": 0}},
	} {
		for s, n := range tt.want {
			if got := strings.Count(tt.html, s); got != n {
				t.Errorf("%s: %d × %q, want %d", tt.name, got, s, n)
			}
		}
	}
}
