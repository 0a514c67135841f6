package server_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

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

// TestBadBytesInAddress: invalid UTF-8 and control characters in the path are a 400 or 404
// page; in the query, each page drops the value with a notice or refuses it beside its filter
// field (400), never a 500, and the bad bytes are never echoed into the page.
func TestBadBytesInAddress(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	org := "/org/" + kommune
	for _, p := range []string{"/org/%ff%fe", "/org/%00", "/org/%01x", "/indsatser/%00", "/indsatser/1%00",
		"/static/%00", "/%ff", "/org/" + kommune + "%09/oversigt"} {
		if resp, _ := ts.fetch(t, p); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", p, resp.StatusCode)
		}
	}
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	for _, p := range []string{org + "/oversigt?strategi=%00", org + "/oversigt?strategi=%ff", org + "/oversigt?ansvarlig=a%00b",
		org + "/indsatser?fase=%00&omraade=%ff%fe", org + "/indsatser.csv?helbred=%00", org + "/rapportering?sammenlign=%ff",
		org + "/udvikling?fra=%00", "/admin/historik?titel=%00", "/login?next=%00"} {
		resp, body := ts.fetch(t, p)
		echoed := bytes.IndexByte(body, 0) >= 0 || bytes.IndexByte(body, 0xff) >= 0
		if resp.StatusCode >= 500 || echoed {
			t.Errorf("GET %s: status %d (bad bytes echoed: %v), want no 500 and nothing echoed", p, resp.StatusCode, echoed)
		}
	}
}

// TestCacheControl: every page of the signed-in part, the sign-in form and the profile say
// no-store; static assets keep their long cache.
func TestCacheControl(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	tests := []struct{ as, path, want string }{
		{"", "/login", "no-store"},
		{"", "/tilgaengelighed", "no-store"},
		{userEmail(kommune, domain.RoleLaeser), "/", "no-store"},
		{userEmail(kommune, domain.RoleLaeser), "/org/" + kommune + "/oversigt", "no-store"},
		{userEmail(kommune, domain.RoleLaeser), "/profil", "no-store"},
		{userEmail(kommune, domain.RoleLaeser), "/findes-ikke", "no-store"},
		{userEmail(kommune, domain.RoleAdmin), "/admin/brugere", "no-store"},
		{userEmail(kommune, domain.RoleAdmin), "/org/" + kommune + "/indsatser.csv", "private, no-store"},
		{userEmail(kommune, domain.RoleAdmin), "/static/css/app.css?v=1", "public, max-age=31536000, immutable"},
	}
	for _, tt := range tests {
		ts.signInAs(t, tt.as)
		resp, _ := ts.fetch(t, tt.path)
		if got := resp.Header.Get("Cache-Control"); got != tt.want {
			t.Errorf("GET %s as %q: Cache-Control %q, want %q", tt.path, tt.as, got, tt.want)
		}
	}
}

// TestNoDirectoryListings: a directory under /static/ is the 404 page, with or without its
// slash; a file is served.
func TestNoDirectoryListings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signOut(t)
	for path, want := range map[string]int{"/static/": 404, "/static/css/": 404, "/static/css": 404,
		"/static/vendor/": 404, "/static/img": 404, "/static/css/app.css": 200} {
		status, doc := ts.get(t, path)
		if status != want {
			t.Errorf("GET %s: status %d, want %d", path, status, want)
		}
		if status == 404 && text(doc.Find("h1")) != "Siden findes ikke" {
			t.Errorf("GET %s: heading %q, want the 404 page", path, text(doc.Find("h1")))
		}
	}
}

// TestControlCharactersInFields: a NUL or another control character in a comment, a status
// comment, a user's name or e-mail, or a title is a Danish message beside the field (422) with
// the rest kept, never a 500; tab and line breaks are fine in a comment.
func TestControlCharactersInFields(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leader := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	own := "/indsatser/" + itoa(ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering"))
	admin := userEmail(kommune, domain.RoleAdmin)
	status := func(comment string) url.Values {
		return url.Values{"phase": {"under_implementering"}, "health": {"udfordret"}, "progress": {"40"},
			"as_of": {today()}, "status_comment": {comment}}
	}
	user := func(email, name string) url.Values {
		return url.Values{"email": {email}, "name": {name}, "role": {"laeser"}}
	}
	tests := []struct {
		name, as, path string
		form           url.Values
		wantStatus     int
		field, message string // the message beside field ("" for none)
	}{
		{"NUL in a comment", leader, own + "/kommentarer", url.Values{"body": {"Hej\x00verden"}}, 422,
			"body", "Kommentaren indeholder ugyldige tegn."},
		{"escape in a comment", leader, own + "/kommentarer", url.Values{"body": {"\x1b[31mrød"}}, 422,
			"body", "Kommentaren indeholder ugyldige tegn."},
		{"tab and line breaks in a comment", leader, own + "/kommentarer", url.Values{"body": {"Linje 1\r\nLinje\t2"}}, 200, "", ""},
		{"NUL in a status comment", leader, own + "/status", status("Forsinket\x00"), 422,
			"status_comment", "Kommentaren indeholder ugyldige tegn."},
		{"bell in a status comment", leader, own + "/status", status("Forsinket\x07"), 422,
			"status_comment", "Kommentaren indeholder ugyldige tegn."},
		{"NUL in a user's name", admin, "/admin/brugere/ny", user("ole@kommune.dk", "Ole\x00"), 422,
			"name", "Navn indeholder ugyldige tegn."},
		{"NUL in a user's e-mail", admin, "/admin/brugere/ny", user("ole\x00@kommune.dk", "Ole"), 422,
			"email", "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."},
		{"NUL in a title", leader, own + "/handleplaner/ny", url.Values{"title": {"Plan\x00"}}, 422,
			"title", "Titlen indeholder ugyldige tegn."},
	}
	for _, tt := range tests {
		ts.signInAs(t, tt.as)
		code, doc := ts.post(t, tt.path, tt.form)
		got := fieldErrors(doc)
		if code != tt.wantStatus || (tt.field != "" && got[tt.field] != tt.message) || (tt.field == "" && len(got) > 0) {
			t.Errorf("%s: status %d, messages %q; want %d and %q beside %q", tt.name, code, got, tt.wantStatus, tt.message, tt.field)
		}
	}
	ts.signOut(t)
	if code, doc := ts.post(t, "/login", url.Values{"email": {"ole\x00@kommune.dk"}, "password": {testPassword}}); code != http.StatusUnprocessableEntity {
		t.Errorf("sign-in with NUL in the e-mail: status %d (%q), want 422", code, text(doc.Find(".alert-error")))
	}
}

// TestNoServerErrorOnBadBytes posts to every POST route, as the kommune's admin and fagchef,
// the fields of the route's own form (when a GET of the same address shows one) with a NUL and
// an escape character added to every text the person can type, or else a set of common fields
// holding them: no answer is a 500.
func TestNoServerErrorOnBadBytes(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	params, regionItems := ts.routeParams(t)
	routes := ts.routes(t)
	gets := map[string]bool{}
	for _, r := range routes {
		if pattern, ok := strings.CutPrefix(r, "GET "); ok {
			gets[pattern] = true
		}
	}
	const bad = "x\x00\x1b[y"
	common := url.Values{"title": {bad}, "name": {bad}, "body": {bad}, "status_comment": {bad}, "comment": {bad},
		"description": {bad}, "email": {bad}, "token": {bad}, "state": {bad}, "version": {"1"}, "year": {bad}}
	own, fixed := 0, 0
	for _, as := range []string{userEmail(kommune, domain.RoleAdmin), ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")} {
		ts.signInAs(t, as)
		forms := map[string]url.Values{} // path → its form, read before anything is posted
		typed := map[string]bool{}       // the paths whose form is the one their page shows
		var paths []string
		for _, route := range routes {
			pattern, ok := strings.CutPrefix(route, "POST ")
			if !ok || pattern == "/logout" {
				continue
			}
			path, _ := fill(pattern, params, regionItems)
			paths = append(paths, path)
			forms[path] = common
			if gets[pattern] {
				if status, doc := ts.get(t, path); status == http.StatusOK {
					if f := typedFields(doc, path, bad); len(f) > 0 {
						forms[path], typed[path] = f, true
					}
				}
			}
		}
		for _, path := range paths {
			if typed[path] {
				own++
			} else {
				fixed++
			}
			if status, _ := ts.post(t, path, forms[path]); status >= 500 {
				t.Errorf("POST %s as %s: status %d, want no 500", path, as, status)
			}
		}
	}
	t.Logf("posted %d forms as their pages show them and %d sets of common fields", own, fixed)
}

// typedFields are the fields of the form in doc that posts to action, as a browser sends them,
// with suffix added to every text a person types (text inputs and textareas).
func typedFields(doc *goquery.Document, action, suffix string) url.Values {
	v := url.Values{}
	doc.Find(`form[method="post"]`).Each(func(_ int, form *goquery.Selection) {
		if form.AttrOr("action", "") != action {
			return
		}
		form.Find("input, textarea, select").Each(func(_ int, in *goquery.Selection) {
			name, ok := in.Attr("name")
			if !ok {
				return
			}
			switch typ := in.AttrOr("type", "text"); {
			case goquery.NodeName(in) == "textarea":
				v.Add(name, in.Text()+suffix)
			case goquery.NodeName(in) == "select":
				v.Add(name, in.Find("option[selected]").AttrOr("value", in.Find("option").Last().AttrOr("value", "")))
			case typ == "text" || typ == "email" || typ == "search":
				v.Add(name, in.AttrOr("value", "")+suffix)
			case typ == "checkbox" || typ == "radio":
				if _, checked := in.Attr("checked"); checked {
					v.Add(name, in.AttrOr("value", "on"))
				}
			default:
				v.Add(name, in.AttrOr("value", ""))
			}
		})
	})
	return v
}
