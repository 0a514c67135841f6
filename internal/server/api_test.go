package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/store"
)

// apiTimeout is each API request's own deadline.
const apiTimeout = 30 * time.Second

// newAPIToken makes an API token of the organisation with slug, as its admin, and returns the secret.
func (ts *testServer) newAPIToken(t *testing.T, slug, name string) string {
	t.Helper()
	st := store.New(ts.db)
	ctx := context.Background()
	org, err := st.GetOrganisationBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(slug, "admin"))
	secret, hash := auth.NewSecret(auth.APITokenPrefix)
	if _, err := st.CreateAPIToken(ctx, org.ID, admin, name, hash); err != nil {
		t.Fatal(err)
	}
	return secret
}

// apiResponse is an API answer with its body read.
type apiResponse struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a generic value.
func (a apiResponse) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(a.body, &v); err != nil {
		t.Fatalf("answer %d is not a JSON object: %v\n%s", a.status, err, a.body)
	}
	return v
}

// apiGet GETs path (below the server, or an absolute address on it) with the token ("" for none).
func (ts *testServer) apiGet(t *testing.T, token, path string) apiResponse {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
	defer cancel()
	if !strings.HasPrefix(path, "http") {
		path = ts.srv.URL + path
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return apiResponse{resp.StatusCode, resp.Header, body}
}

// onServer turns a "next" address (under BASE_URL) into the same path and query on the test server.
func (ts *testServer) onServer(t *testing.T, next string) string {
	t.Helper()
	u, err := url.Parse(next)
	if err != nil {
		t.Fatalf("next %q: %v", next, err)
	}
	return u.RequestURI()
}

// apiFixture gives the organisation with slug what the seed leaves out, so that every
// collection has rows: an action plan on its first initiative (titled like a formula, for the
// CSV guard), status updates, an indicator on the plan and a negative measurement. It returns
// the action plan's id.
func (ts *testServer) apiFixture(t *testing.T, slug string) int64 {
	t.Helper()
	author := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(slug, "admin"))
	plan := ts.id(t, `INSERT INTO action_plans (initiative_id, code, title, deadline)
		SELECT min(i.id), 'T-1', '=HYPERLINK("http://x")', '2026-06-30'
		FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1 RETURNING id`, slug)
	ts.id(t, `INSERT INTO status_updates (organisation_id, action_plan_id, phase, health, progress, comment, as_of, author_id)
		SELECT u.organisation_id, $1, 'forberedende', 'udfordret', 20, 'Første status', '2026-02-01', u.id
		FROM users u WHERE u.id = $2 RETURNING id`, plan, author)
	indicator := ts.id(t, `INSERT INTO indicators (organisation_id, action_plan_id, name, direction, baseline_value,
		baseline_date, target_value, target_date, frequency)
		SELECT organisation_id, $1, 'Ventetid', 'lower', 10.5, '2025-01-01', -2, '2027-01-01', 'quarterly'
		FROM users WHERE id = $2 RETURNING id`, plan, author)
	ts.id(t, `INSERT INTO indicator_measurements (indicator_id, as_of, value, comment, author_id)
		VALUES ($1, '2026-01-01', -1.25, '@SUM(A1)', $2) RETURNING id`, indicator, author)
	return plan
}

// collections are the API's collections.
var collections = store.APICollections()

// TestAPIMatchesOpenAPI asks every endpoint the OpenAPI document lists, with the kommune's
// token, and checks each real answer (its status, content type and JSON) against the
// document: a list page and the next page, one row, the CSV, and the errors.
func TestAPIMatchesOpenAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	doc := loadOpenAPI(t)
	token := ts.newAPIToken(t, kommune, "OpenAPI")
	ts.apiFixture(t, kommune)

	check := func(docPath string, a apiResponse) {
		t.Helper()
		s, err := doc.responseSchema(docPath, a.status, a.header.Get("Content-Type"))
		if err != nil {
			t.Errorf("%v", err)
			return
		}
		if strings.HasPrefix(a.header.Get("Content-Type"), "application/json") {
			var v any
			if err := json.Unmarshal(a.body, &v); err != nil {
				t.Errorf("GET %s: %v", docPath, err)
				return
			}
			for _, e := range doc.validate(s, v, docPath) {
				t.Error(e)
			}
		}
	}
	for docPath := range doc.Paths {
		switch {
		case strings.HasSuffix(docPath, "/{id}"):
			name := strings.TrimSuffix(strings.TrimPrefix(docPath, "/"), "/{id}")
			first := ts.apiGet(t, token, "/api/v1/"+name+"?limit=1").json(t)["data"].([]any)
			if len(first) == 0 {
				t.Errorf("%s: the kommune has no rows to ask for", name)
				continue
			}
			id := int64(first[0].(map[string]any)["id"].(float64))
			check(docPath, ts.apiGet(t, token, "/api/v1/"+name+"/"+itoa(id)))
			check(docPath, ts.apiGet(t, token, "/api/v1/"+name+"/999999999")) // 404
			check(docPath, ts.apiGet(t, "", "/api/v1/"+name+"/"+itoa(id)))    // 401
		case strings.HasSuffix(docPath, ".csv"):
			a := ts.apiGet(t, token, "/api/v1"+docPath+"?limit=2")
			if a.status != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/csv") {
				t.Errorf("GET %s: %d %s", docPath, a.status, a.header.Get("Content-Type"))
			}
			check(docPath, a)
		default:
			a := ts.apiGet(t, token, "/api/v1"+docPath+"?limit=2")
			if a.status != http.StatusOK {
				t.Errorf("GET %s: %d %s", docPath, a.status, a.body)
				continue
			}
			check(docPath, a)
			if next, ok := a.json(t)["next"].(string); ok {
				check(docPath, ts.apiGet(t, token, ts.onServer(t, next)))
			}
			check(docPath, ts.apiGet(t, token, "/api/v1"+docPath+"?limit=0"))    // 400
			check(docPath, ts.apiGet(t, "wrong", "/api/v1"+docPath))             // 401
			check(docPath, ts.apiGet(t, token, "/api/v1"+docPath+"?format=csv")) // CSV
		}
	}
	if len(doc.Paths) != 3*len(collections) {
		t.Errorf("the document has %d paths, want 3 for each of the %d collections", len(doc.Paths), len(collections))
	}
}

// TestAPITokenScoping checks that a token reads its own organisation only: the lists hold the
// kommune's rows and none of the region's, and the region's ids are 404 (as if they did not exist).
func TestAPITokenScoping(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	token := ts.newAPIToken(t, kommune, "Scope")
	regionToken := ts.newAPIToken(t, region, "Region")
	for _, name := range collections {
		own := apiIDs(t, ts, token, "/api/v1/"+name+"?limit=1000")
		theirs := apiIDs(t, ts, regionToken, "/api/v1/"+name+"?limit=1000")
		for id := range theirs {
			if own[id] {
				t.Errorf("%s: row %d is in both organisations' lists", name, id)
			}
			if a := ts.apiGet(t, token, "/api/v1/"+name+"/"+itoa(id)); a.status != http.StatusNotFound {
				t.Errorf("%s/%d of the region with the kommune's token: %d, want 404", name, id, a.status)
			}
			break // one of the region's rows per collection is enough
		}
	}
	// The organisation's own rows: the region's action plans, through the region's token only.
	want := ts.id(t, `SELECT count(*) FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, region)
	if got := int64(len(apiIDs(t, ts, regionToken, "/api/v1/action-plans?limit=1000"))); got != want || want == 0 {
		t.Errorf("the region's action plans: got %d, want %d", got, want)
	}
}

// apiIDs walks every page of a list and returns the ids it saw (failing on an id seen twice).
func apiIDs(t *testing.T, ts *testServer, token, path string) map[int64]bool {
	t.Helper()
	seen := map[int64]bool{}
	for path != "" {
		a := ts.apiGet(t, token, path)
		if a.status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, a.status, a.body)
		}
		v := a.json(t)
		for _, row := range v["data"].([]any) {
			id := int64(row.(map[string]any)["id"].(float64))
			if seen[id] {
				t.Errorf("GET %s: id %d seen twice", path, id)
			}
			seen[id] = true
		}
		path = ""
		if next, ok := v["next"].(string); ok {
			path = ts.onServer(t, next)
		}
	}
	return seen
}

// TestAPIErrors checks the answers to bad requests: Danish messages in JSON, the right status.
func TestAPIErrors(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	token := ts.newAPIToken(t, kommune, "Fejl")
	tests := []struct {
		name, token, path string
		want              int
		wantMsg           string
	}{
		{"no token", "", "/api/v1/initiatives", http.StatusUnauthorized, "Authorization"},
		{"unknown token", "sporbar_ukendt", "/api/v1/initiatives", http.StatusUnauthorized, "ukendt"},
		{"not bearer", "", "/api/v1/initiatives", http.StatusUnauthorized, "Bearer"},
		{"limit too large", token, "/api/v1/initiatives?limit=1001", http.StatusBadRequest, "limit"},
		{"after not a number", token, "/api/v1/initiatives?after=x", http.StatusBadRequest, "after"},
		{"bad updated_since", token, "/api/v1/initiatives?updated_since=igår", http.StatusBadRequest, "updated_since"},
		{"bad format", token, "/api/v1/initiatives?format=xml", http.StatusBadRequest, "format"},
		{"no such id", token, "/api/v1/initiatives/999999999", http.StatusNotFound, "Findes ikke"},
		{"id not a number", token, "/api/v1/initiatives/abc", http.StatusNotFound, "Findes ikke"},
	}
	for _, tt := range tests {
		a := ts.apiGet(t, tt.token, tt.path)
		if a.status != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, a.status, tt.want)
			continue
		}
		msg, _ := a.json(t)["error"].(map[string]any)["message"].(string)
		if !strings.Contains(msg, tt.wantMsg) {
			t.Errorf("%s: message %q, want it to mention %q", tt.name, msg, tt.wantMsg)
		}
	}
	if a := ts.apiGet(t, "", "/api/v1/units"); a.header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
}

// TestAPIUpdatedSince checks that updated_since keeps only what changed since (a status update
// counts as a change of the item), and that a date is read as its midnight.
func TestAPIUpdatedSince(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	token := ts.newAPIToken(t, kommune, "Siden")
	since := time.Now().UTC().Add(-time.Second).Format(time.RFC3339)
	changed := ts.id(t, `UPDATE initiatives SET status_updated_at = now() + interval '1 second', status_phase = 'forberedende'
		WHERE id = (SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		            JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1) RETURNING id`, kommune)
	tests := []struct {
		name  string
		query string
		want  func(ids map[int64]bool) bool
	}{
		{"since now: the changed one only", "updated_since=" + url.QueryEscape(since),
			func(ids map[int64]bool) bool { return len(ids) == 1 && ids[changed] }},
		{"since a date long ago: all", "updated_since=2000-01-01",
			func(ids map[int64]bool) bool { return len(ids) > 1 && ids[changed] }},
		{"since the future: none", "updated_since=2999-01-01", func(ids map[int64]bool) bool { return len(ids) == 0 }},
	}
	for _, tt := range tests {
		if ids := apiIDs(t, ts, token, "/api/v1/initiatives?limit=1000&"+tt.query); !tt.want(ids) {
			t.Errorf("%s: got %d ids (%v)", tt.name, len(ids), ids)
		}
	}
}

// TestAPIDatabaseAway checks that the API answers 503 with Retry-After when PostgreSQL is away.
func TestAPIDatabaseAway(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	token := ts.newAPIToken(t, kommune, "Væk")
	ts.cutDatabase(t)
	a := ts.apiGet(t, token, "/api/v1/units")
	if a.status != http.StatusServiceUnavailable || a.header.Get("Retry-After") == "" {
		t.Errorf("database away: %d, Retry-After %q; want 503 with Retry-After", a.status, a.header.Get("Retry-After"))
	}
	if !bytes.Contains(a.body, []byte("Databasen")) {
		t.Errorf("database away: %s", a.body)
	}
}

// TestAPIQueries checks that a page of any collection costs two queries (the token and the
// page), whatever its size.
func TestAPIQueries(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	token := ts.newAPIToken(t, kommune, "Forespørgsler")
	for _, path := range []string{"/api/v1/initiatives?limit=1", "/api/v1/initiatives?limit=1000", "/api/v1/goals.csv", "/api/v1/units/1"} {
		ts.resetQueries()
		ts.apiGet(t, token, path)
		if got := ts.queries(); got != 2 {
			t.Errorf("GET %s: %d queries, want 2", path, got)
		}
	}
}
