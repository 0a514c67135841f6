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

// postForPassword posts form as the current client without following a redirect and returns
// the answer and the password it shows.
func (ts *testServer) postForPassword(t *testing.T, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp := ts.postNoRedirect(t, path, form)
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, text(doc.Find("code#adgangskode"))
}

func TestGeneratedPasswordsAreNeverInTheSession(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	created, createdPassword := ts.postForPassword(t, "/admin/brugere/ny", url.Values{"email": {"ny.bruger@kommune.dk"},
		"name": {"Ny Bruger"}, "role": {"laeser"}})
	id := ts.id(t, `SELECT id FROM users WHERE email = 'ny.bruger@kommune.dk'`)
	reset, resetPassword := ts.postForPassword(t, "/admin/brugere/"+itoa(id)+"/adgangskode", nil)
	for _, tt := range []struct {
		name     string
		resp     *http.Response
		password string
	}{{"create", created, createdPassword}, {"reset", reset, resetPassword}} {
		if tt.resp.StatusCode != http.StatusOK || len(tt.password) != 16 {
			t.Errorf("%s: status %d, password %q; want 200 with the password in the answer itself", tt.name, tt.resp.StatusCode, tt.password)
		}
		if got := tt.resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", tt.name, got)
		}
		var stored int
		if err := ts.db.QueryRow(context.Background(), `SELECT count(*) FROM sessions WHERE strpos(data::text, $1) > 0`,
			tt.password).Scan(&stored); err != nil || stored != 0 {
			t.Errorf("%s: the password is in %d sessions (%v)", tt.name, stored, err)
		}
	}
	if status, path := ts.signInFrom(t, "", "ny.bruger@kommune.dk", resetPassword); status != 200 || path == "/login" {
		t.Errorf("sign in with the reset password: status %d on %s", status, path)
	}
}

func TestUserAdministrationIsAudited(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	target := userEmail(kommune, domain.RoleLaeser)
	ts.signInFrom(t, "", target, "forkert-kodeord")
	ts.signIn(t, userEmail(kommune, domain.RoleAdmin))
	unit := ts.id(t, `SELECT id FROM units WHERE name = 'Hjemmepleje og akutaflastning'`)
	ts.post(t, "/admin/brugere/ny", url.Values{"email": {"ole@kommune.dk"}, "name": {"Ole"}, "role": {"laeser"}})
	ole := itoa(ts.id(t, `SELECT id FROM users WHERE email = 'ole@kommune.dk'`))
	ts.post(t, "/admin/brugere/"+ole, url.Values{"name": {"Ole"}, "role": {"omraadeleder"}, "unit": {itoa(unit)}, "version": {"1"}})
	ts.post(t, "/admin/brugere/"+ole+"/adgangskode", nil)
	ts.post(t, "/admin/brugere/"+ole+"/deaktiver", nil)
	ts.post(t, "/admin/brugere/"+ole+"/aktiver", nil)
	laeser := itoa(ts.id(t, `SELECT id FROM users WHERE email = $1`, target))
	_, doc := ts.get(t, "/admin/brugere/"+laeser)
	if got := text(doc.Find(`form[action$="/nulstil-forsoeg"] p`).First()); !strings.HasPrefix(got, "1 mislykket log ind-forsøg") {
		t.Errorf("the user's page says %q about failed sign-ins", got)
	}
	ts.post(t, "/admin/brugere/"+laeser+"/nulstil-forsoeg", nil)
	if n := ts.failures(t, "acct:"+target); n != 0 {
		t.Errorf("after the reset the account still counts %d failures", n)
	}

	status, doc := ts.get(t, "/admin/historik?type=user")
	if status != http.StatusOK {
		t.Fatalf("Historik: status %d", status)
	}
	var got [][]string
	doc.Find("table.sporbar-audit tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.Find("td")
		changes := strings.Join(texts(cells.Eq(4).Find("dt, dd")), " ")
		got = append(got, []string{text(cells.Eq(2)), text(cells.Eq(3)), changes})
	})
	want := [][]string{
		{"Log ind-forsøg nulstillet", "Læser Ringkøbing-Skjern Kommune", "Mislykkede log ind-forsøg 1 → 0"},
		{"Genaktiveret", "Ole", "Status Deaktiveret → Aktiv"},
		{"Deaktiveret", "Ole", "Status Aktiv → Deaktiveret"},
		{"Ny adgangskode dannet", "Ole", ""},
		{"Ændret", "Ole", "Enhed Hjemmepleje og akutaflastning Rolle Læser → Områdeleder"},
		{"Oprettet", "Ole", "E-mail ole@kommune.dk Navn Ole Rolle Læser"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("user administration in Historik (-want +got):\n%s", diff)
	}
}
