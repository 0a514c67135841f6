package server_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

// follow GETs the href of the one link that sel finds in doc, which must answer 200.
func (ts *testServer) follow(t *testing.T, doc *goquery.Document, sel string) (string, *goquery.Document) {
	t.Helper()
	links := doc.Find(sel)
	if links.Length() != 1 {
		t.Fatalf("%d links %s, want 1: %v", links.Length(), sel, texts(links))
	}
	return ts.open(t, links.AttrOr("href", ""))
}

// open GETs href, which must answer 200.
func (ts *testServer) open(t *testing.T, href string) (string, *goquery.Document) {
	t.Helper()
	status, doc := ts.get(t, href)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d", href, status)
	}
	return href, doc
}

// TestKommuneJourney is the "done when" for the kommune: from the front page, by links
// alone, vision → strategy → each spor → every generel indsats.
func TestKommuneJourney(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, kommuneLaeser)

	_, front := ts.open(t, "/")
	if got, want := text(front.Find("section.sporbar-vision h2")), "Vision: Naturens Rige"; got != want {
		t.Fatalf("front page vision %q, want %q", got, want)
	}
	_, strategy := ts.follow(t, front, "main h3 a[href^='/strategier/']")
	if got := text(strategy.Find("h1")); got != kommuneStrategy {
		t.Fatalf("strategy page h1 %q, want %q", got, kommuneStrategy)
	}
	tracks := hrefs(strategy.Find("ul.sporbar-tracks > li > h3 > a"))
	if len(tracks) != 4 {
		t.Fatalf("%d spor links on the strategy page, want 4", len(tracks))
	}
	var reached []string
	for _, track := range tracks {
		_, tdoc := ts.open(t, track)
		links := tdoc.Find("ul.sporbar-initiatives > li > a")
		links.Each(func(_ int, a *goquery.Selection) {
			href, idoc := ts.open(t, a.AttrOr("href", ""))
			if got, want := text(idoc.Find("h1")), text(a); got != want {
				t.Errorf("%s: h1 %q, want the link's text %q", href, got, want)
			}
			// The breadcrumb leads back to the spor.
			if !slices.Contains(hrefs(idoc.Find("nav.breadcrumbs a")), track) {
				t.Errorf("%s: the breadcrumb does not link to %s", href, track)
			}
			reached = append(reached, href)
		})
	}
	want := paths(ts.ids(t, `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id WHERE s.title = $1 AND i.kind = 'general'
		ORDER BY t.number, i.number`, kommuneStrategy), "/indsatser/")
	if diff := cmp.Diff(want, reached); diff != "" {
		t.Errorf("generelle indsatser reached (-want +got):\n%s", diff)
	}
}

// TestRegionJourney is the "done when" for the region: front page → strategy →
// Indsatsplan 2016 → handleplan 12-D with its 2016 text and OL note, and back by the breadcrumb.
func TestRegionJourney(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, regionLaeser)

	_, front := ts.open(t, "/")
	_, strategy := ts.follow(t, front, "main h3 a[href^='/strategier/']")
	_, plan := ts.follow(t, strategy, "main a[href^='/indsatsplaner/']")
	if got := text(plan.Find("h1")); got != annualPlan2016 {
		t.Fatalf("plan h1 %q, want %q", got, annualPlan2016)
	}
	var row *goquery.Selection
	plan.Find("table.sporbar-plan-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if text(tr.Find("td").First()) == "12-D" {
			row = tr
		}
	})
	if row == nil {
		t.Fatal("no row 12-D in the plan")
	}
	href := row.Find("td a[href^='/handleplaner/']").AttrOr("href", "")
	_, ap := ts.open(t, href)
	if got := text(ap.Find("h1")); got != "12-D: "+plan12DTitle {
		t.Errorf("h1 %q", got)
	}
	year := ap.Find("section.sporbar-years")
	if got := text(year); !strings.Contains(got, "Der nedsættes en arbejdsgruppe med deltagelse fra PS-Administrationen") {
		t.Errorf("the 2016 text is missing: %.200q", got)
	}
	if got, want := text(year.Find("p.sporbar-ol")), "OL: behandler arbejdsgruppens oplæg og træffer beslutning om den videre opfølgning."; got != want {
		t.Errorf("OL note %q, want %q", got, want)
	}
	home, back := ts.follow(t, ap, "nav.breadcrumbs li:first-child a")
	if home != "/org/"+region || text(back.Find("h1")) != "Region Midtjylland" {
		t.Errorf("the first breadcrumb leads to %s (%q), want /org/%s", home, text(back.Find("h1")), region)
	}
}
