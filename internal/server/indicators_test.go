package server_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func init() {
	// The matrix's indicator (matrixIndicator) belongs to the kommune's general initiative that
	// "/indsatser/{id}" names; the new-indicator forms are those of the items the matrix names.
	addRouteClasses(map[string]class{
		"GET /maal/{id}/indikatorer/ny": generalEditor, "POST /maal/{id}/indikatorer/ny": generalEditor,
		"GET /indsatser/{id}/indikatorer/ny": generalEditor, "POST /indsatser/{id}/indikatorer/ny": generalEditor,
		"GET /handleplaner/{id}/indikatorer/ny": generalEditor, "POST /handleplaner/{id}/indikatorer/ny": generalEditor,
		"GET /indikatorer/{id}": member, "GET /indikatorer/{id}/historik": member,
		"GET /indikatorer/{id}/xlsx": member, "GET /indikatorer/{id}/csv": member,
		"GET /indikatorer/{id}/rediger": generalEditor, "POST /indikatorer/{id}/rediger": generalEditor,
		"POST /indikatorer/{id}/arkiver": generalEditor, "POST /indikatorer/{id}/maalinger": generalEditor,
		"GET /indikatorer/{id}/import": generalEditor, "POST /indikatorer/{id}/import": generalEditor,
		"POST /indikatorer/{id}/import/bekraeft": generalEditor,
	})
	notPages = append(notPages, "/indikatorer/{id}/xlsx", "/indikatorer/{id}/csv")
	trackingPages = append(trackingPages, indicatorPages...)
}

// rehabForm is the indicator as the form sends it.
func rehabForm() url.Values {
	return url.Values{"name": {"Andel borgere med rehabiliteringsforløb"}, "definition": {"Andel af nye borgere i hjemmeplejen, der får et forløb. Kilde: omsorgssystemet."},
		"unit": {"%"}, "direction": {"higher"}, "baseline_value": {"20"}, "baseline_date": {"2024-01-01"},
		"target_value": {"60"}, "target_date": {"2026-12-31"}, "milestones": {""}, "frequency": {"quarterly"}, "responsible_unit": {""}}
}

// rehabIndicator is the indicator on a new Hjemmepleje action plan, made through the
// store, with n quarterly measurements from 2024-03-31 (24, 27, 30, …); it returns the plan and
// the indicator.
func (ts *testServer) rehabIndicator(t *testing.T, n int) (plan, indicator int64) {
	t.Helper()
	ctx := context.Background()
	st := store.New(ts.db)
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	local := ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering")
	plan, err := st.AddActionPlan(ctx, admin, domain.ActionPlan{InitiativeID: local, Code: "H-1", Title: "Rehabiliterende forløb først"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	indicator, err = st.AddIndicator(ctx, admin, domain.Indicator{ActionPlanID: &plan, Name: "Andel borgere med rehabiliteringsforløb",
		Unit: "%", Direction: domain.DirectionHigher, BaselineValue: 20, BaselineDate: day("2024-01-01"), TargetValue: 60,
		TargetDate: day("2026-12-31"), Frequency: domain.FrequencyQuarterly})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		m := domain.Measurement{IndicatorID: indicator, AsOf: day("2024-03-31").AddDate(0, 3*i, 0), Value: float64(24 + 3*i)}
		if err := st.SaveMeasurement(ctx, admin, m, 0); err != nil {
			t.Fatal(err)
		}
	}
	return plan, indicator
}

// matrixIndicator is an indicator of the general initiative the route matrix names "/indsatser/{id}".
func (ts *testServer) matrixIndicator(t *testing.T) int64 {
	t.Helper()
	general := ts.id(t, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, kommune)
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	id, err := store.New(ts.db).AddIndicator(context.Background(), admin, domain.Indicator{InitiativeID: &general,
		Name: "Matrix", Direction: domain.DirectionLower, BaselineValue: 10, BaselineDate: day("2024-01-01"),
		TargetValue: 5, TargetDate: day("2026-12-31"), Frequency: domain.FrequencyYearly})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// upload posts data as the file of the import form at path, following redirects.
func (ts *testServer) upload(t *testing.T, path, name string, data []byte) (int, *goquery.Document) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("fil", name)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	w.Close()
	return ts.postBody(t, path, &body, "Content-Type", w.FormDataContentType())
}

// formValues are the fields of the form in doc that sel selects, as the browser would send them.
func formValues(doc *goquery.Document, sel string) url.Values {
	v := url.Values{}
	doc.Find(sel + " input").Each(func(_ int, in *goquery.Selection) {
		if name, ok := in.Attr("name"); ok {
			v.Add(name, in.AttrOr("value", ""))
		}
	})
	return v
}

// quarterlySheet is an XLSX in the export's layout with the six quarters from 2024-12-31.
func quarterlySheet(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"Dato", "Værdi", "Kommentar"}}
	for i, v := range []float64{33, 36, 40, 43, 47, 50} {
		rows = append(rows, []any{day("2024-12-31").AddDate(0, 3*i, 0).Format(time.DateOnly), v, ""})
	}
	rows[1][2] = "Fra årsopgørelsen"
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// indicatorState is the text of the indicator's state badges on its page.
func indicatorState(doc *goquery.Document) []string {
	return texts(doc.Find("#vurdering .sporbar-badge"))
}

func TestIndicatorJourney(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	fagchef := ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	local := ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering")
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	plan, err := store.New(ts.db).AddActionPlan(context.Background(), admin,
		domain.ActionPlan{InitiativeID: local, Code: "H-1", Title: "Rehabiliterende forløb først"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	planPath := "/handleplaner/" + itoa(plan)

	// The områdeleder adds the indicator from the plan's page: first with mistakes, which come back beside the fields.
	ts.signIn(t, leder)
	_, doc := ts.get(t, planPath)
	if got := hrefs(doc.Find("#indikatorer ~ p a")); !cmp.Equal(got, []string{planPath + "/indikatorer/ny"}) {
		t.Errorf("the plan offers %q, want the new indicator form", got)
	}
	bad := rehabForm()
	bad.Set("name", " ")
	bad.Set("target_date", "2023-12-31")
	bad.Set("baseline_value", "tyve")
	bad.Set("milestones", "2025: 40\n2025: 45")
	status, doc := ts.post(t, planPath+"/indikatorer/ny", bad)
	wantErrors := map[string]string{"name": "Navnet skal udfyldes.", "baseline_value": "Udgangspunktets værdi skal være et tal, fx 42 eller 42,5.",
		"target_date": "Målets dato skal ligge efter udgangspunktets.", "milestones": "Der er to delmål for 2025."}
	if diff := cmp.Diff(wantErrors, fieldErrors(doc)); status != http.StatusUnprocessableEntity || diff != "" {
		t.Errorf("bad form: status %d, messages (-want +got):\n%s", status, diff)
	}
	if got := doc.Find("#baseline_value").AttrOr("value", ""); got != "tyve" {
		t.Errorf("the typed baseline %q was not kept", got)
	}
	status, doc = ts.post(t, planPath+"/indikatorer/ny", rehabForm())
	if status != http.StatusOK || text(doc.Find("h1")) != "Andel borgere med rehabiliteringsforløb" {
		t.Fatalf("create: status %d, h1 %q", status, text(doc.Find("h1")))
	}
	id := itoa(ts.id(t, `SELECT id FROM indicators WHERE action_plan_id = $1`, plan))
	path := "/indikatorer/" + id

	// Three measurements through the form.
	for i, v := range []string{"24", "27", "30,5"} {
		form := url.Values{"as_of": {day("2024-03-31").AddDate(0, 3*i, 0).Format(time.DateOnly)}, "value": {v}, "comment": {""}}
		if status, doc := ts.post(t, path+"/maalinger", form); status != http.StatusOK || len(fieldErrors(doc)) > 0 {
			t.Fatalf("measurement %s: status %d, %v", v, status, fieldErrors(doc))
		}
	}

	// Six more from a spreadsheet: the preview shows them, nothing is saved until confirmed.
	status, doc = ts.upload(t, path+"/import", "kvartaler.xlsx", quarterlySheet(t))
	if status != http.StatusOK || doc.Find("table.sporbar-import-preview tbody tr").Length() != 6 {
		t.Fatalf("preview: status %d, %d rows; errors %q", status, doc.Find("table.sporbar-import-preview tbody tr").Length(),
			texts(doc.Find(".alert-error li, .form-error-message")))
	}
	if n := ts.id(t, `SELECT count(*) FROM indicator_measurements WHERE indicator_id = $1`, id); n != 3 {
		t.Errorf("%d measurements after the preview, want 3", n)
	}
	confirm := formValues(doc, `form[action$="/import/bekraeft"]`)
	if status, doc := ts.post(t, path+"/import/bekraeft", confirm); status != http.StatusOK ||
		!strings.Contains(text(doc.Find(".alert-success")), "6 nye og 0 rettede") {
		t.Fatalf("confirm: status %d, flash %q", status, text(doc.Find(".alert-success")))
	}

	// The chart shows nine points against the plan, the table the same nine, and the state.
	_, doc = ts.get(t, path)
	wantCount(t, doc, "svg[role=img] .sporbar-linechart-measured circle", 9)
	wantCount(t, doc, "svg[role=img] .sporbar-linechart-plan polygon", 2)
	wantCount(t, doc, "table.sporbar-measurements tbody tr", 9)
	if got := texts(doc.Find("table.sporbar-measurements tbody tr").Last().Find("td")); !cmp.Equal(got,
		[]string{"31. marts 2026", "50 %", "49,95 %", "På sporet", ""}) {
		t.Errorf("last row %q", got)
	}
	want, latest := []string{"På sporet"}, day("2026-03-31")
	if (domain.Indicator{BaselineDate: day("2024-01-01"), TargetDate: day("2026-12-31"), Frequency: domain.FrequencyQuarterly}).
		MissingMeasurement(&latest, time.Now().UTC()) {
		want = append(want, "Mangler måling")
	}
	if got := indicatorState(doc); !cmp.Equal(got, want) {
		t.Errorf("state %q, want %q", got, want)
	}
	if doc.Find("[style]").Length() > 0 {
		t.Error("the page has inline styles, which the CSP forbids")
	}

	// The fagchef sees the indicator's state on the plan's page, in the område's agreement, in the
	// samlet skema's cell of the local initiative, and (when it misses one) in who has reported.
	ts.signIn(t, fagchef)
	_, doc = ts.get(t, "/org/"+kommune+"/oversigt")
	cell := doc.Find(`table.sporbar-matrix td li:has(a[href="/indsatser/` + itoa(local) + `"])`)
	if got := text(cell.Find(".sporbar-indicator-states li")); !strings.HasPrefix(got, "Indikator: Andel borgere med rehabiliteringsforløb 50 % På sporet") {
		t.Errorf("the skema's cell shows %q", got)
	}
	_, doc = ts.get(t, "/org/"+kommune+"/rapportering")
	missing := hrefs(doc.Find(".sporbar-missing-measurements a"))
	if wantMissing := slices.Contains(want, "Mangler måling"); wantMissing != slices.Contains(missing, path) {
		t.Errorf("who has reported lists %q as missing a measurement, want the indicator: %v", missing, wantMissing)
	}
	agreement := ts.id(t, `SELECT a.id FROM agreements a JOIN units u ON u.id = a.lower_unit_id WHERE u.name = 'Hjemmepleje og akutaflastning'`)
	for _, page := range []string{planPath, "/aftaler/" + itoa(agreement)} {
		_, doc := ts.get(t, page)
		row := doc.Find(`table.sporbar-indicator-list a[href="` + path + `"]`).Closest("tr")
		if got := text(row); !strings.Contains(got, "50 %") || !strings.Contains(got, "På sporet") {
			t.Errorf("%s: indicator row %q, want the latest value and its state", page, got)
		}
	}
}
