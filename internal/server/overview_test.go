package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestOrganisationOverview(t *testing.T) {
	t.Parallel()
	e := newRepEnv(t)
	// Spor 1's first general initiative G1 gets a local one L1 in Hjemmepleje with two plans:
	// P1 (20 %, kritisk, past its deadline) and P2 (60 %, på sporet). L1's owner sets udfordret.
	g1 := e.general(t, 1, 1)
	l1 := e.local(t, g1, "Hjemmepleje og akutaflastning", "L1", "", nil, nil)
	long := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	p1 := e.plan(t, l1, "P1", "Plan 1", "", &long)
	p2 := e.plan(t, l1, "P2", "Plan 2", "", nil)
	e.status(t, 0, p1, domain.PhaseImplementing, domain.HealthCritical, 20, e.today)
	e.status(t, 0, p2, domain.PhaseImplementing, domain.HealthOnTrack, 60, e.today)
	e.status(t, l1, 0, domain.PhaseImplementing, domain.HealthChallenged, 40, e.today)
	e.signIn(t, e.addUser(t, kommune, domain.RoleDirektion, "Direktion"))

	doc, n := e.page(t, "/org/"+kommune+"/direktion")
	area := doc.Find("main section.sporbar-section").First()
	if got := text(area.Find("h2")); got != "Sundhed og Omsorg" {
		t.Fatalf("first fagområde %q", got)
	}
	if got, want := text(area.Find(".sporbar-overview-total")), "Samlet: 5 % Udfordret 13 elementer, 10 mangler opfølgning, 1 overskredet"; got != want {
		t.Errorf("fagområde total %q, want %q", got, want)
	}
	// Columns: name, rolled up, på sporet, udfordret, kritisk, ingen status, mangler, overskredet, i alt, link.
	// G1 rolls up L1 (40 %: the plans' average, with its own health), G2 has nothing: spor 1 is
	// 20 %, the strategy (4 tracks) 5 %; the health is the worst below.
	rows := area.Find("table.sporbar-overview tbody tr")
	var names, numbers []string
	rows.Each(func(_ int, tr *goquery.Selection) {
		names = append(names, text(tr.Find("th")))
		tds := texts(tr.Find("td"))
		numbers = append(numbers, strings.Join(tds[:len(tds)-1], " | "))
	})
	want := []string{
		"5 % Udfordret | 1 | 1 | 1 | 10 | 10 | 1 | 13",
		"20 % Udfordret | 1 | 1 | 1 | 2 | 2 | 1 | 5",
		"0 % Ingen status | 0 | 0 | 0 | 4 | 4 | 0 | 4",
		"0 % Ingen status | 0 | 0 | 0 | 2 | 2 | 0 | 2",
		"0 % Ingen status | 0 | 0 | 0 | 2 | 2 | 0 | 2",
	}
	if diff := cmp.Diff(want, numbers); diff != "" {
		t.Errorf("the strategy and its tracks (-want +got):\n%s", diff)
	}
	if len(names) != 5 || names[0] != "Strategi for Sundhed og Omsorg" || !strings.HasPrefix(names[1], "Strategispor 1: Vi vil") {
		t.Errorf("rows %q", names)
	}
	strategy := itoa(e.id(t, `SELECT id FROM strategies WHERE title = 'Strategi for Sundhed og Omsorg'`))
	track1 := itoa(e.id(t, `SELECT track_id FROM initiatives WHERE id = $1`, g1))
	links := hrefs(rows.Eq(1).Find("a"))
	if diff := cmp.Diff([]string{"/spor/" + track1, "/org/" + kommune + "/oversigt?strategi=" + strategy + "&spor=" + track1}, links); diff != "" {
		t.Errorf("spor 1's links (-want +got):\n%s", diff)
	}
	if got := hrefs(rows.First().Find("a")); !cmp.Equal(got,
		[]string{"/strategier/" + strategy, "/org/" + kommune + "/oversigt?strategi=" + strategy}) {
		t.Errorf("the strategy's links %q", got)
	}
	if n > 5 {
		t.Errorf("%d queries, want at most 5", n)
	}
}
