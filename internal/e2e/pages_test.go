package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/go-chi/chi/v5"
)

// page is one page the checks visit.
type page struct {
	Route  string     // the route pattern it comes from
	Path   string     // what to request
	Org    string     // the organisation of who visits it; "" for the kommune
	Status int        // the status the server must answer with
	As     string     // who visits it: asAdmin, asFagchef, asLeader or asNobody
	Form   url.Values // when set, the page is the answer to posting Form to Path
	Name   string     // the subtest's name, when the path does not tell the page apart
}

// Who visits a page.
const (
	asAdmin   = ""             // the administrator of the page's organisation
	asFagchef = "fagchef"      // the fagchef of the unit that owns the organisation's strategy
	asLeader  = "omraadeleder" // the kommune's områdeleder of ownUnit (fixture_test.go)
	asNobody  = "ude"          // no one is signed in
)

// testName names p's subtest: its Name, or its path without the leading slash.
func (p page) testName() string {
	switch {
	case p.Name != "":
		return p.Name
	case p.Path == "/":
		return "forside"
	}
	return strings.TrimPrefix(p.Path, "/")
}

// String names p in a failure: the method, the path and who asked.
func (p page) String() string {
	method := http.MethodGet
	if p.Form != nil {
		method = http.MethodPost
	}
	who := p.As
	if who == asAdmin {
		who = "admin"
	}
	return fmt.Sprintf("%s %s (som %s)", method, p.Path, who)
}

// param matches a route parameter such as {id} or {id:[0-9]+}.
var param = regexp.MustCompile(`\{[^}]*\}`)

// pages returns every page of the app: each GET route of the router, with its parameter filled
// from the database, the områdeleder's pages, the error pages and the forms that come back
// with messages. A route that is neither in notPages nor fillable fails the test by name, so
// that no new page escapes the checks.
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
	out = append(out, a.omraadelederPages(t)...)
	out = append(out, a.signInPages(t)...) // pagelist_sso_test.go
	out = append(out, errorPages...)
	out = append(out, searchPages...)
	return append(out, a.formPages(t)...)
}

// fill returns the pages of the route pattern, its parameter filled with each row from fills.
// A value may carry a query string ("7?punkt=3"), which goes at the end of the path.
func (a *app) fill(t *testing.T, pattern string) []page {
	t.Helper()
	params := param.FindAllString(pattern, -1)
	as := asAdmin
	switch {
	case signedOutPages[pattern]:
		as = asNobody
	case fagchefPages[pattern]:
		as = asFagchef
	}
	switch {
	case strings.Contains(pattern, "*"):
		t.Fatalf("route %s: a wildcard route; add it to notPages or teach fill (pages_test.go) to fill it", pattern)
	case len(params) == 0:
		return []page{{Route: pattern, Path: pattern, Status: http.StatusOK, As: as}}
	case len(params) > 1:
		t.Fatalf("route %s: more than one parameter; teach fill (pages_test.go) to fill it", pattern)
	}
	prefix := pattern[:strings.Index(pattern, "{")]
	query, ok := routeFills[pattern]
	if !ok {
		query, ok = fills[prefix]
	}
	if !ok {
		t.Fatalf("route %s: no way to fill %s; add a query for %q to fills in pagelist_test.go", pattern, params[0], prefix)
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
		v, query, _ := strings.Cut(v, "?")
		path := strings.Replace(pattern, params[0], v, 1)
		if query != "" {
			path += "?" + query
		}
		out = append(out, page{Route: pattern, Path: path, Org: org, Status: http.StatusOK, As: as})
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("route %s: fill query: %v", pattern, err)
	}
	if len(out) == 0 {
		t.Fatalf("route %s: the fill query found no rows in the seeded database", pattern)
	}
	return out
}

// eachPage runs check on every page, each in its own subtest, in a tab where the person the
// page names is signed in. It opens one tab per organisation and person and visits the pages
// one after the other: one browser, little memory.
func (a *app) eachPage(t *testing.T, check func(t *testing.T, ctx context.Context, p page)) {
	t.Helper()
	pages := a.pages(t)
	tabs := map[string]context.Context{}
	for _, p := range pages {
		if k := tabKey(p); tabs[k] == nil {
			tabs[k] = a.tabFor(t, orgOf(p), p.As)
		}
	}
	for _, p := range pages {
		t.Run(p.testName(), func(t *testing.T) {
			// Each page has a deadline of its own; the tab's (newTab) would run out on a busy machine
			// before the last page of a long list.
			ctx, cancel := context.WithTimeout(context.WithoutCancel(tabs[tabKey(p)]), time.Minute)
			defer cancel()
			check(t, ctx, p)
		})
	}
}

// tabFor returns a new tab where the person as of the organisation org is signed in.
func (a *app) tabFor(t *testing.T, org, as string) context.Context {
	t.Helper()
	switch as {
	case asNobody:
		return newTab(t)
	case asFagchef:
		return a.tabAs(t, a.fagchefs[org])
	case asLeader:
		return a.tabAs(t, a.fx.Leader)
	}
	return a.adminTab(t, org)
}

// visit loads p in the tab of ctx (posting its form, when it has one) and fails the test
// unless the server answered with p's status. Redirects are followed, but one to the sign-in
// page fails: the tab is signed out.
func (a *app) visit(t *testing.T, ctx context.Context, p page) {
	t.Helper()
	resp, err := a.load(ctx, p)
	if err != nil {
		t.Fatalf("load %s: %v", p, err)
	}
	if signInRedirect(p.Path, resp.URL) {
		t.Fatalf("load %s: sent to %s: not signed in", p, resp.URL)
	}
	if int(resp.Status) != p.Status {
		t.Fatalf("load %s: status %d, want %d", p, resp.Status, p.Status)
	}
}

// load loads p in the tab of ctx: navigates to it, or posts its form.
func (a *app) load(ctx context.Context, p page) (*pageResponse, error) {
	if p.Form != nil {
		return a.post(ctx, p.Path, p.Form)
	}
	resp, err := runStep(ctx, chromedp.NavigateResponse(a.URL+p.Path))
	if err != nil {
		return nil, err
	}
	return &pageResponse{Status: resp.Status, URL: resp.URL}, nil
}

// postForm builds a form in the page and submits it, as a browser does with a form a person
// sends: the request comes from the app's own origin.
const postForm = `((action, fields) => {
	const f = document.createElement('form');
	f.method = 'post';
	f.action = action;
	for (const [name, values] of Object.entries(fields)) {
		for (const v of values) {
			const i = document.createElement('input');
			i.type = 'hidden';
			i.name = name;
			i.value = v;
			f.append(i);
		}
	}
	document.body.append(f);
	f.submit();
})(%s, %s)`

// post posts form to path from the tab of ctx (first opening an app page when the tab shows
// none) and returns the response of the page that comes back.
func (a *app) post(ctx context.Context, path string, form url.Values) (*pageResponse, error) {
	loc, err := runStep(ctx, chromedp.Location())
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(loc, a.URL+"/") {
		if err := doStep(ctx, chromedp.Navigate(a.URL+"/tilgaengelighed")); err != nil {
			return nil, err
		}
	}
	action, _ := json.Marshal(path)
	fields, _ := json.Marshal(form)
	resp, err := runResponseStep(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(postForm, action, fields)))
	if err != nil {
		return nil, err
	}
	return &pageResponse{Status: resp.Status, URL: resp.URL}, nil
}

// pageResponse is what the checks need of a page's response.
type pageResponse struct {
	Status int64
	URL    string
}

// signInRedirect reports whether a request for path ended on the sign-in page at final.
func signInRedirect(path, final string) bool {
	u, err := url.Parse(final)
	return err == nil && u.Path == "/login" && path != "/login"
}

// orgOf is the organisation of who visits p.
func orgOf(p page) string {
	if p.Org == "" {
		return kommune
	}
	return p.Org
}

// tabKey names the tab that visits p: the organisation and the person.
func tabKey(p page) string {
	if p.As == asNobody {
		return asNobody
	}
	return orgOf(p) + "/" + p.As
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
