package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// repEnv is a test server with helpers that build the kommune's data for the report tests.
type repEnv struct {
	*testServer
	st    *store.Store
	admin int64     // the kommune's admin: creates items, posts status updates
	today time.Time // today in Denmark, as the server sees it
}

func newRepEnv(t *testing.T) repEnv {
	t.Helper()
	ts := newTestServer(t)
	now := time.Now().In(mustLocation(t, "Europe/Copenhagen"))
	e := repEnv{testServer: ts, st: store.New(ts.db), today: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
	e.admin = ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	// The seeded items were created long ago, whenever the test template was made.
	if _, err := ts.db.Exec(context.Background(), `UPDATE initiatives SET created_at = '2020-01-01'`); err != nil {
		t.Fatal(err)
	}
	return e
}

func mustLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// general is the kommune's general initiative number of track number track.
func (e repEnv) general(t *testing.T, track, number int) int64 {
	t.Helper()
	return e.id(t, `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id
		WHERE o.slug = $1 AND t.number = $2 AND i.number = $3 AND i.kind = 'general'`, kommune, track, number)
}

// unit is the id of the kommune's unit named name.
func (e repEnv) unit(t *testing.T, name string) int64 {
	t.Helper()
	return e.id(t, `SELECT id FROM units WHERE name = $1`, name)
}

// local adds a local initiative of the unit under the general initiative.
func (e repEnv) local(t *testing.T, general int64, unit, title, responsible string, start, end *time.Time) int64 {
	t.Helper()
	u := e.unit(t, unit)
	id, err := e.st.AddLocalInitiative(context.Background(), e.admin, domain.Initiative{ParentID: &general, UnitID: &u,
		Title: title, Responsible: responsible, StartDate: start, EndDate: end})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// plan adds an action plan under the initiative.
func (e repEnv) plan(t *testing.T, initiative int64, code, title, responsible string, deadline *time.Time) int64 {
	t.Helper()
	id, err := e.st.AddActionPlan(context.Background(), e.admin, domain.ActionPlan{InitiativeID: initiative, Code: code,
		Title: title, Responsible: responsible, Deadline: deadline}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// status posts a status update on an initiative (plan 0) or an action plan (initiative 0).
func (e repEnv) status(t *testing.T, initiative, plan int64, phase, health string, progress int, asOf time.Time) {
	t.Helper()
	su := domain.StatusUpdate{Phase: phase, Health: health, Progress: int16(progress), Comment: "Status.", AsOf: asOf, AuthorID: e.admin}
	if initiative != 0 {
		su.InitiativeID = &initiative
	} else {
		su.ActionPlanID = &plan
	}
	if _, err := e.st.PostStatusUpdate(context.Background(), su); err != nil {
		t.Fatal(err)
	}
}

// person adds an active user with a name to the kommune's unit (they never sign in).
func (e repEnv) person(t *testing.T, role, unit, name string) {
	t.Helper()
	u := e.unit(t, unit)
	org := e.id(t, `SELECT id FROM organisations WHERE slug = $1`, kommune)
	email := strings.ToLower(strings.Fields(name)[0]) + "@" + kommune + ".test"
	if _, err := e.st.CreateUser(context.Background(), domain.User{OrganisationID: org, UnitID: &u, Email: email, Name: name,
		Role: role, PasswordHash: "x", Active: true}); err != nil {
		t.Fatal(err)
	}
}

// page GETs path, which must answer 200, and returns the page and the queries it took.
func (e repEnv) page(t *testing.T, path string) (*goquery.Document, int64) {
	t.Helper()
	e.resetQueries()
	status, doc := e.get(t, path)
	n := e.queries()
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d; %s", path, status, text(doc.Find("main")))
	}
	return doc, n
}

// cellRows is each row's cells' texts joined by " | ".
func cellRows(rows *goquery.Selection) []string {
	out := []string{}
	rows.Each(func(_ int, tr *goquery.Selection) { out = append(out, strings.Join(texts(tr.Children()), " | ")) })
	return out
}

var danishMonthNames = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
	"oktober", "november", "december"}

func TestReporting(t *testing.T) {
	t.Parallel()
	e := newRepEnv(t)
	e.person(t, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning", "Olivia Områdeleder")
	e.person(t, domain.RoleFagchef, "Sundhed og Omsorg", "Frida Fagchef")
	g := e.general(t, 1, 1)
	start := domain.FollowUpPeriodStart(e.today, 3)
	lastQuarter, twoAgo := start.AddDate(0, 0, -10), start.AddDate(0, 0, -100)

	a := e.local(t, g, "Hjemmepleje og akutaflastning", "A: rapporteret nu", "Anne Ansvarlig", nil, nil)
	b := e.local(t, g, "Hjemmepleje og akutaflastning", "B: kun sidste kvartal", "", nil, nil)
	ev := e.local(t, g, "Hjemmepleje og akutaflastning", "E: rykket tilbage", "", nil, nil)
	e.plan(t, a, "P-1", "P: uden status", "Pia Plan", nil)
	e.local(t, g, "Myndighed", "C: aldrig rapporteret", "", nil, nil)
	d := e.local(t, g, "Ældrecentre", "D: implementeret", "", nil, nil)
	e.status(t, a, 0, domain.PhasePreparing, domain.HealthChallenged, 20, lastQuarter)
	e.status(t, a, 0, domain.PhaseImplementing, domain.HealthOnTrack, 50, start)
	e.status(t, b, 0, domain.PhaseImplementing, domain.HealthOnTrack, 60, lastQuarter)
	e.status(t, ev, 0, domain.PhaseImplementing, domain.HealthOnTrack, 60, lastQuarter)
	e.status(t, ev, 0, domain.PhasePreparing, domain.HealthChallenged, 30, start)
	e.status(t, d, 0, domain.PhasePreparing, domain.HealthOnTrack, 10, twoAgo)
	e.status(t, d, 0, domain.PhaseImplemented, domain.HealthOnTrack, 100, lastQuarter)

	doc, n := e.page(t, "/org/"+kommune+"/rapportering")
	end := start.AddDate(0, 3, -1)
	wantPeriod := fmt.Sprintf("%d. kvartal %d (1. %s – %d. %s)", int(start.Month()-1)/3+1, start.Year(),
		danishMonthNames[start.Month()-1], end.Day(), danishMonthNames[end.Month()-1])
	if got := text(doc.Find(".sporbar-lead strong")); got != wantPeriod {
		t.Errorf("period %q, want %q", got, wantPeriod)
	}
	summary := cellRows(doc.Find(".sporbar-reporting-summary tbody tr"))
	want := []string{
		"Sundhed og Omsorg | Frida Fagchef | 0 | 10 Mangler opfølgning | 0 | 10",
		"Faglig Drift og Udvikling og Sekretariatet | Områdeleder (ingen bruger i Sporbar) | 0 | 0 | 0 | 0",
		"Myndighed | Områdeleder (ingen bruger i Sporbar) | 0 | 1 Mangler opfølgning | 0 | 1",
		"Hjemmepleje og akutaflastning | Olivia Områdeleder | 2 | 2 Mangler opfølgning | 0 | 4",
		"Ældrecentre | Områdeleder (ingen bruger i Sporbar) | 0 | 0 | 1 | 1",
		"Sundhedscenter Vest | Områdeleder (ingen bruger i Sporbar) | 0 | 0 | 0 | 0",
	}
	if diff := cmp.Diff(want, summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	// Hjemmepleje's own table: those missing first, with the leader and the responsible.
	unit := doc.Find("#enhed-" + itoa(e.unit(t, "Hjemmepleje og akutaflastning")))
	if got := text(unit.Find(".sporbar-leaders")); got != "Olivia Områdeleder" {
		t.Errorf("Hjemmepleje's leader %q", got)
	}
	var rows []string
	unit.Find("table.sporbar-reporting tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.Children()
		rows = append(rows, text(cells.Eq(0))+" | "+text(cells.Eq(2))+" | "+text(cells.Eq(3)))
	})
	wantRows := []string{"Mangler | P-1 P: uden status | Pia Plan", "Mangler | B: kun sidste kvartal | –",
		"Rapporteret | A: rapporteret nu | Anne Ansvarlig", "Rapporteret | E: rykket tilbage | –"}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("Hjemmepleje's items (-want +got):\n%s", diff)
	}
	if n > 5 {
		t.Errorf("%d queries, want at most 5", n)
	}

	// This quarter against the last.
	doc, n = e.page(t, "/org/"+kommune+"/rapportering?sammenlign=kvartal")
	tables := doc.Find("table.sporbar-compare")
	wantPhases := []string{"Ikke påbegyndt | 10 | 12 | +2", "Forberedende | 1 | 1 | 0", "Under implementering | 2 | 2 | 0",
		"Implementeret | 1 | 1 | 0", "Sat i bero | 0 | 0 | 0"}
	if diff := cmp.Diff(wantPhases, cellRows(tables.Eq(0).Find("tbody tr"))); diff != "" {
		t.Errorf("phases (-want +got):\n%s", diff)
	}
	wantHealths := []string{"På sporet | 3 | 3 | 0", "Udfordret | 1 | 1 | 0", "Kritisk | 0 | 0 | 0", "Ingen status | 10 | 12 | +2"}
	if diff := cmp.Diff(wantHealths, cellRows(tables.Eq(1).Find("tbody tr"))); diff != "" {
		t.Errorf("healths (-want +got):\n%s", diff)
	}
	moves := doc.Find("table.sporbar-moves")
	if got := cellRows(moves.Eq(0).Find("tbody tr")); !cmp.Equal(got, []string{
		"A: rapporteret nu | Lokal indsats | Hjemmepleje og akutaflastning | Forberedende, 20 % | Under implementering, 50 %"}) {
		t.Errorf("moved forward: %q", got)
	}
	if got := cellRows(moves.Eq(1).Find("tbody tr")); !cmp.Equal(got, []string{
		"E: rykket tilbage | Lokal indsats | Hjemmepleje og akutaflastning | Under implementering, 60 % | Forberedende, 30 %"}) {
		t.Errorf("moved back: %q", got)
	}
	if got := hrefs(moves.Eq(0).Find("tbody a")); !cmp.Equal(got, []string{"/indsatser/" + itoa(a)}) {
		t.Errorf("moved forward links %q", got)
	}
	if n > 6 {
		t.Errorf("comparing: %d queries, want at most 6", n)
	}
	if status, _ := e.get(t, "/org/"+kommune+"/rapportering?sammenlign=uge"); status != http.StatusBadRequest {
		t.Errorf("sammenlign=uge: status %d, want 400", status)
	}
}

func TestReportPages(t *testing.T) {
	t.Parallel()
	runPages(t, reportPages)
}

// reportPages are the reports across an organisation (reporting.go, overview.go, coverage.go,
// trends.go, timeline.go), each seen by a læser of the kommune and, for the query count, of the region.
var reportPages = []pageCase{
	{
		name: "hvem har rapporteret: every område of the kommune", route: "/org/{org}/rapportering", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/rapportering"), maxQueries: 5, h1: "Hvem har rapporteret",
		crumbs: []string{kommuneCrumb, "Hvem har rapporteret"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, ".sporbar-reporting-summary tbody tr", 6)
		},
		other: fixed("/org/" + region + "/rapportering"), otherAs: regionLaeser,
	},
	{
		name: "organisationens overblik: the kommune's fagområde", route: "/org/{org}/direktion", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/direktion"), maxQueries: 5, h1: "Organisationens overblik",
		crumbs: []string{kommuneCrumb, "Organisationens overblik"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-overview tbody tr", 5)
		},
		other: fixed("/org/" + region + "/direktion"), otherAs: regionLaeser,
	},
	{
		name: "sporbarhed: 23 goals, all served", route: "/org/{org}/sporbarhed", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/sporbarhed"), maxQueries: 5, h1: "Sporbarhed",
		crumbs: []string{kommuneCrumb, "Sporbarhed"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-coverage tbody tr", 23)
			if got := text(doc.Find(".sporbar-coverage-count strong")); got != "23 af 23 mål er dækket" {
				t.Errorf("coverage %q", got)
			}
		},
		other: fixed("/org/" + region + "/sporbarhed"), otherAs: regionLaeser,
	},
	{
		name: "udvikling over tid: no history yet", route: "/org/{org}/udvikling", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/udvikling"), maxQueries: 5, h1: "Udvikling over tid",
		crumbs: []string{kommuneCrumb, "Udvikling over tid"},
		other:  fixed("/org/" + region + "/udvikling"), otherAs: regionLaeser,
	},
	{
		name: "tidsplan: the seeded initiatives have no dates", route: "/org/{org}/tidsplan", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/tidsplan"), maxQueries: 3, h1: "Tidsplan",
		crumbs: []string{kommuneCrumb, "Tidsplan"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "#uden-datoer + div table tbody tr", 10)
		},
		other: fixed("/org/" + region + "/tidsplan"), otherAs: regionLaeser,
	},
}

// TestReportQueryCounts checks that each report takes as many queries for a busy kommune as
// for the seeded one: a fixed number, however many items and status updates there are.
func TestReportQueryCounts(t *testing.T) {
	t.Parallel()
	e := newRepEnv(t)
	paths := []string{"/rapportering", "/rapportering?sammenlign=aar", "/direktion", "/sporbarhed", "/udvikling",
		"/udvikling?omraade=" + itoa(e.unit(t, "Myndighed")), "/tidsplan"}
	want := []int64{5, 6, 5, 5, 5, 5, 3}
	count := func() []int64 {
		var out []int64
		for _, p := range paths {
			_, n := e.page(t, "/org/"+kommune+p)
			out = append(out, n)
		}
		return out
	}
	if diff := cmp.Diff(want, count()); diff != "" {
		t.Fatalf("queries, seeded (-want +got):\n%s", diff)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, unit := range []string{"Myndighed", "Ældrecentre", "Hjemmepleje og akutaflastning"} {
		for track := 1; track <= 4; track++ {
			l := e.local(t, e.general(t, track, 1), unit, "Lokal "+unit, "Leder", &start, nil)
			p := e.plan(t, l, "H", "Handleplan", "Pia", &start)
			for m := 0; m < 6; m++ {
				e.status(t, l, 0, domain.PhaseImplementing, domain.HealthChallenged, 10*m, e.today.AddDate(0, -m, 0))
			}
			e.status(t, 0, p, domain.PhasePreparing, domain.HealthCritical, 5, e.today.AddDate(0, -2, 0))
		}
	}
	if diff := cmp.Diff(want, count()); diff != "" {
		t.Errorf("queries with 12 more initiatives, 12 plans and 84 status updates (-want +got):\n%s", diff)
	}
}
