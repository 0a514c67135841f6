package components

import (
	"math"
	"strconv"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// A line chart of dated values (an indicator's measurements) against a planned course (its
// baseline, milestones and target), drawn on the server as SVG. The geometry is computed here by
// pure functions, so it can be tested without rendering; linechart.templ draws it with
// presentation attributes only (never inline styles, which the CSP forbids). The page shows the
// same values in a table beside the chart: that table is its text alternative.

// LinePoint is a dated value with the tooltip of its marker, e.g. "31. marts 2025: 36 %".
type LinePoint struct {
	Date  time.Time
	Value float64
	Title string
}

// LineChart is a chart of Measured values against the Plan. ID must be unique on the page: it
// names the chart's <title> and <desc>.
type LineChart struct {
	ID, Title, Desc string
	Measured        []LinePoint // a solid line with round markers, in date order
	Plan            []LinePoint // a dashed line with diamond markers, in date order
}

// LineMark is a marker of a line, where it is drawn.
type LineMark struct {
	X, Y  float64
	Title string
}

// LineTick is a mark on an axis: where it is (x or y) and its label.
type LineTick struct {
	Pos   float64
	Label string
}

// LineGeometry is where everything of a LineChart goes, in SVG units of a Width × Height box.
type LineGeometry struct {
	Width, Height              float64
	PlotX, PlotY, PlotW, PlotH float64
	YTicks                     []LineTick // gridlines, bottom up, with their values
	XTicks                     []LineTick // 1 January of each year (1st of each quarter when less than two years show)
	Measured, Plan             []LineMark
}

// The frame of a line chart; the SVG scales to its container's width.
const (
	lineW, lineH         = 720.0, 320.0
	lineLeft, lineRight  = 64.0, 24.0
	lineTop, lineBottom  = 16.0, 40.0
	lineEmptyDays        = 30 // the margin either side of a chart whose points share one date
	lineQuarterTickLimit = 2  // fewer year ticks than this: quarter ticks instead
)

// Geometry lays c out: the x axis from the earliest to the latest date of either line, the y
// axis over a round range holding every value (and 0, when the values are all on one side of
// it), and the markers of both lines.
func (c LineChart) Geometry() LineGeometry {
	g := LineGeometry{Width: lineW, Height: lineH, PlotX: lineLeft, PlotY: lineTop,
		PlotW: lineW - lineLeft - lineRight, PlotH: lineH - lineTop - lineBottom}
	all := append(append([]LinePoint{}, c.Measured...), c.Plan...)
	if len(all) == 0 {
		return g
	}
	from, to := all[0].Date, all[0].Date
	lo, hi := math.Min(0, all[0].Value), math.Max(0, all[0].Value)
	for _, p := range all {
		from, to = minTime(from, p.Date), maxTime(to, p.Date)
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	if !to.After(from) {
		from, to = from.AddDate(0, 0, -lineEmptyDays), to.AddDate(0, 0, lineEmptyDays)
	}
	bottom, top, step := NiceRange(lo, hi)
	x := func(d time.Time) float64 { return g.PlotX + d.Sub(from).Hours()/to.Sub(from).Hours()*g.PlotW }
	y := func(v float64) float64 { return g.PlotY + g.PlotH - (v-bottom)/(top-bottom)*g.PlotH }
	for i := 0; bottom+float64(i)*step <= top+step/1e6; i++ {
		v := bottom + float64(i)*step
		g.YTicks = append(g.YTicks, LineTick{Pos: y(v), Label: domain.FormatNumber(v)})
	}
	for _, d := range lineTickDates(from, to) {
		label := strconv.Itoa(d.Year())
		if d.Month() != time.January || len(lineYearStarts(from, to)) < lineQuarterTickLimit {
			label = shortMonths[d.Month()-1] + " " + label
		}
		g.XTicks = append(g.XTicks, LineTick{Pos: x(d), Label: label})
	}
	for _, p := range c.Measured {
		g.Measured = append(g.Measured, LineMark{X: x(p.Date), Y: y(p.Value), Title: p.Title})
	}
	for _, p := range c.Plan {
		g.Plan = append(g.Plan, LineMark{X: x(p.Date), Y: y(p.Value), Title: p.Title})
	}
	return g
}

var shortMonths = [...]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}

// lineYearStarts are the 1 Januaries from from to to (both included).
func lineYearStarts(from, to time.Time) []time.Time {
	var out []time.Time
	for y := from.Year(); y <= to.Year(); y++ {
		if d := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC); !d.Before(from) && !d.After(to) {
			out = append(out, d)
		}
	}
	return out
}

// lineTickDates are the x axis' ticks: the year starts, or the quarter starts when fewer than
// two years start within the axis.
func lineTickDates(from, to time.Time) []time.Time {
	if ys := lineYearStarts(from, to); len(ys) >= lineQuarterTickLimit {
		return ys
	}
	var out []time.Time
	for d := time.Date(from.Year(), time.January, 1, 0, 0, 0, 0, time.UTC); !d.After(to); d = d.AddDate(0, 3, 0) {
		if !d.Before(from) {
			out = append(out, d)
		}
	}
	return out
}

// NiceRange returns a y axis for values from lo to hi: a step of 1, 2 or 5 times a power of ten
// giving at most about five steps, and the multiples of it at or below lo and at or above hi.
// Equal values get a range around them.
func NiceRange(lo, hi float64) (bottom, top, step float64) {
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-1, hi+1
	}
	raw := (hi - lo) / 5
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if step = m * pow; step >= raw-1e-12 {
			break
		}
	}
	bottom = math.Floor(lo/step+1e-9) * step
	top = math.Ceil(hi/step-1e-9) * step
	return bottom, top, step
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// linePoints is the points attribute of a polyline through the marks.
func linePoints(ms []LineMark) string {
	s := ""
	for i, m := range ms {
		if i > 0 {
			s += " "
		}
		s += LineNum(m.X) + "," + LineNum(m.Y)
	}
	return s
}

// lineDiamond is the points attribute of a diamond of radius 6 around (x, y).
func lineDiamond(x, y float64) string {
	return linePoints([]LineMark{{X: x, Y: y - 6}, {X: x + 6, Y: y}, {X: x, Y: y + 6}, {X: x - 6, Y: y}})
}

// LineNum formats an SVG coordinate with at most one decimal.
func LineNum(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
