package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

func init() {
	api := map[string]class{
		"GET /api/v1/openapi.json":                      public,
		"GET /org/{org}/admin/api-noegler":              adminsOnly,
		"POST /org/{org}/admin/api-noegler":             adminsOnly,
		"POST /org/{org}/admin/api-noegler/tilbagekald": adminsOnly,
	}
	// The API answers with its own 401 (no session is asked for): public to the matrix.
	for _, name := range store.APICollections() {
		for _, p := range []string{"", ".csv", "/{id}"} {
			api["GET /api/v1/"+name+p] = public
		}
	}
	addRouteClasses(api)
}

// TestAPITokenJourney is an admin's journey through the API-nøgler page: a token with no name
// is refused beside the field with the input kept, a named one is shown once and works, the
// list shows it with its creator and when it was last used, and revoking it makes it 401 at
// once. Both changes are in the organisation's change history.
func TestAPITokenJourney(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	page := "/org/" + kommune + "/admin/api-noegler"

	status, doc := ts.post(t, page, url.Values{"name": {"   "}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(text(doc.Find("#name-error")), "Navn skal udfyldes") {
		t.Fatalf("empty name: %d, error %q", status, text(doc.Find("#name-error")))
	}
	long := strings.Repeat("x", domain.APITokenNameMax+1)
	status, doc = ts.post(t, page, url.Values{"name": {long}})
	if v, _ := doc.Find("input#name").Attr("value"); status != http.StatusUnprocessableEntity || v != long {
		t.Fatalf("too long name: %d, kept %q", status, v)
	}

	status, doc = ts.post(t, page, url.Values{"name": {"Power BI, ledelsesinformation"}})
	secret, _ := doc.Find("input#secret").Attr("value")
	if status != http.StatusCreated || !strings.HasPrefix(secret, "sporbar_") {
		t.Fatalf("create: %d, secret %q", status, secret)
	}
	if n := ts.id(t, `SELECT count(*) FROM api_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, secret); n != 1 {
		t.Errorf("the token's SHA-256 is stored %d times, want 1", n)
	}
	if n := ts.id(t, `SELECT count(*) FROM api_tokens WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0`, secret); n != 0 {
		t.Error("the secret itself is stored")
	}
	if a := ts.apiGet(t, secret, "/api/v1/units"); a.status != http.StatusOK {
		t.Fatalf("the new token: %d %s", a.status, a.body)
	}

	_, doc = ts.get(t, page)
	if doc.Find("input#secret").Length() != 0 {
		t.Error("the secret is shown again")
	}
	row := text(doc.Find("tbody tr").First())
	for _, want := range []string{"Power BI, ledelsesinformation", "Administrator", "Aktiv"} {
		if !strings.Contains(row, want) {
			t.Errorf("list row %q lacks %q", row, want)
		}
	}
	if strings.Contains(row, "Aldrig") {
		t.Errorf("list row %q: the token was used but shows never", row)
	}

	id, _ := doc.Find(`tbody tr input[name="id"]`).First().Attr("value")
	_, doc = ts.post(t, page+"/tilbagekald", url.Values{"id": {id}})
	if !strings.Contains(text(doc.Find(".alert")), "tilbagekaldt") || !strings.Contains(text(doc.Find("tbody tr")), "Tilbagekaldt") {
		t.Errorf("after revoking: flash %q, list %q", text(doc.Find(".alert")), text(doc.Find("tbody tr")))
	}
	if a := ts.apiGet(t, secret, "/api/v1/units"); a.status != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", a.status)
	}

	var actions []string
	rows, err := ts.db.Query(context.Background(), `SELECT action FROM audit_log WHERE entity = 'api_token' AND entity_id = $1 ORDER BY id`, id)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		actions = append(actions, a)
	}
	if strings.Join(actions, ",") != "create,archive" {
		t.Errorf("change history of the token: %v, want create then archive", actions)
	}
}

// TestRevokeOtherOrganisationsToken checks that an admin cannot revoke another organisation's
// token by its id: 404, and the token still works.
func TestRevokeOtherOrganisationsToken(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	secret := ts.newAPIToken(t, region, "Regionens")
	id := ts.id(t, `SELECT id FROM api_tokens WHERE name = 'Regionens'`)
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	if status, _ := ts.post(t, "/org/"+kommune+"/admin/api-noegler/tilbagekald", url.Values{"id": {itoa(id)}}); status != http.StatusNotFound {
		t.Errorf("revoking the region's token as the kommune's admin: %d, want 404", status)
	}
	if a := ts.apiGet(t, secret, "/api/v1/units"); a.status != http.StatusOK {
		t.Errorf("the region's token after the attempt: %d, want 200", a.status)
	}
}

// TestAPIRateLimit checks that a token making more requests than API_RATE_LIMIT allows gets
// 429 with Retry-After, and that another token is not held back by it.
func TestAPIRateLimit(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	cfg, err := config.Load(func(name string) string {
		if name == "API_RATE_LIMIT" {
			return "3"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	limited := httptest.NewServer(server.New(cfg, store.New(ts.db), slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
	t.Cleanup(limited.Close)
	busy, other := ts.newAPIToken(t, kommune, "Travl"), ts.newAPIToken(t, kommune, "Anden")
	lts := &testServer{srv: limited}
	for i := range 3 {
		if a := lts.apiGet(t, busy, "/api/v1/units"); a.status != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, a.status)
		}
	}
	a := lts.apiGet(t, busy, "/api/v1/units")
	if a.status != http.StatusTooManyRequests || a.header.Get("Retry-After") == "" {
		t.Errorf("4th request: %d, Retry-After %q; want 429 with Retry-After", a.status, a.header.Get("Retry-After"))
	}
	if a := lts.apiGet(t, other, "/api/v1/units"); a.status != http.StatusOK {
		t.Errorf("another token: %d, want 200", a.status)
	}
}
