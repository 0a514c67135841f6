package server

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
)

func sheetDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// workbook builds an XLSX whose first sheet holds rows (a string starting with "=" becomes a
// formula; a time.Time a date with the format yyyy-mm-dd).
func workbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	format := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				err = f.SetCellFormula("Sheet1", cell, s[1:])
			} else {
				err = f.SetCellValue("Sheet1", cell, v)
			}
			if _, ok := v.(time.Time); ok && err == nil {
				err = f.SetCellStyle("Sheet1", cell, cell, dateStyle)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBomb is a valid workbook with an extra part that unpacks to 20 MB of zeros.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	src, err := zip.NewReader(bytes.NewReader(workbook(t, []any{"Dato", "Værdi"})), int64(len(workbook(t, []any{"Dato", "Værdi"}))))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range src.File {
		if err := w.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	part, err := w.Create("xl/media/nuller.bin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.Write(make([]byte, 20<<20)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseMeasurements(t *testing.T) {
	t.Parallel()
	today := sheetDay("2026-11-24")
	header := []any{"Dato", "Værdi", "Kommentar"}
	tests := []struct {
		name    string
		file    []byte
		want    []domain.Measurement
		fileErr string
		rowErrs []string
	}{
		{name: "csv as the export writes it", file: []byte("\uFEFFDato;Værdi;Kommentar\r\n2025-06-30;40;\r\n2025-03-31;36,5;'=ikke en formel\r\n"),
			want: []domain.Measurement{{AsOf: sheetDay("2025-03-31"), Value: 36.5, Comment: "=ikke en formel"}, {AsOf: sheetDay("2025-06-30"), Value: 40}}},
		{name: "csv in Windows-1252, as plain Danish Excel saves it", file: []byte("Dato;V\xe6rdi;Kommentar\r\n2025-03-31;3;M\xe5lt \x96 \x80\r\n"),
			want: []domain.Measurement{{AsOf: sheetDay("2025-03-31"), Value: 3, Comment: "Målt – €"}}},
		{name: "csv with commas and Danish dates", file: []byte("dato,værdi\n31-12-2024,\"33,25\"\n"),
			want: []domain.Measurement{{AsOf: sheetDay("2024-12-31"), Value: 33.25}}},
		{name: "xlsx with dates, numbers and text", file: workbook(t, header, []any{sheetDay("2024-12-31"), 33, "Årsopgørelse"},
			[]any{"2025-03-31", "36,5"}, []any{}, []any{sheetDay("2025-06-30"), 0.1 + 0.2}),
			want: []domain.Measurement{{AsOf: sheetDay("2024-12-31"), Value: 33, Comment: "Årsopgørelse"},
				{AsOf: sheetDay("2025-03-31"), Value: 36.5}, {AsOf: sheetDay("2025-06-30"), Value: 0.3}}},
		{name: "bad number", file: workbook(t, header, []any{"2025-03-31", 30}, []any{"2025-04-30", 31}, []any{"2025-05-31", "abc"}),
			rowErrs: []string{"Række 4, kolonne B: «abc» er ikke et tal."}},
		{name: "bad and missing dates", file: []byte("Dato;Værdi\n31/13/2025;4\n;5\n2027-01-01;6\n"),
			rowErrs: []string{"Række 2, kolonne A: «31/13/2025» er ikke en dato. Skriv datoen som åååå-mm-dd, fx 2025-03-31.",
				"Række 3, kolonne A: datoen mangler.", "Række 4, kolonne A: 2027-01-01 ligger i fremtiden."}},
		{name: "a number where the date goes", file: workbook(t, header, []any{45747, 3}),
			rowErrs: []string{"Række 2, kolonne A: «45747» er ikke en dato. Skriv datoen som åååå-mm-dd, fx 2025-03-31."}},
		{name: "duplicate date", file: workbook(t, header, []any{"2025-03-31", 30}, []any{"2025-06-30", 31}, []any{sheetDay("2025-03-31"), 32}),
			rowErrs: []string{"Række 4, kolonne A: datoen 2025-03-31 står også i række 2."}},
		{name: "too many decimals and no value", file: []byte("Dato;Værdi\n2025-03-31;1,23456\n2025-04-30;\n"),
			rowErrs: []string{"Række 2, kolonne B: «1,23456» har mere end fire decimaler.", "Række 3, kolonne B: værdien mangler."}},
		{name: "formula", file: workbook(t, header, []any{"2025-03-31", 30}, []any{"2025-06-30", "=B2*2"}),
			rowErrs: []string{"Række 3, kolonne B: cellen indeholder en formel (=B2*2). Skriv værdien i stedet."}},
		{name: "formula in csv", file: []byte("Dato;Værdi\n2025-03-31;=SUM(A1:A9)\n"),
			rowErrs: []string{"Række 2, kolonne B: cellen indeholder en formel (=SUM(A1:A9)). Skriv værdien i stedet."}},
		{name: "not a spreadsheet", file: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), fileErr: msgNotSheet},
		{name: "a zip that is no workbook", file: func() []byte {
			var buf bytes.Buffer
			w := zip.NewWriter(&buf)
			f, _ := w.Create("hej.txt")
			f.Write([]byte("hej"))
			w.Close()
			return buf.Bytes()
		}(), fileErr: msgNotSheet},
		{name: "a zip bomb", file: zipBomb(t), fileErr: msgUnzipLimit},
		{name: "huge", file: bytes.Repeat([]byte("Dato;Værdi\n"), maxImportBytes/10), fileErr: msgTooLarge},
		{name: "empty", file: nil, fileErr: msgEmptyFile},
		{name: "wrong header", file: []byte("Date;Value\n2025-03-31;3\n"), fileErr: msgHeader},
		{name: "header only", file: workbook(t, header), fileErr: msgNoRows},
		{name: "too many rows", file: []byte("Dato;Værdi\n" + strings.Repeat("2025-03-31;1\n", maxImportRows+1)), fileErr: msgTooManyRows},
	}
	for _, tt := range tests {
		rows, fileErr, rowErrs := parseMeasurements(tt.file, today)
		if fileErr != tt.fileErr {
			t.Errorf("%s: file error %q, want %q", tt.name, fileErr, tt.fileErr)
		}
		if diff := cmp.Diff(tt.rowErrs, rowErrs, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: row errors (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.want, rows, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: rows (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestMeasurementsRoundTrip checks that what the export writes, the import reads back.
func TestMeasurementsRoundTrip(t *testing.T) {
	t.Parallel()
	ms := []domain.Measurement{{AsOf: sheetDay("2024-03-31"), Value: 24.25, Comment: "Første; med «citat»"},
		{AsOf: sheetDay("2024-06-30"), Value: -3, Comment: "=ikke en formel"}, {AsOf: sheetDay("2024-09-30"), Value: 30}}
	for name, write := range map[string]func([]domain.Measurement) ([]byte, error){"xlsx": measurementsXLSX, "csv": measurementsCSV} {
		data, err := write(ms)
		if err != nil {
			t.Fatal(err)
		}
		got, fileErr, rowErrs := parseMeasurements(data, sheetDay("2026-01-01"))
		if fileErr != "" || len(rowErrs) > 0 {
			t.Errorf("%s: %q %q", name, fileErr, rowErrs)
		}
		if diff := cmp.Diff(ms, got); diff != "" {
			t.Errorf("%s: read back (-want +got):\n%s", name, diff)
		}
	}
}

func TestParseNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
		why  int
	}{
		{"42", 42, numberOK}, {"42,5", 42.5, numberOK}, {"-0.25", -0.25, numberOK}, {" 1 234,5 ", 1234.5, numberOK},
		{"−3", -3, numberOK}, {"1,23456", 0, numberTooPrecise}, {"abc", 0, numberNotANumber}, {"1.234,5", 0, numberNotANumber},
		{"1e5", 0, numberNotANumber}, {"", 0, numberNotANumber}, {"NaN", 0, numberNotANumber}, {"+5", 0, numberNotANumber},
		{"1234567890123", 0, numberNotANumber},
	}
	for _, tt := range tests {
		got, why := parseNumber(tt.in)
		if got != tt.want || why != tt.why {
			t.Errorf("parseNumber(%q) = %v, %d; want %v, %d", tt.in, got, why, tt.want, tt.why)
		}
	}
}
