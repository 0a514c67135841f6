package importer

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
)

// Status by spreadsheet: a leader's items (initiatives and action plans) with their current
// phase, health and progress and an empty comment column, to fill in and upload. The hidden
// first column names each item ("I12" an initiative, "H7" an action plan).

// SheetStatus is the status workbook's sheet.
const SheetStatus = "Status"

// Status columns.
const (
	colWhat     = "Hvad"
	colPhase    = "Fase"
	colHealth   = "Helbred"
	colProgress = "Fremdrift (%)"
	colComment  = "Kommentar"
	colAsOf     = "Dato"
)

var statusColumns = []column{{head: colID}, {head: colWhat, width: 12}, {head: colArea, width: 28},
	{head: colNumber, width: 8}, {head: colTitle, width: 60}, {head: colPhase, width: 22, values: phaseLabels()},
	{head: colHealth, width: 14, values: healthLabels()}, {head: colProgress, width: 12},
	{head: colComment, width: 60}, {head: colAsOf, width: 12}}

func phaseLabels() []string {
	var out []string
	for _, p := range domain.AllPhases() {
		out = append(out, domain.PhaseLabel(p))
	}
	return out
}

func healthLabels() []string {
	var out []string
	for _, h := range domain.AllHealths() {
		out = append(out, domain.HealthLabel(h))
	}
	return out
}

// StatusRow is one item of a status workbook: what it is, and its status as written.
type StatusRow struct {
	Key      string // "I12" or "H7"
	Kind     string // "Indsats" or "Handleplan" (shown only)
	Unit     string // the område (shown only)
	Number   string // a general initiative's "2.3" or a plan's code (shown only)
	Title    string
	Phase    string // a domain phase
	Health   string // a domain health, "" for none
	Progress int16
	Comment  string
	AsOf     *time.Time // nil: the day of the import
	Row      int        // the row in the sheet (read rows only)
}

// WriteStatusXLSX writes the rows as a status workbook, with the phase and health as drop-down
// lists and the comment and date columns empty.
func WriteStatusXLSX(w io.Writer, title string, rows []StatusRow) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &sheetWriter{f: f}
	cells := make([][]any, len(rows))
	for i, r := range rows {
		health := ""
		if r.Health != "" {
			health = domain.HealthLabel(r.Health)
		}
		cells[i] = []any{r.Key, r.Kind, r.Unit, r.Number, r.Title, domain.PhaseLabel(r.Phase), health, r.Progress}
	}
	x.table(sheetSpec{name: SheetStatus, columns: statusColumns}, cells)
	x.do(f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "Sporbar"}))
	if x.err != nil {
		return fmt.Errorf("write status xlsx: %w", x.err)
	}
	_, err := f.WriteTo(w)
	return err
}

// ReadStatusXLSX reads an uploaded status workbook, as safely as ReadXLSX: each row's phase,
// health, progress, comment and date are checked, and every problem is returned with its row
// and column (a *SheetError). today is the latest date a status may speak for.
func ReadStatusXLSX(data []byte, today time.Time) ([]StatusRow, error) {
	f, problems := OpenXLSX(data)
	if f == nil {
		return nil, &SheetError{Problems: problems}
	}
	defer f.Close()
	heads := []string{colID, colPhase, colHealth, colProgress, colComment}
	t := readTable(f, SheetStatus, heads, &problems)
	var rows []StatusRow
	if t != nil {
		for _, r := range t.rows {
			rows = append(rows, statusRow(r, today))
		}
	}
	if len(problems) > 0 {
		return nil, &SheetError{Problems: problems}
	}
	return rows, nil
}

func statusRow(r record, today time.Time) StatusRow {
	s := StatusRow{Key: strings.ToUpper(r.get(colID)), Title: r.get(colTitle), Row: r.row}
	if s.Key == "" || (s.Key[0] != 'I' && s.Key[0] != 'H') {
		r.add(colID, "Rækken mangler sit skjulte ID (kolonne A). Hent et nyt skema, og skriv status i det.")
	}
	s.Phase = r.choice(colPhase, phaseLabels(), domain.AllPhases(), "")
	if r.get(colPhase) == "" {
		r.add(colPhase, "Vælg en fase fra listen.")
	}
	s.Health = r.choice(colHealth, healthLabels(), domain.AllHealths(), "")
	if p := r.number(colProgress, 0, true); p > 100 {
		r.add(colProgress, "Fremdriften skal være et helt tal fra 0 til 100.")
	} else {
		s.Progress = int16(p)
	}
	s.Comment = r.text(colComment, 4000, false)
	if d := r.get(colAsOf); d != "" {
		s.AsOf = statusDate(r, d, today)
	}
	if s.Health == domain.HealthCritical && s.Comment == "" && r.get(colHealth) != "" {
		r.add(colComment, "Skriv i kommentaren, hvorfor "+lowerKind(r.get(colWhat))+" er kritisk.")
	}
	if !utf8.ValidString(s.Title) {
		s.Title = ""
	}
	return s
}

func lowerKind(kind string) string {
	if strings.EqualFold(kind, "Handleplan") {
		return "handleplanen"
	}
	return "indsatsen"
}

// statusDate reads the date a status speaks for: a date cell (a serial number) or
// åååå-mm-dd / dd-mm-åååå text; it may not lie in the future.
func statusDate(r record, s string, today time.Time) *time.Time {
	var d time.Time
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			r.add(colAsOf, "Datoen kan ikke læses.")
			return nil
		}
		d = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	} else if t, err := time.Parse(time.DateOnly, s); err == nil {
		d = t
	} else if t, err := time.Parse("02-01-2006", strings.ReplaceAll(strings.ReplaceAll(s, ".", "-"), "/", "-")); err == nil {
		d = t
	} else {
		r.add(colAsOf, "Skriv datoen som åååå-mm-dd, fx "+today.Format(time.DateOnly)+".")
		return nil
	}
	switch {
	case d.After(today):
		r.add(colAsOf, "En status kan ikke gælde for en dato i fremtiden.")
		return nil
	case d.Year() < 2000:
		r.add(colAsOf, "Datoen ligger for langt tilbage.")
		return nil
	}
	return &d
}
