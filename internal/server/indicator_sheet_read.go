package server

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/importer"
)

// Reading an uploaded spreadsheet into cells (indicator_sheet.go reads the cells): the first
// sheet of a workbook, or a CSV file.

// readXLSX reads the first sheet of a workbook that importer.CheckXLSX lets through, with the
// size of what it unpacks limited further (an indicator's file is small).
func readXLSX(data []byte) ([][]sheetCell, string) {
	if msg := importer.CheckXLSX(data); msg != "" {
		return nil, msg
	}
	f, err := excelize.OpenReader(bytes.NewReader(data),
		excelize.Options{UnzipSizeLimit: maxUnzipBytes, UnzipXMLSizeLimit: maxUnzipBytes})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, msgUnzipLimit
		}
		return nil, msgNotSheet
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, msgNotSheet
	}
	sheet := sheets[0]
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, msgNotSheet
	}
	if len(raw) > maxImportRows+100 {
		return nil, msgTooManyRows
	}
	out := make([][]sheetCell, len(raw))
	for r, row := range raw {
		for col := range min(len(row), 3) {
			name, _ := excelize.CoordinatesToCellName(col+1, r+1)
			c := sheetCell{Text: row[col]}
			c.Formula, _ = f.GetCellFormula(sheet, name)
			if typ, _ := f.GetCellType(sheet, name); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
				if n, err := strconv.ParseFloat(strings.TrimSpace(row[col]), 64); err == nil && !math.IsInf(n, 0) && !math.IsNaN(n) {
					c.Number, c.Date = &n, dateStyle(f, sheet, name)
				}
			}
			out[r] = append(out[r], c)
		}
	}
	return out, ""
}

// dateStyle reports whether the cell's number format shows a date.
func dateStyle(f *excelize.File, sheet, cell string) bool {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.CustomNumFmt != nil {
		code := strings.ToLower(*st.CustomNumFmt)
		return strings.Contains(code, "yy") || strings.Contains(code, "d")
	}
	n := st.NumFmt
	return (n >= 14 && n <= 17) || n == 22 || (n >= 27 && n <= 36) || (n >= 50 && n <= 58)
}

// readCSV reads a CSV file in UTF-8 (with or without a byte order mark) or, failing that, in
// Windows-1252 (Danish Excel's plain "CSV"), its fields separated by semicolons (as Danish
// Excel writes them), commas or tabs, as told by the header line. A field that starts with "="
// is a formula. A file with NUL bytes is no text.
func readCSV(data []byte) ([][]sheetCell, string) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, msgNotSheet
	}
	if !utf8.Valid(data) {
		data = fromWindows1252(data)
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	switch {
	case bytes.ContainsRune(header, ';'):
		r.Comma = ';'
	case bytes.ContainsRune(header, '\t'):
		r.Comma = '\t'
	}
	records, err := r.ReadAll()
	if err != nil && !errors.Is(err, csv.ErrFieldCount) {
		return nil, msgNotSheet
	}
	if len(records) > maxImportRows+100 {
		return nil, msgTooManyRows
	}
	out := make([][]sheetCell, len(records))
	for i, rec := range records {
		for _, field := range rec[:min(len(rec), 3)] {
			c := sheetCell{Text: field}
			if f, ok := strings.CutPrefix(strings.TrimSpace(field), "="); ok {
				c.Formula = f
			}
			out[i] = append(out[i], c)
		}
	}
	return out, ""
}

// windows1252 are the characters of bytes 0x80–0x9F in Windows-1252 (0 where it has none); the
// bytes from 0xA0 are the Unicode characters of the same number.
var windows1252 = [32]rune{'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ'}

// fromWindows1252 converts text in Windows-1252 to UTF-8 (undefined bytes become U+FFFD).
func fromWindows1252(data []byte) []byte {
	out := make([]rune, 0, len(data))
	for _, b := range data {
		switch {
		case b < 0x80 || b >= 0xA0:
			out = append(out, rune(b))
		case windows1252[b-0x80] != 0:
			out = append(out, windows1252[b-0x80])
		default:
			out = append(out, utf8.RuneError)
		}
	}
	return []byte(string(out))
}
