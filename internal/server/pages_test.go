package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/go-chi/chi/v5"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// pageCase is one page of the router: which route it is, who looks at it, what it must show,
// and at most how many queries it may use.
//
// other names a second item of the same route that shows much more or much less (e.g. a goal
// realised through one track and one through two): the page must use exactly as many queries
// for it as for path, which proves that the number of queries does not grow with what the page
// shows (no N+1).
type pageCase struct {
	name       string
	route      string // the route's pattern in routes.go
	as         string // who is signed in: an e-mail of userEmail, "" for nobody
	path       func(t *testing.T, ts *testServer) string
	maxQueries int64  // measured, including the session's query
	h1         string // the page's heading
	crumbs     []string
	check      func(t *testing.T, ts *testServer, doc *goquery.Document) // page-specific facts, or nil
	other      func(t *testing.T, ts *testServer) string                 // a second item of another size, or nil
	otherAs    string                                                    // who looks at other ("" = as)
}

// The users the pages are seen by.
var (
	kommuneLaeser = userEmail(kommune, domain.RoleLaeser)
	regionLaeser  = userEmail(region, domain.RoleLaeser)
	kommuneAdmin  = userEmail(kommune, domain.RoleAdmin)
)

// The first breadcrumb of each organisation's pages: the organisation and its vision.
const (
	kommuneCrumb = "Ringkøbing-Skjern Kommune: Naturens Rige"
	regionCrumb  = "Region Midtjylland: Nødvendig viden – målrettet indsats – bedre liv – til flere"
)

// fixed returns a path func for a path without ids.
func fixed(path string) func(*testing.T, *testServer) string {
	return func(*testing.T, *testServer) string { return path }
}

// allPages is every page case of the *_pages_test.go files.
func allPages() []pageCase {
	return slices.Concat(orgPages, chainPages, unitPages, formPages, dashboardPages, trackingPages, reportPages,
		hierarchyPages, ssoPages, searchPages, outwardPages)
}

// runPages checks each case on a server of its own (so that its query count is its own).
func runPages(t *testing.T, cases []pageCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t)
			path := tc.path(t, ts)
			n, doc := ts.visit(t, tc.as, path)
			if got := text(doc.Find("h1")); got != tc.h1 {
				t.Errorf("h1 = %q, want %q", got, tc.h1)
			}
			if diff := cmp.Diff(tc.crumbs, crumbs(doc), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("breadcrumb (-want +got):\n%s", diff)
			}
			if tc.check != nil {
				tc.check(t, ts, doc)
			}
			if n > tc.maxQueries {
				t.Errorf("%d queries, want at most %d", n, tc.maxQueries)
			}
			if tc.other == nil {
				return
			}
			as := tc.otherAs
			if as == "" {
				as = tc.as
			}
			other := tc.other(t, ts)
			if m, _ := ts.visit(t, as, other); m != n {
				t.Errorf("%d queries for %s but %d for %s: the count depends on the content", n, path, m, other)
			}
		})
	}
}

// visit signs in as (or out, for "") unless they already are, then GETs path, which must answer 200, and returns the
// number of queries the request took.
func (ts *testServer) visit(t *testing.T, as, path string) (int64, *goquery.Document) {
	t.Helper()
	ts.signInAs(t, as)
	ts.resetQueries()
	status, doc := ts.get(t, path)
	n := ts.queries()
	t.Logf("GET %s as %q: %d queries", path, as, n)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200; h1 %q", path, status, text(doc.Find("h1")))
	}
	return n, doc
}

// notPages are the GET routes that serve no HTML page; they are checked in infra_test.go.
var notPages = []string{"/healthz", "/readyz", "/static/*", "/metrics",
	"/org/{org}/oversigt.xlsx", "/org/{org}/oversigt.csv", "/org/{org}/indsatser.xlsx", "/org/{org}/indsatser.csv",
	"/org/{org}/admin/skema.xlsx", "/org/{org}/status.xlsx"}

// TestEveryGETRouteHasAPageCase fails when a GET route of the router has no case in the page
// tables, so that a new page cannot escape the checks.
func TestEveryGETRouteHasAPageCase(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(cfg, store.New(nil), slog.New(slog.NewTextHandler(io.Discard, nil))).Handler()
	routes, ok := h.(chi.Routes)
	if !ok {
		t.Fatalf("Handler() is a %T, not chi.Routes", h)
	}
	var got []string
	err = chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method == http.MethodGet && !slices.Contains(notPages, route) {
			got = append(got, route)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range allPages() {
		if !slices.Contains(want, c.route) {
			want = append(want, c.route)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GET routes without a page case (+) or cases without a route (-):\n%s", diff)
	}
}
