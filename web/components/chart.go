package components

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Charts drawn on the server as SVG: stacked bars or lines of counts per category (a month, say),
// and a timeline of dated items. The geometry is computed here by pure functions, so it can be
// tested without rendering; chart.templ draws it with presentation attributes only (fill, stroke,
// font-size), never inline styles, so it keeps to the Content-Security-Policy. Every chart has a
// title and a description, and the page shows its numbers in a table beside it.

// Chart kinds.
const (
	ChartStacked = "stacked" // one stacked bar per category, a segment per series
	ChartLines   = "lines"   // one line per series, a marker per category
)

// ChartSeries is one named row of counts, one per category, drawn in Colour (#rrggbb).
type ChartSeries struct {
	Label  string
	Colour string
	Values []int
}

// Chart is a chart of counts per category. ID must be unique on the page: it names the
// chart's <title> and <desc>.
type Chart struct {
	ID, Title, Desc string
	Kind            string   // ChartStacked or ChartLines
	Categories      []string // the x axis' labels; "\n" breaks a label into lines
	Series          []ChartSeries
}

// ChartTick is a mark on an axis: where it is (x or y) and its label's lines.
type ChartTick struct {
	Pos   float64
	Lines []string
}

// ChartBar is a rectangle of a stacked bar (or a timeline) with its tooltip.
type ChartBar struct {
	X, Y, W, H float64
	Fill       string
	Title      string
}

// ChartPoint is a marker of a line.
type ChartPoint struct {
	X, Y  float64
	Title string
}

// ChartLine is a series drawn as a line; Marker (0 circle, 1 square, 2 diamond) tells the series
// apart without colour.
type ChartLine struct {
	Label  string
	Stroke string
	Marker int
	Points []ChartPoint
}

// ChartGeometry is where everything of a Chart goes, in SVG units of a Width × Height box.
type ChartGeometry struct {
	Width, Height              float64
	PlotX, PlotY, PlotW, PlotH float64
	YTicks                     []ChartTick // gridlines from 0 up, each with its value
	XTicks                     []ChartTick // the centre of each category, with its label
	Bars                       []ChartBar  // the non-empty segments, bottom to top within a category
	Lines                      []ChartLine
}

// The chart's frame; the SVG scales to its container's width.
const (
	chartW, chartH                   = 720.0, 300.0
	chartLeft, chartRight            = 48.0, 16.0
	chartTop, chartBottom            = 16.0, 44.0
	chartBarShare                    = 0.6 // the part of a category's band its bar fills
	timelineW, timelineLabelW        = 960.0, 320.0
	timelineTop, timelineRowH        = 44.0, 26.0
	timelineBarH, timelineCharW      = 14.0, 6.6 // the width of a character at font-size 12, roughly
	timelineIndent, timelineLabelPad = 16.0, 8.0
)

// Geometry lays c out: a y axis from 0 to a round number above the largest total (stacked) or
// value (lines), a band per category, and the bars or lines.
func (c Chart) Geometry() ChartGeometry {
	g := ChartGeometry{Width: chartW, Height: chartH, PlotX: chartLeft, PlotY: chartTop,
		PlotW: chartW - chartLeft - chartRight, PlotH: chartH - chartTop - chartBottom}
	n := len(c.Categories)
	largest := 0
	for i := range n {
		sum := 0
		for _, s := range c.Series {
			sum += chartValue(s, i)
			largest = max(largest, chartValue(s, i))
		}
		if c.Kind == ChartStacked {
			largest = max(largest, sum)
		}
	}
	top, step := NiceScale(largest)
	bottom := g.PlotY + g.PlotH
	scale := g.PlotH / float64(top)
	for v := 0; v <= top; v += step {
		g.YTicks = append(g.YTicks, ChartTick{Pos: bottom - float64(v)*scale, Lines: []string{strconv.Itoa(v)}})
	}
	if n == 0 {
		return g
	}
	band := g.PlotW / float64(n)
	for i, cat := range c.Categories {
		g.XTicks = append(g.XTicks, ChartTick{Pos: g.PlotX + band*(float64(i)+0.5), Lines: strings.Split(cat, "\n")})
	}
	if c.Kind == ChartStacked {
		w := band * chartBarShare
		for i, cat := range c.Categories {
			base := 0
			for _, s := range c.Series {
				v := chartValue(s, i)
				if v <= 0 {
					continue
				}
				g.Bars = append(g.Bars, ChartBar{X: g.XTicks[i].Pos - w/2, Y: bottom - float64(base+v)*scale,
					W: w, H: float64(v) * scale, Fill: s.Colour, Title: chartPointTitle(cat, s.Label, v)})
				base += v
			}
		}
		return g
	}
	for si, s := range c.Series {
		l := ChartLine{Label: s.Label, Stroke: s.Colour, Marker: si % 3}
		for i, cat := range c.Categories {
			v := chartValue(s, i)
			l.Points = append(l.Points, ChartPoint{X: g.XTicks[i].Pos, Y: bottom - float64(v)*scale, Title: chartPointTitle(cat, s.Label, v)})
		}
		g.Lines = append(g.Lines, l)
	}
	return g
}

// chartValue is the series' count for category i (0 where it has none).
func chartValue(s ChartSeries, i int) int {
	if i < len(s.Values) {
		return s.Values[i]
	}
	return 0
}

func chartPointTitle(cat, label string, v int) string {
	return strings.ReplaceAll(cat, "\n", " ") + ": " + label + " " + strconv.Itoa(v)
}

// NiceScale returns the top of a y axis for counts up to largest and the step between its
// gridlines: a step of 1, 2 or 5 times a power of ten giving at most about five steps, and the
// top the first multiple of the step at or above largest (1 for nothing to show).
func NiceScale(largest int) (top, step int) {
	if largest <= 0 {
		return 1, 1
	}
	raw := float64(largest) / 5
	step = 1
	for pow := 1; step < int(math.Ceil(raw)); pow *= 10 {
		for _, m := range []int{1, 2, 5, 10} {
			if step = m * pow; float64(step) >= raw {
				break
			}
		}
	}
	return (largest + step - 1) / step * step, step
}

// TimelineRow is an item on a timeline: a bar from Start to End (either may be missing; the bar
// then runs to the edge of the axis and is drawn open). Rows with neither date are left out,
// unless Keep: they then show their label only (a general initiative whose local ones have dates).
type TimelineRow struct {
	Label      string
	Indent     int // 0 for a general initiative, 1 for a local one
	Start, End *time.Time
	Fill       string
	Keep       bool
}

// Timeline is a chart of dated items on a year and month axis with a marker for Today.
type Timeline struct {
	ID, Title, Desc string
	Rows            []TimelineRow
	Today           time.Time
}

// TimelineBar is a row's bar; Open{Start,End} say it has no start or end date.
type TimelineBar struct {
	ChartBar
	OpenStart, OpenEnd bool
}

// TimelineLabel is a row's label, shortened to fit (Title has it whole).
type TimelineLabel struct {
	X, Y        float64
	Text, Title string
	Bold        bool
}

// TimelineGeometry is where everything of a Timeline goes.
type TimelineGeometry struct {
	Width, Height, PlotX, PlotY, PlotW, PlotH float64
	From, To                                  time.Time   // 1 January of the first year shown, and of the year after the last
	Years                                     []ChartTick // Pos: the x where each year starts; the label goes mid-year
	Months                                    []float64   // the x where each month but January starts
	TodayX                                    float64
	Labels                                    []TimelineLabel
	Bars                                      []TimelineBar // one per row with a date
}

// Geometry lays t out: the whole years from the earliest date (or today) to the latest (or
// today), a row per dated item with its label left of the plot, and the bars.
func (t Timeline) Geometry() TimelineGeometry {
	first, last := t.Today.Year(), t.Today.Year()
	var rows []TimelineRow
	for _, r := range t.Rows {
		if r.Start == nil && r.End == nil && !r.Keep {
			continue
		}
		rows = append(rows, r)
		for _, d := range []*time.Time{r.Start, r.End} {
			if d != nil {
				first, last = min(first, d.Year()), max(last, d.Year())
			}
		}
	}
	g := TimelineGeometry{Width: timelineW, PlotX: timelineLabelW, PlotY: timelineTop,
		PlotW: timelineW - timelineLabelW - chartRight, PlotH: float64(len(rows)) * timelineRowH,
		From: time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(last+1, 1, 1, 0, 0, 0, 0, time.UTC)}
	g.Height = g.PlotY + g.PlotH + chartRight
	for y := first; y <= last; y++ {
		g.Years = append(g.Years, ChartTick{Pos: g.x(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)), Lines: []string{strconv.Itoa(y)}})
		for m := time.February; m <= time.December; m++ {
			g.Months = append(g.Months, g.x(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)))
		}
	}
	g.TodayX = g.x(t.Today)
	for i, r := range rows {
		top := g.PlotY + float64(i)*timelineRowH
		indent := float64(r.Indent) * timelineIndent
		maxChars := int((timelineLabelW - indent - 2*timelineLabelPad) / timelineCharW)
		g.Labels = append(g.Labels, TimelineLabel{X: timelineLabelPad + indent, Y: top + timelineRowH/2,
			Text: chartShorten(r.Label, maxChars), Title: r.Label, Bold: r.Indent == 0})
		if r.Start == nil && r.End == nil {
			continue
		}
		b := TimelineBar{ChartBar: ChartBar{Y: top + (timelineRowH-timelineBarH)/2, H: timelineBarH, Fill: r.Fill,
			Title: r.Label + ": " + timelineSpan(r.Start, r.End)}, OpenStart: r.Start == nil, OpenEnd: r.End == nil}
		b.X, b.W = g.PlotX, g.PlotX+g.PlotW
		if r.Start != nil {
			b.X = g.x(*r.Start)
		}
		if r.End != nil {
			b.W = g.x(r.End.AddDate(0, 0, 1)) // to the end of the last day
		}
		b.W = max(b.W-b.X, 2)
		g.Bars = append(g.Bars, b)
	}
	return g
}

// timelineSpan is "1. marts 2025 – 31. december 2026", "fra 1. marts 2025" or "til 31. december 2026".
func timelineSpan(start, end *time.Time) string {
	switch {
	case start == nil:
		return "til " + Date(end)
	case end == nil:
		return "fra " + Date(start)
	}
	return Date(start) + " – " + Date(end)
}

// x is the position of day d on the axis.
func (g TimelineGeometry) x(d time.Time) float64 {
	return g.PlotX + d.Sub(g.From).Hours()/g.To.Sub(g.From).Hours()*g.PlotW
}

// chartShorten cuts s to at most n characters, ending in "…" when cut.
func chartShorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n || n < 2 {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// Num formats an SVG coordinate with at most one decimal.
func Num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
