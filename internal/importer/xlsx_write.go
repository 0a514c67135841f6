package importer

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes doc as a samlet skema: a guide, the organisation, and one sheet per level
// with a header row and an item per row, its ID in the hidden first column and its choices as
// drop-down lists. ReadXLSX reads the file back into the same document.
func WriteXLSX(w io.Writer, doc Document) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &sheetWriter{f: f}
	x.guide(doc)
	x.organisation(doc.Organisation)
	rows := sheetRows(doc)
	for _, spec := range hierarchySheets {
		x.table(spec, rows[spec.name])
	}
	if x.err != nil {
		return fmt.Errorf("write xlsx: %w", x.err)
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// sheetWriter writes sheets and keeps the first error.
type sheetWriter struct {
	f   *excelize.File
	err error
}

func (x *sheetWriter) do(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

func (x *sheetWriter) newSheet(name string) {
	if x.f.SheetCount == 1 && x.f.GetSheetName(0) == "Sheet1" {
		x.do(x.f.SetSheetName("Sheet1", name))
		return
	}
	_, err := x.f.NewSheet(name)
	x.do(err)
}

func (x *sheetWriter) header(sheet string, heads []string) {
	style, err := x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#dce6f0"}}})
	x.do(err)
	row := make([]any, len(heads))
	for i, h := range heads {
		row[i] = h
	}
	x.do(x.f.SetSheetRow(sheet, "A1", &row))
	end, _ := excelize.CoordinatesToCellName(len(heads), 1)
	x.do(x.f.SetCellStyle(sheet, "A1", end, style))
	x.do(x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// table writes a level's sheet: header, rows, widths, the hidden ID column and drop-down lists.
func (x *sheetWriter) table(spec sheetSpec, rows [][]any) {
	x.newSheet(spec.name)
	heads := make([]string, len(spec.columns))
	for i, c := range spec.columns {
		heads[i] = c.head
	}
	x.header(spec.name, heads)
	wrap, err := x.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	x.do(err)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		x.do(x.f.SetSheetRow(spec.name, cell, &r))
	}
	for i, c := range spec.columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if c.head == colID {
			x.do(x.f.SetColVisible(spec.name, col, false))
			continue
		}
		x.do(x.f.SetColWidth(spec.name, col, col, c.width))
		x.do(x.f.SetColStyle(spec.name, col, wrap))
		if len(c.values) > 0 {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, MaxRows+1)
			x.do(dv.SetDropList(c.values))
			dv.SetError(excelize.DataValidationErrorStyleStop, "Ugyldig værdi", "Vælg en af værdierne på listen.")
			x.do(x.f.AddDataValidation(spec.name, dv))
		}
	}
}

func (x *sheetWriter) organisation(o Organisation) {
	x.newSheet(SheetOrganisation)
	x.header(SheetOrganisation, []string{colField, colValue})
	l := o.Labels.withDefaults()
	values := []string{o.Name, choiceText(orgKinds, orgKindCodes, o.Kind), o.Vision, o.VisionDescription,
		l.LabelTrack, l.LabelTracks, l.LabelGeneral, l.LabelGenerals, l.LabelLocal, l.LabelLocals,
		l.LabelActionPlan, l.LabelActionPlans}
	for i, field := range organisationFields {
		x.do(x.f.SetSheetRow(SheetOrganisation, fmt.Sprintf("A%d", i+2), &[]any{field, values[i]}))
	}
	x.do(x.f.SetColWidth(SheetOrganisation, "A", "A", 36))
	x.do(x.f.SetColWidth(SheetOrganisation, "B", "B", 90))
	dv := excelize.NewDataValidation(false)
	dv.Sqref = "B3"
	x.do(dv.SetDropList(orgKinds))
	x.do(x.f.AddDataValidation(SheetOrganisation, dv))
}

// guide writes the first sheet: what the workbook is and how to fill it in.
func (x *sheetWriter) guide(doc Document) {
	x.newSheet(SheetGuide)
	l := doc.Organisation.Labels.withDefaults()
	lines := []string{
		"Samlet skema – " + doc.Organisation.Name,
		"",
		"Skemaet rummer organisationens politikker, målsætninger og mål, strategier med " + l.LabelTracks + ", " +
			l.LabelGenerals + ", " + l.LabelLocals + " og " + l.LabelActionPlans + ", begreber og Indsatstrappen – ét ark pr. niveau.",
		"Hver række er ét punkt. Rækkerne henviser til hinanden ved navn og nummer: en målsætning nævner sin politik, et mål sin politik og målsætningens nr.",
		"Kolonnen «Spor» på arket Mål rummer numrene på de " + l.LabelTracks + ", der realiserer målet, fx «1, 4», i den strategi politikken nævner.",
		"På arket «Strategi og spor» er en række uden spor nr. selve strategien; rækker med spor nr. er dens " + l.LabelTracks + ".",
		"Den skjulte kolonne A (ID) fortæller Sporbar, hvilket punkt en række er. Lad den stå; nye rækker har ingen ID.",
		"En række, der slettes, bliver arkiveret ved importen: den forsvinder fra de aktuelle visninger, men bevares i historikken og i aftalerne.",
		"Skriv værdier, ikke formler. Hvert ark må have højst " + fmt.Sprint(MaxRows) + " rækker.",
		"Når skemaet uploades, vises først, hvad der oprettes, ændres og arkiveres, og hvilke fejl der er. Intet gemmes, før du bekræfter.",
	}
	for i, line := range lines {
		x.do(x.f.SetCellValue(SheetGuide, fmt.Sprintf("A%d", i+1), line))
	}
	bold, err := x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	x.do(err)
	x.do(x.f.SetCellStyle(SheetGuide, "A1", "A1", bold))
	x.do(x.f.SetColWidth(SheetGuide, "A", "A", 140))
}
