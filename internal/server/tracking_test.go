package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// localInitiative creates a local initiative for the unit under the kommune's first general
// initiative, as the fagchef would, and returns its id.
func (ts *testServer) localInitiative(t *testing.T, unit, title string) int64 {
	t.Helper()
	ctx := context.Background()
	general := ts.id(t, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1 AND i.kind = 'general'`, kommune)
	unitID := ts.id(t, `SELECT id FROM units WHERE name = $1`, unit)
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))
	id, err := store.New(ts.db).AddLocalInitiative(ctx, admin, domain.Initiative{ParentID: &general, UnitID: &unitID, Title: title})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// today is the date in Denmark, the one the server counts with (also between 23:00 and
// midnight UTC, when the dates differ).
func today() string { return danishToday().Format(time.DateOnly) }

func TestStatusUpdate(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	own := itoa(ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering i hjemmeplejen"))
	other := itoa(ts.localInitiative(t, "Myndighed", "Visitation med rehabiliterende fokus"))
	ts.signIn(t, leder)

	good := url.Values{"phase": {"under_implementering"}, "health": {"udfordret"}, "progress": {"40"}, "as_of": {today()},
		"status_comment": {"Vi mangler to terapeuter."}}
	tests := []struct {
		name       string
		path       string
		form       url.Values
		htmx       bool
		wantStatus int
		wantErrors map[string]string
	}{
		{"another område", "/indsatser/" + other + "/status", good, false, 403, map[string]string{}},
		{"nothing chosen", "/indsatser/" + own + "/status", url.Values{"progress": {"x"}, "as_of": {"i går"}}, false, 422,
			map[string]string{"phase": "Vælg en fase.", "health": "Vælg om indsatsen er på sporet, udfordret eller kritisk.",
				"progress": "Fremdriften skal være et helt tal fra 0 til 100.",
				"as_of":    "Skriv datoen som åååå-mm-dd, fx " + today() + "."}},
		{"critical without why", "/indsatser/" + own + "/status", url.Values{"phase": {"forberedende"}, "health": {"kritisk"},
			"progress": {"101"}, "as_of": {"2999-01-01"}}, false, 422, map[string]string{
			"progress": "Fremdriften skal være et helt tal fra 0 til 100.", "as_of": "En status kan ikke gælde for en dato i fremtiden.",
			"status_comment": "Skriv, hvorfor indsatsen er kritisk."}},
		{"saved", "/indsatser/" + own + "/status", good, false, 200, map[string]string{}},
		{"saved inline", "/indsatser/" + own + "/status", good, true, 200, map[string]string{}},
		{"wrong inline", "/indsatser/" + own + "/status", url.Values{"phase": {"x"}}, true, 422,
			map[string]string{"phase": "Vælg en fase.", "health": "Vælg om indsatsen er på sporet, udfordret eller kritisk.",
				"progress": "Fremdriften skal være et helt tal fra 0 til 100.", "as_of": "Skriv datoen som åååå-mm-dd, fx " + today() + "."}},
	}
	for _, tt := range tests {
		var header []string
		if tt.htmx {
			header = []string{"HX-Request", "true"}
		}
		status, doc := ts.post(t, tt.path, tt.form, header...)
		if status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.wantStatus)
			continue
		}
		if diff := cmp.Diff(tt.wantErrors, fieldErrors(doc)); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
		}
		if status == 422 && doc.Find("#progress").AttrOr("value", "") != tt.form.Get("progress") {
			t.Errorf("%s: the typed progress was not kept", tt.name)
		}
		if tt.htmx && doc.Find("html").Length() > 0 && doc.Find("header.header").Length() > 0 {
			t.Errorf("%s: htmx got a whole page, want the status section", tt.name)
		}
		if tt.htmx && status == 200 && text(doc.Find("#sporbar-notice")) != "Statussen er gemt." {
			t.Errorf("%s: notice %q", tt.name, text(doc.Find("#sporbar-notice")))
		}
		if tt.htmx && status == 200 && !strings.Contains(text(doc.Find("#status > p .sporbar-status")), "Udfordret") {
			t.Errorf("%s: the swapped section shows the old current status %q", tt.name, text(doc.Find("#status > p .sporbar-status")))
		}
	}

	// The current status shows on the item, in the timeline, in the agreement's list, and in the history.
	_, doc := ts.get(t, "/indsatser/"+own)
	if got := texts(doc.Find("#status > p .sporbar-badge")); !cmp.Equal(got, []string{"Under implementering", "Udfordret"}) {
		t.Errorf("current status badges %q", got)
	}
	wantCount(t, doc, ".sporbar-timeline > li", 2)
	agreement := itoa(ts.id(t, `SELECT a.id FROM agreements a JOIN units u ON u.id = a.lower_unit_id WHERE u.name = 'Hjemmepleje og akutaflastning'`))
	_, doc = ts.get(t, "/aftaler/"+agreement)
	if got := text(doc.Find(`a[href="/indsatser/` + own + `"]`).Parent().Find(".sporbar-status")); !strings.Contains(got, "Udfordret") {
		t.Errorf("the agreement does not show the current status: %q", got)
	}
	_, doc = ts.get(t, "/indsatser/"+own+"/historik")
	rows := doc.Find("table.sporbar-audit tbody tr")
	if rows.Length() != 3 { // two status updates and the creation
		t.Errorf("history has %d rows, want 3", rows.Length())
	}
	if got := text(rows.Eq(1).Find("td").Eq(2)); got != "Statusopdatering" {
		t.Errorf("history action %q, want Statusopdatering", got)
	}
	if got := text(rows.Eq(1).Find("dl.sporbar-changes dt:contains('Fase') + dd")); got != "Ikke påbegyndt → Under implementering" {
		t.Errorf("history change %q does not show the old and new phase", got)
	}
}

func TestComments(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	fagchef := ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	own := itoa(ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering"))

	ts.signIn(t, leder)
	if status, doc := ts.post(t, "/indsatser/"+own+"/kommentarer", url.Values{"body": {"   "}}); status != 422 ||
		fieldErrors(doc)["body"] != "Kommentaren skal udfyldes." {
		t.Errorf("empty comment: status %d, messages %v", status, fieldErrors(doc))
	}
	ts.post(t, "/indsatser/"+own+"/kommentarer", url.Values{"body": {"Vi er godt i gang."}})
	ts.signIn(t, fagchef)
	status, doc := ts.post(t, "/indsatser/"+own+"/kommentarer", url.Values{"body": {"Godt – hvad med aftenvagten?"}},
		"HX-Request", "true")
	if status != http.StatusOK {
		t.Fatalf("fagchef comment: status %d", status)
	}
	got := texts(doc.Find("#dialog .sporbar-comments > li p:not(.sporbar-meta)"))
	if want := []string{"Vi er godt i gang.", "Godt – hvad med aftenvagten?"}; !cmp.Equal(got, want) {
		t.Errorf("dialogue %q, want %q", got, want)
	}
	ts.signIn(t, userEmail(kommune, domain.RoleLaeser))
	if status, _ := ts.post(t, "/indsatser/"+own+"/kommentarer", url.Values{"body": {"Hej"}}); status != http.StatusForbidden {
		t.Errorf("læser comment: status %d, want 403", status)
	}
	_, doc = ts.get(t, "/indsatser/"+own)
	if doc.Find("#dialog form").Length() != 0 || doc.Find("#status form").Length() != 0 {
		t.Error("a læser is shown the status or comment form")
	}
}

// fieldErrors maps each field with a message beside it to the message.
func fieldErrors(doc *goquery.Document) map[string]string {
	got := map[string]string{}
	doc.Find(".form-error-message").Each(func(_ int, s *goquery.Selection) {
		got[strings.TrimSuffix(s.AttrOr("id", ""), "-error")] = strings.TrimPrefix(text(s), "Fejl: ")
	})
	return got
}
