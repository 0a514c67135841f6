package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The bar colours of the tidsplan: general initiatives darker than local ones (the labels say
// which is which, and the table lists them).
const (
	generalFill = "#0b5cad"
	localFill   = "#4f7fb0"
)

// timeline is the tidsplan (GET /org/{org}/tidsplan, Bilag 3): the general initiatives and,
// under each, its local ones by område, as bars from their start to their end date on a year
// and month axis with a line for today ("der arbejdes forskudt"), and the same as a table.
// Initiatives with neither date are listed apart. Queries: the session, the organisation and
// the initiatives: 3, whatever the size of the organisation.
func (s *Server) timeline(w http.ResponseWriter, r *http.Request) error {
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	items, err := s.store.ListReportItems(r.Context(), org.ID, false)
	if err != nil {
		return err
	}
	today := s.today()
	v := pages.TimelineView{Org: org, Today: today}
	datedLocals := map[int64]bool{} // general initiatives with a dated local one
	for _, it := range items {
		if it.Kind == store.ReportLocal && (it.StartDate != nil || it.EndDate != nil) {
			datedLocals[it.GeneralID] = true
		}
	}
	var bars []c.TimelineRow
	for _, it := range items {
		row := pages.TimelineRow{ReportItem: reportItem(org, it, today), General: it.Kind == store.ReportGeneral,
			Start: it.StartDate, End: it.EndDate}
		bar := c.TimelineRow{Label: row.Title, Start: it.StartDate, End: it.EndDate, Fill: generalFill,
			Keep: row.General && datedLocals[it.ID]}
		if !row.General {
			bar.Label, bar.Indent, bar.Fill = row.Title+" – "+it.UnitName, 1, localFill
		}
		if it.StartDate == nil && it.EndDate == nil {
			v.Undated = append(v.Undated, row)
		} else {
			v.Rows = append(v.Rows, row)
		}
		bars = append(bars, bar)
	}
	v.Chart = c.Timeline{ID: "tidsplan", Today: today, Rows: bars, Title: "Tidsplan for " + strings.ToLower(org.LabelGenerals) + " og " + strings.ToLower(org.LabelLocals),
		Desc: "Tidslinje med " + strconv.Itoa(len(v.Rows)) + " indsatser som vandrette bjælker fra start- til slutdato og en lodret linje for i dag, " +
			c.Date(&today) + ". Indsatserne står med datoer i tabellen under tidslinjen."}
	p := s.orgPage(r, org, "tidsplan", "Tidsplan", c.Crumb{Label: "Tidsplan"})
	return s.render(w, r, http.StatusOK, pages.Timeline(p, v))
}
