package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

func init() {
	addRouteClasses(map[string]class{
		"GET /kalender/{secret}": public, "GET /profil/kalender": self,
		"POST /profil/kalender": self, "POST /profil/kalender/slet": self,
	})
}

// icsComponent is a parsed iCalendar component: its properties (name → values, parameters
// kept in the name, e.g. "DTSTART;VALUE=DATE") and the components inside it.
type icsComponent struct {
	Name  string
	Props map[string][]string
	Subs  []*icsComponent
}

// parseICS parses an iCalendar (RFC 5545): CRLF line ends, folded lines of at most 75 octets,
// BEGIN/END nesting. It fails the test on anything else.
func parseICS(t *testing.T, body []byte) *icsComponent {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n"), nil), []byte("\n")) {
		t.Fatal("the feed's lines do not all end in CRLF")
	}
	var lines []string
	for _, raw := range strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n") {
		if len(raw) > 75 {
			t.Errorf("line of %d octets: %q", len(raw), raw)
		}
		if strings.HasPrefix(raw, " ") && len(lines) > 0 {
			lines[len(lines)-1] += raw[1:]
			continue
		}
		lines = append(lines, raw)
	}
	root := &icsComponent{}
	stack := []*icsComponent{root}
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", l)
		}
		top := stack[len(stack)-1]
		switch name {
		case "BEGIN":
			c := &icsComponent{Name: value, Props: map[string][]string{}}
			top.Subs = append(top.Subs, c)
			stack = append(stack, c)
		case "END":
			if top.Name != value {
				t.Fatalf("END:%s closes %s", value, top.Name)
			}
			stack = stack[:len(stack)-1]
		default:
			top.Props[name] = append(top.Props[name], value)
		}
	}
	if len(stack) != 1 || len(root.Subs) != 1 || root.Subs[0].Name != "VCALENDAR" {
		t.Fatalf("not one VCALENDAR")
	}
	return root.Subs[0]
}

// TestCalendarFeed is a fagchef's journey: make the address on Min profil's calendar page,
// subscribe without signing in, find the deadline and the follow-up period ends, reset the
// address (the old one is 404 at once), and turn the feed off.
func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	plan := ts.apiFixture(t, kommune)
	ts.id(t, `UPDATE action_plans SET title = 'Plan; med, tegn og en lang titel som skal foldes over flere linjer i kalenderen æøå' WHERE id = $1 RETURNING id`, plan)
	ts.signIn(t, ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"))

	_, doc := ts.get(t, "/profil")
	if doc.Find(`a[href="/profil/kalender"]`).Length() != 1 {
		t.Error("Min profil has no link to the calendar page")
	}
	_, doc = ts.get(t, "/profil/kalender")
	if !strings.Contains(text(doc.Find("main")), "ikke noget kalenderabonnement") {
		t.Errorf("before: %q", text(doc.Find("main")))
	}
	status, doc := ts.post(t, "/profil/kalender", url.Values{})
	address, _ := doc.Find("input#secret").Attr("value")
	if status != http.StatusCreated || !strings.Contains(address, "/kalender/kal_") {
		t.Fatalf("make the address: %d %q", status, address)
	}
	feedPath := "/kalender/" + strings.SplitN(address, "/kalender/", 2)[1]

	a := ts.apiGet(t, "", feedPath)
	if a.status != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed: %d %s", a.status, a.header.Get("Content-Type"))
	}
	cal := parseICS(t, a.body)
	if cal.Props["VERSION"][0] != "2.0" || len(cal.Props["PRODID"]) != 1 {
		t.Errorf("calendar properties: %v", cal.Props)
	}
	byDay := map[string][]map[string][]string{}
	uids := map[string]bool{}
	for _, e := range cal.Subs {
		if e.Name != "VEVENT" || len(e.Props["DTSTAMP"]) != 1 || len(e.Props["UID"]) != 1 {
			t.Errorf("event %s lacks UID or DTSTAMP: %v", e.Name, e.Props)
			continue
		}
		if uids[e.Props["UID"][0]] {
			t.Errorf("UID %s twice", e.Props["UID"][0])
		}
		uids[e.Props["UID"][0]] = true
		byDay[e.Props["DTSTART;VALUE=DATE"][0]] = append(byDay[e.Props["DTSTART;VALUE=DATE"][0]], e.Props)
	}
	wantDeadline := `Frist: T-1 Plan\; med\, tegn og en lang titel som skal foldes over flere linjer i kalenderen æøå`
	if !hasSummary(byDay["20260630"], wantDeadline) {
		t.Errorf("no deadline event %q on 2026-06-30: %v", wantDeadline, byDay["20260630"])
	}
	for _, end := range domain.FollowUpPeriodEnds(time.Now(), 3, 4) {
		if !hasSummary(byDay[end.Format("20060102")], "Opfølgning: statusopdatering senest i dag") {
			t.Errorf("no follow-up event on %s", end.Format(time.DateOnly))
		}
	}

	_, doc = ts.get(t, "/profil/kalender")
	if doc.Find("input#secret").Length() != 0 || strings.Contains(text(doc.Find("main")), "Aldrig") {
		t.Errorf("after use: the address is shown again or the feed was never read: %q", text(doc.Find("main")))
	}
	ts.post(t, "/profil/kalender", url.Values{}) // reset
	if a := ts.apiGet(t, "", feedPath); a.status != http.StatusNotFound {
		t.Errorf("the old address after a reset: %d, want 404", a.status)
	}
	_, doc = ts.post(t, "/profil/kalender/slet", url.Values{})
	if !strings.Contains(text(doc.Find(".alert")), "slået fra") || ts.id(t, `SELECT count(*) FROM calendar_feeds`) != 0 {
		t.Errorf("turned off: %q", text(doc.Find(".alert")))
	}
}

// TestCalendarFeedRefused checks that an unknown address and the address of a deactivated
// person are 404.
func TestCalendarFeedRefused(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	email := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	ts.signIn(t, email)
	_, doc := ts.post(t, "/profil/kalender", url.Values{})
	address, _ := doc.Find("input#secret").Attr("value")
	feedPath := "/kalender/" + strings.SplitN(address, "/kalender/", 2)[1]
	if a := ts.apiGet(t, "", feedPath); a.status != http.StatusOK {
		t.Fatalf("the feed: %d", a.status)
	}
	if _, err := ts.db.Exec(context.Background(), `UPDATE users SET active = false WHERE email = $1`, email); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"deactivated": feedPath, "unknown": "/kalender/kal_ukendt"} {
		if a := ts.apiGet(t, "", path); a.status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", name, a.status)
		}
	}
}

// hasSummary reports whether one of the events has the summary.
func hasSummary(events []map[string][]string, summary string) bool {
	for _, e := range events {
		if len(e["SUMMARY"]) == 1 && e["SUMMARY"][0] == summary {
			return true
		}
	}
	return false
}
