package server_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// pageTable is the header and rows of the table in the element sel of doc, as text.
func pageTable(doc *goquery.Document, sel string) [][]string {
	table := doc.Find(sel).First()
	out := [][]string{texts(table.Find("thead th"))}
	table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		out = append(out, texts(tr.Find("td")))
	})
	return out
}

// exportRow is the skema's row of local initiative A as the exports write it.
func exportRow(trackLabel, general string) []string {
	return []string{trackLabel, general, "Hjemmepleje og akutaflastning", titleA, "Under implementering", "Udfordret", "40",
		danishToday().Format(time.DateOnly), responsibleA, "", ""}
}

func TestExports(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := ts.addFollowUpData(t)
	base := "/org/" + kommune
	today := danishToday().Format(time.DateOnly)
	filter := "?omraade=" + itoa(d.hjemmepleje)

	// The page's own table (the skema as a list, with the same filter) is what both files hold.
	_, doc := ts.get(t, base+"/oversigt"+filter)
	page := pageTable(doc, "details table")
	wantHeader := []string{"Strategispor", "Generel indsats", "Område", "Lokal indsats", "Fase", "Helbred", "Fremdrift %",
		"Status pr.", "Ansvarlig", "Frist", "Markeringer"}
	if diff := cmp.Diff(wantHeader, page[0]); diff != "" {
		t.Fatalf("the page's header (-want +got):\n%s", diff)
	}
	var rowA []string
	for _, r := range page {
		if len(r) > 3 && r[3] == titleA {
			rowA = r
		}
	}
	if rowA == nil {
		t.Fatalf("A is not in the page's table: %q", page)
	}
	want := exportRow(rowA[0], rowA[1])

	t.Run("xlsx", func(t *testing.T) {
		resp, body := ts.fetch(t, base+"/oversigt.xlsx"+filter)
		checkDownload(t, resp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			`attachment; filename="samlet-skema-ringkobing-skjern-`+today+`.xlsx"`)
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); !cmp.Equal(got, []string{"Samlet skema"}) {
			t.Errorf("sheets %q", got)
		}
		rows, err := f.GetRows("Samlet skema")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantHeader, rows[0]); diff != "" {
			t.Errorf("header (-want +got):\n%s", diff)
		}
		if len(rows) != len(page) {
			t.Errorf("%d rows, the page has %d", len(rows), len(page))
		}
		found := false
		for i, r := range rows {
			if len(r) > 3 && r[3] == titleA {
				found = true
				if diff := cmp.Diff(strings.Join(want, "|"), strings.Join(pad(r, len(want)), "|")); diff != "" {
					t.Errorf("A's row (-want +got):\n%s", diff)
				}
				if typ, _ := f.GetCellType("Samlet skema", cell(7, i+1)); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("progress is stored as %v, want a number", typ)
				}
			}
		}
		if !found {
			t.Error("A's row is missing")
		}
		panes, err := f.GetPanes("Samlet skema")
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("panes %+v (%v), want the header row frozen", panes, err)
		}
		style, _ := f.GetCellStyle("Samlet skema", "A1")
		if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
			t.Errorf("the header is not bold: %+v %v", s, err)
		}
		if w, _ := f.GetColWidth("Samlet skema", "D"); w < 20 {
			t.Errorf("column D is %v wide, want it fitted to the titles", w)
		}
	})

	t.Run("csv", func(t *testing.T) {
		resp, body := ts.fetch(t, base+"/oversigt.csv"+filter)
		checkDownload(t, resp, "text/csv; charset=utf-8", `attachment; filename="samlet-skema-ringkobing-skjern-`+today+`.csv"`)
		rest, ok := bytes.CutPrefix(body, []byte("\xEF\xBB\xBF"))
		if !ok {
			t.Fatal("no UTF-8 byte order mark")
		}
		if !bytes.HasSuffix(rest, []byte("\r\n")) || bytes.Count(rest, []byte("\n")) != bytes.Count(rest, []byte("\r\n")) {
			t.Error("the lines do not end in CRLF")
		}
		r := csv.NewReader(bytes.NewReader(rest))
		r.Comma = ';'
		records, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// The page shows dates the Danish way and badges; compare the columns that are text on both.
		if len(records) != len(page) {
			t.Fatalf("%d records, the page has %d rows", len(records), len(page))
		}
		for i := range records {
			for _, col := range []int{0, 1, 2, 3, 4, 5, 6, 8} {
				if records[i][col] != page[i][col] {
					t.Errorf("row %d column %d: CSV %q, page %q", i, col, records[i][col], page[i][col])
				}
			}
		}
		joined := string(rest)
		for _, s := range []string{titleD, responsibleA} { // æ, ø, Æ and å
			if !strings.Contains(joined, s) {
				t.Errorf("%q is not intact in the CSV", s)
			}
		}
		if strings.Contains(joined, titleC) {
			t.Error("the område filter was not applied: Ældrecentre's initiative is in the CSV")
		}
	})

	t.Run("item list", func(t *testing.T) {
		resp, body := ts.fetch(t, base+"/indsatser.csv?helbred=kritisk")
		checkDownload(t, resp, "text/csv; charset=utf-8", `attachment; filename="indsatser-ringkobing-skjern-`+today+`.csv"`)
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))))
		r.Comma = ';'
		records, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != 2 || records[1][1] != "A-1 "+titlePlanLate || records[1][10] != "Overskredet" {
			t.Errorf("records %q, want the header and the late plan, flagged", records)
		}
		resp, body = ts.fetch(t, base+"/indsatser.xlsx?helbred=kritisk")
		checkDownload(t, resp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			`attachment; filename="indsatser-ringkobing-skjern-`+today+`.xlsx"`)
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows("Indsatser")
		if len(rows) != 2 || rows[1][1] != "A-1 "+titlePlanLate {
			t.Errorf("rows %q", rows)
		}
	})
}

// TestCSVFormula checks that a title a spreadsheet would run as a formula is written as text.
func TestCSVFormula(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.localInitiative(t, "Myndighed", `=HYPERLINK("http://example.com";"Klik")`)
	_, body := ts.fetch(t, "/org/"+kommune+"/indsatser.csv?fase=ikke_paabegyndt&omraade="+
		itoa(ts.id(t, `SELECT id FROM units WHERE name = 'Myndighed'`)))
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 || records[1][1] != `'=HYPERLINK("http://example.com";"Klik")` {
		t.Errorf("records %q, want the title with a leading apostrophe", records)
	}
}

func checkDownload(t *testing.T, resp *http.Response, contentType, disposition string) {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := resp.Header.Get("Content-Type"); got != contentType {
		t.Errorf("Content-Type %q, want %q", got, contentType)
	}
	if got := resp.Header.Get("Content-Disposition"); got != disposition {
		t.Errorf("Content-Disposition %q, want %q", got, disposition)
	}
}

// pad extends a spreadsheet row (which drops trailing empty cells) to n cells.
func pad(r []string, n int) []string {
	for len(r) < n {
		r = append(r, "")
	}
	return r
}

// cell is the name of the cell in column col and row row (both from 1).
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
