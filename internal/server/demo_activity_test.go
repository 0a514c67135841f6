package server_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/demo"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// demoCounts are the rows the demo activity writes, per table.
const demoCounts = `SELECT (SELECT count(*) FROM initiatives WHERE kind = 'local'), (SELECT count(*) FROM action_plans),
	(SELECT count(*) FROM status_updates), (SELECT count(*) FROM comments), (SELECT count(*) FROM audit_log),
	(SELECT count(*) FROM indicator_measurements), (SELECT count(*) FROM annual_plans), (SELECT count(*) FROM agreement_approvals)`

func (ts *testServer) demoCounts(t *testing.T) []int64 {
	t.Helper()
	got := make([]int64, 8)
	ptrs := make([]any, len(got))
	for i := range got {
		ptrs[i] = &got[i]
	}
	if err := ts.db.QueryRow(context.Background(), demoCounts).Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestDemoActivity: the demo activity writes a year into both organisations once (a second
// run adds nothing), and the fagchef's samlet skema then counts local initiatives and
// handleplaner in several healths.
func TestDemoActivity(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	fagchef := ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	leader := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	regionFagchef := ts.addUser(t, region, domain.RoleFagchef, "Socialområdet")
	orgs := []demo.Org{{Slug: kommune, Fagchef: fagchef, Leader: leader}, {Slug: region, Fagchef: regionFagchef}}
	today := demo.Today(time.Now())
	before := ts.demoCounts(t)
	var after []int64
	for run := range 2 {
		for _, o := range orgs {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			wrote, err := demo.Activity(ctx, store.New(ts.db), o, today)
			cancel()
			if err != nil {
				t.Fatalf("run %d, %s: %v", run+1, o.Slug, err)
			}
			if wrote != (run == 0) {
				t.Errorf("run %d, %s: wrote %v", run+1, o.Slug, wrote)
			}
		}
		if run == 0 {
			after = ts.demoCounts(t)
		}
	}
	for i := range before {
		if after[i] <= before[i] {
			t.Errorf("count %d: %d before, %d after; want more", i, before[i], after[i])
		}
	}
	if diff := cmp.Diff(after, ts.demoCounts(t)); diff != "" {
		t.Errorf("the second run changed the counts (-first +second):\n%s", diff)
	}

	ts.signInAs(t, fagchef)
	_, doc := ts.get(t, "/org/"+kommune+"/oversigt")
	totals := unitTotals(doc)
	for _, col := range []string{"I alt", "Kritisk", "Udfordret", "På sporet"} {
		if n, _ := strconv.Atoi(totals[col]); n == 0 {
			t.Errorf("skema's total %q is %q, want more than 0 (totals %v)", col, totals[col], totals)
		}
	}
}

// unitTotals is the samlet skema's total row of the count per område, by column heading.
func unitTotals(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find("table.sporbar-counts").EachWithBreak(func(_ int, table *goquery.Selection) bool {
		if !strings.Contains(text(table.Find("caption")), "pr. område") {
			return true
		}
		heads := texts(table.Find("thead tr").Last().Find("th"))
		cells := texts(table.Find("tfoot tr").First().Children())
		for i := range min(len(heads), len(cells)) {
			out[heads[i]] = cells[i]
		}
		return false
	})
	return out
}
