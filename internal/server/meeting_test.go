package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

func init() {
	addRouteClasses(map[string]class{"GET /org/{org}/moede": member})
}

// outwardPages are the pages Sporbar shows outward: the meeting screen (meeting.go) and the
// public page (public.go).
var outwardPages = []pageCase{
	{
		name: "status til mødet: the seeded kommune", route: "/org/{org}/moede", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/moede"), maxQueries: 8, h1: "Status til mødet",
		crumbs: []string{kommuneCrumb, "Status til mødet"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-meeting-spor tbody tr", 4)
			wantCount(t, doc, "figure.sporbar-chart", 1)
			wantCount(t, doc, "table.sporbar-meeting-changes tbody tr", 3)
		},
		other: fixed("/org/" + region + "/moede"), otherAs: regionLaeser,
	},
	{
		name: "offentlig side: the kommune's, switched on", route: "/offentlig/{org}", as: "",
		path: func(t *testing.T, ts *testServer) string {
			if _, err := ts.db.Exec(context.Background(), `UPDATE organisations SET public_page = true WHERE slug = $1`, kommune); err != nil {
				t.Fatal(err)
			}
			return "/offentlig/" + kommune
		},
		maxQueries: 5, h1: "Ringkøbing-Skjern Kommune: strategi og status",
	},
}

func TestOutwardPages(t *testing.T) {
	t.Parallel()
	runPages(t, outwardPages)
}

// TestMeeting checks what the meeting screen says of a kommune with status: the distribution
// per track, the change since the previous quarter, and the kritisk items with their latest
// comment; and that it takes as many queries however much there is.
func TestMeeting(t *testing.T) {
	t.Parallel()
	e := newRepEnv(t)
	path := "/org/" + kommune + "/moede"
	_, before := e.page(t, path)

	q := domain.QuarterOf(e.today)
	critical := e.general(t, 1, 1)
	e.status(t, critical, 0, domain.PhaseImplementing, domain.HealthCritical, 20, e.today)
	e.status(t, e.general(t, 2, 1), 0, domain.PhaseImplementing, domain.HealthOnTrack, 50, e.today)
	e.status(t, e.general(t, 2, 2), 0, domain.PhaseImplementing, domain.HealthChallenged, 50, q.Prev().End())
	e.signIn(t, userEmail(kommune, domain.RoleAdmin))
	if status, _ := e.post(t, "/indsatser/"+itoa(critical)+"/kommentarer", map[string][]string{"body": {"Budgettet mangler."}}); status != http.StatusOK {
		t.Fatalf("comment: status %d", status)
	}
	e.signIn(t, kommuneLaeser)
	doc, after := e.page(t, path)
	if after != before {
		t.Errorf("%d queries with status, %d without: the count depends on the content", after, before)
	}
	rows := cellRows(doc.Find("table.sporbar-meeting-spor tbody tr"))
	if len(rows) < 2 {
		t.Fatalf("rows per track: %q", rows)
	}
	wantCells := func(row string, onTrack, challenged, critical string) {
		t.Helper()
		cells := strings.Split(row, " | ")
		if got := strings.Join(cells[1:4], " "); got != onTrack+" "+challenged+" "+critical {
			t.Errorf("row %q: på sporet, udfordret, kritisk = %q, want %s %s %s", row, got, onTrack, challenged, critical)
		}
	}
	wantCells(rows[0], "0", "0", "1")
	wantCells(rows[1], "1", "1", "0")
	changes := cellRows(doc.Find("table.sporbar-meeting-changes tbody tr"))
	if want := []string{"På sporet | 0 | 1 | +1", "Udfordret | 1 | 1 | 0", "Kritisk | 0 | 1 | +1"}; strings.Join(changes, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes %q, want %q", changes, want)
	}
	items := doc.Find(".sporbar-meeting-attention > li")
	if items.Length() != 1 {
		t.Fatalf("%d items to talk about, want 1", items.Length())
	}
	if got := text(items.Find("blockquote p")); got != "Budgettet mangler." {
		t.Errorf("latest comment %q", got)
	}
	if got := text(items.Find(".badge, .sporbar-status")); !strings.Contains(got, "Kritisk") {
		t.Errorf("status %q does not say Kritisk in words", got)
	}

	for _, bad := range []string{"?periode=2026-9", "?periode=x", "?periode=2099-1"} {
		if status, _ := e.get(t, path+bad); status != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400", path+bad, status)
		}
	}
	prev := path + "?periode=" + q.Prev().Param()
	doc, _ = e.page(t, prev)
	if got := doc.Find("select[name=periode] option[selected]").AttrOr("value", ""); got != q.Prev().Param() {
		t.Errorf("period picker shows %q, want %q", got, q.Prev().Param())
	}
}
