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

// The yearly indsatsplaner: routes, pages, the document view, the spreadsheet and permissions.
// The forms are in annual_plan_forms_test.go, the OL agenda in ol_agenda_test.go.

func init() {
	// /indsatsplaner/{id} is the region's Indsatsplan 2016 (of Socialområdet); /strategier/{id}
	// the kommune's strategy (of Sundhed og Omsorg), whose fagchef and admin may make its plans.
	addRouteClasses(map[string]class{
		"GET /strategier/{id}/indsatsplaner/ny": generalEditor, "POST /strategier/{id}/indsatsplaner/ny": generalEditor,
		"POST /indsatsplaner/{id}/naeste-aar": generalEditor,
		"GET /indsatsplaner/{id}/rediger":     generalEditor, "POST /indsatsplaner/{id}/rediger": generalEditor,
		"POST /indsatsplaner/{id}/punkter": generalEditor,
		"GET /indsatsplaner/{id}/punkt":    generalEditor, "POST /indsatsplaner/{id}/punkt": generalEditor,
		"POST /indsatsplaner/{id}/punkt/fjern": generalEditor, "POST /indsatsplaner/{id}/vedtag": generalEditor,
		"GET /indsatsplaner/{id}/ol": member, "POST /indsatsplaner/{id}/ol": generalEditor,
		"GET /indsatsplaner/{id}.xlsx": member,
	})
	// The plans' pages join the page cases (TestUnitAndAgreementPages runs them, and
	// TestEveryGETRouteHasAPageCase sees them); the spreadsheet is no page.
	unitPages = append(unitPages, annualPlanPages...)
	notPages = append(notPages, "/indsatsplaner/{id}.xlsx")
}

var planRegionAdmin = userEmail(region, domain.RoleAdmin)

// SQL for the plans and their items.
const (
	planSQL     = `SELECT p.id FROM annual_plans p JOIN strategies s ON s.id = p.strategy_id WHERE s.title = 'Social Strategi' AND p.year = $1`
	planItemSQL = `SELECT it.id FROM annual_plan_items it JOIN annual_plans p ON p.id = it.annual_plan_id
		JOIN action_plans a ON a.id = it.action_plan_id WHERE p.year = $1 AND a.code = $2`
)

// emptyPlan2017 makes an empty Indsatsplan 2017 (from no plan) as the region's admin would, and
// returns the path under it (e.g. "/rediger").
func emptyPlan2017(sub string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string {
		ts.signInAs(t, planRegionAdmin)
		strategy := itoa(ts.id(t, strategySQL, "Social Strategi"))
		form := url.Values{"year": {"2017"}, "source": {""}}
		status, loc, _ := ts.postNoFollow(t, "/strategier/"+strategy+"/indsatsplaner/ny", form)
		if status != http.StatusSeeOther {
			t.Fatalf("make an empty 2017: status %d", status)
		}
		ts.get(t, loc) // shows (and so ends) the flash message, which would cost a query of its own
		return "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2017)) + sub
	}
}

// annualPlanPages are the pages of the yearly cycle; "other" is the same page of a plan of
// another size, which must cost as many queries.
var annualPlanPages = []pageCase{
	{
		name: "ny indsatsplan: year and the plan to build on", route: "/strategier/{id}/indsatsplaner/ny", as: planRegionAdmin,
		path: func(t *testing.T, ts *testServer) string {
			return "/strategier/" + itoa(ts.id(t, strategySQL, "Social Strategi")) + "/indsatsplaner/ny"
		},
		maxQueries: 5, h1: "Ny indsatsplan",
		crumbs: []string{regionCrumb, "Social Strategi", "Ny indsatsplan"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			if got := doc.Find("#year").AttrOr("value", ""); got != "2017" {
				t.Errorf("year %q, want 2017 (after the latest plan)", got)
			}
			if got := text(doc.Find("#source option[selected]")); got != annualPlan2016 {
				t.Errorf("builds on %q, want %q", got, annualPlan2016)
			}
		},
	},
	{
		name: "rediger indsatsplan 2016: texts, 15 areas, 19 handleplaner", route: "/indsatsplaner/{id}/rediger", as: planRegionAdmin,
		path: func(t *testing.T, ts *testServer) string {
			return "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016)) + "/rediger"
		},
		maxQueries: 6, h1: "Rediger " + annualPlan2016, crumbs: []string{regionCrumb, "Social Strategi", annualPlan2016, "Rediger"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "fieldset.sporbar-area-fields", 15)
			wantCount(t, doc, "table.sporbar-plan-items tbody tr", 19)
			if got := doc.Find("#title").AttrOr("value", ""); got != annualPlan2016 {
				t.Errorf("title field %q", got)
			}
		},
		other: emptyPlan2017("/rediger"),
	},
	{
		name: "12-D i 2016: its text and markers in the form", route: "/indsatsplaner/{id}/punkt", as: planRegionAdmin,
		path: func(t *testing.T, ts *testServer) string {
			return "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016)) + "/punkt?punkt=" + itoa(ts.id(t, planItemSQL, 2016, "12-D"))
		},
		maxQueries: 5, h1: "12-D: " + plan12DTitle, crumbs: []string{regionCrumb, "Social Strategi", annualPlan2016, "12-D i 2016"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			got := []bool{doc.Find("#phase-aktiv[checked]").Length() == 1, doc.Find("#is_new[checked]").Length() == 1,
				doc.Find("#ol[checked]").Length() == 1}
			if diff := cmp.Diff([]bool{true, true, true}, got); diff != "" {
				t.Errorf("aktiv, INITIATIV, OL ticked (-want +got):\n%s", diff)
			}
			if got := text(doc.Find("#ol_note")); got != "behandler arbejdsgruppens oplæg og træffer beslutning om den videre opfølgning." {
				t.Errorf("OL note %q", got)
			}
		},
		other: func(t *testing.T, ts *testServer) string {
			return "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016)) + "/punkt?punkt=" + itoa(ts.id(t, planItemSQL, 2016, "10-C"))
		},
	},
	{
		name: "OL-dagsorden 2016: 12 handleplaner in 10 indsatsområder", route: "/indsatsplaner/{id}/ol", as: regionLaeser,
		path: func(t *testing.T, ts *testServer) string {
			return "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016)) + "/ol"
		},
		maxQueries: 6, h1: "OL-dagsorden 2016", crumbs: []string{regionCrumb, "Social Strategi", annualPlan2016, "OL-dagsorden 2016"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "li.sporbar-ol-item", 12)
			wantCount(t, doc, "section.sporbar-ol-area", 10)
			wantCount(t, doc, "form.sporbar-ol-form", 0) // a læser only reads
		},
		other:   emptyPlan2017("/ol"),
		otherAs: planRegionAdmin,
	},
}

// codeMarkers maps each row's code to its markers and whether it says "Se X".
func codeMarkers(doc *goquery.Document) map[string]string {
	got := map[string]string{}
	doc.Find("table.sporbar-plan-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		m := strings.Join(texts(tr.Find(".sporbar-markers .sporbar-badge")), " ")
		if se := text(tr.Find("p.sporbar-empty")); se != "" {
			m += " | " + se
		}
		got[text(tr.Find("td").First())] = m
	})
	return got
}

// TestAnnualPlan2016Document: the region's fagchef reads Indsatsplan 2016 as the document
// has it, with the links an editor gets; a læser gets none of them.
func TestAnnualPlan2016Document(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	fagchef := ts.addUser(t, region, domain.RoleFagchef, "Socialområdet")
	path := "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016))
	ts.signIn(t, fagchef)
	ts.resetQueries()
	_, doc := ts.get(t, path)
	if n := ts.queries(); n != 6 {
		t.Errorf("%d queries, want 6", n)
	}
	want := map[string]string{
		"1-A": "Aktiv indsats OL", "1-B": "Aktiv indsats | Se 1-A (fælles celle i dokumentet).", "2-A": "Aktiv indsats OL",
		"4-A": "Aktiv indsats OL", "4-E": "Aktiv indsats OL", "5-C": "Aktiv indsats OL", "6-A": "Aktiv indsats OL",
		"6-B": "Aktiv indsats OL", "7-D": "Aktiv indsats", "8-C": "Aktiv indsats INITIATIV OL",
		"8-D": "Aktiv indsats | Se 8-C (fælles celle i dokumentet).", "8-E": "Aktiv indsats | Se 8-C (fælles celle i dokumentet).",
		"9-E": "Aktiv indsats OL", "10-A": "Forberedende indsats INITIATIV OL",
		"10-B": "Forberedende indsats | Se 10-A (fælles celle i dokumentet).",
		"10-C": "Forberedende indsats | Se 10-A (fælles celle i dokumentet).",
		"10-D": "Forberedende indsats | Se 10-A (fælles celle i dokumentet).",
		"12-D": "Aktiv indsats INITIATIV OL", "13-A": "Aktiv indsats OL",
	}
	if diff := cmp.Diff(want, codeMarkers(doc)); diff != "" {
		t.Errorf("markers per handleplan (-want +got):\n%s", diff)
	}
	row := doc.Find("tr#punkt-" + itoa(ts.id(t, planItemSQL, 2016, "12-D")))
	if got := text(row.Find("td").Eq(2).Find("p").Not(".sporbar-ol, .d-print-none").First()); !strings.HasPrefix(got,
		"Der nedsættes en arbejdsgruppe med deltagelse fra PS-Administrationen") {
		t.Errorf("12-D's text begins %.60q", got)
	}
	if got, want := text(row.Find("p.sporbar-ol")), "OL: behandler arbejdsgruppens oplæg og træffer beslutning om den videre opfølgning."; got != want {
		t.Errorf("12-D's OL note %q, want %q", got, want)
	}
	facts := []string{text(doc.Find("#vedtagelse")), text(doc.Find("main p:contains('Hovedtema:')").First())}
	if diff := cmp.Diff([]string{"Ikke vedtaget", "Hovedtema: uden hovedtema"}, facts); diff != "" {
		t.Errorf("adoption and main theme (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Forberedende indsats: udmøntes efter en forberedende indsats", "Aktiv indsats: udmøntes aktivt i året",
		"INITIATIV: nyt initiativ i året", "OL: behandles i områdelederkredsen i løbet af året"}, texts(doc.Find(".sporbar-legend li"))); diff != "" {
		t.Errorf("legend (-want +got):\n%s", diff)
	}
	links := func(doc *goquery.Document) []string {
		return texts(doc.Find(".sporbar-plan-links a, .sporbar-plan-forms button"))
	}
	wantLinks := []string{"Rediger planen", "OL-dagsorden for 2016", "Hent planen som regneark (XLSX)",
		"Lav indsatsplan for 2017 ud fra denne", "Markér som vedtaget"}
	if diff := cmp.Diff(wantLinks, links(doc)); diff != "" {
		t.Errorf("the fagchef's links (-want +got):\n%s", diff)
	}
	wantCount(t, doc, "a[href*='/punkt?punkt=']", 19)

	ts.signIn(t, regionLaeser)
	_, doc = ts.get(t, path)
	if diff := cmp.Diff([]string{"OL-dagsorden for 2016", "Hent planen som regneark (XLSX)"}, links(doc)); diff != "" {
		t.Errorf("the læser's links (-want +got):\n%s", diff)
	}
	wantCount(t, doc, "a[href*='/punkt?punkt=']", 0)
}

// TestAnnualPlanPermissions: the kommune's people see nothing of the region's plans (404, as if
// missing); the
// region's læser and områdeleder read but change nothing; the fagchef and admin change.
func TestAnnualPlanPermissions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	plan := "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016))
	item := itoa(ts.id(t, planItemSQL, 2016, "10-A"))
	people := map[string]string{
		"kommunens fagchef":     ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"),
		"kommunens områdeleder": ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning"),
		"kommunens læser":       kommuneLaeser,
		"regionens læser":       regionLaeser,
		"regionens områdeleder": ts.addUser(t, region, domain.RoleOmraadeleder, "Specialområde Autisme"),
		"regionens fagchef":     ts.addUser(t, region, domain.RoleFagchef, "Socialområdet"),
		"fagchef for et område": ts.addUser(t, region, domain.RoleFagchef, "Specialområde Hjerneskade"),
	}
	requests := []struct{ method, path string }{
		{"GET", plan}, {"GET", plan + "/ol"}, {"GET", plan + ".xlsx"},
		{"GET", plan + "/rediger"}, {"GET", plan + "/punkt?punkt=" + item},
		{"POST", plan + "/punkt?punkt=" + item}, {"POST", plan + "/ol?punkt=" + item}, {"POST", plan + "/vedtag"},
		{"POST", plan + "/naeste-aar"}, {"POST", plan + "/punkt/fjern?punkt=" + item}, {"POST", plan + "/punkter"},
	}
	reads := func(a access) []access { return []access{a, a, a} }
	writes := func(a access) []access { return []access{a, a, a, a, a, a, a, a} }
	cat := func(parts ...[]access) []access {
		var out []access
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	want := map[string][]access{
		"kommunens fagchef": cat(reads(hidden), writes(hidden)), "kommunens områdeleder": cat(reads(hidden), writes(hidden)),
		"kommunens læser": cat(reads(hidden), writes(hidden)), "regionens læser": cat(reads(allowed), writes(forbidden)),
		"regionens områdeleder": cat(reads(allowed), writes(forbidden)), "fagchef for et område": cat(reads(allowed), writes(forbidden)),
		"regionens fagchef": cat(reads(allowed), writes(allowed)),
	}
	for name, email := range people {
		ts.signIn(t, email)
		var got []access
		for _, rq := range requests {
			got = append(got, ts.access(t, rq.method, rq.path))
		}
		if diff := cmp.Diff(want[name], got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	// Empty forms change nothing.
	if n := ts.id(t, `SELECT count(*) FROM audit_log`); n != 0 {
		t.Errorf("%d history rows after requests with empty forms, want 0", n)
	}
}
