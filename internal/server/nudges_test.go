package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
)

func init() {
	addRouteClasses(map[string]class{
		"GET /aftaler/{id}/paamindelse": approver, "POST /aftaler/{id}/paamindelse": approver,
	})
	reportPages = append(reportPages, pageCase{name: "send påmindelse: the preview", route: "/aftaler/{id}/paamindelse",
		as: "fagchef.sundhed@" + kommune + ".test", path: nudgePath, maxQueries: 9,
		h1: "Send påmindelse til Hjemmepleje og akutaflastning", crumbs: []string{kommuneCrumb, "Hvem har rapporteret", "Send påmindelse"},
		check: formHas("note")})
}

// nudgePath makes the kommune's fagchef and an områdeleder of Hjemmepleje og akutaflastning and
// returns the path of that område's "Send påmindelse".
func nudgePath(t *testing.T, ts *testServer) string {
	ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	return "/aftaler/" + itoa(ts.id(t, `SELECT a.id FROM agreements a JOIN units u ON u.id = a.lower_unit_id
		WHERE u.name = 'Hjemmepleje og akutaflastning'`)) + "/paamindelse"
}

// TestSendNudge: the fagchef finds "Send påmindelse" beside the område on Hvem har
// rapporteret, previews the mail, sends it with a note; the leader gets it once (a second send
// the same day sends nothing) and the agreement's history has the row. A too long note comes
// back beside the field, kept.
func TestSendNudge(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t)
	ts := startServerWith(t, slog.New(slog.NewTextHandler(io.Discard, nil)), smtp)
	path := nudgePath(t, ts)
	fagchef := "fagchef.sundhed@" + kommune + ".test"
	leader := "omraadeleder.hjemmepleje@" + kommune + ".test"
	ts.signIn(t, fagchef)

	_, doc := ts.get(t, "/org/"+kommune+"/rapportering")
	if got := doc.Find(`a[href="` + path + `"]`).Length(); got != 1 {
		t.Fatalf("Hvem har rapporteret has %d links to %s, want 1", got, path)
	}
	status, doc := ts.get(t, path)
	if status != http.StatusOK || !strings.Contains(text(doc.Find("main li")), leader) {
		t.Fatalf("preview: status %d, recipients %q", status, text(doc.Find("main li")))
	}
	long := strings.Repeat("æ", 1001)
	status, doc = ts.post(t, path, url.Values{"note": {long}})
	if status != http.StatusUnprocessableEntity || doc.Find("#note").Text() != long || doc.Find("#note-error").Length() != 1 {
		t.Errorf("a too long note: status %d, want 422 with the note kept and its message", status)
	}
	for i, want := range []string{"er sendt til", "allerede sendt"} {
		_, doc = ts.post(t, path, url.Values{"note": {"Husk mødet på torsdag."}})
		if got := text(doc.Find(".alert-success, [role=status]")); !strings.Contains(got, want) {
			t.Errorf("send %d: the page says %q, want %q (h1 %q, %q)", i+1, got, want, text(doc.Find("h1")), text(doc.Find(".alert")))
		}
	}
	m := waitMail(t, smtp, leader, 1)
	if !strings.Contains(m.Text, "Husk mødet på torsdag.") || !strings.HasPrefix(m.Subject, "Påmindelse fra") {
		t.Errorf("the mail: subject %q, text:\n%s", m.Subject, m.Text)
	}
	if got := len(smtp.MailsTo(leader)); got != 1 {
		t.Errorf("the leader got %d mails, want 1", got)
	}
	_, doc = ts.get(t, strings.TrimSuffix(path, "/paamindelse")+"/historik")
	found := doc.Find("main").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.Text(), domain.AuditActionLabel(domain.AuditRemind))
	}).Length()
	if found == 0 {
		t.Error("the agreement's history has no row for the reminder")
	}
}
