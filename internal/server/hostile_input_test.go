package server_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
)

// hostileLocations are places to go next that a browser would read as another site.
var hostileLocations = []string{"/%09/evil.example", "/\t/evil.example", "//evil.example", `/\evil.example`,
	"https://evil.example/", "/%2F/evil.example"}

// TestLoginNextStaysOnSite: after sign-in, a `next` that is not a path of Sporbar's own sends the
// person to the front page, whatever it holds; a local path is kept.
func TestLoginNextStaysOnSite(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	tests := []struct{ next, want string }{{"/mine-opgaver", "/mine-opgaver"}}
	for _, h := range hostileLocations {
		tests = append(tests, struct{ next, want string }{h, "/"})
	}
	for _, tt := range tests {
		ts.signOut(t)
		status, got, _ := ts.postNoFollow(t, "/login", url.Values{"email": {userEmail(kommune, domain.RoleLaeser)},
			"password": {testPassword}, "next": {tt.next}})
		if status != http.StatusSeeOther || got != tt.want {
			t.Errorf("next=%q: status %d, Location %q; want 303 to %q", tt.next, status, got, tt.want)
		}
	}
}

// TestAdminTilbageStaysOnSite: the administration's `tilbage` field (where a move goes back to)
// takes only a path of Sporbar's own; anything else goes to the item's own list.
func TestAdminTilbageStaysOnSite(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	policy := ts.policyID(t, sundhedspolitik)
	def := "/org/" + kommune + "/admin/hierarki"
	tests := []struct{ tilbage, want string }{{def + "?vis=alle", def + "?vis=alle"}}
	for _, h := range hostileLocations {
		tests = append(tests, struct{ tilbage, want string }{h, def})
	}
	for _, tt := range tests {
		status, got, _ := ts.postNoFollow(t, "/politikker/"+itoa(policy)+"/flyt", url.Values{"retning": {"ned"},
			"version": {ts.version(t, "policies", policy)}, "tilbage": {tt.tilbage}})
		if status != http.StatusSeeOther || got != tt.want {
			t.Errorf("tilbage=%q: status %d, Location %q; want 303 to %q", tt.tilbage, status, got, tt.want)
		}
	}
}

// TestCSVHeaderFormula: an organisation's label that a spreadsheet would run as a formula reaches
// the header row of every CSV download as text (a leading apostrophe), as data cells do.
func TestCSVHeaderFormula(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	label := `=cmd|" /C calc"!A0`
	if _, err := ts.db.Exec(t.Context(), `UPDATE organisations SET label_track = $1, data_version = data_version + 1
		WHERE slug = $2`, label, kommune); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/org/" + kommune + "/oversigt.csv", "/org/" + kommune + "/indsatser.csv"} {
		resp, body := ts.fetch(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, resp.StatusCode)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))))
		r.Comma, r.FieldsPerRecord = ';', -1
		header, err := r.Read()
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		found := false
		for _, cell := range header {
			if cell == label {
				t.Errorf("GET %s: the header holds the formula %q unguarded", path, cell)
			}
			found = found || cell == "'"+label
		}
		if !found {
			t.Errorf("GET %s: header %q, want the label with a leading apostrophe", path, header)
		}
	}
}
