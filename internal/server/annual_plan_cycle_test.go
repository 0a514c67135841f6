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

// TestAdoptAnnualPlan: adoption with a date, a change after it, and adopting again.
func TestAdoptAnnualPlan(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, ts.addUser(t, region, domain.RoleFagchef, "Socialområdet"))
	plan := "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016))
	state := func() string { _, doc := ts.get(t, plan); return text(doc.Find("#vedtagelse .sporbar-badge")) }

	status, doc := ts.post(t, plan+"/vedtag", url.Values{"version": {"1"}, "adopted_on": {""}})
	if diff := cmp.Diff(map[string]string{"adopted_on": "Skriv den dato, planen blev vedtaget, som åååå-mm-dd, fx " + danishToday().Format("2006-01-02") + "."},
		fieldErrors(doc)); status != 422 || diff != "" {
		t.Errorf("no date: status %d, messages (-want +got):\n%s", status, diff)
	}
	if status, _, _ := ts.postNoFollow(t, plan+"/vedtag", url.Values{"version": {"1"}, "adopted_on": {"2016-01-12"}}); status != http.StatusSeeOther {
		t.Fatalf("adopt: status %d", status)
	}
	if got := state(); got != "Vedtaget 12. januar 2016" {
		t.Errorf("after adoption: %q", got)
	}
	if status, _ := ts.post(t, plan+"/vedtag", url.Values{"version": {"1"}, "adopted_on": {"2016-01-13"}}); status != http.StatusConflict {
		t.Errorf("stale adoption: status %d, want 409", status)
	}

	itemID := ts.id(t, planItemSQL, 2016, "7-D")
	item := itoa(itemID)
	form := url.Values{"punkt": {item}, "version": {"1"}, "phase": {"aktiv"}, "implementation": {"Standardvedtægterne er sendt ud."}}
	if status, _, _ := ts.postNoFollow(t, plan+"/punkt", form); status != http.StatusSeeOther {
		t.Fatalf("change 7-D: status %d", status)
	}
	if got := state(); got != "Vedtaget 12. januar 2016 – ændret efter vedtagelse" {
		t.Errorf("after a change: %q", got)
	}
	var mark string
	if err := ts.db.QueryRow(t.Context(), `SELECT changes->'Vedtaget plan'->>'new' FROM audit_log
		WHERE entity = 'annual_plan_item' AND entity_id = $1`, itemID).Scan(&mark); err != nil || mark != "ændret efter vedtagelse" {
		t.Errorf("the change's history says %q (%v), want «ændret efter vedtagelse»", mark, err)
	}
	if status, _, _ := ts.postNoFollow(t, plan+"/vedtag", url.Values{"version": {"2"}, "adopted_on": {"2016-02-01"}}); status != http.StatusSeeOther {
		t.Fatalf("adopt again: status %d", status)
	}
	if got := state(); got != "Vedtaget 1. februar 2016" {
		t.Errorf("after adopting again: %q", got)
	}
}

// TestActionPlanYearsSideBySide: 10-A's page shows 2016 and 2017 in columns.
func TestActionPlanYearsSideBySide(t *testing.T) {
	t.Parallel()
	f := newPlanFixture(t)
	ts := f.ts
	a10 := "/handleplaner/" + itoa(ts.id(t, actionPlanSQL, "10-A"))
	_, id := f.item(t, 2017, "10-A")
	form := url.Values{"punkt": {id}, "version": {"1"}, "phase": {"aktiv"}, "implementation": {"Planen for frivillige udmøntes."}}
	if status, _, _ := ts.postNoFollow(t, f.p17+"/punkt", form); status != http.StatusSeeOther {
		t.Fatalf("mark 10-A aktiv: status %d", status)
	}
	ts.signIn(t, regionLaeser)
	_, doc := ts.get(t, a10)
	table := doc.Find("table.sporbar-years-table")
	cells := func(header string) []string {
		var out []string
		table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			if text(tr.Find("th")) == header {
				out = texts(tr.Find("td"))
			}
		})
		return out
	}
	var markers []string
	table.Find("tbody tr:has(th:contains('Markeringer')) td").Each(func(_ int, td *goquery.Selection) {
		markers = append(markers, strings.Join(texts(td.Find(".sporbar-badge")), " "))
	})
	got := [][]string{texts(table.Find("thead th")), cells("Indsatsplan"), markers, cells("Implementering")}
	want := [][]string{{"År", "2016", "2017"}, {annualPlan2016, "Social Strategi – Indsatsplan 2017"},
		{"Forberedende indsats INITIATIV OL", "Aktiv indsats"}, {"", "Planen for frivillige udmøntes."}}
	got[3][0] = strings.SplitN(got[3][0], ",", 2)[0]
	want[3][0] = "Der nedsættes en arbejdsgruppe"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("10-A's years (-want +got):\n%s", diff)
	}
	_, doc = ts.get(t, "/handleplaner/"+itoa(ts.id(t, actionPlanSQL, "10-B")))
	if got := texts(doc.Find("table.sporbar-years-table p.sporbar-empty")); !cmp.Equal(got, []string{
		"Implementeringen er beskrevet under 10-A.", "Implementeringen er beskrevet under 10-A."}) {
		t.Errorf("10-B's years say %q", got)
	}
}
