package server

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
)

// An indicator's measurements as a spreadsheet, both ways, in one layout: a header row with
// pages.ImportColumns (Dato, Værdi, Kommentar), then one measurement per row. Reading is a pure
// function of the file's bytes, so the tests can feed it anything: it returns Danish messages,
// never panics, and refuses hostile files (not a spreadsheet, too large, a zip bomb, formulas).

// The limits of an uploaded file.
const (
	maxImportBytes = 512 << 10 // the file itself
	maxImportRows  = 1000      // measurements
	maxUnzipBytes  = 16 << 20  // a workbook unpacked (a zip bomb is refused before it is)
	maxRowErrors   = 30        // messages shown; the rest are counted
)

// The messages about the file as a whole.
const (
	msgNoFile      = "Vælg en fil."
	msgEmptyFile   = "Filen er tom."
	msgTooLarge    = "Filen er for stor. Den må højst fylde 512 kB."
	msgNotSheet    = "Filen kan ikke læses som et regneark. Brug et XLSX-regneark eller en CSV-fil med semikolon eller komma mellem felterne."
	msgUnzipLimit  = "Regnearket fylder for meget, når det pakkes ud. Gem målingerne i et nyt regneark, og prøv igen."
	msgHeader      = "Første række skal være overskrifterne Dato, Værdi og Kommentar – som i indikatorens eget regneark."
	msgNoRows      = "Filen har ingen målinger under overskrifterne."
	msgTooManyRows = "Filen har mere end 1000 målinger. Del den op i flere filer."
)

// sheetCell is a cell as read: its text, the number a spreadsheet stored (when it stored one)
// and whether its number format is a date's, and the formula it holds ("" for none).
type sheetCell struct {
	Text    string
	Number  *float64
	Date    bool
	Formula string
}

// parseMeasurements reads an uploaded XLSX or CSV file (told apart by content, not by name):
// the measurements by date, or the message about the file as a whole (fileErr) or about its
// rows ("Række 4, kolonne B: «abc» er ikke et tal."). Dates may not lie after today, nor repeat.
func parseMeasurements(data []byte, today time.Time) (rows []domain.Measurement, fileErr string, rowErrs []string) {
	var cells [][]sheetCell
	switch {
	case len(data) == 0:
		return nil, msgEmptyFile, nil
	case len(data) > maxImportBytes:
		return nil, msgTooLarge, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		cells, fileErr = readXLSX(data)
	default:
		cells, fileErr = readCSV(data)
	}
	if fileErr != "" {
		return nil, fileErr, nil
	}
	for len(cells) > 0 && blankRow(cells[0]) {
		cells = cells[1:]
	}
	if len(cells) == 0 || !isHeader(cells[0]) {
		return nil, msgHeader, nil
	}
	seen := map[time.Time]int{}
	for i, row := range cells[1:] {
		if blankRow(row) {
			continue
		}
		if len(rows) == maxImportRows {
			return nil, msgTooManyRows, nil
		}
		m, errs := parseRow(row, i+2, today, seen)
		rowErrs = append(rowErrs, errs...)
		rows = append(rows, m)
	}
	if len(rows) == 0 && len(rowErrs) == 0 {
		return nil, msgNoRows, nil
	}
	if len(rowErrs) > maxRowErrors {
		rowErrs = append(rowErrs[:maxRowErrors], fmt.Sprintf("… og %d fejl mere.", len(rowErrs)-maxRowErrors))
	}
	if len(rowErrs) > 0 {
		return nil, "", rowErrs
	}
	slices.SortFunc(rows, func(a, b domain.Measurement) int { return a.AsOf.Compare(b.AsOf) })
	return rows, "", nil
}

// parseRow reads row number n (as the spreadsheet counts): date, value, comment.
func parseRow(row []sheetCell, n int, today time.Time, seen map[time.Time]int) (domain.Measurement, []string) {
	var m domain.Measurement
	var errs []string
	at := func(col int, msg string) {
		errs = append(errs, fmt.Sprintf("Række %d, kolonne %c: %s", n, 'A'+col, msg))
	}
	cell := func(i int) sheetCell {
		if i < len(row) {
			return row[i]
		}
		return sheetCell{}
	}
	for i := range 3 {
		if f := cell(i).Formula; f != "" {
			at(i, "cellen indeholder en formel (="+cellShort(f, 30)+"). Skriv værdien i stedet.")
		}
	}
	if len(errs) > 0 {
		return m, errs
	}
	if d, msg := cellDate(cell(0)); msg != "" {
		at(0, msg)
	} else if d.After(today) {
		at(0, d.Format(time.DateOnly)+" ligger i fremtiden.")
	} else if first, dup := seen[d]; dup {
		at(0, fmt.Sprintf("datoen %s står også i række %d.", d.Format(time.DateOnly), first))
	} else {
		seen[d], m.AsOf = n, d
	}
	if v, msg := cellNumber(cell(1)); msg != "" {
		at(1, msg)
	} else {
		m.Value = v
	}
	m.Comment = strings.TrimSpace(unescapeCSVText(cell(2).Text))
	switch {
	case badChars(m.Comment, true):
		at(2, "kommentaren indeholder ugyldige tegn.")
	case utf8.RuneCountInString(m.Comment) > maxComment:
		at(2, "kommentaren er længere end 1000 tegn.")
	}
	return m, errs
}

// cellDate reads a date cell: a date the spreadsheet stored (a number with a date format), or
// text as the forms take it (åååå-mm-dd, dd-mm-åååå).
func cellDate(c sheetCell) (time.Time, string) {
	s := strings.TrimSpace(c.Text)
	if c.Number != nil && c.Date {
		t, err := excelize.ExcelDateToTime(*c.Number, false)
		if err == nil && t.Year() >= minYear && t.Year() <= maxYear {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), ""
		}
	}
	if s == "" {
		return time.Time{}, "datoen mangler."
	}
	if _, d := dateField(url.Values{"d": {s}}, "d", "Datoen", domain.Errors{}); d != nil {
		return *d, ""
	}
	return time.Time{}, "«" + cellShort(s, 30) + "» er ikke en dato. Skriv datoen som åååå-mm-dd, fx 2025-03-31."
}

// cellNumber reads a value cell: a number the spreadsheet stored (rounded to four decimals), or
// text as the forms take it (a decimal comma or point).
func cellNumber(c sheetCell) (float64, string) {
	if c.Number != nil && !c.Date {
		return math.Round(*c.Number*1e4) / 1e4, ""
	}
	s := strings.TrimSpace(c.Text)
	if s == "" {
		return 0, "værdien mangler."
	}
	v, why := parseNumber(s)
	switch why {
	case numberNotANumber:
		return 0, "«" + cellShort(s, 30) + "» er ikke et tal."
	case numberTooPrecise:
		return 0, "«" + cellShort(s, 30) + "» har mere end fire decimaler."
	}
	return v, ""
}

func blankRow(row []sheetCell) bool {
	return !slices.ContainsFunc(row, func(c sheetCell) bool { return strings.TrimSpace(c.Text) != "" || c.Formula != "" })
}

// isHeader reports whether the row's first cells are Dato, Værdi (and Kommentar or nothing).
func isHeader(row []sheetCell) bool {
	var got []string
	for _, c := range row {
		got = append(got, strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c.Text, "\uFEFF"))))
	}
	for len(got) > 0 && got[len(got)-1] == "" {
		got = got[:len(got)-1]
	}
	want := []string{"dato", "værdi", "kommentar"}
	return len(got) >= 2 && len(got) <= 3 && slices.Equal(got, want[:len(got)]) || len(got) > 3 && slices.Equal(got[:3], want)
}

// cellShort cuts a cell's text to n characters for a message.
func cellShort(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// unescapeCSVText undoes csvText: a leading apostrophe before =, +, -, @, tab or CR goes.
func unescapeCSVText(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
