package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

// TestDeleteTrackWithInitiativesIsRefused: deleting a track that general initiatives and goals
// point at says what holds it and offers archiving instead; nothing is deleted.
func TestDeleteTrackWithInitiativesIsRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	track := ts.trackID(t, kommuneStrategy, 1)
	goals := ts.id(t, `SELECT count(*) FROM goal_tracks WHERE track_id = $1`, track)

	status, doc := ts.post(t, "/spor/"+itoa(track)+"/slet", url.Values{"version": {ts.version(t, "tracks", track)}})
	if status != http.StatusConflict {
		t.Fatalf("status %d, want 409", status)
	}
	want := "Strategisporet kan ikke slettes: 2 generelle indsatser og " + itoa(goals) +
		" mål peger på det. Arkivér det i stedet."
	if got := text(doc.Find(".alert-warning")); got != want {
		t.Errorf("message\n got %q\nwant %q", got, want)
	}
	if n := doc.Find("form[action='/spor/" + itoa(track) + "/arkiver'] button").Length(); n != 1 {
		t.Errorf("%d archive buttons offered, want 1", n)
	}
	if n := ts.id(t, `SELECT count(*) FROM tracks WHERE id = $1 AND archived_at IS NULL`, track); n != 1 {
		t.Error("the track is gone or archived")
	}

	// Archiving it instead hides it from the strategy's page but keeps its history.
	status, doc = ts.post(t, "/spor/"+itoa(track)+"/arkiver", url.Values{"version": {ts.version(t, "tracks", track)}})
	if status != http.StatusOK || !strings.Contains(text(doc.Find(".alert-success")), "er arkiveret") {
		t.Fatalf("archive: status %d, %q", status, text(doc.Find("main")))
	}
	if doc.Find("a[href='/spor/"+itoa(track)+"']").Length() != 0 {
		t.Error("the strategy's page still shows the archived track")
	}
	var numbers []string
	doc.Find(".sporbar-tracks > li > h3").Each(func(_ int, h *goquery.Selection) {
		numbers = append(numbers, strings.SplitN(text(h), ":", 2)[0])
	})
	if diff := cmp.Diff([]string{"Strategispor 1", "Strategispor 2", "Strategispor 3"}, numbers); diff != "" {
		t.Errorf("the remaining tracks are not renumbered 1–3 (-want +got):\n%s", diff)
	}
	if n := ts.auditCount(t, domain.AuditArchive, "track", track); n != 1 {
		t.Errorf("%d archive rows in the history, want 1", n)
	}
}

// TestDeleteUnheldItem: a new objective with nothing under it can be deleted; the history
// keeps a row saying so.
func TestDeleteUnheldItem(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	policy := ts.policyID(t, sundhedspolitik)
	ts.post(t, "/politikker/"+itoa(policy)+"/maalsaetninger/ny", url.Values{"title": {"Fejltastning"}})
	id := ts.id(t, `SELECT id FROM objectives WHERE title = 'Fejltastning'`)

	status, doc := ts.post(t, "/maalsaetninger/"+itoa(id)+"/slet", url.Values{"version": {ts.version(t, "objectives", id)}})
	if status != http.StatusOK || !strings.Contains(text(doc.Find(".alert-success")), "er slettet") {
		t.Fatalf("delete: status %d, %q", status, text(doc.Find("main")))
	}
	if n := ts.id(t, `SELECT count(*) FROM objectives WHERE id = $1`, id); n != 0 {
		t.Error("the objective is still there")
	}
	if n := ts.auditCount(t, domain.AuditDelete, "objective", id); n != 1 {
		t.Errorf("%d delete rows in the history, want 1", n)
	}
}

// objectiveNumbers lists the policy's current objectives as "number title-prefix".
func (ts *testServer) objectiveNumbers(t *testing.T, policy int64) []string {
	t.Helper()
	var out []string
	for _, id := range ts.ids(t, `SELECT id FROM objectives WHERE policy_id = $1 AND archived_at IS NULL ORDER BY number`, policy) {
		out = append(out, itoa(ts.id(t, `SELECT number::bigint FROM objectives WHERE id = $1`, id))+":"+itoa(id))
	}
	return out
}

// TestReorderObjectivesKeepsNumbering moves objectives up and down, by the buttons and by the
// number field, and archives one: the numbers stay 1, 2, 3 … and each renumbered objective
// has a history row.
func TestReorderObjectivesKeepsNumbering(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	policy := ts.policyID(t, "Ældrepolitik")
	ids := ts.ids(t, `SELECT id FROM objectives WHERE policy_id = $1 ORDER BY number`, policy)
	o1, o2, o3 := ids[0], ids[1], ids[2]
	move := func(id int64, dir string) {
		t.Helper()
		status, _ := ts.post(t, "/maalsaetninger/"+itoa(id)+"/flyt", url.Values{"version": {ts.version(t, "objectives", id)},
			"retning": {dir}, "tilbage": {"/politikker/" + itoa(policy)}})
		if status != http.StatusOK {
			t.Fatalf("move %d %s: status %d", id, dir, status)
		}
	}
	order := func(ids ...int64) []string {
		var out []string
		for i, id := range ids {
			out = append(out, itoa(int64(i+1))+":"+itoa(id))
		}
		return out
	}

	move(o3, "op")
	if diff := cmp.Diff(order(o1, o3, o2), ts.objectiveNumbers(t, policy)); diff != "" {
		t.Errorf("after moving 3 up (-want +got):\n%s", diff)
	}
	move(o1, "op") // already first: nothing moves
	if diff := cmp.Diff(order(o1, o3, o2), ts.objectiveNumbers(t, policy)); diff != "" {
		t.Errorf("after moving the first up (-want +got):\n%s", diff)
	}
	status, _ := ts.post(t, "/maalsaetninger/"+itoa(o2)+"/rediger", url.Values{"version": {ts.version(t, "objectives", o2)},
		"number": {"1"}, "title": {"Alle oplever gode muligheder for fællesskaber"}})
	if status != http.StatusOK {
		t.Fatalf("edit with number 1: status %d", status)
	}
	if diff := cmp.Diff(order(o2, o1, o3), ts.objectiveNumbers(t, policy)); diff != "" {
		t.Errorf("after giving the last number 1 (-want +got):\n%s", diff)
	}
	ts.post(t, "/maalsaetninger/"+itoa(o1)+"/arkiver", url.Values{"version": {ts.version(t, "objectives", o1)}})
	if diff := cmp.Diff(order(o2, o3), ts.objectiveNumbers(t, policy)); diff != "" {
		t.Errorf("after archiving the second (-want +got):\n%s", diff)
	}
	if n := ts.id(t, `SELECT count(*) FROM audit_log WHERE entity = 'objective' AND changes ? 'Nr.'`); n < 6 {
		t.Errorf("%d history rows with a changed number, want one per renumbered objective (at least 6)", n)
	}
}

// TestStaleEditShowsBothValues: saving a policy someone else changed meanwhile answers 409 with
// the stored and the typed values side by side and keeps the typed ones in the form.
func TestStaleEditShowsBothValues(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	policy := ts.policyID(t, sundhedspolitik)
	stale := ts.version(t, "policies", policy)
	form := url.Values{"title": {"Sundhedspolitik 2026"}, "kind": {"politik"}, "numbered": {"ja"}, "version": {stale}}
	if status, _ := ts.post(t, "/politikker/"+itoa(policy)+"/rediger", form); status != http.StatusOK {
		t.Fatalf("first save: status %d", status)
	}
	form.Set("title", "Sundhedspolitikken")
	status, doc := ts.post(t, "/politikker/"+itoa(policy)+"/rediger", form)
	if status != http.StatusConflict {
		t.Fatalf("stale save: status %d, want 409", status)
	}
	if got := texts(doc.Find("table.sporbar-conflict tbody tr > *")); !cmp.Equal(got, []string{"Titel", "Sundhedspolitik 2026", "Sundhedspolitikken"}) {
		t.Errorf("conflict rows %q", got)
	}
	if got := fieldValue(doc, "title"); got != "Sundhedspolitikken" {
		t.Errorf("the form shows %q, want the typed title", got)
	}
	if got := doc.Find("input[name=version]").First().AttrOr("value", ""); got != ts.version(t, "policies", policy) {
		t.Errorf("the form's version is %s, want the stored one", got)
	}
}

// TestHierarchyFormsValidate: a form with mistakes comes back 422 with messages beside the
// fields and the typed values kept.
func TestHierarchyFormsValidate(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	tests := []struct {
		path  string
		form  url.Values
		field string
		msg   string
	}{
		{"/org/" + kommune + "/admin/politikker/ny", url.Values{"title": {" "}, "kind": {"politik"}, "numbered": {"ja"}},
			"title", "Titlen skal udfyldes."},
		{"/org/" + kommune + "/admin/strategier/ny", url.Values{"title": {"Ny"}, "period_start": {"2026"}, "period_end": {"2025"}},
			"period_end", "Perioden kan ikke slutte, før den begynder."},
		{"/org/" + kommune + "/admin/indsatstrappen/ny", url.Values{"name": {"Rødt trin"}, "colour": {"rød"}},
			"colour", "Farven skal skrives #rrggbb, fx #4caf50."},
		{"/org/" + kommune + "/admin/begreber/ny", url.Values{"name": {"Indsatstrappen"}},
			"name", "Der findes allerede et begreb med det navn."},
		{"/org/" + kommune + "/admin/enheder/ny", url.Values{"name": {"Myndighed"}, "kind": {"omraade"}},
			"name", "Der findes allerede en enhed med det navn."},
	}
	for _, tt := range tests {
		status, doc := ts.post(t, tt.path, tt.form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("POST %s: status %d, want 422", tt.path, status)
			continue
		}
		if got := strings.TrimPrefix(text(doc.Find("#"+tt.field+"-error")), "Fejl: "); got != tt.msg {
			t.Errorf("POST %s: %s's message %q, want %q", tt.path, tt.field, got, tt.msg)
		}
	}
}

// TestHierarchyAdminIsForAdmins: a fagchef and a læser get 403 on the administration and its
// writes, and see no Rediger links on the pages.
func TestHierarchyAdminIsForAdmins(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	policy := ts.policyID(t, sundhedspolitik)
	for _, who := range []string{ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"), userEmail(kommune, domain.RoleLaeser)} {
		ts.signInAs(t, who)
		if status, _ := ts.get(t, "/org/"+kommune+"/admin/hierarki"); status != http.StatusForbidden {
			t.Errorf("%s: GET the administration: %d, want 403", who, status)
		}
		if status, _ := ts.post(t, "/politikker/"+itoa(policy)+"/rediger", url.Values{"title": {"X"}}); status != http.StatusForbidden {
			t.Errorf("%s: POST an edit: %d, want 403", who, status)
		}
		if _, doc := ts.open(t, "/politikker/"+itoa(policy)); doc.Find("a:contains('Rediger politik')").Length() != 0 {
			t.Errorf("%s sees the Rediger link", who)
		}
	}
}
