package server

import (
	"bytes"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/web/pages"
)

// An indicator's measurements as a download, in the layout the import reads (indicator_sheet.go).

// measurementsXLSX is the indicator's measurements as a workbook: the import's layout, dates as
// dates (åååå-mm-dd), values as numbers, comments as text.
func measurementsXLSX(ms []domain.Measurement) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Målinger"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	header := []any{pages.ImportColumns[0], pages.ImportColumns[1], pages.ImportColumns[2]}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return nil, err
	}
	for i, m := range ms {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &[]any{m.AsOf, m.Value, m.Comment}); err != nil {
			return nil, err
		}
	}
	format := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	if len(ms) > 0 {
		last, _ := excelize.CoordinatesToCellName(1, len(ms)+1)
		if err := f.SetCellStyle(sheet, "A2", last, dateStyle); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "C1", bold); err != nil {
		return nil, err
	}
	for col, width := range map[string]float64{"A": 14, "B": 12, "C": 60} {
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	err = f.Write(&buf)
	return buf.Bytes(), err
}

// measurementsCSV is the indicator's measurements as CSV for Danish Excel (see csvFile): dates
// as åååå-mm-dd, values with a decimal comma, every cell guarded against formula injection.
func measurementsCSV(ms []domain.Measurement) ([]byte, error) {
	f := newCSVFile()
	if err := f.Row(pages.ImportColumns); err != nil {
		return nil, err
	}
	for _, m := range ms {
		if err := f.Row([]string{m.AsOf.Format(time.DateOnly), domain.FormatNumber(m.Value), m.Comment}); err != nil {
			return nil, err
		}
	}
	return f.Bytes()
}
