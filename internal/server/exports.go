package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/web/pages"
)

// The follow-up views as spreadsheets, with the same filter as the page: the rows come from
// pages.SkemaTable and pages.ItemTable, which the pages show too.

// dashboardXLSX is the samlet skema as an Excel workbook.
func (s *Server) dashboardXLSX(w http.ResponseWriter, r *http.Request) error {
	fu, err := s.loadFollowUp(r, true)
	if err != nil {
		return err
	}
	return s.sendXLSX(w, r, s.exportName("samlet-skema", fu.org.Slug, "xlsx"), "Samlet skema", pages.SkemaTable(s.dashboardView(fu)))
}

// dashboardCSV is the samlet skema as CSV.
func (s *Server) dashboardCSV(w http.ResponseWriter, r *http.Request) error {
	fu, err := s.loadFollowUp(r, true)
	if err != nil {
		return err
	}
	return s.sendCSV(w, r, s.exportName("samlet-skema", fu.org.Slug, "csv"), pages.SkemaTable(s.dashboardView(fu)))
}

// itemListXLSX is the filtered list of items as an Excel workbook.
func (s *Server) itemListXLSX(w http.ResponseWriter, r *http.Request) error {
	fu, err := s.loadFollowUp(r, false)
	if err != nil {
		return err
	}
	return s.sendXLSX(w, r, s.exportName("indsatser", fu.org.Slug, "xlsx"), "Indsatser", pages.ItemTable(itemListView(fu)))
}

// itemListCSV is the filtered list of items as CSV.
func (s *Server) itemListCSV(w http.ResponseWriter, r *http.Request) error {
	fu, err := s.loadFollowUp(r, false)
	if err != nil {
		return err
	}
	return s.sendCSV(w, r, s.exportName("indsatser", fu.org.Slug, "csv"), pages.ItemTable(itemListView(fu)))
}

// exportName is a download's file name: what, the organisation and today's date, e.g.
// samlet-skema-ringkobing-skjern-2026-11-24.xlsx (slugs are [a-z0-9-], so it needs no quoting).
func (s *Server) exportName(what, slug, ext string) string {
	return what + "-" + slug + "-" + s.today().Format(time.DateOnly) + "." + ext
}

// sendXLSX writes t as a workbook of one sheet named sheet: a bold header row that stays in
// view (a frozen pane), an autofilter, column widths fitted to the text (within limits),
// phase and health as text, progress as numbers.
func (s *Server) sendXLSX(w http.ResponseWriter, r *http.Request, name, sheet string, t pages.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	width := make([]int, len(t.Header))
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i], width[i] = h, utf8.RuneCountInString(h)+2
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for ri, row := range t.Rows {
		vals := make([]any, len(row))
		for i, cell := range row {
			vals[i] = cell.Text
			if cell.Num != nil {
				vals[i] = *cell.Num
			}
			width[i] = max(width[i], utf8.RuneCountInString(cell.Text)+2)
		}
		axis, _ := excelize.CoordinatesToCellName(1, ri+2)
		if err := f.SetSheetRow(sheet, axis, &vals); err != nil {
			return err
		}
	}
	for i, wd := range width {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, float64(min(max(wd, 8), 60))); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(t.Header), len(t.Rows)+1)
	if err := f.SetRowStyle(sheet, 1, 1, bold); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return send(w, r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name, buf.Bytes())
}

// sendCSV writes t as CSV for Danish Excel (see sendCSVRows): every cell is its text.
func (s *Server) sendCSV(w http.ResponseWriter, r *http.Request, name string, t pages.Table) error {
	rows := make([][]string, len(t.Rows))
	for i, row := range t.Rows {
		rec := make([]string, len(row))
		for j, cell := range row {
			rec[j] = cell.Text
		}
		rows[i] = rec
	}
	return sendCSVRows(w, r, name, t.Header, rows)
}

// sendCSVRows writes the rows under header as a CSV download (csvFile: Danish Excel's format,
// every cell, the header's included, guarded against formulas).
func sendCSVRows(w http.ResponseWriter, r *http.Request, name string, header []string, rows [][]string) error {
	f := newCSVFile()
	if err := f.Row(header); err != nil {
		return err
	}
	for _, row := range rows {
		if err := f.Row(row); err != nil {
			return err
		}
	}
	body, err := f.Bytes()
	if err != nil {
		return err
	}
	return send(w, r, "text/csv; charset=utf-8", name, body)
}

// send writes a download named name.
func send(w http.ResponseWriter, r *http.Request, contentType, name string, body []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(body)
	return ignoreClientGone(r.Context(), err)
}
