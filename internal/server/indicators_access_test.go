package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// indicatorAt makes the indicator with n measurements and returns its path with suffix.
func indicatorAt(n int, suffix string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string {
		_, id := ts.rehabIndicator(t, n)
		return "/indikatorer/" + itoa(id) + suffix
	}
}

// asLeder makes the områdeleder of Hjemmepleje (hjemmeplejeLeder) before path.
func asLeder(path func(*testing.T, *testServer) string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string {
		ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
		return path(t, ts)
	}
}

// indicatorCrumbs is the breadcrumb of the rehab indicator's pages, last appended.
func indicatorCrumbs(last ...string) []string {
	return append([]string{kommuneCrumb, "H-1: Rehabiliterende forløb først", "Andel borgere med rehabiliteringsforløb"}, last...)
}

// indicatorPages are the indicator's pages (run with trackingPages; see init in indicators_test.go).
var indicatorPages = []pageCase{
	{
		name: "indikator", route: "/indikatorer/{id}", as: kommuneLaeser, path: indicatorAt(3, ""), maxQueries: 5,
		h1: "Andel borgere med rehabiliteringsforløb", crumbs: indicatorCrumbs(),
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, ".sporbar-linechart-measured circle", 3)
			wantCount(t, doc, "form:not([role=search])", 1) // sign out only (and the search): a læser gets no forms
		},
		other: indicatorAt(0, ""),
	},
	{
		name: "indikator: rediger", route: "/indikatorer/{id}/rediger", as: hjemmeplejeLeder, path: asLeder(indicatorAt(0, "/rediger")),
		maxQueries: 5, h1: "Rediger indikator", crumbs: indicatorCrumbs("Rediger indikator"),
	},
	{
		name: "indikator: historik", route: "/indikatorer/{id}/historik", as: kommuneLaeser, path: indicatorAt(2, "/historik"),
		maxQueries: 4, h1: "Andel borgere med rehabiliteringsforløb", crumbs: indicatorCrumbs("Historik"),
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-audit tbody tr", 3) // the creation and two measurements
		},
		other: indicatorAt(0, "/historik"),
	},
	{
		name: "indikator: indlæs", route: "/indikatorer/{id}/import", as: hjemmeplejeLeder, path: asLeder(indicatorAt(0, "/import")),
		maxQueries: 4, h1: "Indlæs målinger fra regneark", crumbs: indicatorCrumbs("Indlæs målinger"),
	},
	{
		name: "ny indikator: mål", route: "/maal/{id}/indikatorer/ny", as: kommuneAdmin,
		path: under("/maal/", "/indikatorer/ny", goalSQL, selvbestemmelse), maxQueries: 5, h1: "Ny indikator",
		crumbs: []string{kommuneCrumb, selvbestemmelse, "Ny indikator"},
	},
	{
		name: "ny indikator: indsats", route: "/indsatser/{id}/indikatorer/ny", as: hjemmeplejeLeder,
		path: asLeder(withLocal("/indsatser/", "/indikatorer/ny")), maxQueries: 5, h1: "Ny indikator",
		crumbs: []string{kommuneCrumb, "Hverdagsrehabilitering", "Ny indikator"},
	},
	{
		name: "ny indikator: handleplan", route: "/handleplaner/{id}/indikatorer/ny", as: regionAdmin,
		path: under("/handleplaner/", "/indikatorer/ny", actionPlanSQL, "12-D"), maxQueries: 5, h1: "Ny indikator",
		crumbs: []string{regionCrumb, "12-D: " + plan12DTitle, "Ny indikator"},
	},
}

var regionAdmin = userEmail(region, domain.RoleAdmin)

func TestIndicatorPermissions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	myndighed := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Myndighed")
	fagchef := ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	plan, id := ts.rehabIndicator(t, 1)
	path, planPath := "/indikatorer/"+itoa(id), "/handleplaner/"+itoa(plan)
	measure := url.Values{"as_of": {"2024-06-30"}, "value": {"27"}}
	tests := []struct {
		who, method, path string
		want              int
	}{
		{hjemmeplejeLeder, "GET", path + "/rediger", 200},
		{hjemmeplejeLeder, "POST", path + "/maalinger", 200},
		{fagchef, "GET", path + "/import", 200},
		{kommuneAdmin, "GET", path + "/rediger", 200},
		{myndighed, "GET", path, 200},
		{myndighed, "GET", path + "/rediger", 403},
		{myndighed, "POST", path + "/maalinger", 403},
		{myndighed, "GET", path + "/import", 403},
		{myndighed, "GET", planPath + "/indikatorer/ny", 403},
		{myndighed, "POST", planPath + "/indikatorer/ny", 403},
		{kommuneLaeser, "GET", path, 200},
		{kommuneLaeser, "POST", path + "/maalinger", 403},
		{kommuneLaeser, "POST", path + "/arkiver", 403},
		{kommuneLaeser, "GET", planPath + "/indikatorer/ny", 403},
		{regionAdmin, "GET", path, 404}, // another organisation's: as if missing
		{regionAdmin, "POST", path + "/maalinger", 404},
	}
	for _, tt := range tests {
		ts.signInAs(t, tt.who)
		var status int
		var doc *goquery.Document
		if tt.method == "GET" {
			status, doc = ts.get(t, tt.path)
		} else {
			status, doc = ts.post(t, tt.path, measure)
		}
		if status != tt.want {
			t.Errorf("%s %s as %s: %d, want %d", tt.method, tt.path, tt.who, status, tt.want)
		}
		if tt.want == 200 && tt.method == "GET" && tt.path == path && doc.Find("#registrer form").Length() != 0 {
			t.Errorf("GET %s as %s: offered the measurement form", tt.path, tt.who)
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM indicator_measurements WHERE indicator_id = $1`, id); n != 2 {
		t.Errorf("%d measurements, want 2 (one made, one by the områdeleder)", n)
	}
}

func TestIndicatorImportErrors(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	_, id := ts.rehabIndicator(t, 3)
	path := "/indikatorer/" + itoa(id)
	ts.signIn(t, hjemmeplejeLeder)
	tests := []struct {
		name, file string
		data       []byte
		want       int
		fileErr    string
		rowErrs    []string
	}{
		{"bad number", "a.csv", []byte("Dato;Værdi;Kommentar\n2025-03-31;36;\n2025-06-30;abc;\n"), 422, "",
			[]string{"Række 3, kolonne B: «abc» er ikke et tal."}},
		{"bad date", "a.csv", []byte("Dato;Værdi\n30-02-2025;36\n"), 422, "",
			[]string{"Række 2, kolonne A: «30-02-2025» er ikke en dato. Skriv datoen som åååå-mm-dd, fx 2025-03-31."}},
		{"duplicate date", "a.csv", []byte("Dato;Værdi\n2025-03-31;36\n2025-03-31;37\n"), 422, "",
			[]string{"Række 3, kolonne A: datoen 2025-03-31 står også i række 2."}},
		{"formula", "a.csv", []byte("Dato;Værdi\n2025-03-31;=1+1\n"), 422, "",
			[]string{"Række 2, kolonne B: cellen indeholder en formel (=1+1). Skriv værdien i stedet."}},
		{"not a spreadsheet", "billede.xlsx", []byte("GIF89a\x01\x00\x01\x00\x00\xff"), 422,
			"Filen kan ikke læses som et regneark. Brug et XLSX-regneark eller en CSV-fil med semikolon eller komma mellem felterne.", nil},
		{"huge", "stor.csv", []byte(strings.Repeat("x", 600<<10)), 413, "Filen er for stor. Den må højst fylde 512 kB.", nil},
	}
	for _, tt := range tests {
		status, doc := ts.upload(t, path+"/import", tt.file, tt.data)
		if status != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.want)
		}
		if got := fieldErrors(doc)["fil"]; got != tt.fileErr {
			t.Errorf("%s: file error %q, want %q", tt.name, got, tt.fileErr)
		}
		if got := texts(doc.Find(".sporbar-import-errors li")); !cmp.Equal(got, append([]string{}, tt.rowErrs...)) {
			t.Errorf("%s: row errors %q, want %q", tt.name, got, tt.rowErrs)
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM indicator_measurements WHERE indicator_id = $1`, id); n != 3 {
		t.Errorf("%d measurements after the failed imports, want the 3 there were", n)
	}

	// A preview confirmed after someone else changed the measurements saves nothing: the new preview comes back.
	_, doc := ts.upload(t, path+"/import", "a.csv", []byte("Dato;Værdi\n2024-03-31;25\n2025-03-31;36\n"))
	confirm := formValues(doc, `form[action$="/import/bekraeft"]`)
	if got := texts(doc.Find("table.sporbar-import-preview tbody td:last-child")); !cmp.Equal(got, []string{"Erstatter 24 %", "Ny"}) {
		t.Errorf("preview changes %q", got)
	}
	ts.post(t, path+"/maalinger", url.Values{"as_of": {"2024-12-31"}, "value": {"33"}})
	status, doc := ts.post(t, path+"/import/bekraeft", confirm)
	if status != http.StatusConflict || !strings.Contains(text(doc.Find(".alert-warning")), "ændret siden forhåndsvisningen") {
		t.Errorf("stale confirmation: status %d, %q", status, text(doc.Find(".alert-warning")))
	}
	if n := ts.id(t, `SELECT count(*) FROM indicator_measurements WHERE indicator_id = $1`, id); n != 4 {
		t.Errorf("%d measurements, want 4 (the stale import saved nothing)", n)
	}
	if status, _ := ts.post(t, path+"/import/bekraeft", formValues(doc, `form[action$="/import/bekraeft"]`)); status != http.StatusOK {
		t.Errorf("confirming the new preview: status %d", status)
	}
	if v := ts.id(t, `SELECT value::int FROM indicator_measurements WHERE indicator_id = $1 AND as_of = '2024-03-31'`, id); v != 25 {
		t.Errorf("the corrected value is %d, want 25", v)
	}
}

func TestMeasurementCorrection(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	_, id := ts.rehabIndicator(t, 1) // 24 on 2024-03-31
	path := "/indikatorer/" + itoa(id)
	ts.signIn(t, hjemmeplejeLeder)
	form := url.Values{"as_of": {"2024-03-31"}, "value": {"25,5"}, "comment": {"Rettet efter genopgørelse"}}
	status, doc := ts.post(t, path+"/maalinger", form)
	if status != http.StatusConflict || !strings.Contains(text(doc.Find("#erstat")), "registreret 24 %") {
		t.Fatalf("a date with a measurement: status %d, notice %q", status, text(doc.Find("#erstat")))
	}
	if got := doc.Find("#value").AttrOr("value", ""); got != "25,5" {
		t.Errorf("the typed value %q was not kept", got)
	}
	replace := formValues(doc, "#registrer form")
	replace.Set("comment", form.Get("comment"))
	if status, _ := ts.post(t, path+"/maalinger", replace); status != http.StatusOK {
		t.Fatalf("replace: status %d", status)
	}
	if status, _ := ts.post(t, path+"/maalinger", replace); status != http.StatusConflict {
		t.Errorf("replacing a version that is gone: status %d, want 409", status)
	}
	_, doc = ts.get(t, path)
	if got := texts(doc.Find("table.sporbar-corrections tbody td")); len(got) != 4 || got[1] != "24 %" || got[2] != "25,5 % Rettet efter genopgørelse" {
		t.Errorf("corrections %q", got)
	}
	_, doc = ts.get(t, path+"/historik")
	if got := text(doc.Find("dl.sporbar-changes dt:contains('Måling 2024-03-31') + dd").First()); got != "24 % → 25,5 %" {
		t.Errorf("history %q, want the old and new value", got)
	}
}

// TestItemPageQueries checks that an item's indicators cost one query, however many there are.
func TestItemPageQueries(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	emptyPlan, _ := ts.rehabIndicator(t, 0)
	fullPlan, _ := ts.rehabIndicator(t, 5)
	n1, _ := ts.visit(t, kommuneAdmin, "/handleplaner/"+itoa(emptyPlan))
	n2, doc := ts.visit(t, kommuneAdmin, "/handleplaner/"+itoa(fullPlan))
	if n1 != n2 {
		t.Errorf("%d and %d queries for plans with indicators of 0 and 5 measurements", n1, n2)
	}
	wantCount(t, doc, "table.sporbar-indicator-list tbody tr", 1)
}

// TestGoalIndicatorCoverage checks that Sporbarhed shows a goal's indicators with their state.
func TestGoalIndicatorCoverage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	goal := ts.id(t, goalSQL, selvbestemmelse)
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, kommuneAdmin)
	ind := domain.Indicator{GoalID: &goal, Name: "Andel, der oplever selvbestemmelse", Unit: "%", Direction: domain.DirectionHigher,
		BaselineValue: 70, BaselineDate: day("2024-01-01"), TargetValue: 90, TargetDate: day("2026-12-31"), Frequency: domain.FrequencyYearly}
	id, err := store.New(ts.db).AddIndicator(context.Background(), admin, ind)
	if err != nil {
		t.Fatal(err)
	}
	_, doc := ts.get(t, "/org/"+kommune+"/sporbarhed")
	row := doc.Find(`table.sporbar-coverage th a[href="/maal/` + itoa(goal) + `"]`).Parent()
	want := []string{"Ingen måling"}
	if ind.MissingMeasurement(nil, time.Now().UTC()) {
		want = append(want, "Mangler måling")
	}
	if got := texts(row.Find(".sporbar-indicator-states .sporbar-badge")); !cmp.Equal(got, want) {
		t.Errorf("the goal's indicator state %q, want %q", got, want)
	}
	if got := hrefs(row.Find(".sporbar-indicator-states a")); !cmp.Equal(got, []string{"/indikatorer/" + itoa(id)}) {
		t.Errorf("the goal's indicators %q", got)
	}
}
