package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

// TestRetriedPostsStoreOnce posts a status update and a comment whose answer goes wrong after
// the commit (the session cannot keep the flash message, as when the database drops at that
// moment) and then retries them with the same form key, with and without htmx: the first post
// still redirects to the item, and each key stores one row; a new form key stores a new row.
func TestRetriedPostsStoreOnce(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	item := itoa(ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Træning i eget hjem"))
	ts.signIn(t, leder)
	_, doc := ts.get(t, "/indsatser/"+item)
	statusKey := doc.Find("form.sporbar-status-form input[name=idempotency_key]").AttrOr("value", "")
	commentKey := doc.Find("#dialog form input[name=idempotency_key]").AttrOr("value", "")
	if statusKey == "" || commentKey == "" || statusKey == commentKey {
		t.Fatalf("form keys: status %q, comment %q; want two different ones", statusKey, commentKey)
	}
	status := url.Values{"phase": {"under_implementering"}, "health": {"paa_sporet"}, "progress": {"30"}, "as_of": {today()},
		"idempotency_key": {statusKey}}
	comment := url.Values{"body": {"Vi er godt i gang."}, "idempotency_key": {commentKey}}

	ctx := context.Background()
	if _, err := ts.db.Exec(ctx, `ALTER TABLE sessions ADD CONSTRAINT test_no_flash CHECK (NOT data ? 'flash') NOT VALID`); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		path string
		form url.Values
		want string
	}{
		{"/indsatser/" + item + "/status", status, "/indsatser/" + item + "#status"},
		{"/indsatser/" + item + "/kommentarer", comment, "/indsatser/" + item + "#dialog"},
	} {
		if code, loc, _ := ts.postNoFollow(t, p.path, p.form); code != http.StatusSeeOther || loc != p.want {
			t.Errorf("POST %s with the flash failing after the commit: %d → %q, want 303 → %q", p.path, code, loc, p.want)
		}
	}
	if _, err := ts.db.Exec(ctx, `ALTER TABLE sessions DROP CONSTRAINT test_no_flash`); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		path   string
		form   url.Values
		htmx   bool
		table  string
		wantN  int64
		wantOK int
	}{
		{"status retried", "/indsatser/" + item + "/status", status, false, "status_updates", 1, http.StatusOK},
		{"status retried inline", "/indsatser/" + item + "/status", status, true, "status_updates", 1, http.StatusOK},
		{"comment retried", "/indsatser/" + item + "/kommentarer", comment, false, "comments", 1, http.StatusOK},
		{"comment retried inline", "/indsatser/" + item + "/kommentarer", comment, true, "comments", 1, http.StatusOK},
		{"status from a new form", "/indsatser/" + item + "/status", with(status, "idempotency_key", "TmV3Rm9ybUtleQ"), false,
			"status_updates", 2, http.StatusOK},
		{"a key Sporbar did not make", "/indsatser/" + item + "/status", with(status, "idempotency_key", "<x>"), false,
			"status_updates", 2, http.StatusBadRequest},
	}
	for _, tt := range tests {
		var header []string
		if tt.htmx {
			header = []string{"HX-Request", "true"}
		}
		if code, _ := ts.post(t, tt.path, tt.form, header...); code != tt.wantOK {
			t.Errorf("%s: status %d, want %d", tt.name, code, tt.wantOK)
		}
		got := ts.id(t, `SELECT count(*) FROM `+tt.table+` WHERE initiative_id = $1`, item)
		if got != tt.wantN {
			t.Errorf("%s: %d rows in %s, want %d", tt.name, got, tt.table, tt.wantN)
		}
	}
}

// with returns a copy of v with key set to value.
func with(v url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	out.Set(key, value)
	return out
}

// TestStatusTimelinePages gives an initiative 45 status updates: its page shows the newest 20,
// and "Vis ældre" and "Vis nyere" links (plain links, no JavaScript) walk through the rest.
func TestStatusTimelinePages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	item := ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Velfærdsteknologi")
	if _, err := ts.db.Exec(context.Background(), `INSERT INTO status_updates (organisation_id, initiative_id, phase,
		health, progress, comment, as_of, author_id)
		SELECT (SELECT id FROM organisations WHERE slug = $2), $1, 'forberedende', 'paa_sporet', n, 'Opdatering ' || n,
		       DATE '2025-01-01' + n, (SELECT min(id) FROM users)
		FROM generate_series(1, 45) n`, item, kommune); err != nil {
		t.Fatal(err)
	}
	base := "/indsatser/" + itoa(item)
	tests := []struct {
		query     string
		wantFirst string // the newest update's comment on the page
		wantN     int
		wantLinks map[string]string
	}{
		{"", "Opdatering 45", 20, map[string]string{"Vis ældre": base + "?side=2#status"}},
		{"?side=2", "Opdatering 25", 20, map[string]string{"Vis nyere": base + "#status", "Vis ældre": base + "?side=3#status"}},
		{"?side=3", "Opdatering 5", 5, map[string]string{"Vis nyere": base + "?side=2#status"}},
		{"?side=ikke-et-tal", "Opdatering 45", 20, map[string]string{"Vis ældre": base + "?side=2#status"}},
	}
	for _, tt := range tests {
		status, doc := ts.get(t, base+tt.query)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", tt.query, status)
			continue
		}
		items := doc.Find("#status ol.sporbar-timeline > li")
		if items.Length() != tt.wantN || !strings.Contains(text(items.First()), tt.wantFirst) {
			t.Errorf("%s: %d updates, the first %q; want %d from %q", tt.query, items.Length(), text(items.First()), tt.wantN, tt.wantFirst)
		}
		links := map[string]string{}
		doc.Find("#status nav.sporbar-pager a").Each(func(_ int, a *goquery.Selection) { links[text(a)] = a.AttrOr("href", "") })
		if diff := cmp.Diff(tt.wantLinks, links); diff != "" {
			t.Errorf("%s: pager links (-want +got):\n%s", tt.query, diff)
		}
	}
}
