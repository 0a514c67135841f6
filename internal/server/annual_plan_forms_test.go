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

// planFixture is a test server with the region's fagchef signed in and Indsatsplan 2017 made
// from 2016 after 7-D was archived and 13-A implemented.
type planFixture struct {
	ts           *testServer
	fagchef      string
	p16, p17     string // the plans' paths
	flash        string // the message after making 2017
	doc17        *goquery.Document
	strategyPath string
}

func newPlanFixture(t *testing.T) *planFixture {
	t.Helper()
	ts := newTestServer(t)
	f := &planFixture{ts: ts, fagchef: ts.addUser(t, region, domain.RoleFagchef, "Socialområdet")}
	for _, q := range []string{`UPDATE action_plans SET archived_at = now() WHERE code = '7-D'`,
		`UPDATE action_plans SET status_phase = 'implementeret' WHERE code = '13-A'`} {
		if _, err := ts.db.Exec(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	}
	ts.signIn(t, f.fagchef)
	f.p16 = "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016))
	f.strategyPath = "/strategier/" + itoa(ts.id(t, strategySQL, "Social Strategi"))
	status, loc, _ := ts.postNoFollow(t, f.p16+"/naeste-aar", url.Values{"year": {"2017"}})
	if status != http.StatusSeeOther {
		t.Fatalf("make 2017: status %d", status)
	}
	f.p17 = loc
	_, f.doc17 = ts.get(t, loc)
	f.flash = text(f.doc17.Find(".alert-success"))
	return f
}

// item is the path of the year's form of the handleplan with code.
func (f *planFixture) item(t *testing.T, year int, code string) (path, id string) {
	plan := f.p16
	if year == 2017 {
		plan = f.p17
	}
	id = itoa(f.ts.id(t, planItemSQL, year, code))
	return plan + "/punkt?punkt=" + id, id
}

// TestCreateNextAnnualPlan: Indsatsplan 2017 from 2016 by the carry-over rules, and the
// refusals of a second 2017 and of a 2018 outside the strategy's period.
func TestCreateNextAnnualPlan(t *testing.T) {
	t.Parallel()
	f := newPlanFixture(t)
	ts, doc := f.ts, f.doc17
	if got := text(doc.Find("h1")); got != "Social Strategi – Indsatsplan 2017" {
		t.Errorf("h1 %q", got)
	}
	if want := "17 handleplaner er ført over med teksterne fra 2016, klar til at blive skrevet om. Ikke ført over: 7-D (arkiveret), 13-A (implementeret)."; !strings.Contains(f.flash, want) {
		t.Errorf("message %q does not say %q", f.flash, want)
	}
	want := map[string]string{
		"1-A": "Aktiv indsats OL", "1-B": "Aktiv indsats | Se 1-A (fælles celle i dokumentet).", "2-A": "Aktiv indsats OL",
		"4-A": "Aktiv indsats OL", "4-E": "Aktiv indsats OL", "5-C": "Aktiv indsats OL", "6-A": "Aktiv indsats OL",
		"6-B": "Aktiv indsats OL", "8-C": "Aktiv indsats OL",
		"8-D": "Aktiv indsats | Se 8-C (fælles celle i dokumentet).", "8-E": "Aktiv indsats | Se 8-C (fælles celle i dokumentet).",
		"9-E": "Aktiv indsats OL", "10-A": "Forberedende indsats OL",
		"10-B": "Forberedende indsats | Se 10-A (fælles celle i dokumentet).",
		"10-C": "Forberedende indsats | Se 10-A (fælles celle i dokumentet).",
		"10-D": "Forberedende indsats | Se 10-A (fælles celle i dokumentet).",
		"12-D": "Aktiv indsats OL",
	}
	if diff := cmp.Diff(want, codeMarkers(doc)); diff != "" {
		t.Errorf("2017's handleplaner: no INITIATIV, OL kept (-want +got):\n%s", diff)
	}
	wantCount(t, doc, "table.sporbar-plan-table .sporbar-badge:contains('Tekst fra 2016')", 11)
	row := doc.Find("tr#punkt-" + itoa(ts.id(t, planItemSQL, 2017, "10-A")))
	if got := text(row.Find("td").Eq(2)); !strings.Contains(got, "Der nedsættes en arbejdsgruppe, der skal forberede en inspirationskonference") ||
		!strings.Contains(got, "OL: beslutter at nedsætte en arbejdsgruppe") {
		t.Errorf("10-A's 2017 cell %.200q does not hold the 2016 text and OL note", got)
	}
	wantCount(t, doc, "section.sporbar-plan-area", 15)
	wantCount(t, doc, "section.sporbar-plan-area p:contains('Vurdering:')", 0)
	facts := []string{text(doc.Find("#vedtagelse")), text(doc.Find("main p:contains('Hovedtema:')").First()),
		text(doc.Find("main p.sporbar-meta:contains('Lavet ud fra')")), text(doc.Find("h2:contains('Indledning') + p .sporbar-badge"))}
	if diff := cmp.Diff([]string{"Ikke vedtaget", "Hovedtema: uden hovedtema", "Lavet ud fra " + annualPlan2016 + ".", "Tekst fra 2016"}, facts); diff != "" {
		t.Errorf("the plan's facts (-want +got):\n%s", diff)
	}

	// A second 2017, and a 2018 after the strategy's period, are refused with a reason.
	status, doc := ts.post(t, f.p16+"/naeste-aar", url.Values{"year": {"2017"}})
	if got := text(doc.Find("#problem")); status != http.StatusConflict || !strings.Contains(got, "Der findes allerede en indsatsplan for 2017.") ||
		doc.Find("#problem a").AttrOr("href", "") != f.p17 {
		t.Errorf("second 2017: status %d, %q, link %q", status, got, doc.Find("#problem a").AttrOr("href", ""))
	}
	status, doc = ts.post(t, f.p17+"/naeste-aar", url.Values{"year": {"2018"}})
	if got := text(doc.Find("#problem")); status != http.StatusUnprocessableEntity ||
		!strings.Contains(got, "Strategien gælder 2014–2017, så der kan ikke laves en indsatsplan for 2018.") {
		t.Errorf("2018: status %d, %q", status, got)
	}
	tests := []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"2017 again", url.Values{"year": {"2017"}, "source": {itoa(ts.id(t, planSQL, 2016))}},
			map[string]string{"year": "Der findes allerede en indsatsplan for 2017."}},
		{"no year", url.Values{"year": {"tyve"}, "source": {"999999"}},
			map[string]string{"year": "Skriv året som et tal, fx 2017.", "source": "Vælg en af strategiens indsatsplaner, eller en tom plan."}},
	}
	for _, tt := range tests {
		status, doc := ts.post(t, f.strategyPath+"/indsatsplaner/ny", tt.form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, status)
		}
		if diff := cmp.Diff(tt.want, fieldErrors(doc)); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
		}
		if got := doc.Find("#year").AttrOr("value", ""); got != tt.form.Get("year") {
			t.Errorf("%s: year %q not kept", tt.name, got)
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM annual_plans WHERE year = 2017`); n != 1 {
		t.Errorf("%d plans for 2017, want 1", n)
	}
}

// TestEditAnnualPlanItem: the fagchef marks 10-A aktiv in 2017 with a new text; wrong input
// comes back with messages, a stale version with the differences.
func TestEditAnnualPlanItem(t *testing.T) {
	t.Parallel()
	f := newPlanFixture(t)
	ts := f.ts
	form, id := f.item(t, 2017, "10-A")
	_, doc := ts.get(t, form)
	prefilled := []bool{doc.Find("#phase-forberedende[checked]").Length() == 1, doc.Find("#is_new[checked]").Length() == 0,
		doc.Find("#ol[checked]").Length() == 1, doc.Find("#reviewed").Length() == 1,
		strings.HasPrefix(text(doc.Find("#implementation")), "Der nedsættes en arbejdsgruppe, der skal forberede")}
	if diff := cmp.Diff([]bool{true, true, true, true, true}, prefilled); diff != "" {
		t.Errorf("forberedende, no INITIATIV, OL, the 2016 text to confirm or rewrite (-want +got):\n%s", diff)
	}
	save := f.p17 + "/punkt"
	_, b10 := f.item(t, 2017, "10-B")
	_, d12 := f.item(t, 2017, "12-D")
	newText := "Inspirationskonferencen er holdt. I 2017 udarbejdes planen for samarbejdet med frivillige."
	tests := []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"OL without a note", url.Values{"phase": {"aktiv"}, "implementation": {newText}, "ol": {"1"}},
			map[string]string{"ol_note": "Skriv, hvad områdelederkredsen (OL) skal gøre med handleplanen i året."}},
		{"no phase, no text", url.Values{"phase": {"grøn"}}, map[string]string{
			"phase":          "Vælg, om handleplanen er en forberedende eller en aktiv indsats i året.",
			"implementation": "Skriv årets implementering, eller vælg den handleplan, hvis tekst også dækker denne."}},
		{"shared with one that shares", url.Values{"phase": {"aktiv"}, "same_as": {b10}},
			map[string]string{"same_as": "Vælg en handleplan med sin egen tekst: 10-B henviser selv til 10-A."}},
		{"others share its text", url.Values{"phase": {"aktiv"}, "same_as": {d12}},
			map[string]string{"same_as": "Andre handleplaner henviser til denne handleplans tekst (10-B), så den skal have sin egen."}},
	}
	for _, tt := range tests {
		tt.form.Set("punkt", id)
		tt.form.Set("version", "1")
		status, doc := ts.post(t, save, tt.form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, status)
		}
		if diff := cmp.Diff(tt.want, fieldErrors(doc)); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
		}
		if got := text(doc.Find("#implementation")); got != tt.form.Get("implementation") {
			t.Errorf("%s: the typed text %q was not kept", tt.name, got)
		}
	}

	good := url.Values{"punkt": {id}, "version": {"1"}, "phase": {"aktiv"}, "implementation": {newText}, "ol": {"1"},
		"ol_note": {"behandler planen for samarbejdet med frivillige."}}
	status, loc, _ := ts.postNoFollow(t, save, good)
	if status != http.StatusSeeOther || loc != f.p17+"#punkt-"+id {
		t.Fatalf("save: status %d to %q", status, loc)
	}
	_, doc = ts.get(t, f.p17)
	row := doc.Find("tr#punkt-" + id)
	if got := texts(row.Find(".sporbar-badge")); !cmp.Equal(got, []string{"Aktiv indsats", "OL"}) {
		t.Errorf("10-A's badges %q, want aktiv and OL (no longer «Tekst fra 2016»)", got)
	}
	if got := text(row.Find("td").Eq(2)); !strings.Contains(got, newText) {
		t.Errorf("10-A's cell %.120q lacks the new text", got)
	}

	// Someone else's save meanwhile: the differences side by side, the own input kept.
	mine := url.Values{"punkt": {id}, "version": {"1"}, "phase": {"forberedende"}, "implementation": {"Min tekst."}}
	status, doc = ts.post(t, save, mine)
	if status != http.StatusConflict {
		t.Fatalf("stale save: status %d, want 409", status)
	}
	var rows [][]string
	doc.Find("table.sporbar-conflict tbody tr").Each(func(_ int, tr *goquery.Selection) { rows = append(rows, texts(tr.Find("th, td"))) })
	wantRows := [][]string{{"Indsats i året", "Aktiv indsats", "Forberedende indsats"}, {"Implementering", newText, "Min tekst."},
		{"OL", "Ja", "Nej"}, {"Hvad OL gør", "behandler planen for samarbejdet med frivillige.", "–"}}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("conflict (-want +got):\n%s", diff)
	}
	if got := []string{text(doc.Find("#implementation")), doc.Find("input[name=version]").AttrOr("value", "")}; !cmp.Equal(got, []string{"Min tekst.", "2"}) {
		t.Errorf("form after the conflict: %q, want the own text and the stored version 2", got)
	}
}

// TestAnnualPlanTextsAndItems: the plan's own texts, adding and removing handleplaner.
func TestAnnualPlanTextsAndItems(t *testing.T) {
	t.Parallel()
	f := newPlanFixture(t)
	ts := f.ts
	area10 := itoa(ts.id(t, generalSQL, "Social Strategi", 3, 10))
	_, doc := ts.get(t, f.p17+"/rediger")
	if got := texts(doc.Find("#action_plan option")); len(got) != 2 || !strings.HasPrefix(got[1], "13-A – ") {
		t.Errorf("handleplaner to add %q, want 13-A only (7-D is archived)", got)
	}
	if doc.Find("#intro_reviewed").Length() != 1 {
		t.Error("no box to confirm the 2016 introduction")
	}
	texts17 := url.Values{"version": {"1"}, "title": {"Social Strategi – Indsatsplan 2017"}, "main_theme": {"Til flere"},
		"introduction":         {"Indsatsplanen for 2017 afslutter Social Strategi 2014–2017."},
		"narrative-" + area10:  {"Planen for samarbejdet med frivillige udmøntes i 2017."},
		"assessment-" + area10: {"Handleplanerne om frivilligt arbejde vurderes alle at være under implementering."}}
	bad := url.Values{}
	for k, v := range texts17 {
		bad[k] = v
	}
	bad.Set("title", " ")
	status, doc := ts.post(t, f.p17+"/rediger", bad)
	if diff := cmp.Diff(map[string]string{"title": "Titlen skal udfyldes."}, fieldErrors(doc)); status != 422 || diff != "" {
		t.Errorf("no title: status %d, messages (-want +got):\n%s", status, diff)
	}
	if got := text(doc.Find("#narrative-" + area10)); got != texts17.Get("narrative-"+area10) {
		t.Errorf("the typed narrative was not kept: %q", got)
	}
	if status, _, _ := ts.postNoFollow(t, f.p17+"/rediger", texts17); status != http.StatusSeeOther {
		t.Fatalf("save texts: status %d", status)
	}
	_, doc = ts.get(t, f.p17)
	area := doc.Find("section.sporbar-plan-area:has(h3#omraade-10)")
	got := []string{text(doc.Find("main p:contains('Hovedtema:')").First()), text(area.Find("p").First()), text(area.Find("p:contains('Vurdering:')"))}
	want := []string{"Hovedtema: Til flere", "Planen for samarbejdet med frivillige udmøntes i 2017.",
		"Vurdering: Handleplanerne om frivilligt arbejde vurderes alle at være under implementering."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the saved texts (-want +got):\n%s", diff)
	}
	wantCount(t, doc, "h2:contains('Indledning') + p .sporbar-badge", 0)
	if status, doc := ts.post(t, f.p17+"/rediger", texts17); status != http.StatusConflict || doc.Find("#konflikt").Length() != 1 {
		t.Errorf("stale texts: status %d, want 409 with the conflict notice", status)
	}

	// Adding: 13-A (implemented, so not carried) comes back; a plan it holds, or another
	// strategy's, cannot be added.
	a13 := itoa(ts.id(t, actionPlanSQL, "13-A"))
	addTests := []struct {
		name, plan, want string
	}{
		{"nothing chosen", "", "Vælg den handleplan, der skal med i planen."},
		{"already in the plan", itoa(ts.id(t, actionPlanSQL, "10-A")), "Handleplanen er allerede med i planen."},
		{"not a handleplan of the strategy", "999999", "Vælg en af strategiens handleplaner fra listen."},
	}
	for _, tt := range addTests {
		status, doc := ts.post(t, f.p17+"/punkter", url.Values{"action_plan": {tt.plan}, "phase": {"aktiv"}})
		if diff := cmp.Diff(map[string]string{"action_plan": tt.want}, fieldErrors(doc)); status != 422 || diff != "" {
			t.Errorf("%s: status %d, messages (-want +got):\n%s", tt.name, status, diff)
		}
	}
	status, loc, _ := ts.postNoFollow(t, f.p17+"/punkter", url.Values{"action_plan": {a13}, "phase": {"aktiv"}})
	if _, id13 := f.item(t, 2017, "13-A"); status != http.StatusSeeOther || loc != f.p17+"/punkt?punkt="+id13 {
		t.Errorf("add 13-A: status %d to %q, want its form", status, loc)
	}

	// Removing 10-A: 10-B, 10-C and 10-D keep its text as their own.
	_, a10 := f.item(t, 2017, "10-A")
	if status, _, _ := ts.postNoFollow(t, f.p17+"/punkt/fjern", url.Values{"punkt": {a10}, "version": {"1"}}); status != http.StatusSeeOther {
		t.Fatalf("remove 10-A: status %d", status)
	}
	_, doc = ts.get(t, f.p17)
	markers := codeMarkers(doc)
	got = []string{markers["10-A"], markers["10-B"], markers["13-A"]}
	if diff := cmp.Diff([]string{"", "Forberedende indsats", "Aktiv indsats"}, got); diff != "" {
		t.Errorf("10-A gone, 10-B with its own text, 13-A added (-want +got):\n%s", diff)
	}
	_, b10 := f.item(t, 2017, "10-B")
	status, doc = ts.post(t, f.p17+"/punkt/fjern", url.Values{"punkt": {b10}, "version": {"1"}})
	if status != http.StatusConflict || !strings.Contains(text(doc.Find("#problem")), "10-B er ikke fjernet") {
		t.Errorf("stale remove: status %d, %q", status, text(doc.Find("#problem")))
	}
}
