package importer_test

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/importer/xlsxtest"
)

// TestCheckXLSX: a workbook that unpacks to too many shared strings, rows or cells is refused
// from its zip alone, quickly and in little memory, with a Danish message; a real workbook and
// one just under the limits pass.
func TestCheckXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Titel")
	var base bytes.Buffer
	if err := f.Write(&base); err != nil {
		t.Fatal(err)
	}
	f.Close()
	bloat := func(part string, fill func(io.Writer) error) []byte {
		t.Helper()
		data, err := xlsxtest.WithPart(base.Bytes(), part, fill)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	tests := []struct {
		name string
		data []byte
		want string // part of the message; "" for a workbook that passes
	}{
		{"a real workbook", base.Bytes(), ""},
		{"60 MB of tiny shared strings", bloat("xl/sharedStrings.xml", xlsxtest.SharedStrings(60<<20/18)), "Regnearkets tekster fylder over 16 MB"},
		{"300 000 shared strings in 5 MB", bloat("xl/sharedStrings.xml", xlsxtest.SharedStrings(300_000)), "over 200 000 forskellige tekster"},
		{"190 000 shared strings", bloat("xl/sharedStrings.xml", xlsxtest.SharedStrings(190_000)), ""},
		{"250 000 rows (namespace prefix)", bloat("xl/worksheets/sheet1.xml", xlsxtest.Rows(250_000, 1)), "over 200 000 rækker"},
		{"rows in a part of another name", bloat("xl/ark/a.bin", xlsxtest.Rows(250_000, 1)), "over 200 000 rækker"},
		{"strings in a part of another name", bloat("xl/tekster.xml", xlsxtest.SharedStrings(300_000)), "over 200 000 forskellige tekster"},
		{"1 100 000 cells", bloat("xl/worksheets/sheet1.xml", xlsxtest.Rows(1100, 1000)), "1 000 000 celler"},
		{"150 000 rows of 5 cells", bloat("xl/worksheets/sheet1.xml", xlsxtest.Rows(150_000, 5)), ""},
		{"a text file", []byte("Titel;Beskrivelse\n"), "ikke et regneark i Excel-format"},
		{"a broken zip", []byte("PK\x03\x04 and nothing else"), "den er beskadiget"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			got := importer.CheckXLSX(tt.data)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("CheckXLSX = %q, want %q", got, tt.want)
			}
			if took > 2*time.Second {
				t.Errorf("took %v, want under 2 s", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
				t.Errorf("allocated %d kB, want under 4 MB", alloc>>10)
			}
		})
	}
}
