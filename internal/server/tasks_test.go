package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// tasksPage is what Mine opgaver shows: each section's rows, by the item's text.
type tasksPage struct {
	Agreements []string
	Due        []string // "deadline | item"
	Missing    []string
	Activity   []string // "who | what | item"
}

func tasksOf(doc *goquery.Document) tasksPage {
	var p tasksPage
	p.Agreements = texts(doc.Find("ul.sporbar-task-agreements li"))
	rows := func(heading string) *goquery.Selection {
		return doc.Find("h2#" + heading).NextAllFiltered("div.sporbar-scroll").First().Find("tbody tr")
	}
	rows("frister").Each(func(_ int, tr *goquery.Selection) {
		p.Due = append(p.Due, text(tr.Find("td").First())+" | "+text(tr.Find("th a")))
	})
	rows("opfoelgning").Each(func(_ int, tr *goquery.Selection) {
		p.Missing = append(p.Missing, text(tr.Find("th a")))
	})
	doc.Find("table.sporbar-activity tbody tr").Each(func(_ int, tr *goquery.Selection) {
		td := tr.Find("td")
		p.Activity = append(p.Activity, text(td.Eq(1))+" | "+text(td.Eq(2))+" | "+strings.TrimPrefix(text(td.Eq(3).Find("button")), "Åbn "))
	})
	return p
}

func TestMyTasks(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := newDBA(t, ts)
	ctx := context.Background()
	date := func(n int) string { return c.Date(dkDay(n)) }

	// H-4 is implemented; the local initiative "Visitation" in Myndighed has a status today.
	for _, su := range []domain.StatusUpdate{
		{ActionPlanID: idRef(d.plans["H-4"]), Phase: domain.PhaseImplemented, Health: domain.HealthOnTrack, Progress: 100, AsOf: *dkDay(0), AuthorID: d.lederID},
		{InitiativeID: &d.myndLocal, Phase: domain.PhaseImplementing, Health: domain.HealthOnTrack, Progress: 10, AsOf: *dkDay(0), AuthorID: d.myndLederID},
	} {
		if _, err := d.st.PostStatusUpdate(ctx, su); err != nil {
			t.Fatal(err)
		}
	}
	// What others do on Hjemmepleje's items (and one thing on Myndighed's).
	if _, err := d.st.AddComment(ctx, domain.Comment{ActionPlanID: idRef(d.plans["H-1"]), AuthorID: d.fagchefID, Body: "Hvordan går det?"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.st.PostStatusUpdate(ctx, domain.StatusUpdate{InitiativeID: &d.local, Phase: domain.PhasePreparing,
		Health: domain.HealthChallenged, Progress: 20, AsOf: *dkDay(0), AuthorID: d.fagchefID}); err != nil {
		t.Fatal(err)
	}
	if err := d.st.ApproveAgreement(ctx, d.fagchefID, d.agreement); err != nil {
		t.Fatal(err)
	}
	if _, err := d.st.AddComment(ctx, domain.Comment{ActionPlanID: idRef(d.plans["M-1"]), AuthorID: d.fagchefID, Body: "Og her?"}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		as   string
		want tasksPage
	}{
		{"områdeleder", d.leder, tasksPage{
			Agreements: []string{d.agreementTitle + " Godkendt"},
			Due:        []string{date(-5) + " | H-2 Plan H-2", date(10) + " | H-1 Plan H-1"},
			Missing:    []string{"H-2 Plan H-2", "H-1 Plan H-1", "H-3 Plan H-3"},
			Activity: []string{"Frederik Fagchef | Godkendt | " + d.agreementTitle,
				"Frederik Fagchef | Statusopdatering | Hverdagsrehabilitering", "Frederik Fagchef | Kommentar | Plan H-1"},
		}},
		{"fagchef: every område, the general initiatives, nothing of their own doing", d.fagchef, tasksPage{
			Due: []string{date(-5) + " | H-2 Plan H-2", date(3) + " | M-1 Plan M-1", date(10) + " | H-1 Plan H-1"},
			Activity: []string{"Mads Myndighed | Statusopdatering | Visitation", "Hanne Hjemmepleje | Statusopdatering | Plan H-4",
				"Mads Myndighed | Oprettet | Plan M-1", "Hanne Hjemmepleje | Oprettet | Plan H-4", "Hanne Hjemmepleje | Oprettet | Plan H-3",
				"Hanne Hjemmepleje | Oprettet | Plan H-2", "Hanne Hjemmepleje | Oprettet | Plan H-1", "Mads Myndighed | Oprettet | Visitation",
				"Hanne Hjemmepleje | Oprettet | Hverdagsrehabilitering"},
		}},
	}
	var counts []int64
	for _, tt := range tests {
		ts.enterAs(t, tt.as)
		n, doc := ts.visit(t, tt.as, "/mine-opgaver")
		counts = append(counts, n)
		got := tasksOf(doc)
		if tt.as == d.fagchef {
			// The fagchef's lists also hold the 25 general initiatives; check the agreements and the
			// items of the områder.
			if len(got.Agreements) != 6 {
				t.Errorf("%s: %d agreements, want the overordnede and 5 områder's: %q", tt.name, len(got.Agreements), got.Agreements)
			}
			// The 10 general initiatives without status, H-1, H-2, H-3 and M-1.
			if len(got.Missing) != 14 || !slices.Contains(got.Missing, "M-1 Plan M-1") || !slices.Contains(got.Missing, "H-3 Plan H-3") {
				t.Errorf("%s: missing follow-up %q, want 14 with M-1 and H-3", tt.name, got.Missing)
			}
			got.Agreements, got.Missing = nil, nil
		}
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff([]string{kommuneCrumb, "Mine opgaver"}, crumbs(doc)); diff != "" {
			t.Errorf("%s: breadcrumb (-want +got):\n%s", tt.name, diff)
		}
	}
	if counts[0] != counts[1] || counts[0] > 6 {
		t.Errorf("queries: %v, want the same for both and at most 6", counts)
	}

	// Opening an entry marks it read and goes to the item; the rest stay.
	ts.enterAs(t, d.leder)
	comment := ts.id(t, `SELECT id FROM audit_log WHERE action = 'comment' AND entity_id = $1`, d.plans["H-1"])
	resp, _ := ts.postRaw(t, "/mine-opgaver/laest/"+itoa(comment), nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/handleplaner/"+itoa(d.plans["H-1"]) {
		t.Errorf("open: status %d to %q, want 303 to the plan", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, doc := ts.get(t, "/mine-opgaver")
	if got := tasksOf(doc).Activity; len(got) != 2 || got[1] != "Frederik Fagchef | Statusopdatering | Hverdagsrehabilitering" {
		t.Errorf("after opening the comment: %q", got)
	}
	upTo := doc.Find("form[action='/mine-opgaver/laest'] input[name=upto]").AttrOr("value", "")

	// Something new after the page was shown stays unread when all shown are marked read.
	if _, err := d.st.AddComment(ctx, domain.Comment{InitiativeID: &d.local, AuthorID: d.fagchefID, Body: "Ny"}); err != nil {
		t.Fatal(err)
	}
	status, doc := ts.post(t, "/mine-opgaver/laest", url.Values{"upto": {upTo}})
	if status != http.StatusOK || text(doc.Find("[role=status]")) != "Alle hændelser er markeret som læst." {
		t.Errorf("mark all: status %d, flash %q", status, text(doc.Find("[role=status]")))
	}
	if diff := cmp.Diff([]string{"Frederik Fagchef | Kommentar | Hverdagsrehabilitering"}, tasksOf(doc).Activity); diff != "" {
		t.Errorf("after marking all read (-want +got):\n%s", diff)
	}

	// Wrong requests: no 500, and no GET marks anything.
	for _, tt := range []struct {
		path   string
		form   url.Values
		status int
	}{
		{"/mine-opgaver/laest", url.Values{"upto": {"x"}}, http.StatusBadRequest},
		{"/mine-opgaver/laest/abc", nil, http.StatusNotFound},
		{"/mine-opgaver/laest/999999999", nil, http.StatusNotFound},
	} {
		if status, _ := ts.post(t, tt.path, tt.form); status != tt.status {
			t.Errorf("POST %s: status %d, want %d", tt.path, status, tt.status)
		}
	}
	if status, _ := ts.get(t, "/mine-opgaver/laest/"+itoa(comment)); status != http.StatusNotFound {
		t.Errorf("GET of the mark-read address: status %d, want 404", status)
	}
	regionEntry := ts.id(t, `INSERT INTO audit_log (organisation_id, action, entity, entity_id, title)
		SELECT id, 'update', 'action_plan', 1, 'x' FROM organisations WHERE slug = $1 RETURNING id`, region)
	if status, _ := ts.post(t, "/mine-opgaver/laest/"+itoa(regionEntry), nil); status != http.StatusNotFound {
		t.Errorf("another organisation's entry: status %d, want 404 (as if missing)", status)
	}

	// Someone who leads nothing is told so.
	ts.enterAs(t, d.laeser)
	_, doc = ts.get(t, "/mine-opgaver")
	if got := doc.Find("main a[href='/org/" + kommune + "/aftaler']").Length(); got != 1 {
		t.Errorf("a læser: %d links to the agreements, want 1", got)
	}
	if doc.Find("h2#frister").Length() != 0 {
		t.Error("a læser is shown deadlines")
	}
}

// postRaw posts a form without following the redirect.
func (ts *testServer) postRaw(t *testing.T, path string, form url.Values) (*http.Response, error) {
	t.Helper()
	resp := ts.postNoRedirect(t, path, form)
	resp.Body.Close()
	return resp, nil
}

// postNoRedirect posts a form as the current client without following the redirect; the
// caller closes the body.
func (ts *testServer) postNoRedirect(t *testing.T, path string, form url.Values) *http.Response {
	t.Helper()
	client := *ts.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.PostForm(ts.srv.URL+path, form)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	return resp
}

func idRef[T any](v T) *T { return &v }

// enterAs signs in as email (unless they already are) without visiting the page the sign-in
// lands on, so that these tests depend on their own pages only.
func (ts *testServer) enterAs(t *testing.T, email string) {
	t.Helper()
	if ts.user == email {
		return
	}
	ts.client = newClient(t)
	ts.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := ts.client.PostForm(ts.srv.URL+"/login", url.Values{"email": {email}, "password": {testPassword}})
	if err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d", email, resp.StatusCode)
	}
	ts.client.CheckRedirect = nil
	ts.user = email
}

// dkDay is the Danish date n days from today, as the store keeps dates.
func dkDay(n int) *time.Time {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		loc = time.UTC
	}
	now := time.Now().In(loc)
	d := time.Date(now.Year(), now.Month(), now.Day()+n, 0, 0, 0, 0, time.UTC)
	return &d
}
