package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

// dashboardPages are the follow-up views in the page table's form (for allPages in pages_test.go).
var dashboardPages = []pageCase{
	{
		name: "samlet skema: the kommune's strategy, 10 general initiatives × 5 områder", route: "/org/{org}/oversigt",
		as: kommuneLaeser, path: fixed("/org/" + kommune + "/oversigt"), maxQueries: 10, h1: "Samlet skema",
		crumbs: []string{kommuneCrumb, "Samlet skema"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-matrix tbody tr th[scope=row]", 10)
			wantCount(t, doc, "table.sporbar-matrix thead th[scope=col]", 6)
			wantCount(t, doc, "table.sporbar-matrix caption", 1)
			if got := text(doc.Find("#skema ~ .sporbar-empty").First()); got != "Der er ingen lokale indsatser endnu." {
				t.Errorf("empty state %q", got)
			}
		},
		other: fixed("/org/" + region + "/oversigt"), otherAs: regionLaeser,
	},
	{
		name: "alle indsatser: every item of the region", route: "/org/{org}/indsatser",
		as: regionLaeser, path: fixed("/org/" + region + "/indsatser"), maxQueries: 7, h1: "Alle indsatser",
		crumbs: []string{regionCrumb, "Alle indsatser"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			n := ts.id(t, `SELECT (SELECT count(*) FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
				JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1) + (SELECT count(*) FROM action_plans a
				JOIN initiatives i ON i.id = a.initiative_id JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
				JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1)`, region)
			wantCount(t, doc, "main table tbody tr", int(n))
			wantCount(t, doc, `main a[href$=".xlsx"]`, 1)
			wantCount(t, doc, `main a[href$=".csv"]`, 1)
		},
		other: fixed("/org/" + kommune + "/indsatser"), otherAs: kommuneLaeser,
	},
}

func TestDashboardPages(t *testing.T) {
	t.Parallel()
	runPages(t, dashboardPages)
}

// TestDashboardQueries checks that the follow-up views and their exports use as many queries
// for a little data as for much more.
func TestDashboardQueries(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := ts.addFollowUpData(t)
	paths := []string{"/oversigt", "/oversigt?omraade=" + itoa(d.hjemmepleje) + "&fase=forberedende", "/indsatser",
		"/oversigt.xlsx", "/oversigt.csv", "/indsatser.xlsx", "/indsatser.csv"}
	count := func() []int64 {
		var out []int64
		for _, p := range paths {
			ts.resetQueries()
			resp, _ := ts.fetch(t, "/org/"+kommune+p)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d", p, resp.StatusCode)
			}
			out = append(out, ts.queries())
		}
		return out
	}
	small := count()
	for i := range 3 {
		ts.addFollowUpData(t) // four more local initiatives, two plans, updates and a comment
		ts.localInitiative(t, "Sundhedscenter Vest", fmt.Sprintf("Ekstra indsats %d", i))
	}
	large := count()
	if diff := cmp.Diff(small, large); diff != "" {
		t.Errorf("queries grow with the data (-small +large):\n%s", diff)
	}
	want := []int64{10, 10, 7, 9, 9, 7, 7}
	if diff := cmp.Diff(want, small); diff != "" {
		t.Errorf("queries per view (-want +got):\n%s", diff)
	}
}
