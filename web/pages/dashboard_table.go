package pages

import (
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// The follow-up views as tables of text: the one place the page's tables, the XLSX and the CSV
// get their rows from.

// Cell is one cell of a follow-up table: Text is what the exports write and what the page
// shows unless View is set (badges, a Danish date); Href makes it a link on the page; Num
// marks a number the spreadsheet should store as one.
type Cell struct {
	Text string
	Num  *int
	Href templ.SafeURL
	View templ.Component
}

// Table is a follow-up view as rows: the one place the page's table, the XLSX and the CSV come from.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]Cell
}

// statusCells are the phase, health, progress, status date, responsible, deadline and flags of an item.
func statusCells(it Item) []Cell {
	s := it.Status
	p := int(s.StatusProgress)
	cells := []Cell{{Text: domain.PhaseLabel(s.StatusPhase), View: c.PhaseBadge(s.StatusPhase)}}
	if s.StatusHealth == nil {
		cells = append(cells, Cell{Text: domain.HealthLabel("")}, Cell{})
	} else {
		cells = append(cells, Cell{Text: domain.HealthLabel(*s.StatusHealth), View: c.HealthBadge(*s.StatusHealth)},
			Cell{Text: strconv.Itoa(p), Num: &p})
	}
	flags := it.Flags()
	return append(cells, dateCell(s.StatusAsOf), Cell{Text: it.Responsible}, dateCell(s.Deadline),
		Cell{Text: strings.Join(flags, ", "), View: flagBadges(flags)})
}

// dateCell is an ISO date in the exports and a Danish one on the page.
func dateCell(d *time.Time) Cell {
	if d == nil {
		return Cell{}
	}
	return Cell{Text: d.Format(time.DateOnly), View: plain(c.Date(d))}
}

var statusHeader = []string{"Fase", "Helbred", "Fremdrift %", "Status pr.", "Ansvarlig", "Frist", "Markeringer"}

// SkemaTable is the samlet skema as rows: one per local initiative shown, and one (without
// område and local initiative) for each general initiative that has none shown.
func SkemaTable(v DashboardView) Table {
	t := Table{Caption: "Samlet skema som liste",
		Header: append([]string{v.Org.LabelTrack, v.Org.LabelGeneral, "Område", v.Org.LabelLocal}, statusHeader...)}
	for _, tr := range v.Tracks {
		for _, row := range tr.Rows {
			g := row.General
			lead := []Cell{{Text: tr.Label}, {Text: g.Title, Href: g.Href}}
			n := 0
			for ci, cell := range row.Cells {
				for _, it := range cell {
					n++
					r := append(append([]Cell{}, lead...), Cell{Text: v.Columns[ci].Name}, Cell{Text: it.Title, Href: it.Href})
					t.Rows = append(t.Rows, append(r, statusCells(it)...))
				}
			}
			if n == 0 {
				t.Rows = append(t.Rows, append(lead, make([]Cell, 2+len(statusHeader))...))
			}
		}
	}
	return t
}

// ItemTable is the list of items as rows.
func ItemTable(v ItemListView) Table {
	t := Table{Caption: "Alle indsatser og handleplaner",
		Header: append([]string{"Type", "Titel", "Enhed", v.Org.LabelTrack}, statusHeader...)}
	for _, it := range v.Items {
		r := []Cell{{Text: kindName(v.Org, it.Kind)}, {Text: it.Title, Href: it.Href}, {Text: it.UnitName}, {Text: it.TrackLabel}}
		t.Rows = append(t.Rows, append(r, statusCells(it)...))
	}
	return t
}

// kindName is the organisation's word for an item's kind.
func kindName(org domain.Organisation, kind string) string {
	if kind == ItemActionPlan {
		return org.LabelActionPlan
	}
	return kindLabel(org, kind)
}
