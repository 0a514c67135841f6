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

// The administration of the hierarchy (issue 6): only the organisation's admins.
func init() {
	routes := map[string]class{}
	for _, r := range []string{
		"GET /org/{org}/admin/hierarki", "GET /org/{org}/admin/indstillinger", "POST /org/{org}/admin/indstillinger",
		"GET /org/{org}/admin/politikker/ny", "POST /org/{org}/admin/politikker/ny",
		"GET /org/{org}/admin/strategier/ny", "POST /org/{org}/admin/strategier/ny",
		"GET /org/{org}/admin/enheder", "GET /org/{org}/admin/enheder/ny", "POST /org/{org}/admin/enheder/ny",
		"GET /org/{org}/admin/begreber", "GET /org/{org}/admin/begreber/ny", "POST /org/{org}/admin/begreber/ny",
		"GET /org/{org}/admin/indsatstrappen", "GET /org/{org}/admin/indsatstrappen/ny",
		"POST /org/{org}/admin/indsatstrappen/ny", "GET /org/{org}/admin/indsatstrappen/rediger",
		"POST /org/{org}/admin/indsatstrappen/rediger", "POST /org/{org}/admin/indsatstrappen/flyt",
		"POST /org/{org}/admin/indsatstrappen/arkiver", "POST /org/{org}/admin/indsatstrappen/slet",
		"GET /politikker/{id}/maalsaetninger/ny", "POST /politikker/{id}/maalsaetninger/ny",
		"GET /maalsaetninger/{id}/maal/ny", "POST /maalsaetninger/{id}/maal/ny",
		"GET /strategier/{id}/spor/ny", "POST /strategier/{id}/spor/ny",
		"GET /spor/{id}/indsatser/ny", "POST /spor/{id}/indsatser/ny",
		"POST /indsatser/{id}/flyt", "POST /indsatser/{id}/slet",
		"GET /org/{org}/admin/skema", "GET /org/{org}/admin/skema.xlsx", "POST /org/{org}/admin/import",
		"POST /org/{org}/admin/import/bekraeft",
	} {
		routes[r] = adminsOnly
	}
	for _, item := range []string{"/politikker", "/maalsaetninger", "/maal", "/strategier", "/spor", "/enheder", "/begreber"} {
		routes["GET "+item+"/{id}/rediger"] = adminsOnly
		for _, action := range []string{"rediger", "flyt", "arkiver", "slet"} {
			routes["POST "+item+"/{id}/"+action] = adminsOnly
		}
	}
	for _, r := range []string{"GET /org/{org}/status", "GET /org/{org}/status.xlsx", "POST /org/{org}/status/import",
		"POST /org/{org}/status/import/bekraeft"} {
		routes[r] = localCreator // the fagchef and the områdeledere
	}
	addRouteClasses(routes)
}

// sundhedspolitik is the kommune's policy the tests add to.
const sundhedspolitik = "Sundhedspolitik"

func (ts *testServer) policyID(t *testing.T, title string) int64 {
	t.Helper()
	return ts.id(t, `SELECT id FROM policies WHERE title = $1`, title)
}

func (ts *testServer) trackID(t *testing.T, strategy string, number int) int64 {
	t.Helper()
	return ts.id(t, `SELECT t.id FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		WHERE s.title = $1 AND t.number = $2 AND t.archived_at IS NULL`, strategy, number)
}

// version is the stored version of a row of table.
func (ts *testServer) version(t *testing.T, table string, id int64) string {
	t.Helper()
	return itoa(ts.id(t, `SELECT version::bigint FROM `+table+` WHERE id = $1`, id))
}

// TestAdminAddsObjectiveWithGoals is the "done when": signed in as an admin, a person
// adds a new målsætning with two mål to Sundhedspolitik, links them to tracks, and sees them in
// Sammenhæng.
func TestAdminAddsObjectiveWithGoals(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	policy := ts.policyID(t, sundhedspolitik)

	_, page := ts.open(t, "/politikker/"+itoa(policy))
	_, form := ts.follow(t, page, "a:contains('Ny målsætning')")
	status, objective := ts.post(t, form.Find("form.sporbar-form").AttrOr("action", ""),
		url.Values{"title": {"At borgerne bevæger sig mere i hverdagen"}, "description": {"Ny målsætning fra 2026."}})
	if status != http.StatusOK || !strings.Contains(text(objective.Find(".alert-success")), "Målsætningen er oprettet") {
		t.Fatalf("create objective: status %d, %q", status, text(objective.Find("main")))
	}
	if got := text(objective.Find("h1")); got != "4. At borgerne bevæger sig mere i hverdagen" {
		t.Errorf("objective heading %q, want it numbered 4 after the policy's three", got)
	}
	track1, track4 := ts.trackID(t, kommuneStrategy, 1), ts.trackID(t, kommuneStrategy, 4)
	goals := []struct {
		title  string
		tracks []int64
	}{
		{"At flere går eller cykler til arbejde", []int64{track1}},
		{"At foreningerne åbner flere hold for nybegyndere", []int64{track1, track4}},
	}
	for _, g := range goals {
		_, form := ts.follow(t, objective, "a:contains('Nyt mål')")
		if n := form.Find("input[type=checkbox][name=tracks]").Length(); n != 4 {
			t.Errorf("the goal form offers %d tracks, want the kommune's 4", n)
		}
		v := url.Values{"title": {g.title}}
		for _, id := range g.tracks {
			v.Add("tracks", itoa(id))
		}
		if status, _ := ts.post(t, form.Find("form.sporbar-form").AttrOr("action", ""), v); status != http.StatusOK {
			t.Fatalf("create goal %q: status %d", g.title, status)
		}
	}

	_, chain := ts.open(t, "/org/"+kommune+"/sammenhaeng")
	var got [][]string
	chain.Find("table.sporbar-chain tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if objective := text(tr.Find("td a[href^='/maalsaetninger/']")); strings.Contains(objective, "bevæger sig") ||
			len(got) == 1 {
			got = append(got, []string{objective, text(tr.Find("td a[href^='/maal/']")), text(tr.Find(".sporbar-spor"))})
		}
	})
	want := [][]string{
		{"4. At borgerne bevæger sig mere i hverdagen", "At flere går eller cykler til arbejde", "Strategispor 1"},
		{"", "At foreningerne åbner flere hold for nybegyndere", "Strategispor 1, Strategispor 4"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sammenhæng's rows for the new goals (-want +got):\n%s", diff)
	}
	if n := ts.id(t, `SELECT count(*) FROM audit_log WHERE entity IN ('objective', 'goal') AND action = 'create'`); n != 3 {
		t.Errorf("%d history rows for the new objective and goals, want 3", n)
	}
}

// TestHierarchyPagesQueryCounts: the administration's pages and edit forms cost a fixed number of
// queries, whatever the item holds.
func TestHierarchyPagesQueryCounts(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	count := func(path string) int64 {
		t.Helper()
		ts.resetQueries()
		if status, _ := ts.get(t, path); status != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, status)
		}
		return ts.queries()
	}
	goals := ts.ids(t, `SELECT g.id FROM goals g JOIN objectives o ON o.id = g.objective_id JOIN policies p ON p.id = o.policy_id
		WHERE p.title = $1 ORDER BY g.id`, sundhedspolitik)
	ts.post(t, "/maal/"+itoa(goals[1])+"/rediger", url.Values{"version": {ts.version(t, "goals", goals[1])},
		"title": {"Mål med tre spor"}, "tracks": {itoa(ts.trackID(t, kommuneStrategy, 1)),
			itoa(ts.trackID(t, kommuneStrategy, 2)), itoa(ts.trackID(t, kommuneStrategy, 3))}})
	policies := ts.ids(t, `SELECT id FROM policies WHERE title IN ('Ældrepolitik', 'Direktionens Strategiplan') ORDER BY id`)
	objectives := ts.ids(t, `SELECT id FROM objectives WHERE policy_id = ANY($1) ORDER BY id`, policies)
	units := ts.ids(t, `SELECT id FROM units WHERE name IN ('Direktion', 'Myndighed') ORDER BY id`)
	tests := []struct {
		name string
		a, b string
		most int64
	}{
		{"goal with one track and with three", "/maal/" + itoa(goals[0]) + "/rediger", "/maal/" + itoa(goals[1]) + "/rediger", 5},
		{"policies", "/politikker/" + itoa(policies[0]) + "/rediger", "/politikker/" + itoa(policies[1]) + "/rediger", 3},
		{"objectives", "/maalsaetninger/" + itoa(objectives[0]) + "/rediger", "/maalsaetninger/" + itoa(objectives[len(objectives)-1]) + "/rediger", 3},
		{"tracks", "/spor/" + itoa(ts.trackID(t, kommuneStrategy, 1)) + "/rediger", "/spor/" + itoa(ts.trackID(t, kommuneStrategy, 4)) + "/rediger", 3},
		{"units at the top and below", "/enheder/" + itoa(units[0]) + "/rediger", "/enheder/" + itoa(units[1]) + "/rediger", 4},
		{"new goal under objectives with more and fewer goals", "/maalsaetninger/" + itoa(objectives[0]) + "/maal/ny",
			"/maalsaetninger/" + itoa(objectives[len(objectives)-1]) + "/maal/ny", 4},
	}
	for _, tt := range tests {
		a, b := count(tt.a), count(tt.b)
		t.Logf("%s: %d queries", tt.name, a)
		if a != b || a > tt.most {
			t.Errorf("%s: %d and %d queries, want the same and at most %d", tt.name, a, b, tt.most)
		}
	}
	before := count("/org/" + kommune + "/admin/hierarki")
	ts.post(t, "/politikker/"+itoa(policies[0])+"/maalsaetninger/ny", url.Values{"title": {"Endnu en målsætning"}})
	if after := count("/org/" + kommune + "/admin/hierarki"); after != before || after > 14 {
		t.Errorf("the administration's list: %d queries, then %d with one more objective; want the same, at most 14", before, after)
	}
}
