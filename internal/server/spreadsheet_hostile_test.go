package server_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
)

// zipBomb is a workbook with an extra part that unpacks to far more than any samlet skema: a
// sheet of huge repeated content, a few hundred kilobytes packed.
func zipBomb(t *testing.T, good []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		rc, _ := f.Open()
		w.Write(readAll(t, rc))
		rc.Close()
	}
	w, err := zw.Create("xl/worksheets/sheet99.xml")
	if err != nil {
		t.Fatal(err)
	}
	row := []byte(strings.Repeat(`<row><c t="inlineStr"><is><t>bombe</t></is></c></row>`, 1000))
	for range 2000 { // about 100 MB unpacked
		w.Write(row)
	}
	zw.Close()
	return buf.Bytes()
}

// manyRows is a workbook whose Begreber sheet has 100 000 rows.
func manyRows(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Begreber"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Begreber")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"ID", "Navn", "Beskrivelse", "Mere info", "Links"})
	for i := 2; i <= 100001; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{nil, "Begreb " + itoa(int64(i))})
	}
	sw.Flush()
	return workbook(t, f)
}

// problemRows are the rows of the page's table of problems: sheet, row, column, message.
func problemRows(doc *goquery.Document) [][]string {
	var out [][]string
	doc.Find("table.sporbar-problems tbody tr").Each(func(_ int, tr *goquery.Selection) {
		out = append(out, texts(tr.Find("td")))
	})
	return out
}

// TestHostileSpreadsheets: a file that is not a workbook, a zip bomb, 100 000 rows, a formula and
// wrong values are each refused within seconds with a message that says what is wrong, and
// nothing is saved or kept.
func TestHostileSpreadsheets(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	export := ts.download(t, "/org/"+kommune+"/admin/skema.xlsx")
	good := workbook(t, export)
	edited := func(edit func(f *excelize.File)) []byte {
		f, err := excelize.OpenReader(bytes.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		edit(f)
		return workbook(t, f)
	}
	tests := []struct {
		name string
		data []byte
		want string // a message the page lists
	}{
		{"a text file", []byte("Dette er ikke et regneark.\n"), "Filen er ikke et regneark i Excel-format (.xlsx)"},
		{"a zip bomb", zipBomb(t, good), "Filen fylder over 64 MB, når den pakkes ud"},
		{"100 000 rows", manyRows(t), "Arket har mere end 5000 rækker"},
		{"a formula", edited(func(f *excelize.File) { f.SetCellFormula("Målsætninger", "C3", "1+1") }),
			"Celle C3 indeholder en formel. Skriv værdien i stedet."},
		{"a word for a number", edited(func(f *excelize.File) { f.SetCellValue("Målsætninger", "C3", "to") }),
			"«to» er ikke et helt tal."},
		{"a zip that is no workbook", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("hej.txt")
			w.Write([]byte("hej"))
			zw.Close()
			return buf.Bytes()
		}(), "Filen kan ikke læses som et regneark (.xlsx)."},
	}
	audit := ts.id(t, `SELECT count(*) FROM audit_log`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			status, doc := ts.uploadSheet(t, "/org/"+kommune+"/admin/import", "fil.xlsx", tt.data)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v, want a few seconds at most", d)
			}
			if status != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", status)
			}
			// A problem of the file as a whole stands beside the file field, others in the table.
			if got := text(doc.Find("table.sporbar-problems, #fil-error")); !strings.Contains(got, tt.want) {
				t.Errorf("problems %q do not say %q", got, tt.want)
			}
		})
	}
	if n := ts.id(t, `SELECT count(*) FROM audit_log`); n != audit {
		t.Errorf("the uploads wrote %d history rows, want none", n-audit)
	}
	if n := ts.id(t, `SELECT count(*) FROM import_previews`); n != 0 {
		t.Errorf("%d refused uploads are kept, want none", n)
	}
}

// TestSpreadsheetProblemsByCell: every mistake is listed by sheet, row and column in Danish: a
// missing parent, an unknown track number, a duplicate code, a too long text.
func TestSpreadsheetProblemsByCell(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(region, domain.RoleAdmin))
	f := ts.download(t, "/org/"+region+"/admin/skema.xlsx")
	plan := rowOf(t, f, "Handleplaner", "G", "1-B")
	f.SetCellValue("Handleplaner", "G"+plan, "1-A")                              // a duplicate code
	f.SetCellValue("Generelle indsatser", "E2", strings.Repeat("x", 1001))       // too long
	f.SetCellValue("Generelle indsatser", "C4", 9)                               // no track 9
	f.SetSheetRow("Lokale indsatser", "A2", &[]any{nil, "Social Strategi", 1, 1, // an unknown unit
		"Specialområde Ukendt", nil, "Lokal indsats"})
	status, doc := ts.uploadSheet(t, "/org/"+region+"/admin/import", "skema.xlsx", workbook(t, f))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", status)
	}
	want := [][]string{
		{"Generelle indsatser", "2", "E (Titel)", "Teksten er for lang: 1001 tegn, højst 1000."},
		{"Generelle indsatser", "4", "C (Spor nr.)", "Spor 9 findes ikke i strategien «Social Strategi»."},
		{"Lokale indsatser", "2", "E (Område)", "Enheden «Specialområde Ukendt» findes ikke på arket Enheder."},
		{"Handleplaner", plan, "G (Kode)", "Koden «1-A» står to gange."},
	}
	if diff := cmp.Diff(want, problemRows(doc)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
