package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// The kommune's units the form tests act in.
const (
	unitHjemmepleje = "Hjemmepleje og akutaflastning"
	unitMyndighed   = "Myndighed"
	unitFagomraade  = "Sundhed og Omsorg"
)

// postNoFollow POSTs a form as the current client without following a redirect and returns the
// status, the Location (for a redirect) and the page.
func (ts *testServer) postNoFollow(t *testing.T, path string, form url.Values) (int, string, *goquery.Document) {
	t.Helper()
	c := *ts.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, doc := ts.postWith(t, &c, path, strings.NewReader(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
	return resp.StatusCode, resp.Header.Get("Location"), doc
}

// kommuneGeneral is the id of the kommune's first general initiative (of Sundhed og Omsorg's strategy).
func (ts *testServer) kommuneGeneral(t *testing.T) string {
	t.Helper()
	return itoa(ts.id(t, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id JOIN organisations o ON o.id = s.organisation_id
		WHERE o.slug = $1 AND i.kind = 'general'`, kommune))
}

// actionPlan creates an action plan under the initiative (as the kommune's admin) and returns its id.
func (ts *testServer) actionPlan(t *testing.T, initiativeID int64, code, title string) int64 {
	t.Helper()
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	id, err := store.New(ts.db).AddActionPlan(context.Background(), admin,
		domain.ActionPlan{InitiativeID: initiativeID, Code: code, Title: title}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// auditCount is the number of audit rows of action on the entity.
func (ts *testServer) auditCount(t *testing.T, action, entity string, id any) int64 {
	t.Helper()
	return ts.id(t, `SELECT count(*) FROM audit_log WHERE action = $1 AND entity = $2 AND entity_id = $3`, action, entity, id)
}

// fieldValue is what the form shows in the field with id name (an input's value or a textarea's text).
func fieldValue(doc *goquery.Document, name string) string {
	f := doc.Find("#" + name)
	if goquery.NodeName(f) == "textarea" {
		return f.Text()
	}
	return f.AttrOr("value", "")
}

// flashOf is the page's one-time message.
func flashOf(doc *goquery.Document) string { return text(doc.Find("main [role=status]")) }

func TestFagchefEditsFagomraade(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	fagchef := ts.addUser(t, kommune, domain.RoleFagchef, unitFagomraade)
	general := ts.kommuneGeneral(t)
	local := itoa(ts.localInitiative(t, unitHjemmepleje, "Hverdagsrehabilitering"))
	unit := func(name string) string { return itoa(ts.id(t, `SELECT id FROM units WHERE name = $1`, name)) }
	ts.signIn(t, fagchef)

	_, doc := ts.get(t, "/indsatser/"+general+"/lokale/ny")
	want := []string{"Vælg område", "Faglig Drift og Udvikling og Sekretariatet", unitMyndighed, unitHjemmepleje, "Ældrecentre", "Sundhedscenter Vest"}
	if diff := cmp.Diff(want, texts(doc.Find("select#unit option"))); diff != "" {
		t.Errorf("the fagchef's områder (-want +got):\n%s", diff)
	}
	tests := []struct {
		name, path string
		form       url.Values
		wantStatus int
		wantErrors map[string]string
	}{
		{"local for Myndighed", "/indsatser/" + general + "/lokale/ny", url.Values{"title": {"Visitation"}, "unit": {unit(unitMyndighed)}}, 303, nil},
		{"no unit chosen", "/indsatser/" + general + "/lokale/ny", url.Values{"title": {"Uden område"}}, 422,
			map[string]string{"unit": "Vælg det område, indsatsen hører til."}},
		{"unknown unit", "/indsatser/" + general + "/lokale/ny", url.Values{"title": {"Ukendt"}, "unit": {"999999"}}, 422,
			map[string]string{"unit": "Vælg et område fra listen."}},
		{"unit that is no number", "/indsatser/" + general + "/lokale/ny", url.Values{"title": {"Ukendt"}, "unit": {"abc"}}, 422,
			map[string]string{"unit": "Vælg et område fra listen."}},
		{"unit above the fagområde", "/indsatser/" + general + "/lokale/ny", url.Values{"title": {"Oppe"}, "unit": {unit("Direktion")}}, 403, nil},
		{"an områdeleder's local initiative", "/indsatser/" + local + "/rediger", url.Values{"title": {"Hverdagsrehabilitering 2.0"}, "version": {"1"}}, 303, nil},
		{"a general initiative", "/indsatser/" + general + "/rediger", url.Values{"title": {"Ny titel på den generelle"}, "version": {"1"}}, 303, nil},
		{"no version", "/indsatser/" + local + "/rediger", url.Values{"title": {"Uden version"}}, 400, nil},
	}
	for _, tt := range tests {
		status, _, doc := ts.postNoFollow(t, tt.path, tt.form)
		if status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.wantStatus)
		}
		if status == 422 {
			if diff := cmp.Diff(tt.wantErrors, fieldErrors(doc)); diff != "" {
				t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
			}
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM initiatives i JOIN units u ON u.id = i.unit_id WHERE i.title = 'Visitation' AND u.name = $1`, unitMyndighed); n != 1 {
		t.Errorf("%d local initiatives for Myndighed, want 1", n)
	}
	for _, id := range []string{local, general} {
		if n := ts.auditCount(t, "update", "initiative", id); n != 1 {
			t.Errorf("initiative %s: %d audit rows 'update', want 1", id, n)
		}
	}
	if _, doc := ts.get(t, "/indsatser/"+general); !strings.Contains(text(doc.Find("h1")), "Ny titel på den generelle") {
		t.Errorf("the general initiative's page shows %q", text(doc.Find("h1")))
	}
}

func TestInitiativeFormValidation(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje)
	path := "/indsatser/" + ts.kommuneGeneral(t) + "/lokale/ny"
	ts.signIn(t, leder)
	tests := []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"empty", url.Values{}, map[string]string{"title": "Titlen skal udfyldes."}},
		{"too long", url.Values{"title": {strings.Repeat("a", 301)}, "description": {strings.Repeat("b", 4001)},
			"responsible": {strings.Repeat("c", 201)}}, map[string]string{"title": "Titlen må højst være 300 tegn (der er 301).",
			"description": "Beskrivelsen må højst være 4000 tegn (der er 4001).", "responsible": "Ansvarlig må højst være 200 tegn (der er 201)."}},
		{"NUL in the title", url.Values{"title": {"A\x00B"}}, map[string]string{"title": "Titlen indeholder ugyldige tegn."}},
		{"dates", url.Values{"title": {"T"}, "start": {"abc"}, "end": {"2026-02-30"}},
			map[string]string{"start": "Startdatoen skal skrives som åååå-mm-dd, fx 2026-03-31.", "end": "Slutdatoen findes ikke i kalenderen."}},
		{"end before start", url.Values{"title": {"T"}, "start": {"2026-06-01"}, "end": {"2026-05-31"}},
			map[string]string{"end": "Slutdatoen kan ikke ligge før start."}},
		{"weight", url.Values{"title": {"T"}, "weight": {"abc"}}, map[string]string{"weight": "Vægten skal være et tal, fx 1 eller 2,5."}},
		{"weight out of range", url.Values{"title": {"T"}, "weight": {"101"}}, map[string]string{"weight": "Vægten skal være et tal mellem 0,1 og 100."}},
	}
	for _, tt := range tests {
		status, _, doc := ts.postNoFollow(t, path, tt.form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, status)
		}
		if diff := cmp.Diff(tt.want, fieldErrors(doc)); diff != "" {
			t.Errorf("%s: messages beside the fields (-want +got):\n%s", tt.name, diff)
		}
		for name := range tt.want {
			if doc.Find(`.alert-error a[href="#`+name+`"]`).Length() != 1 {
				t.Errorf("%s: the error summary does not link to #%s", tt.name, name)
			}
			if got := doc.Find("#"+name).AttrOr("aria-invalid", ""); got != "true" {
				t.Errorf("%s: #%s has aria-invalid %q", tt.name, name, got)
			}
		}
		for _, name := range []string{"title", "description", "responsible", "start", "end", "weight"} {
			if want := strings.TrimSpace(tt.form.Get(name)); name != "title" || !strings.Contains(want, "\x00") {
				if got := fieldValue(doc, name); got != want {
					t.Errorf("%s: field %s shows %q, want the typed %q", tt.name, name, got, want)
				}
			}
		}
	}
	// Malformed requests never reach the handler's checks: invalid UTF-8 and oversized bodies.
	if status, _, _ := ts.postNoFollow(t, path, url.Values{"title": {"\xff"}}); status != http.StatusBadRequest {
		t.Errorf("invalid UTF-8: status %d, want 400", status)
	}
	if status, _, _ := ts.postNoFollow(t, path, url.Values{"title": {strings.Repeat("x", 2<<20)}}); status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized: status %d, want 413", status)
	}
	if n := ts.id(t, `SELECT count(*) FROM initiatives WHERE kind = 'local'`); n != 0 {
		t.Errorf("%d local initiatives saved from invalid forms", n)
	}
}

func TestInitiativeEditConflict(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	fagchef := ts.addUser(t, kommune, domain.RoleFagchef, unitFagomraade)
	id := itoa(ts.localInitiative(t, unitHjemmepleje, "Oprindelig titel"))
	path := "/indsatser/" + id + "/rediger"
	ts.signIn(t, fagchef)
	_, doc := ts.get(t, path)
	version := doc.Find("input[name=version]").AttrOr("value", "")
	if status, _, _ := ts.postNoFollow(t, path, url.Values{"version": {version}, "title": {"Første titel"}, "responsible": {"Anna"}}); status != http.StatusSeeOther {
		t.Fatalf("first save: status %d", status)
	}
	mine := url.Values{"version": {version}, "title": {"Anden titel"}, "responsible": {"Anna"}, "start": {"2026-01-01"}}
	status, _, doc := ts.postNoFollow(t, path, mine)
	if status != http.StatusConflict {
		t.Fatalf("stale save: status %d, want 409", status)
	}
	if got := text(doc.Find(".alert-warning .alert-heading")); got != "En anden har gemt ændringer, mens du redigerede" {
		t.Errorf("conflict heading %q", got)
	}
	var rows [][]string
	doc.Find("table.sporbar-conflict tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, texts(tr.Find("th, td")))
	})
	want := [][]string{{"Titel", "Første titel", "Anden titel"}, {"Start", "–", "2026-01-01"}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("side by side: field | theirs | yours (-want +got):\n%s", diff)
	}
	if got := fieldValue(doc, "title"); got != "Anden titel" {
		t.Errorf("title field %q, want the person's own input", got)
	}
	stored := doc.Find("input[name=version]").AttrOr("value", "")
	if stored == version {
		t.Errorf("the form still carries the stale version %s", version)
	}
	if title := ts.id(t, `SELECT count(*) FROM initiatives WHERE id = $1 AND title = 'Første titel'`, id); title != 1 {
		t.Error("the stale save overwrote the stored title")
	}
	mine.Set("version", stored)
	if status, _, _ := ts.postNoFollow(t, path, mine); status != http.StatusSeeOther {
		t.Errorf("deliberate overwrite with the stored version: status %d, want 303", status)
	}
	if n := ts.auditCount(t, "update", "initiative", id); n != 2 {
		t.Errorf("%d audit rows 'update', want 2 (one per save that won)", n)
	}
}

func TestArchiveInitiative(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje)
	general := ts.kommuneGeneral(t)
	id := itoa(ts.localInitiative(t, unitHjemmepleje, "Kortlivet indsats"))
	ts.signIn(t, leder)
	if status, _, doc := ts.postNoFollow(t, "/indsatser/"+id+"/arkiver", url.Values{"version": {"7"}}); status != http.StatusConflict ||
		doc.Find(`form[action="/indsatser/`+id+`/arkiver"] input[name=version][value="1"]`).Length() != 1 {
		t.Errorf("stale archive: status %d, want 409 with the stored version", status)
	}
	status, loc, _ := ts.postNoFollow(t, "/indsatser/"+id+"/arkiver", url.Values{"version": {"1"}})
	if status != http.StatusSeeOther || loc != "/indsatser/"+general {
		t.Fatalf("archive: status %d to %q, want 303 to the general initiative", status, loc)
	}
	if _, doc := ts.get(t, loc); flashOf(doc) != "Indsatsen «Kortlivet indsats» er arkiveret." || doc.Find(`a[href="/indsatser/`+id+`"]`).Length() != 0 {
		t.Errorf("after archiving: flash %q, or the initiative is still listed", flashOf(doc))
	}
	if n := ts.auditCount(t, "archive", "initiative", id); n != 1 {
		t.Errorf("%d audit rows 'archive', want 1", n)
	}
}
