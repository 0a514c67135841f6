package e2e

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// page is one page the checks visit.
type page struct {
	Name   string // the route pattern it comes from, with the value filled in
	Path   string // what to request
	Status int    // the status the server must answer with
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
	"/healthz":  "health check, plain text",
	"/readyz":   "readiness check, plain text",
	"/static/*": "static files",
}

// fills gives, for each route prefix (a pattern up to its first parameter), the SQL query
// whose rows are the values to fill the parameter with: one page is checked for each row.
// The queries pick one row of each organisation or kind, so that each variant of a page
// (e.g. the kommune's and the region's labels) is checked.
var fills = map[string]string{
	"/org/":        `SELECT slug FROM organisations`,
	"/politikker/": `SELECT min(id) FROM policies GROUP BY organisation_id, kind`,
	"/maalsaetninger/": `SELECT min(o.id) FROM objectives o JOIN policies p ON p.id = o.policy_id
		GROUP BY p.organisation_id`,
	"/maal/":       `SELECT min(id) FROM goals`,
	"/strategier/": `SELECT min(id) FROM strategies GROUP BY organisation_id`,
	"/spor/": `SELECT min(t.id) FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		GROUP BY s.organisation_id`,
	"/indsatser/": `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id GROUP BY s.organisation_id, i.kind`,
	"/handleplaner/":  `SELECT min(id) FROM action_plans`,
	"/enheder/":       `SELECT min(id) FROM units GROUP BY organisation_id`,
	"/aftaler/":       `SELECT min(id) FROM agreements GROUP BY kind`,
	"/begreber/":      `SELECT min(id) FROM terms`,
	"/indsatsplaner/": `SELECT min(id) FROM annual_plans`,
}

// errorPages are pages that must answer with an error status, and which are checked like
// every other page.
var errorPages = []page{
	{Name: "404: ukendt adresse", Path: "/findes-ikke", Status: http.StatusNotFound},
	{Name: "404: ukendt id", Path: "/maal/999999999", Status: http.StatusNotFound},
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
		if _, skip := notPages[p]; skip {
			continue
		}
		for _, path := range a.fill(t, p) {
			out = append(out, page{Name: p, Path: path, Status: http.StatusOK})
		}
	}
	if len(out) == 0 {
		t.Fatal("the router has no pages")
	}
	return append(out, errorPages...)
}

// fill returns the paths of pattern with its parameter filled with each value from fills.
func (a *app) fill(t *testing.T, pattern string) []string {
	t.Helper()
	params := param.FindAllString(pattern, -1)
	switch {
	case strings.Contains(pattern, "*"):
		t.Fatalf("route %s: a wildcard route that serves pages; add it to notPages or to the checks", pattern)
	case len(params) == 0:
		return []string{pattern}
	case len(params) > 1:
		t.Fatalf("route %s: more than one parameter; teach fill (pages_test.go) to fill it", pattern)
	}
	prefix := pattern[:strings.Index(pattern, "{")]
	query, ok := fills[prefix]
	if !ok {
		t.Fatalf("route %s: no way to fill %s; add a query for %q to fills in pages_test.go", pattern, params[0], prefix)
	}
	rows, err := a.Pool.Query(context.Background(), `SELECT v::text FROM (`+query+`) AS q(v) WHERE v IS NOT NULL ORDER BY 1`)
	if err != nil {
		t.Fatalf("route %s: fill query: %v", pattern, err)
	}
	var paths []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatalf("route %s: fill query: %v", pattern, err)
		}
		paths = append(paths, strings.Replace(pattern, params[0], v, 1))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("route %s: fill query: %v", pattern, err)
	}
	if len(paths) == 0 {
		t.Fatalf("route %s: the fill query found no rows in the seeded database", pattern)
	}
	return paths
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
