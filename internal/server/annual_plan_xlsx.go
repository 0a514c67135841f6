package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
)

// annualPlanXLSX is a yearly plan as a workbook in the document's table layout: the plan's
// title, a header row Nr. | Handleplaner | Implementering YEAR that stays in view, then per
// indsatsområde with handleplaner a heading row and one row per handleplan, its markers as
// text above its implementation ("Aktiv indsats; INITIATIV; OL: …").
func (s *Server) annualPlanXLSX(w http.ResponseWriter, r *http.Request) error {
	org, pl, err := s.readableAnnualPlan(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	tracks, err := s.store.ListTracksByStrategy(ctx, pl.StrategyID)
	if err != nil {
		return err
	}
	areas, err := s.store.ListAnnualPlanAreas(ctx, pl.ID)
	if err != nil {
		return err
	}
	items, err := s.store.ListPlanItems(ctx, pl.ID)
	if err != nil {
		return err
	}
	body, err := annualPlanWorkbook(org, pl, tracks, areas, items)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="indsatsplan-%d-%s.xlsx"`, pl.Year, org.Slug))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(body)
	return ignoreClientGone(ctx, err)
}

// xlsxItemText is an item's cell: its markers, then its text (or where its text stands).
func xlsxItemText(it domain.PlanItem) string {
	text := it.Implementation
	if text == "" && it.SameAsCode != "" {
		text = "Se " + it.SameAsCode
	}
	if text == "" {
		return it.MarkersText()
	}
	return it.MarkersText() + "\n" + text
}

// annualPlanWorkbook builds the workbook of the plan (see annualPlanXLSX).
func annualPlanWorkbook(org domain.Organisation, pl domain.AnnualPlanDetail, tracks []domain.Track,
	areas []domain.AnnualPlanAreaRow, items []domain.PlanItem) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Indsatsplan " + strconv.Itoa(int(pl.Year))
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	if err != nil {
		return nil, err
	}
	area, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	set := func(row int, vals ...any) error {
		return f.SetSheetRow(sheet, "A"+strconv.Itoa(row), &vals)
	}
	if err := set(1, pl.Title); err != nil {
		return nil, err
	}
	if err := set(2, "Nr.", org.LabelActionPlans, "Implementering "+strconv.Itoa(int(pl.Year))); err != nil {
		return nil, err
	}
	row := 3
	for _, t := range tracks {
		for _, a := range areas {
			its := areaItems(items, a.InitiativeID)
			if a.TrackID != t.ID || len(its) == 0 {
				continue
			}
			if err := set(row, fmt.Sprintf("%s %d: %s", org.LabelGeneral, a.Number, a.Title)); err != nil {
				return nil, err
			}
			if err := f.SetCellStyle(sheet, cellName(1, row), cellName(3, row), area); err != nil {
				return nil, err
			}
			row++
			for _, it := range its {
				if err := set(row, it.Code, it.Title, xlsxItemText(it)); err != nil {
					return nil, err
				}
				if err := f.SetCellStyle(sheet, cellName(1, row), cellName(3, row), wrap); err != nil {
					return nil, err
				}
				row++
			}
		}
	}
	for _, step := range []func() error{
		func() error { return f.SetCellStyle(sheet, "A1", "A1", title) },
		func() error { return f.SetCellStyle(sheet, "A2", "C2", header) },
		func() error { return f.SetColWidth(sheet, "A", "A", 8) },
		func() error { return f.SetColWidth(sheet, "B", "B", 50) },
		func() error { return f.SetColWidth(sheet, "C", "C", 90) },
		func() error {
			return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
				Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}})
		},
		func() error { return f.SetDocProps(&excelize.DocProperties{Title: pl.Title, Creator: "Sporbar"}) },
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// areaItems are the plan's items under the indsatsområde, in the plan's order.
func areaItems(items []domain.PlanItem, initiativeID int64) []domain.PlanItem {
	var out []domain.PlanItem
	for _, it := range items {
		if it.InitiativeID == initiativeID {
			out = append(out, it)
		}
	}
	return out
}
