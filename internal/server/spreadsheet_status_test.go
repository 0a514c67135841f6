package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// addLocal creates a local initiative of the unit under the kommune's first general initiative
// (as the kommune's admin) and returns its id.
func (ts *testServer) addLocal(t *testing.T, unit, title string) int64 {
	t.Helper()
	ctx := context.Background()
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	parent := ts.id(t, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id WHERE s.title = $1 AND i.kind = 'general'`, kommuneStrategy)
	unitID := ts.id(t, `SELECT id FROM units WHERE name = $1`, unit)
	id, err := store.New(ts.db).AddLocalInitiative(ctx, admin, domain.Initiative{ParentID: &parent, UnitID: &unitID,
		Title: title, Weight: 1})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// sheetRows are a status workbook's rows below the header.
func sheetRows(t *testing.T, f *excelize.File) [][]string {
	t.Helper()
	rows, err := f.GetRows("Status")
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

// TestStatusBySpreadsheet: an områdeleder downloads their items, writes status in the workbook,
// previews and confirms; each changed row becomes a status update with its history row. A row
// of another område's item is refused by its name, and nothing is saved.
func TestStatusBySpreadsheet(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	own := ts.addLocal(t, "Hjemmepleje og akutaflastning", "Flere hverdagsrehabiliteringsforløb")
	other := ts.addLocal(t, "Myndighed", "Hurtigere visitation")
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	plan, err := store.New(ts.db).AddActionPlan(context.Background(), admin,
		domain.ActionPlan{InitiativeID: own, Code: "A", Title: "Kursus for alle terapeuter"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	leader := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	ts.signInAs(t, leader)

	f := ts.download(t, "/org/"+kommune+"/status.xlsx")
	var got [][]string
	for _, r := range sheetRows(t, f) {
		got = append(got, []string{r[0], r[4], r[5]})
	}
	want := [][]string{{"I" + itoa(own), "Flere hverdagsrehabiliteringsforløb", "Ikke påbegyndt"},
		{"H" + itoa(plan), "Kursus for alle terapeuter", "Ikke påbegyndt"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("the leader's items (-want +got):\n%s", diff)
	}
	f.SetSheetRow("Status", "F2", &[]any{"Under implementering", "Udfordret", 40, "Vi mangler personale"})

	status, preview := ts.uploadSheet(t, "/org/"+kommune+"/status/import", "status.xlsx", workbook(t, f))
	if status != http.StatusOK {
		t.Fatalf("upload: status %d: %s", status, text(preview.Find("main")))
	}
	rows := texts(preview.Find("table.sporbar-preview-changes tbody tr > *"))
	if len(rows) > 4 && rows[1] == "Dato" && rows[2] == "–" {
		rows = append(rows[:1], rows[4:]...) // the date is today's
	}
	wantRows := []string{"Lokal indsats: Flere hverdagsrehabiliteringsforløb",
		"Fase", "Ikke påbegyndt", "Under implementering", "Fremdrift", "0 %", "40 %",
		"Helbred", "Ingen status", "Udfordret", "Kommentar", "–", "Vi mangler personale"}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("the preview (-want +got):\n%s", diff)
	}
	if n := ts.id(t, `SELECT count(*) FROM status_updates`); n != 0 {
		t.Fatalf("%d status updates before the confirmation, want 0", n)
	}
	token := preview.Find("input[name=token]").AttrOr("value", "")
	status, done := ts.post(t, "/org/"+kommune+"/status/import/bekraeft", url.Values{"token": {token}})
	if status != http.StatusOK || !strings.Contains(text(done.Find(".alert-success")), "1 statusopdateringer er gemt") {
		t.Fatalf("confirm: status %d, %q", status, text(done.Find("main")))
	}
	if n := ts.id(t, `SELECT count(*) FROM status_updates s JOIN users u ON u.id = s.author_id
		WHERE s.initiative_id = $1 AND s.phase = 'under_implementering' AND s.health = 'udfordret' AND s.progress = 40
		  AND s.comment = 'Vi mangler personale' AND u.email = $2`, own, leader); n != 1 {
		t.Errorf("%d matching status updates on the initiative, want 1", n)
	}
	if n := ts.auditCount(t, domain.AuditStatus, domain.EntityInitiative, own); n != 1 {
		t.Errorf("%d status rows in the history, want 1", n)
	}

	// A row of another område's item, added to the leader's file: refused by name, nothing saved.
	f.SetSheetRow("Status", "A4", &[]any{"I" + itoa(other), "Lokal indsats", "Myndighed", "", "Hurtigere visitation",
		"Implementeret", "På sporet", 100})
	status, doc := ts.uploadSheet(t, "/org/"+kommune+"/status/import", "status.xlsx", workbook(t, f))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("upload with another område's row: status %d, want 422", status)
	}
	wantProblem := [][]string{{"Status", "4", "–",
		"«Hurtigere visitation» hører til Myndighed, som du ikke skriver status for. Rækken kan ikke indlæses."}}
	if diff := cmp.Diff(wantProblem, problemRows(doc)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if n := ts.id(t, `SELECT count(*) FROM status_updates`); n != 1 {
		t.Errorf("%d status updates after the refused upload, want still 1", n)
	}
}

// TestStatusSpreadsheetValidation: phase and health must be among the listed values, progress a
// number from 0 to 100, and a critical status needs a comment; each problem by row and column.
func TestStatusSpreadsheetValidation(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.addLocal(t, "Hjemmepleje og akutaflastning", "Én")
	ts.addLocal(t, "Hjemmepleje og akutaflastning", "To")
	ts.signInAs(t, ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning"))
	f := ts.download(t, "/org/"+kommune+"/status.xlsx")
	f.SetSheetRow("Status", "F2", &[]any{"Færdig", "Kritisk", 140})
	f.SetSheetRow("Status", "F3", &[]any{"Implementeret", "Fint", "halvt"})
	var buf bytes.Buffer
	f.Write(&buf)
	status, doc := ts.uploadSheet(t, "/org/"+kommune+"/status/import", "status.xlsx", buf.Bytes())
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", status)
	}
	want := [][]string{
		{"Status", "2", "F (Fase)", "«Færdig» er ikke en af værdierne Ikke påbegyndt, Forberedende, Under implementering, Implementeret, Sat i bero."},
		{"Status", "2", "H (Fremdrift (%))", "Fremdriften skal være et helt tal fra 0 til 100."},
		{"Status", "2", "I (Kommentar)", "Skriv i kommentaren, hvorfor indsatsen er kritisk."},
		{"Status", "3", "G (Helbred)", "«Fint» er ikke en af værdierne På sporet, Udfordret, Kritisk."},
		{"Status", "3", "H (Fremdrift (%))", "«halvt» er ikke et helt tal."},
	}
	if diff := cmp.Diff(want, problemRows(doc)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
