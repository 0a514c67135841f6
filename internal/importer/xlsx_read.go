package importer

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Reading an uploaded workbook safely: the file must be a zip that unpacks to a modest size, a
// sheet may have at most MaxRows rows, cells are read as values (a formula is refused), and
// every value is checked for its type and length. All problems are collected, each with its
// sheet, row and column.

// maxText is the most characters in a description.
const maxText = 10000

// OpenXLSX opens an uploaded workbook that CheckXLSX lets through. The problems say, in Danish,
// why it cannot be read: not a workbook, or too large unpacked (a zip bomb, too many strings,
// rows or cells). Close the file after use (it may have temporary files).
func OpenXLSX(data []byte) (*excelize.File, []Problem) {
	if msg := CheckXLSX(data); msg != "" {
		return nil, []Problem{{Message: msg}}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped,
		UnzipXMLSizeLimit: maxXMLInMemory})
	if err != nil {
		return nil, []Problem{{Message: "Filen kan ikke læses som et regneark (.xlsx)."}}
	}
	return f, nil
}

// table is a sheet's header and data rows.
type table struct {
	sheet   string
	columns map[string]int // header (lower case) → 0-based column index
	heads   map[int]string // 0-based column index → header as written
	rows    []record
}

// record is one data row of a sheet; its checks add to problems.
type record struct {
	t        *table
	row      int // the row's number in the sheet (the header is 1)
	cells    []string
	problems *[]Problem
}

// readTable reads the named sheet (nil when it is missing, with a problem): the header row,
// which must have every header in heads, and the rows below it that are not blank. A sheet with
// more than MaxRows rows, or a formula in one of the columns, is a problem.
func readTable(f *excelize.File, name string, heads []string, problems *[]Problem) *table {
	sheetName := ""
	for _, s := range f.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			sheetName = s
		}
	}
	if sheetName == "" {
		*problems = append(*problems, Problem{Sheet: name, Message: "Arket mangler i filen."})
		return nil
	}
	rows, err := f.Rows(sheetName)
	if err != nil {
		*problems = append(*problems, Problem{Sheet: name, Message: "Arket kan ikke læses."})
		return nil
	}
	defer rows.Close()
	t := &table{sheet: name, columns: map[string]int{}, heads: map[int]string{}}
	n := 0
	for rows.Next() {
		n++
		if n > MaxRows+1 {
			*problems = append(*problems, Problem{Sheet: name,
				Message: fmt.Sprintf("Arket har mere end %d rækker. Del indholdet op, eller slet tomme rækker nederst.", MaxRows)})
			return nil
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			*problems = append(*problems, Problem{Sheet: name, Row: n, Message: "Rækken kan ikke læses."})
			continue
		}
		if n == 1 {
			for i, c := range cells {
				if h := strings.TrimSpace(c); h != "" {
					t.columns[strings.ToLower(h)], t.heads[i] = i, h
				}
			}
			continue
		}
		if blank(cells) {
			continue
		}
		t.rows = append(t.rows, record{t: t, row: n, cells: cells, problems: problems})
	}
	missing := false
	for _, h := range heads {
		if _, ok := t.columns[strings.ToLower(h)]; !ok {
			*problems = append(*problems, Problem{Sheet: name, Row: 1, Message: fmt.Sprintf("Kolonnen «%s» mangler i første række.", h)})
			missing = true
		}
	}
	if missing {
		return nil
	}
	t.checkFormulas(f, sheetName)
	return t
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// checkFormulas refuses every formula in the table's columns: Sporbar reads what a cell holds,
// never what it computes.
func (t *table) checkFormulas(f *excelize.File, sheet string) {
	for _, r := range t.rows {
		width := len(r.cells)
		for i := range t.heads {
			width = max(width, i+1)
		}
		for i := range width {
			cell, _ := excelize.CoordinatesToCellName(i+1, r.row)
			if formula, err := f.GetCellFormula(sheet, cell); err == nil && formula != "" {
				r.addAt(i, t.heads[i], fmt.Sprintf("Celle %s indeholder en formel. Skriv værdien i stedet.", cell))
			}
		}
	}
}

// get returns the trimmed text of the row's cell in the column with header ("" when absent),
// with line breaks as "\n".
func (r record) get(head string) string {
	i, ok := r.t.columns[strings.ToLower(head)]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(r.cells[i], "\r\n", "\n"), "\r", "\n"))
}

// add records a problem in the row's cell in the column with header.
func (r record) add(head, msg string) {
	r.addAt(r.t.columns[strings.ToLower(head)], head, msg)
}

func (r record) addAt(i int, head, msg string) {
	col, _ := excelize.ColumnNumberToName(i + 1)
	*r.problems = append(*r.problems, Problem{Sheet: r.t.sheet, Row: r.row, Column: col, Header: head, Message: msg})
}

// text reads a text cell: present when required, at most max characters.
func (r record) text(head string, max int, required bool) string {
	s := r.get(head)
	switch n := utf8.RuneCountInString(s); {
	case !utf8.ValidString(s):
		r.add(head, "Cellen indeholder ugyldige tegn.")
	case required && n == 0:
		r.add(head, fmt.Sprintf("«%s» skal udfyldes.", head))
	case n > max:
		r.add(head, fmt.Sprintf("Teksten er for lang: %d tegn, højst %d.", n, max))
	}
	return s
}

// number reads a whole number of at least min; blank is 0 (a problem when required).
func (r record) number(head string, min int, required bool) int {
	s := r.get(head)
	if s == "" {
		if required {
			r.add(head, fmt.Sprintf("«%s» skal udfyldes med et helt tal.", head))
		}
		return 0
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || f != float64(int(f)) {
		r.add(head, fmt.Sprintf("«%s» er ikke et helt tal.", short(s)))
		return 0
	}
	if int(f) < min || f > 1e9 {
		r.add(head, fmt.Sprintf("Tallet skal være mindst %d.", min))
		return 0
	}
	return int(f)
}

// choice reads a choice among values (case does not matter) and returns its code; blank is def.
func (r record) choice(head string, values, codes []string, def string) string {
	s := r.get(head)
	if s == "" {
		return def
	}
	code, ok := choiceValue(values, codes, s)
	if !ok {
		r.add(head, fmt.Sprintf("«%s» er ikke en af værdierne %s.", short(s), strings.Join(values, ", ")))
	}
	return code
}

// id reads the hidden ID column (0 when blank or not a number: the row is then a new item).
func (r record) id() int64 {
	id, err := strconv.ParseInt(r.get(colID), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}
