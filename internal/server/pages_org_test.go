package server_test

import (
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

func TestOrganisationPages(t *testing.T) {
	t.Parallel()
	runPages(t, orgPages)
}

// orgPages are the pages outside the chain: the front pages, the organisation's lists, sign-in,
// the profile and the user administration.
var orgPages = []pageCase{
	{
		name: "forside: to one's own organisation", route: "/", as: kommuneLaeser, path: fixed("/"),
		maxQueries: 7, h1: "Ringkøbing-Skjern Kommune",
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "main h3 a[href^='/politikker/']", 3)
		},
		other: fixed("/"), otherAs: regionLaeser,
	},
	{
		name: "tilgængelighedserklæring", route: "/tilgaengelighed", path: fixed("/tilgaengelighed"),
		maxQueries: 0, h1: "Tilgængelighedserklæring",
	},
	{
		name: "log ind", route: "/login", path: fixed("/login"), maxQueries: 0, h1: "Log ind",
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			for _, sel := range []string{"form[action='/login'] input[name=email]", "form[action='/login'] input[name=password][type=password]"} {
				wantCount(t, doc, sel, 1)
			}
		},
	},
	{
		name: "organisation: the kommune's vision, 3 policies, 1 strategy, 6 agreements", route: "/org/{org}",
		as: kommuneLaeser, path: fixed("/org/" + kommune), maxQueries: 5, h1: "Ringkøbing-Skjern Kommune",
		crumbs: []string{},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			if got, want := text(doc.Find("section.sporbar-vision h2")), "Vision: Naturens Rige"; got != want {
				t.Errorf("vision %q, want %q", got, want)
			}
			wantCount(t, doc, "main h3 a[href^='/politikker/']", 3)
			wantCount(t, doc, "main h3 a[href^='/strategier/']", 1)
			wantCount(t, doc, "main a[href^='/aftaler/']", 6)
		},
		other: fixed("/org/" + region), otherAs: regionLaeser,
	},
	{
		name: "sammenhæng: 23 goals, each linked, with their spor", route: "/org/{org}/sammenhaeng",
		as: kommuneLaeser, path: fixed("/org/" + kommune + "/sammenhaeng"), maxQueries: 3, h1: "Sammenhæng",
		crumbs: []string{kommuneCrumb, "Sammenhæng"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			rows := doc.Find("table.sporbar-chain tbody tr")
			if rows.Length() != 23 {
				t.Fatalf("%d goal rows, want 23", rows.Length())
			}
			var goals, tracks []string
			rows.Each(func(i int, tr *goquery.Selection) {
				g := hrefs(tr.Find("td a[href^='/maal/']"))
				s := hrefs(tr.Find("td.sporbar-spor a"))
				if len(g) != 1 || len(s) != 1 {
					t.Errorf("row %d: goal links %v, spor links %v; want one of each", i, g, s)
				}
				goals = append(goals, g...)
				tracks = append(tracks, s...)
			})
			wantGoals := paths(ts.ids(t, `SELECT g.id FROM goals g JOIN objectives o ON o.id = g.objective_id
				JOIN policies p ON p.id = o.policy_id ORDER BY p.position, o.number, g.position, g.id`), "/maal/")
			if diff := cmp.Diff(wantGoals, goals); diff != "" {
				t.Errorf("goal links (-want +got):\n%s", diff)
			}
			kommuneTracks := paths(ts.ids(t, `SELECT t.id FROM tracks t JOIN strategies s ON s.id = t.strategy_id
				JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, kommune), "/spor/")
			for _, h := range tracks {
				if !slices.Contains(kommuneTracks, h) {
					t.Errorf("spor link %s is not one of the kommune's spor %v", h, kommuneTracks)
				}
			}
		},
		other: fixed("/org/" + region + "/sammenhaeng"), otherAs: regionLaeser,
	},
	{
		name: "aftaler: 6", route: "/org/{org}/aftaler", as: kommuneLaeser, path: fixed("/org/" + kommune + "/aftaler"),
		maxQueries: 3, h1: "Dialogbaserede aftaler", crumbs: []string{kommuneCrumb, "Aftaler"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "main a[href^='/aftaler/']", 6)
		},
		other: fixed("/org/" + region + "/aftaler"), otherAs: regionLaeser,
	},
	{
		name: "enheder: the tree", route: "/org/{org}/enheder", as: kommuneLaeser, path: fixed("/org/" + kommune + "/enheder"),
		maxQueries: 3, h1: "Enheder", crumbs: []string{kommuneCrumb, "Enheder"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "main a[href^='/enheder/']", 7)
			// Direktion → Sundhed og Omsorg → the five områder.
			got := texts(doc.Find("main > ul > li > ul > li > ul > li > a"))
			want := []string{"Faglig Drift og Udvikling og Sekretariatet", "Myndighed", "Hjemmepleje og akutaflastning",
				"Ældrecentre", "Sundhedscenter Vest"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the third level (-want +got):\n%s", diff)
			}
		},
		other: fixed("/org/" + region + "/enheder"), otherAs: regionLaeser,
	},
	{
		name: "begreber: 7 with their links", route: "/org/{org}/begreber", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/begreber"), maxQueries: 3, h1: "Begreber", crumbs: []string{kommuneCrumb, "Begreber"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "main h2 a[href^='/begreber/']", 7)
			wantCount(t, doc, "main a[href^='http']", 3)
		},
		other: fixed("/org/" + region + "/begreber"), otherAs: regionLaeser,
	},
	{
		name: "indsatstrappen: 5 steps drawn with a title", route: "/org/{org}/indsatstrappen", as: kommuneLaeser,
		path: fixed("/org/" + kommune + "/indsatstrappen"), maxQueries: 3, h1: "Indsatstrappen",
		crumbs: []string{kommuneCrumb, "Indsatstrappen"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "ol.sporbar-steps > li", 5)
			wantCount(t, doc, "svg.sporbar-staircase rect", 5)
			got := text(doc.Find("svg.sporbar-staircase > title"))
			if want := "Indsatstrappen med 5 trin fra Sundhedsfremme og forebyggelse til Ældrecenter"; got != want {
				t.Errorf("SVG title %q, want %q", got, want)
			}
		},
		other: fixed("/org/" + region + "/indsatstrappen"), otherAs: regionLaeser,
	},
	{
		name: "min profil", route: "/profil", as: kommuneLaeser, path: fixed("/profil"), maxQueries: 3, h1: "Min profil",
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			got := texts(doc.Find("dl.sporbar-dl dd"))
			want := []string{"Læser Ringkøbing-Skjern Kommune", kommuneLaeser, "Læser", "Ringkøbing-Skjern Kommune"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("profile (-want +got):\n%s", diff)
			}
		},
		other: fixed("/profil"), otherAs: regionLaeser,
	},
	{
		name: "brugere", route: "/admin/brugere", as: kommuneAdmin, path: fixed("/admin/brugere"), maxQueries: 3,
		h1: "Administration", crumbs: []string{kommuneCrumb, "Brugere"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "main tbody a[href^='/admin/brugere/']", 2)
		},
	},
	{
		name: "ny bruger", route: "/admin/brugere/ny", as: kommuneAdmin, path: fixed("/admin/brugere/ny"), maxQueries: 3,
		h1: "Opret bruger", crumbs: []string{kommuneCrumb, "Brugere", "Opret bruger"},
	},
	{
		name: "ret bruger", route: "/admin/brugere/{id}", as: kommuneAdmin,
		path: func(t *testing.T, ts *testServer) string {
			return "/admin/brugere/" + itoa(ts.id(t, `SELECT id FROM users WHERE email = $1`, kommuneLaeser))
		},
		maxQueries: 5, h1: "Læser Ringkøbing-Skjern Kommune", // the fifth: the user's failed sign-ins
		crumbs: []string{kommuneCrumb, "Brugere", "Læser Ringkøbing-Skjern Kommune"},
	},
}
