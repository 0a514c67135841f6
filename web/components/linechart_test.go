package components_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	c "github.com/sporbar/sporbar/web/components"
)

func lineDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestNiceRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lo, hi            float64
		bottom, top, step float64
	}{
		{0, 60, 0, 60, 20},
		{0, 47, 0, 50, 10},
		{0, 1, 0, 1, 0.2},
		{-3, 12, -5, 15, 5},
		{20, 20, 19, 21, 0.5},
		{0, 0.05, 0, 0.05, 0.01},
		{100, 0, 0, 100, 20},
	}
	for _, tt := range tests {
		b, top, s := c.NiceRange(tt.lo, tt.hi)
		got := []float64{b, top, s}
		want := []float64{tt.bottom, tt.top, tt.step}
		if !cmp.Equal(got, want, cmp.Comparer(func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 })) {
			t.Errorf("NiceRange(%v, %v) = %v, want %v", tt.lo, tt.hi, got, want)
		}
	}
}

// rehabChart is the indicator: measured 24, 36 and 50 against the plan 20 → 60.
func rehabChart() c.LineChart {
	return c.LineChart{ID: "graf", Title: "Andel", Desc: "Målinger mod plan",
		Measured: []c.LinePoint{{Date: lineDay("2024-03-31"), Value: 24, Title: "a"}, {Date: lineDay("2025-03-31"), Value: 36, Title: "b"},
			{Date: lineDay("2026-03-31"), Value: 50, Title: "c"}},
		Plan: []c.LinePoint{{Date: lineDay("2024-01-01"), Value: 20, Title: "Udgangspunkt"},
			{Date: lineDay("2026-12-31"), Value: 60, Title: "Mål"}}}
}

func TestLineChartGeometry(t *testing.T) {
	t.Parallel()
	g := rehabChart().Geometry()
	// The plot is 632 wide (64 … 696) and 264 high (16 … 280); y runs 0 … 60 in steps of 20.
	if got, want := [4]float64{g.PlotX, g.PlotY, g.PlotW, g.PlotH}, [4]float64{64, 16, 632, 264}; got != want {
		t.Fatalf("plot %v, want %v", got, want)
	}
	ticks := func(ts []c.LineTick) []string {
		out := []string{}
		for _, t := range ts {
			out = append(out, c.LineNum(t.Pos)+" "+t.Label)
		}
		return out
	}
	if diff := cmp.Diff([]string{"280 0", "192 20", "104 40", "16 60"}, ticks(g.YTicks)); diff != "" {
		t.Errorf("y ticks (-want +got):\n%s", diff)
	}
	// Years start at day 0, 366 and 731 of the 1095 days from baseline to target.
	if diff := cmp.Diff([]string{"64 2024", "275.2 2025", "485.9 2026"}, ticks(g.XTicks)); diff != "" {
		t.Errorf("x ticks (-want +got):\n%s", diff)
	}
	marks := func(ms []c.LineMark) []string {
		out := []string{}
		for _, m := range ms {
			out = append(out, c.LineNum(m.X)+","+c.LineNum(m.Y)+" "+m.Title)
		}
		return out
	}
	if diff := cmp.Diff([]string{"64,192 Udgangspunkt", "696,16 Mål"}, marks(g.Plan)); diff != "" {
		t.Errorf("plan (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"115.9,174.4 a", "326.6,121.6 b", "537.3,60 c"}, marks(g.Measured)); diff != "" {
		t.Errorf("measured (-want +got):\n%s", diff)
	}
}

func TestLineChartGeometryEdges(t *testing.T) {
	t.Parallel()
	if g := (c.LineChart{}).Geometry(); len(g.Measured)+len(g.Plan)+len(g.XTicks)+len(g.YTicks) != 0 {
		t.Errorf("an empty chart has %+v", g)
	}
	// One date only: a month either side; quarter ticks as no two years start within the axis.
	one := c.LineChart{Measured: []c.LinePoint{{Date: lineDay("2025-04-10"), Value: -2}}}
	g := one.Geometry()
	if len(g.Measured) != 1 || c.LineNum(g.Measured[0].X) != "380" {
		t.Errorf("a single point at %+v, want the middle", g.Measured)
	}
	if len(g.XTicks) != 1 || g.XTicks[0].Label != "apr. 2025" {
		t.Errorf("x ticks %+v, want apr. 2025", g.XTicks)
	}
	if first, last := g.YTicks[0].Label, g.YTicks[len(g.YTicks)-1].Label; first != "-2" || last != "0" {
		t.Errorf("y axis %s … %s, want -2 … 0 (0 included)", first, last)
	}
}

func TestLineChartFigure(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := c.LineChartFigure(rehabChart()).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "style=") {
		t.Error("the chart has an inline style, which the CSP forbids")
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	svg := doc.Find("figure > svg").First()
	if svg.AttrOr("role", "") != "img" || svg.AttrOr("aria-labelledby", "") != "graf-title graf-desc" {
		t.Errorf("the svg is not a named image: %v", svg.Nodes[0].Attr)
	}
	for sel, want := range map[string]int{".sporbar-linechart-measured circle": 3, ".sporbar-linechart-plan polygon": 2,
		"#graf-title": 1, "#graf-desc": 1, "figcaption li": 2} {
		if got := doc.Find(sel).Length(); got != want {
			t.Errorf("%d × %s, want %d", got, sel, want)
		}
	}
	if got := doc.Find(".sporbar-linechart-measured polyline").AttrOr("points", ""); got != "115.9,174.4 326.6,121.6 537.3,60" {
		t.Errorf("measured line %q", got)
	}
}
