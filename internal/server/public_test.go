package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

func init() {
	addRouteClasses(map[string]class{"GET /offentlig/{org}": public, "POST /indsatser/{id}/offentlig": generalEditor,
		"POST /kommentarer/{id}/offentlig": member})
}

// formFields are the values a browser would send with the form sel of doc: its inputs,
// textareas and selected options.
func formFields(doc *goquery.Document, sel string) url.Values {
	v := url.Values{}
	form := doc.Find(sel)
	form.Find("input[name]").Each(func(_ int, s *goquery.Selection) {
		if typ := s.AttrOr("type", ""); (typ == "checkbox" || typ == "radio") && s.AttrOr("checked", "-") == "-" {
			return
		}
		v.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	form.Find("textarea[name]").Each(func(_ int, s *goquery.Selection) { v.Add(s.AttrOr("name", ""), s.Text()) })
	form.Find("select[name]").Each(func(_ int, s *goquery.Selection) {
		v.Add(s.AttrOr("name", ""), s.Find("option[selected]").AttrOr("value", ""))
	})
	return v
}

// setPublicPage switches the kommune's public page on or off through the settings form, as
// the signed-in admin.
func (ts *testServer) setPublicPage(t *testing.T, on string) {
	t.Helper()
	settings := "/org/" + kommune + "/admin/indstillinger"
	_, doc := ts.get(t, settings)
	form := formFields(doc, "main form")
	form.Set("public_page", on)
	if status, doc := ts.post(t, settings, form); status != http.StatusOK || doc.Find(".alert-success").Length() != 1 {
		t.Fatalf("save settings with public_page=%s: status %d, %q", on, status, text(doc.Find("main")))
	}
}

func TestPublicPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	path := "/offentlig/" + kommune
	orgOf := `JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1 AND i.kind = 'general'`
	shown := ts.id(t, `SELECT min(i.id) FROM initiatives i `+orgOf, kommune)
	hidden := ts.id(t, `SELECT max(i.id) FROM initiatives i `+orgOf, kommune)
	var shownTitle, hiddenTitle string
	if err := ts.db.QueryRow(t.Context(), `SELECT (SELECT title FROM initiatives WHERE id = $1),
		(SELECT title FROM initiatives WHERE id = $2)`, shown, hidden).Scan(&shownTitle, &hiddenTitle); err != nil {
		t.Fatal(err)
	}

	ts.signOut(t)
	if status, _ := ts.get(t, path); status != http.StatusNotFound {
		t.Fatalf("GET %s while off: status %d, want 404", path, status)
	}

	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	ts.setPublicPage(t, "ja")
	if n := ts.id(t, `SELECT count(*) FROM audit_log a JOIN organisations o ON o.id = a.organisation_id
		WHERE o.slug = $1 AND a.entity = 'organisation' AND a.changes ? 'Offentlig side'`, kommune); n != 1 {
		t.Errorf("audit rows for the switch: %d, want 1", n)
	}
	initiative := "/indsatser/" + itoa(shown)
	if status, _ := ts.post(t, initiative+"/offentlig", url.Values{"offentlig": {"ja"}}); status != http.StatusOK {
		t.Fatalf("mark public: status %d", status)
	}
	for body, public := range map[string]string{"Offentlig nyhed om indsatsen": "1", "Intern dialog om budgettet": ""} {
		if status, _ := ts.post(t, initiative+"/kommentarer", url.Values{"body": {body}, "offentlig": {public}}); status != http.StatusOK {
			t.Fatalf("comment %q: status %d", body, status)
		}
	}
	_, doc := ts.get(t, initiative)
	if got := text(doc.Find("#vis-offentligt")); got != "Fjern fra den offentlige side" {
		t.Errorf("initiative page's button: %q", got)
	}
	// The fagchef (here the admin) shows a comment afterwards and takes it off again; a læser may not.
	later := ts.id(t, `SELECT id FROM comments WHERE body = 'Intern dialog om budgettet'`)
	publish := "/kommentarer/" + itoa(later) + "/offentlig"
	if got := texts(doc.Find(`#dialog form[action="` + publish + `"] button`)); len(got) != 1 || got[0] != "Vis på den offentlige side" {
		t.Errorf("the comment's button: %q", got)
	}
	for _, v := range []string{"ja", "nej"} {
		if status, _ := ts.post(t, publish, url.Values{"offentlig": {v}}); status != http.StatusOK {
			t.Fatalf("comment offentlig=%s: status %d", v, status)
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM audit_log WHERE changes ? 'Offentlig kommentar'`); n != 2 {
		t.Errorf("audit rows for the comment: %d, want 2", n)
	}
	ts.signIn(t, userEmail(kommune, domain.RoleLaeser))
	if status, _ := ts.post(t, publish, url.Values{"offentlig": {"ja"}}); status != http.StatusForbidden {
		t.Errorf("a læser publishing a comment: status %d, want 403", status)
	}

	ts.signOut(t)
	resp, body := ts.fetch(t, path)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != path {
		t.Fatalf("GET %s: status %d at %s", path, resp.StatusCode, resp.Request.URL.Path)
	}
	if got := resp.Header.Get("Cache-Control"); !strings.HasPrefix(got, "public") {
		t.Errorf("Cache-Control %q, want public", got)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := texts(doc.Find(".sporbar-public-item h5")), []string{shownTitle}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("initiatives shown: %q, want %q", got, want)
	}
	if got, want := texts(doc.Find(".sporbar-public-comments li p:not(.sporbar-meta)")), []string{"Offentlig nyhed om indsatsen"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("comments shown: %q, want %q", got, want)
	}
	page := text(doc.Find("body"))
	for _, absent := range []string{hiddenTitle, "Intern dialog", "Administrator", "Log af", "@"} {
		if strings.Contains(page, absent) {
			t.Errorf("the public page shows %q", absent)
		}
	}
	if doc.Find("h1").Length() != 1 || doc.Find("footer a[href='/tilgaengelighed']").Length() != 1 {
		t.Errorf("want one h1 and the accessibility statement's link")
	}

	ts.resetQueries()
	ts.get(t, path)
	if n := ts.queries(); n != 1 {
		t.Errorf("a kept public page took %d queries, want 1", n)
	}

	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	ts.setPublicPage(t, "nej")
	ts.signOut(t)
	resp, _ = ts.fetch(t, path)
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("GET %s after switching off: status %d, Cache-Control %q; want 404, no-store", path,
			resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}
