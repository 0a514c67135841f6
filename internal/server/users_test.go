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

func TestAdminCreatesUser(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	hjemmepleje := itoa(ts.id(t, `SELECT id FROM units WHERE name = 'Hjemmepleje og akutaflastning'`))
	regionUnit := itoa(ts.id(t, `SELECT id FROM units WHERE name = 'Socialområdet'`))

	tests := []struct {
		name       string
		form       url.Values
		wantStatus int
		wantErrors map[string]string // field id → message beside it
	}{
		{"nothing filled in", url.Values{"role": {"laeser"}}, 422, map[string]string{
			"email": "E-mailadressen skal udfyldes.", "name": "Navn skal udfyldes."}},
		{"områdeleder without unit", url.Values{"email": {"ol@kommune.dk"}, "name": {"Ole"}, "role": {"omraadeleder"}}, 422,
			map[string]string{"unit": "En områdeleder skal høre til en enhed."}},
		{"unit of another organisation", url.Values{"email": {"ol@kommune.dk"}, "name": {"Ole"}, "role": {"omraadeleder"},
			"unit": {regionUnit}}, 422, map[string]string{"unit": "Vælg en enhed fra listen."}},
		{"bad e-mail and short password", url.Values{"email": {"ikke en adresse"}, "name": {"Ole"}, "role": {"laeser"},
			"password": {"kort"}}, 422, map[string]string{"email": "Skriv en gyldig e-mailadresse, fx navn@kommune.dk.",
			"password": "Adgangskoden skal være mindst 8 tegn."}},
		{"taken e-mail", url.Values{"email": {userEmail(kommune, domain.RoleLaeser)}, "name": {"Ole"}, "role": {"laeser"}}, 422,
			map[string]string{"email": "Der findes allerede en bruger med denne e-mailadresse."}},
		{"områdeleder created", url.Values{"email": {"Ole@Kommune.dk"}, "name": {"Ole Områdeleder"}, "role": {"omraadeleder"},
			"unit": {hjemmepleje}}, 200, map[string]string{}},
	}
	for _, tt := range tests {
		status, doc := ts.post(t, "/admin/brugere/ny", tt.form)
		if status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.wantStatus)
		}
		got := map[string]string{}
		doc.Find(".form-error-message").Each(func(_ int, s *goquery.Selection) {
			got[strings.TrimSuffix(s.AttrOr("id", ""), "-error")] = strings.TrimPrefix(text(s), "Fejl: ")
		})
		if diff := cmp.Diff(tt.wantErrors, got); diff != "" {
			t.Errorf("%s: messages beside the fields (-want +got):\n%s", tt.name, diff)
		}
		if status == 422 {
			if v := doc.Find("input#name").AttrOr("value", ""); v != tt.form.Get("name") {
				t.Errorf("%s: name field %q, want the typed %q kept", tt.name, v, tt.form.Get("name"))
			}
		}
		if status == 200 && len(text(doc.Find("[role=status] code#adgangskode"))) != 16 {
			t.Errorf("%s: the answer %q does not show the generated password", tt.name, text(doc.Find("[role=status]")))
		}
	}
}

func TestAdminEditConflict(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	id := itoa(ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleLaeser)))
	_, doc := ts.get(t, "/admin/brugere/"+id)
	version := doc.Find("input[name=version]").AttrOr("value", "")

	first := url.Values{"version": {version}, "name": {"Første navn"}, "role": {"direktion"}}
	if status, _ := ts.post(t, "/admin/brugere/"+id, first); status != http.StatusOK {
		t.Fatalf("first save: status %d", status)
	}
	second := url.Values{"version": {version}, "name": {"Andet navn"}, "role": {"laeser"}}
	status, doc := ts.post(t, "/admin/brugere/"+id, second)
	if status != http.StatusConflict {
		t.Fatalf("stale save: status %d, want 409", status)
	}
	if got := text(doc.Find(".alert-warning")); !strings.Contains(got, "Første navn") {
		t.Errorf("conflict message %q does not show the stored name", got)
	}
	if got := doc.Find("input#name").AttrOr("value", ""); got != "Andet navn" {
		t.Errorf("name field %q, want the user's own input kept", got)
	}
	var name string
	if err := ts.db.QueryRow(t.Context(), `SELECT name FROM users WHERE id = $1`, id).Scan(&name); err != nil || name != "Første navn" {
		t.Errorf("stored name %q (%v): the stale save overwrote it", name, err)
	}
}
