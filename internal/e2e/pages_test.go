package e2e

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/go-chi/chi/v5"
)

// page is one page the checks visit.
type page struct {
	Route     string // the route pattern it comes from
	Path      string // what to request
	Org       string // the organisation whose administrator visits it; "" for the kommune's
	Status    int    // the status the server must answer with
	SignedOut bool   // a page for people who are not signed in (the signed-in are sent on)
	Fagchef   bool   // visited by the fagchef of the organisation's strategy instead of its administrator
}

// testName names p's subtest: its path without the leading slash.
func (p page) testName() string {
	if p.Path == "/" {
		return "forside"
	}
	return strings.TrimPrefix(p.Path, "/")
}

// notPages are the GET routes that serve no HTML page, and why.
var notPages = map[string]string{
	"/healthz":                  "health check, plain text",
	"/readyz":                   "readiness check, plain text",
	"/static/*":                 "static files",
	"/org/{org}/oversigt.xlsx":  "download",
	"/org/{org}/oversigt.csv":   "download",
	"/org/{org}/indsatser.xlsx": "download",
	"/org/{org}/indsatser.csv":  "download",
}

// fagchefPages are the forms of a fagchef's work (an administrator may not use them); their
// routes are filled from routeFills.
var fagchefPages = map[string]bool{
	"/indsatser/{id}/lokale/ny": true, "/indsatser/{id}/rediger": true, "/indsatser/{id}/handleplaner/ny": true,
	"/handleplaner/{id}/rediger": true,
}

// routeFills overrides fills for single routes whose parameter must be a particular kind.
var routeFills = map[string]string{
	"/indsatser/{id}/lokale/ny": `SELECT o.slug, min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id JOIN organisations o ON o.id = s.organisation_id
		WHERE i.kind = 'general' GROUP BY o.slug`,
}

// signedOutPages are visited by someone not signed in.
var signedOutPages = map[string]bool{"/login": true}

// fills gives, for each route prefix (a pattern up to its first parameter), the SQL query
// whose rows (organisation slug, value) fill the parameter: one page is checked for each row.
// The queries pick a row of each organisation or kind, so that each variant of a page (e.g.
// the kommune's and the region's labels) is checked.
var fills = map[string]string{
	"/org/": `SELECT slug, slug FROM organisations`,
	"/politikker/": `SELECT o.slug, min(p.id) FROM policies p
		JOIN organisations o ON o.id = p.organisation_id GROUP BY o.slug, p.kind`,
	"/maalsaetninger/": `SELECT o.slug, min(m.id) FROM objectives m JOIN policies p ON p.id = m.policy_id
		JOIN organisations o ON o.id = p.organisation_id GROUP BY o.slug`,
	"/maal/": `SELECT o.slug, min(g.id) FROM goals g JOIN objectives m ON m.id = g.objective_id
		JOIN policies p ON p.id = m.policy_id JOIN organisations o ON o.id = p.organisation_id GROUP BY o.slug`,
	"/strategier/": `SELECT o.slug, min(s.id) FROM strategies s
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug`,
	"/spor/": `SELECT o.slug, min(t.id) FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug`,
	"/indsatser/": `SELECT o.slug, min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id JOIN organisations o ON o.id = s.organisation_id
		GROUP BY o.slug, i.kind`,
	"/handleplaner/": `SELECT o.slug, min(a.id) FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug`,
	"/enheder/": `SELECT o.slug, min(u.id) FROM units u
		JOIN organisations o ON o.id = u.organisation_id GROUP BY o.slug`,
	"/aftaler/": `SELECT o.slug, min(a.id) FROM agreements a
		JOIN organisations o ON o.id = a.organisation_id GROUP BY o.slug, a.kind`,
	"/begreber/": `SELECT o.slug, min(b.id) FROM terms b
		JOIN organisations o ON o.id = b.organisation_id GROUP BY o.slug`,
	"/indsatsplaner/": `SELECT o.slug, min(p.id) FROM annual_plans p JOIN strategies s ON s.id = p.strategy_id
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug`,
	"/admin/brugere/": `SELECT o.slug, min(u.id) FROM users u
		JOIN organisations o ON o.id = u.organisation_id GROUP BY o.slug`,
}

// errorPages must answer with an error status, and are checked like every other page.
var errorPages = []page{
	{Route: "404", Path: "/findes-ikke", Status: http.StatusNotFound},
	{Route: "404", Path: "/maal/999999999", Status: http.StatusNotFound},
	{Route: "403", Path: "/org/" + region, Org: kommune, Status: http.StatusForbidden}, // another organisation
}

// param matches a route parameter such as {id} or {id:[0-9]+}.
var param = regexp.MustCompile(`\{[^}]*\}`)

// pages returns every page of the app: each GET route of the router, with its parameter filled
// from the database, and the error pages. A route that is neither in notPages nor fillable
// fails the test by name, so that no new page escapes the checks.
func (a *app) pages(t *testing.T) []page {
	t.Helper()
	routes, ok := a.Handler.(chi.Routes)
	if !ok {
		t.Fatalf("server.Handler() is a %T, not a chi.Routes: the pages cannot be listed from the router", a.Handler)
	}
	var patterns []string
	err := chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method == http.MethodGet && !slices.Contains(patterns, route) {
			patterns = append(patterns, route)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk the routes: %v", err)
	}
	slices.Sort(patterns)

	var out []page
	for _, p := range patterns {
		if _, skip := notPages[p]; !skip {
			out = append(out, a.fill(t, p)...)
		}
	}
	if len(out) == 0 {
		t.Fatal("the router has no pages")
	}
	return append(out, errorPages...)
}

// fill returns the pages of the route pattern, its parameter filled with each row from fills.
func (a *app) fill(t *testing.T, pattern string) []page {
	t.Helper()
	params := param.FindAllString(pattern, -1)
	switch {
	case strings.Contains(pattern, "*"):
		t.Fatalf("route %s: a wildcard route; add it to notPages or teach fill (pages_test.go) to fill it", pattern)
	case len(params) == 0:
		return []page{{Route: pattern, Path: pattern, Status: http.StatusOK, SignedOut: signedOutPages[pattern]}}
	case len(params) > 1:
		t.Fatalf("route %s: more than one parameter; teach fill (pages_test.go) to fill it", pattern)
	}
	prefix := pattern[:strings.Index(pattern, "{")]
	query, ok := routeFills[pattern]
	if !ok {
		query, ok = fills[prefix]
	}
	if !ok {
		t.Fatalf("route %s: no way to fill %s; add a query for %q to fills in pages_test.go", pattern, params[0], prefix)
	}
	rows, err := a.Pool.Query(context.Background(),
		`SELECT org, v::text FROM (`+query+`) AS q(org, v) WHERE v IS NOT NULL ORDER BY 1, 2`)
	if err != nil {
		t.Fatalf("route %s: fill query: %v", pattern, err)
	}
	var out []page
	for rows.Next() {
		var org, v string
		if err := rows.Scan(&org, &v); err != nil {
			t.Fatalf("route %s: fill query: %v", pattern, err)
		}
		out = append(out, page{Route: pattern, Path: strings.Replace(pattern, params[0], v, 1), Org: org,
			Status: http.StatusOK, SignedOut: signedOutPages[pattern], Fagchef: fagchefPages[pattern]})
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("route %s: fill query: %v", pattern, err)
	}
	if len(out) == 0 {
		t.Fatalf("route %s: the fill query found no rows in the seeded database", pattern)
	}
	return out
}

// eachPage runs check on every page, each in its own subtest, in a tab where the page's
// organisation's administrator is signed in (or no one, for signedOutPages). It opens one
// tab per organisation and visits the pages one after the other: one browser, little memory.
func (a *app) eachPage(t *testing.T, check func(t *testing.T, ctx context.Context, p page)) {
	t.Helper()
	pages := a.pages(t)
	tabs := map[string]context.Context{}
	for _, p := range pages {
		if k := tabKey(p); tabs[k] == nil {
			switch org := strings.TrimSuffix(k, "/fagchef"); {
			case p.SignedOut:
				tabs[k] = newTab(t)
			case p.Fagchef:
				tabs[k] = a.tabAs(t, a.fagchefs[org])
			default:
				tabs[k] = a.adminTab(t, org)
			}
		}
	}
	for _, p := range pages {
		t.Run(p.testName(), func(t *testing.T) { check(t, tabs[tabKey(p)], p) })
	}
}

// visit loads p in the tab of ctx and fails the test unless the server answered with p's
// status. Redirects are followed, but one to the sign-in page fails: the tab is signed out.
func (a *app) visit(t *testing.T, ctx context.Context, p page) {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(a.URL+p.Path))
	if err != nil {
		t.Fatalf("load %s: %v", p.Path, err)
	}
	if signInRedirect(p.Path, resp.URL) {
		t.Fatalf("load %s: sent to %s: not signed in", p.Path, resp.URL)
	}
	if int(resp.Status) != p.Status {
		t.Fatalf("load %s: status %d, want %d", p.Path, resp.Status, p.Status)
	}
}

// signInRedirect reports whether a request for path ended on the sign-in page at final.
func signInRedirect(path, final string) bool {
	u, err := url.Parse(final)
	return err == nil && u.Path == "/login" && path != "/login"
}

// tabKey names the tab that visits p: the organisation, or "" when signed out.
func tabKey(p page) string {
	org := p.Org
	switch {
	case p.SignedOut:
		return ""
	case org == "":
		org = kommune
	}
	if p.Fagchef {
		return org + "/fagchef"
	}
	return org
}

// lookup returns the one value of query (for tests that need a particular row).
func (a *app) lookup(t *testing.T, query string, args ...any) string {
	t.Helper()
	var v string
	if err := a.Pool.QueryRow(context.Background(), `SELECT v::text FROM (`+query+`) AS q(v)`, args...).Scan(&v); err != nil {
		t.Fatalf("lookup %q: %v", query, err)
	}
	return v
}
