package server_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// followUpData is what the follow-up tests create in the kommune's Strategi for Sundhed og
// Omsorg: four local initiatives in three områder under the first general initiative of spor 1
// and 2, two action plans, status updates of different ages and a comment.
//
//	general 1.1: A Hjemmepleje (under impl., udfordret, 40 %, today; plans late: critical 10 %, done: 100 %)
//	             B Myndighed   (forberedende, på sporet, 20 %, 120 days ago)
//	general 2.1: C Ældrecentre (implementeret, på sporet, 100 %, 200 days ago)
//	             D Hjemmepleje (no status)
type followUpData struct {
	strategy, track1, track2       int64
	general11, general21           int64
	hjemmepleje, myndighed, aeldre int64
	a, b, c, d, planLate, planDone int64
}

// The titles of the items followUpData makes.
const (
	titleA        = "Hverdagsrehabilitering i hjemmeplejen"
	titleB        = "Visitation med rehabiliterende fokus"
	titleC        = "Kvalitet i overgange på ældrecentrene"
	titleD        = "Tryg udskrivelse – ældre, søvn og ro"
	titlePlanLate = "Uddannelse af terapeuter"
	titlePlanDone = "Ny visitationsguide"
	responsibleA  = "Anne Æblegård"
)

// danishToday is today's date in Denmark, as the server judges it.
func danishToday() time.Time {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		loc = time.UTC
	}
	n := time.Now().In(loc)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// addFollowUpData creates followUpData through the store, as the områdeledere would.
func (ts *testServer) addFollowUpData(t *testing.T) followUpData {
	t.Helper()
	ctx := context.Background()
	st := store.New(ts.db)
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	general := `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id
		WHERE t.strategy_id = $1 AND t.number = $2 AND i.number = 1 AND i.kind = 'general'`
	unit := `SELECT id FROM units WHERE name = $1`
	var d followUpData
	d.strategy = ts.id(t, `SELECT id FROM strategies WHERE title = 'Strategi for Sundhed og Omsorg'`)
	d.track1 = ts.id(t, `SELECT id FROM tracks WHERE strategy_id = $1 AND number = 1`, d.strategy)
	d.track2 = ts.id(t, `SELECT id FROM tracks WHERE strategy_id = $1 AND number = 2`, d.strategy)
	d.general11, d.general21 = ts.id(t, general, d.strategy, 1), ts.id(t, general, d.strategy, 2)
	d.hjemmepleje, d.myndighed = ts.id(t, unit, "Hjemmepleje og akutaflastning"), ts.id(t, unit, "Myndighed")
	d.aeldre = ts.id(t, unit, "Ældrecentre")
	local := func(parent, unit int64, title, responsible string) int64 {
		id, err := st.AddLocalInitiative(ctx, admin, domain.Initiative{ParentID: &parent, UnitID: &unit, Title: title, Responsible: responsible})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	today := danishToday()
	plan := func(initiative int64, code, title string, deadline time.Time) int64 {
		id, err := st.AddActionPlan(ctx, admin, domain.ActionPlan{InitiativeID: initiative, Code: code, Title: title,
			Responsible: "Terapeutgruppen", Deadline: &deadline}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	d.a = local(d.general11, d.hjemmepleje, titleA, responsibleA)
	d.b = local(d.general11, d.myndighed, titleB, "Bo Berg")
	d.c = local(d.general21, d.aeldre, titleC, "Camilla Dahl")
	d.d = local(d.general21, d.hjemmepleje, titleD, "")
	d.planLate = plan(d.a, "A-1", titlePlanLate, today.AddDate(0, 0, -10))
	d.planDone = plan(d.a, "A-2", titlePlanDone, today.AddDate(0, 0, -30))
	status := func(initiative, plan int64, phase, health string, progress int16, daysAgo int) {
		su := domain.StatusUpdate{Phase: phase, Health: health, Progress: progress, AsOf: today.AddDate(0, 0, -daysAgo),
			AuthorID: admin, Comment: "Begrundelse"}
		if initiative != 0 {
			su.InitiativeID = &initiative
		} else {
			su.ActionPlanID = &plan
		}
		if _, err := st.PostStatusUpdate(ctx, su); err != nil {
			t.Fatal(err)
		}
	}
	status(d.a, 0, domain.PhaseImplementing, domain.HealthChallenged, 40, 0)
	status(d.b, 0, domain.PhasePreparing, domain.HealthOnTrack, 20, 120)
	status(d.c, 0, domain.PhaseImplemented, domain.HealthOnTrack, 100, 200)
	status(0, d.planLate, domain.PhaseImplementing, domain.HealthCritical, 10, 0)
	status(0, d.planDone, domain.PhaseImplemented, domain.HealthOnTrack, 100, 0)
	if _, err := st.AddComment(ctx, domain.Comment{InitiativeID: &d.b, AuthorID: admin, Body: "Hvordan går det med visitationen?"}); err != nil {
		t.Fatal(err)
	}
	return d
}

// matrixCells maps each local initiative in the skema to "column: badges".
func matrixCells(doc *goquery.Document) map[string]string {
	cols := texts(doc.Find("table.sporbar-matrix thead th a"))
	got := map[string]string{}
	doc.Find("table.sporbar-matrix tbody tr").Each(func(_ int, tr *goquery.Selection) {
		tr.Find("td").Each(func(i int, td *goquery.Selection) {
			td.Find("li").Each(func(_ int, li *goquery.Selection) {
				got[text(li.Find("a"))] = cols[i] + ": " + statusText(li)
			})
		})
	})
	return got
}

// statusText is the status badges and progress in sel, separated by spaces.
func statusText(sel *goquery.Selection) string {
	return strings.Join(texts(sel.Find(".sporbar-badge, .sporbar-progress")), " ")
}

// rowHeaders maps each general initiative's row header and each track's heading to its rolled-up text.
func rowHeaders(doc *goquery.Document) map[string]string {
	got := map[string]string{}
	doc.Find("table.sporbar-matrix tbody th").Each(func(_ int, th *goquery.Selection) {
		got[text(th.Find("a").First())] = text(th.Find(".sporbar-status"))
	})
	return got
}

func TestDashboardMatrixAndSummaries(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := ts.addFollowUpData(t)
	ts.signIn(t, ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"))
	status, doc := ts.get(t, "/org/"+kommune+"/oversigt")
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if got := doc.Find("select#strategi option[selected]").AttrOr("value", ""); got != itoa(d.strategy) {
		t.Errorf("the fagchef's strategy %s is not chosen: %q", itoa(d.strategy), got)
	}
	wantCells := map[string]string{
		titleA: "Hjemmepleje og akutaflastning: Under implementering Udfordret 40 %",
		titleB: "Myndighed: Forberedende På sporet 20 % Mangler opfølgning",
		titleC: "Ældrecentre: Implementeret På sporet 100 %",
		titleD: "Hjemmepleje og akutaflastning: Ikke påbegyndt Mangler opfølgning",
	}
	if diff := cmp.Diff(wantCells, matrixCells(doc)); diff != "" {
		t.Errorf("matrix cells (-want +got):\n%s", diff)
	}
	wantCols := []string{"Faglig Drift og Udvikling og Sekretariatet 0 lokale indsatser", "Myndighed 1 lokal indsats",
		"Hjemmepleje og akutaflastning 2 lokale indsatser", "Ældrecentre 1 lokal indsats", "Sundhedscenter Vest 0 lokale indsatser"}
	if diff := cmp.Diff(wantCols, texts(doc.Find("table.sporbar-matrix thead th[scope=col]"))[1:]); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	// The roll-up: A = (10+100)/2 = 55 with its own health; 1.1 = (55+20)/2; spor 1 = (37.5+0)/2;
	// 2.1 = (100+0)/2; spor 2 = (50+0+0+0)/4; the strategy = (18.75+12.5+0+0)/4.
	rows := rowHeaders(doc)
	general11 := text(doc.Find(fmt.Sprintf(`th a[href="/indsatser/%d"]`, d.general11)))
	general21 := text(doc.Find(fmt.Sprintf(`th a[href="/indsatser/%d"]`, d.general21)))
	for label, want := range map[string]string{general11: "38 % Udfordret", general21: "50 % På sporet"} {
		if rows[label] != want {
			t.Errorf("row %.30q rolled up %q, want %q", label, rows[label], want)
		}
	}
	if got := text(doc.Find(".sporbar-overall .sporbar-status")); got != "8 % Udfordret" {
		t.Errorf("overall roll-up %q, want 8 %% Udfordret", got)
	}
	if !containsText(doc, "main p", domain.RollupRule) {
		t.Error("the roll-up rule is not stated")
	}

	// Counts per track and område: phases (5), healths (3 + none), total, progress, health.
	counts := func(table int) map[string][]string {
		got := map[string][]string{}
		doc.Find("table.sporbar-counts").Eq(table).Find("tbody tr, tfoot tr").Each(func(_ int, tr *goquery.Selection) {
			got[shortLabel(text(tr.Find("th")))] = texts(tr.Find("td"))
		})
		return got
	}
	wantTracks := map[string][]string{
		"Strategispor 1": {"2", "1", "2", "1", "0", "2", "1", "1", "2", "6", "19 %", "Udfordret"},
		"Strategispor 2": {"5", "0", "0", "1", "0", "1", "0", "0", "5", "6", "13 %", "På sporet"},
		"Strategispor 3": {"2", "0", "0", "0", "0", "0", "0", "0", "2", "2", "0 %", "Ingen status"},
		"Strategispor 4": {"2", "0", "0", "0", "0", "0", "0", "0", "2", "2", "0 %", "Ingen status"},
		"I alt":          {"11", "1", "2", "2", "0", "3", "1", "1", "11", "16", "8 %", "Udfordret"},
	}
	if diff := cmp.Diff(wantTracks, counts(0)); diff != "" {
		t.Errorf("counts per track (-want +got):\n%s", diff)
	}
	wantUnits := map[string][]string{
		"Faglig Drift og Udvikling og Sekretariatet": {"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0 %", "Ingen status"},
		"Myndighed":                     {"0", "1", "0", "0", "0", "1", "0", "0", "0", "1", "20 %", "På sporet"},
		"Hjemmepleje og akutaflastning": {"1", "0", "2", "1", "0", "1", "1", "1", "1", "4", "28 %", "Udfordret"},
		"Ældrecentre":                   {"0", "0", "0", "1", "0", "1", "0", "0", "0", "1", "100 %", "På sporet"},
		"Sundhedscenter Vest":           {"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0 %", "Ingen status"},
		"I alt":                         {"1", "1", "2", "2", "0", "3", "1", "1", "1", "6", "44 %", "Udfordret"},
	}
	if diff := cmp.Diff(wantUnits, counts(1)); diff != "" {
		t.Errorf("counts per område (-want +got):\n%s", diff)
	}

	// Stale: B (120 days) and D (never) and the 10 general initiatives; not A, C (implemented) or the plans.
	stale := texts(doc.Find("#foraeldet tbody tr td:nth-child(2)"))
	if len(stale) != 12 || !slices.Contains(stale, titleB) || !slices.Contains(stale, titleD) ||
		slices.Contains(stale, titleA) || slices.Contains(stale, titleC) {
		t.Errorf("stale items %q, want B, D and the 10 general initiatives", stale)
	}
	overdue := texts(doc.Find("#overskredet tbody tr td:nth-child(2)"))
	if diff := cmp.Diff([]string{"A-1 " + titlePlanLate}, overdue); diff != "" {
		t.Errorf("overdue plans (-want +got):\n%s", diff)
	}
	activity := texts(doc.Find("#aktivitet li"))
	if len(activity) != 6 || !strings.Contains(activity[0], "Kommentar: "+titleB+" Hvordan går det med visitationen?") {
		t.Errorf("recent activity %q, want the comment first and 5 status updates", activity)
	}
}

// shortLabel cuts a track's label at its colon ("Strategispor 1: Vi vil …" → "Strategispor 1").
func shortLabel(s string) string {
	for i, r := range s {
		if r == ':' {
			return s[:i]
		}
	}
	return s
}

// containsText reports whether an element of sel in doc has exactly the text want.
func containsText(doc *goquery.Document, sel, want string) bool {
	return slices.Contains(texts(doc.Find(sel)), want) || strings.Contains(text(doc.Find(sel)), want)
}
