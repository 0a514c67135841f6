package server_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

// searchPath is the organisation's search for q.
func searchPath(slug, q string) string {
	return "/org/" + slug + "/soeg?" + url.Values{"q": {q}}.Encode()
}

// TestSearchPage: the results page keeps what was typed, explains an unusable or fruitless
// query in Danish beside the field, groups hits under the organisation's own level names and
// links each to its page.
func TestSearchPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	tests := []struct {
		name       string
		slug, path string
		wantStatus int
		wantError  string   // the message beside the field
		wantNone   bool     // the page says nothing was found
		wantGroups []string // headings that must be among the groups
	}{
		{name: "form only", slug: kommune, path: "/org/" + kommune + "/soeg", wantStatus: http.StatusOK},
		{name: "empty query", slug: kommune, path: searchPath(kommune, "  "), wantStatus: http.StatusUnprocessableEntity,
			wantError: "Skriv et eller flere ord, du vil søge efter."},
		{name: "too long", slug: kommune, path: searchPath(kommune, strings.Repeat("indsats ", 30)), wantStatus: http.StatusUnprocessableEntity,
			wantError: "Søgningen må højst være 200 tegn."},
		{name: "no results", slug: kommune, path: searchPath(kommune, "xylofonkvartet"), wantStatus: http.StatusOK, wantNone: true},
		{name: "kommune's words", slug: kommune, path: searchPath(kommune, "indsats"), wantStatus: http.StatusOK,
			wantGroups: []string{"Generelle indsatser"}},
		{name: "region's words", slug: region, path: searchPath(region, "indsats"), wantStatus: http.StatusOK,
			wantGroups: []string{"Indsatsområder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.slug == region {
				ts.signInAs(t, userEmail(region, domain.RoleLaeser))
			} else {
				ts.signInAs(t, userEmail(kommune, domain.RoleLaeser))
			}
			status, doc := ts.get(t, tt.path)
			if status != tt.wantStatus {
				t.Fatalf("status %d, want %d", status, tt.wantStatus)
			}
			u, _ := url.Parse(tt.path)
			if got, want := doc.Find("main input#q").AttrOr("value", ""), u.Query().Get("q"); got != want {
				t.Errorf("field holds %q, want %q", got, want)
			}
			if got := strings.TrimPrefix(text(doc.Find("#q-error")), "Fejl: "); got != tt.wantError {
				t.Errorf("message %q, want %q", got, tt.wantError)
			}
			if got := doc.Find(".sporbar-search-none").Length() > 0; got != tt.wantNone {
				t.Errorf("says nothing found: %v, want %v", got, tt.wantNone)
			}
			headings := texts(doc.Find(".sporbar-search-group h2"))
			for _, want := range tt.wantGroups {
				if !slices.Contains(headings, want) {
					t.Errorf("headings %q, want %q among them", headings, want)
				}
			}
			checkHitLinks(t, ts, doc, tt.slug)
		})
	}
}

// checkHitLinks: every hit links to a page of the organisation searched, and that page opens.
func checkHitLinks(t *testing.T, ts *testServer, doc *goquery.Document, slug string) {
	t.Helper()
	links := hrefs(doc.Find(".sporbar-search-hits a"))
	for _, href := range links[:min(len(links), 3)] {
		if status, page := ts.get(t, href); status != http.StatusOK {
			t.Errorf("%s: status %d", href, status)
		} else if got := page.Find(".solution-heading a").AttrOr("href", ""); got != "/org/"+slug {
			t.Errorf("%s belongs to %q, want /org/%s", href, got, slug)
		}
	}
}

// TestSearchAccess: another organisation's search answers as a missing page; an anonymous
// visitor is sent to sign in.
func TestSearchAccess(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	if status, _ := ts.get(t, searchPath(region, "indsats")); status != http.StatusNotFound {
		t.Errorf("another organisation: status %d, want 404", status)
	}
	ts.signOut(t)
	resp, _ := ts.fetch(t, searchPath(kommune, "indsats"))
	if resp.Request.URL.Path != "/login" {
		t.Errorf("anonymous: ended on %s, want /login", resp.Request.URL.Path)
	}
}

// TestSearchMore: a level with more hits than the overview shows gets "Vis flere", which shows
// that level alone, in full.
func TestSearchMore(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	_, doc := ts.get(t, searchPath(kommune, "indsats"))
	more := doc.Find(".sporbar-search-group a[href*='niveau=']")
	if more.Length() == 0 {
		t.Fatal("no Vis flere link")
	}
	doc.Find(".sporbar-search-hits").Each(func(_ int, s *goquery.Selection) {
		if n := s.Find("li").Length(); n > domain.SearchPerLevel {
			t.Errorf("a level shows %d hits, want at most %d", n, domain.SearchPerLevel)
		}
	})
	_, full := ts.get(t, more.First().AttrOr("href", ""))
	if n := full.Find(".sporbar-search-group").Length(); n != 1 {
		t.Errorf("%d levels after Vis flere, want 1", n)
	}
	if n := full.Find(".sporbar-search-hits li").Length(); n <= domain.SearchPerLevel {
		t.Errorf("%d hits after Vis flere, want more than %d", n, domain.SearchPerLevel)
	}
}

// searchPages are the search's cases in the list of every page (pages_test.go): three
// queries (session, organisation, search), as many for many hits as for none.
var searchPages = []pageCase{{
	name: "søg: indsats in the kommune", route: "/org/{org}/soeg", as: kommuneLaeser, path: fixed(searchPath(kommune, "indsats")),
	maxQueries: 3, h1: "Søg", crumbs: []string{kommuneCrumb, "Søg"},
	check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
		wantCount(t, doc, "header form[role=search][method=get] input[name=q]", 1)
	},
	other: fixed(searchPath(kommune, "xylofonkvartet")),
}}

// TestSearchPages checks the search's page cases.
func TestSearchPages(t *testing.T) { runPages(t, searchPages) }
