package server

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
)

// csvFile builds a CSV file for Danish Excel: UTF-8 with a byte order mark (without it Excel
// reads æøå as Windows-1252), semicolons between fields (Danish Excel's list separator, as the
// comma is the decimal mark) and CRLF line ends. It is the one CSV writer of Sporbar's
// downloads, and every cell it writes, the header row's included (an organisation's labels
// are typed by its admin), goes through csvText.
type csvFile struct {
	buf bytes.Buffer
	w   *csv.Writer
}

// newCSVFile starts an empty file.
func newCSVFile() *csvFile {
	f := &csvFile{}
	f.buf.WriteString("\uFEFF")
	f.w = csv.NewWriter(&f.buf)
	f.w.Comma, f.w.UseCRLF = ';', true
	return f
}

// Row writes one row, each cell guarded by csvText.
func (f *csvFile) Row(cells []string) error {
	rec := make([]string, len(cells))
	for i, c := range cells {
		rec[i] = csvText(c)
	}
	return f.w.Write(rec)
}

// Bytes ends the file and returns it.
func (f *csvFile) Bytes() ([]byte, error) {
	f.w.Flush()
	return f.buf.Bytes(), f.w.Error()
}

// csvText keeps a cell from being read as a formula when the file is opened in a spreadsheet
// (CSV injection): text starting with =, +, -, @, tab or carriage return gets a leading
// apostrophe, except a plain negative number ("-5,2", which no spreadsheet runs). Titles and
// labels are typed by users; the XLSX needs no such care, as it stores them as text.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !negativeNumber.MatchString(s) {
		return "'" + s
	}
	return s
}

// negativeNumber is a number as Sporbar writes it, with a minus: digits, a decimal comma or point.
var negativeNumber = regexp.MustCompile(`^-[0-9]+(?:[.,][0-9]+)?$`)
