package server_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
)

// uploadSheet POSTs data as the file "fil" of a multipart form (following redirects) and
// parses the answer.
func (ts *testServer) uploadSheet(t *testing.T, path, name string, data []byte) (int, *goquery.Document) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("fil", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	mw.Close()
	return ts.postBody(t, path, &body, "Content-Type", mw.FormDataContentType())
}

// download GETs a workbook and opens it.
func (ts *testServer) download(t *testing.T, path string) *excelize.File {
	t.Helper()
	resp, body := ts.fetch(t, path)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("GET %s: status %d, %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: not a workbook: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// workbook returns f's bytes.
func workbook(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rowOf finds the row whose cell in column col holds value, as a person scanning the sheet would.
func rowOf(t *testing.T, f *excelize.File, sheet, col, value string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	i, _ := excelize.ColumnNameToNumber(col)
	for n, r := range rows {
		if len(r) >= i && r[i-1] == value {
			return itoa(int64(n + 1))
		}
	}
	t.Fatalf("%s: no row with %q in column %s", sheet, value, col)
	return ""
}

// TestSpreadsheetExportEditImport is the "done when": an admin exports Ringkøbing-Skjern
// to XLSX, changes a row as a person would in a spreadsheet program, imports it, sees the change
// in the preview (nothing saved yet), confirms, and sees the change.
func TestSpreadsheetExportEditImport(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	const old = "At borgere i Ringkøbing-Skjern Kommune oplever gode muligheder for at have et fysisk sundt liv"
	const changed = "At borgerne har gode muligheder for et fysisk sundt liv"
	id := ts.id(t, `SELECT id FROM objectives WHERE title = $1`, old)

	f := ts.download(t, "/org/"+kommune+"/admin/skema.xlsx")
	if err := f.SetCellValue("Målsætninger", "D"+rowOf(t, f, "Målsætninger", "D", old), changed); err != nil {
		t.Fatal(err)
	}
	status, preview := ts.uploadSheet(t, "/org/"+kommune+"/admin/import", "skema.xlsx", workbook(t, f))
	if status != http.StatusOK {
		t.Fatalf("upload: status %d: %s", status, text(preview.Find("main")))
	}
	got := texts(preview.Find("table.sporbar-preview-changes tbody tr > *"))
	want := []string{"Målsætning: 3. " + changed, "Titel", old, changed}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the preview's changes (-want +got):\n%s", diff)
	}
	if n := preview.Find("#oprettes, #arkiveres").Length(); n != 0 {
		t.Errorf("the preview creates or archives something (%d lists)", n)
	}
	if got := ts.id(t, `SELECT count(*) FROM objectives WHERE id = $1 AND title = $2`, id, old); got != 1 {
		t.Fatal("the upload changed the objective before the confirmation")
	}

	token := preview.Find("input[name=token]").AttrOr("value", "")
	status, done := ts.post(t, "/org/"+kommune+"/admin/import/bekraeft", url.Values{"token": {token}})
	if status != http.StatusOK || !strings.Contains(text(done.Find(".alert-success")), "0 oprettet, 1 ændret og 0 arkiveret") {
		t.Fatalf("confirm: status %d, %q", status, text(done.Find("main")))
	}
	_, page := ts.open(t, "/maalsaetninger/"+itoa(id))
	if got := text(page.Find("h1")); got != "3. "+changed {
		t.Errorf("the objective's page shows %q", got)
	}
	if n := ts.auditCount(t, domain.AuditUpdate, "objective", id); n != 1 {
		t.Errorf("%d history rows for the change, want 1", n)
	}
	// The same token again changes nothing.
	_, again := ts.post(t, "/org/"+kommune+"/admin/import/bekraeft", url.Values{"token": {token}})
	if !strings.Contains(text(again.Find(".alert-success")), "udløbet eller allerede gemt") {
		t.Errorf("a second confirmation: %q", text(again.Find("main")))
	}
}

// TestEmptyTemplate: the empty samlet skema has every sheet with its header and the
// organisation's settings and units, and nothing else.
func TestEmptyTemplate(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	f := ts.download(t, "/org/"+kommune+"/admin/skema.xlsx?tom=1")
	want := []string{"Vejledning", "Organisation", "Enheder", "Politikker", "Målsætninger", "Mål", "Strategi og spor",
		"Generelle indsatser", "Lokale indsatser", "Handleplaner", "Begreber", "Indsatstrappen"}
	if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	for sheet, rows := range map[string]int{"Politikker": 1, "Mål": 1, "Begreber": 1, "Enheder": 8} {
		got, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != rows {
			t.Errorf("%s has %d rows, want %d", sheet, len(got), rows)
		}
	}
	if v, _ := f.GetCellValue("Organisation", "B2"); v != "Ringkøbing-Skjern Kommune" {
		t.Errorf("the organisation's name is %q", v)
	}
}

// readAll is io.ReadAll for tests.
func readAll(t *testing.T, r io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
