package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestOmraadelederAddsLocalInitiative(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje)
	general := ts.kommuneGeneral(t)
	ts.signIn(t, leder)

	_, doc := ts.get(t, "/indsatser/"+general)
	if diff := cmp.Diff([]string{"Ny lokal indsats"}, texts(doc.Find(".sporbar-edit-actions a"))); diff != "" {
		t.Errorf("controls on the general initiative (-want +got):\n%s", diff)
	}
	newPath := doc.Find(".sporbar-edit-actions a").AttrOr("href", "")
	status, doc := ts.get(t, newPath)
	if status != http.StatusOK || doc.Find("select#unit").Length() != 0 || !strings.Contains(text(doc.Find("form")), unitHjemmepleje) {
		t.Fatalf("GET %s: status %d; the områdeleder's own unit must be fixed and shown", newPath, status)
	}
	form := url.Values{"title": {"Hverdagsrehabilitering i hjemmeplejen"}, "description": {"Linje 1\r\n- punkt"},
		"responsible": {"Områdeleder"}, "start": {"2026-01-01"}, "end": {"2026-12-31"}, "weight": {"2,5"}}
	status, loc, _ := ts.postNoFollow(t, newPath, form)
	id := ts.id(t, `SELECT id FROM initiatives WHERE title = $1`, form.Get("title"))
	if status != http.StatusSeeOther || loc != "/indsatser/"+itoa(id) {
		t.Fatalf("create: status %d to %q, want 303 to the new initiative", status, loc)
	}
	var got struct {
		kind, unit, description, responsible, start, end string
		parent                                           int64
		weight                                           float64
	}
	if err := ts.db.QueryRow(t.Context(), `SELECT i.kind, u.name, i.parent_id, i.description, i.responsible,
		i.start_date::text, i.end_date::text, i.weight::float8 FROM initiatives i JOIN units u ON u.id = i.unit_id WHERE i.id = $1`, id).
		Scan(&got.kind, &got.unit, &got.parent, &got.description, &got.responsible, &got.start, &got.end, &got.weight); err != nil {
		t.Fatal(err)
	}
	if got.kind != "local" || got.unit != unitHjemmepleje || itoa(got.parent) != general || got.description != "Linje 1\n- punkt" ||
		got.responsible != "Områdeleder" || got.start != "2026-01-01" || got.end != "2026-12-31" || got.weight != 2.5 {
		t.Errorf("stored %+v", got)
	}
	if _, doc := ts.get(t, loc); flashOf(doc) != "Indsatsen er oprettet for "+unitHjemmepleje+"." {
		t.Errorf("flash %q", flashOf(doc))
	}
	agreement := ts.id(t, `SELECT a.id FROM agreements a JOIN units u ON u.id = a.lower_unit_id WHERE u.name = $1`, unitHjemmepleje)
	if _, doc := ts.get(t, "/aftaler/"+itoa(agreement)); doc.Find(`main a[href="/indsatser/`+itoa(id)+`"]`).Length() == 0 {
		t.Errorf("the Hjemmepleje agreement does not show the new local initiative")
	}
	actor := ts.id(t, `SELECT id FROM users WHERE email = $1`, leder)
	if n := ts.id(t, `SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'initiative' AND entity_id = $1
		AND actor_id = $2`, id, actor); n != 1 {
		t.Errorf("%d audit rows 'create' by the områdeleder, want 1", n)
	}
	_, doc = ts.get(t, loc)
	if diff := cmp.Diff([]string{"Rediger", "Ny handleplan", "Arkivér"}, texts(doc.Find(".sporbar-edit-actions a, .sporbar-edit-actions button"))); diff != "" {
		t.Errorf("controls on the own local initiative (-want +got):\n%s", diff)
	}
}

// TestOmraadelederStaysInOwnOmraade: another område's items, a forged unit, a general initiative
// and another organisation are out of reach; a local initiative under a local one is not found.
func TestOmraadelederStaysInOwnOmraade(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje)
	general := ts.kommuneGeneral(t)
	other := ts.localInitiative(t, unitMyndighed, "Visitation med rehabiliterende fokus")
	otherPlan := itoa(ts.actionPlan(t, other, "M-1", "Myndighedens handleplan"))
	regionGeneral := itoa(ts.id(t, `SELECT min(id) FROM initiatives WHERE title LIKE 'Kompetenceudvikling%'`))
	unit := func(name string) string { return itoa(ts.id(t, `SELECT id FROM units WHERE name = $1`, name)) }
	ts.signIn(t, leder)
	valid := url.Values{"title": {"Forsøg"}, "version": {"1"}}
	with := func(k, v string) url.Values {
		f := url.Values{"title": {"Forsøg"}, "version": {"1"}}
		f.Set(k, v)
		return f
	}
	otherPath := "/indsatser/" + itoa(other)
	tests := []struct {
		method, path string
		form         url.Values
		want         int
	}{
		{"POST", "/indsatser/" + general + "/lokale/ny", with("unit", unit(unitMyndighed)), 403},
		{"POST", "/indsatser/" + general + "/lokale/ny", with("unit", unit(unitFagomraade)), 403},
		{"POST", "/indsatser/" + general + "/lokale/ny", with("unit", unit("Socialområdet")), 404}, // another organisation's
		{"GET", otherPath + "/rediger", nil, 403},
		{"POST", otherPath + "/rediger", valid, 403},
		{"POST", otherPath + "/arkiver", valid, 403},
		{"GET", otherPath + "/handleplaner/ny", nil, 403},
		{"POST", otherPath + "/handleplaner/ny", valid, 403},
		{"GET", "/handleplaner/" + otherPlan + "/rediger", nil, 403},
		{"POST", "/handleplaner/" + otherPlan + "/rediger", valid, 403},
		{"POST", "/handleplaner/" + otherPlan + "/arkiver", valid, 403},
		{"GET", "/indsatser/" + general + "/rediger", nil, 403},
		{"POST", "/indsatser/" + general + "/rediger", valid, 403},
		{"GET", "/indsatser/" + regionGeneral + "/lokale/ny", nil, 404}, // as if missing
		{"GET", otherPath + "/lokale/ny", nil, 404},
		{"GET", "/indsatser/999999/lokale/ny", nil, 404},
	}
	for _, tt := range tests {
		var status int
		if tt.method == "GET" {
			status, _ = ts.get(t, tt.path)
		} else {
			status, _, _ = ts.postNoFollow(t, tt.path, tt.form)
		}
		if status != tt.want {
			t.Errorf("%s %s %v: status %d, want %d", tt.method, tt.path, tt.form, status, tt.want)
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM initiatives WHERE title = 'Forsøg'`); n != 0 {
		t.Errorf("%d initiatives created by forged forms", n)
	}
	if _, doc := ts.get(t, otherPath); doc.Find(".sporbar-edit-actions").Length() != 0 {
		t.Errorf("another område's initiative offers controls: %q", text(doc.Find(".sporbar-edit-actions")))
	}
}

// formPages are the GET routes of the edit forms as page cases (see pages_test.go), each seen
// by someone who may use it.
var formPages = []pageCase{
	{
		name: "ny lokal indsats: the fagchef chooses the område", route: "/indsatser/{id}/lokale/ny",
		as: "fagchef.sundhed@ringkobing-skjern.test", maxQueries: 5, h1: "Ny lokal indsats",
		path: func(t *testing.T, ts *testServer) string {
			ts.addUser(t, kommune, domain.RoleFagchef, unitFagomraade)
			return "/indsatser/" + itoa(ts.id(t, generalSQL, kommuneStrategy, 1, 1)) + "/lokale/ny"
		},
		crumbs: []string{kommuneCrumb, kommuneStrategy, "Strategispor 1: " + kommuneSpor1, kommuneGeneral11, "Ny lokal indsats"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "select#unit option", 6)
			wantCount(t, doc, "main form label[for]", 7)
		},
	},
	{
		name: "rediger generel indsats", route: "/indsatser/{id}/rediger", as: kommuneAdmin, maxQueries: 4,
		path: func(t *testing.T, ts *testServer) string {
			return "/indsatser/" + itoa(ts.id(t, generalSQL, kommuneStrategy, 1, 1)) + "/rediger"
		},
		h1:     "Rediger generel indsats",
		crumbs: []string{kommuneCrumb, kommuneStrategy, "Strategispor 1: " + kommuneSpor1, kommuneGeneral11, "Rediger generel indsats"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			if got := fieldValue(doc, "title"); got != kommuneGeneral11 {
				t.Errorf("title field %q", got)
			}
			wantCount(t, doc, "input[type=hidden][name=version]", 1)
		},
		other: func(t *testing.T, ts *testServer) string {
			return "/indsatser/" + itoa(ts.id(t, generalSQL, kommuneStrategy, 2, 1)) + "/rediger"
		},
	},
	{
		name: "ny handleplan under an indsatsområde", route: "/indsatser/{id}/handleplaner/ny", as: kommuneAdmin, maxQueries: 6,
		path: func(t *testing.T, ts *testServer) string {
			return "/indsatser/" + itoa(ts.id(t, generalSQL, kommuneStrategy, 1, 1)) + "/handleplaner/ny"
		},
		h1:     "Ny handleplan",
		crumbs: []string{kommuneCrumb, kommuneStrategy, "Strategispor 1: " + kommuneSpor1, kommuneGeneral11, "Ny handleplan"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "select#ladder_step option", 6)
			wantCount(t, doc, "fieldset#terms legend", 1)
			wantCount(t, doc, "fieldset#terms input[type=checkbox]", 7)
			wantCount(t, doc, "textarea#description[aria-describedby='description-hint']", 1)
		},
		// The region has no ladder and no begreber: the same number of queries.
		other: func(t *testing.T, ts *testServer) string {
			return "/indsatser/" + itoa(ts.id(t, generalSQL, "Social Strategi", 3, 12)) + "/handleplaner/ny"
		},
		otherAs: userEmail(region, domain.RoleAdmin),
	},
	{
		name: "rediger handleplan 12-D", route: "/handleplaner/{id}/rediger", as: userEmail(region, domain.RoleAdmin),
		path: func(t *testing.T, ts *testServer) string {
			return "/handleplaner/" + itoa(ts.id(t, actionPlanSQL, "12-D")) + "/rediger"
		},
		maxQueries: 7, h1: "Rediger handleplan",
		crumbs: []string{regionCrumb, "Social Strategi", "Tema 3: Bedre liv", "Stærkere samarbejde med sundhedsområdet",
			"12-D: " + plan12DTitle, "Rediger handleplan"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			if got := fieldValue(doc, "code"); got != "12-D" {
				t.Errorf("code field %q", got)
			}
		},
	},
}

func TestFormPages(t *testing.T) {
	t.Parallel()
	runPages(t, formPages)
}
