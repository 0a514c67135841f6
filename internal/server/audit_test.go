package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
)

// auditRows is the log's table: "who | what | item" per row, newest first.
func auditRows(doc *goquery.Document) []string {
	var out []string
	doc.Find("table.sporbar-audit tbody tr").Each(func(_ int, tr *goquery.Selection) {
		td := tr.Find("td")
		out = append(out, text(td.Eq(1))+" | "+text(td.Eq(2))+" | "+text(td.Eq(3)))
	})
	return out
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := newDBA(t, ts)
	ctx := context.Background()
	if _, err := d.st.AddComment(ctx, domain.Comment{ActionPlanID: idRef(d.plans["H-1"]), AuthorID: d.fagchefID, Body: "Hvordan går det?"}); err != nil {
		t.Fatal(err)
	}
	if err := d.st.ApproveAgreement(ctx, d.fagchefID, d.agreement); err != nil {
		t.Fatal(err)
	}
	editPlan(t, d, d.plans["H-1"], func(a *domain.ActionPlan) { a.Title = "Plan H-1 (100% klar)" })
	// Two old entries on each side of midnight, Danish time, on 15 January 2025.
	old := func(at, title string) {
		if _, err := ts.db.Exec(ctx, `INSERT INTO audit_log (organisation_id, actor_id, at, action, entity, entity_id, title)
			SELECT organisation_id, id, $2, 'update', 'initiative', $3, $4 FROM users WHERE email = $1`,
			d.myndLeder, at, d.myndLocal, title); err != nil {
			t.Fatal(err)
		}
	}
	old("2025-01-15 23:30:00+01", "Gammel sent")
	old("2025-01-16 00:30:00+01", "Gammel næste dag")
	// The region's history is not the kommune's.
	if _, err := ts.db.Exec(ctx, `INSERT INTO audit_log (organisation_id, action, entity, entity_id, title)
		SELECT id, 'update', 'action_plan', 1, 'Regionens' FROM organisations WHERE slug = $1`, region); err != nil {
		t.Fatal(err)
	}
	h1 := itoa(d.plans["H-1"])

	ts.enterAs(t, d.admin)
	tests := []struct {
		name  string
		query url.Values
		want  []string
	}{
		{"person", url.Values{"person": {itoa(d.fagchefID)}}, []string{
			"Frederik Fagchef | Godkendt | " + d.agreementTitle, "Frederik Fagchef | Kommentar | Plan H-1"}},
		{"item by type and id", url.Values{"type": {domain.EntityActionPlan}, "id": {h1}}, []string{
			"Hanne Hjemmepleje | Ændret | Plan H-1 (100% klar)", "Frederik Fagchef | Kommentar | Plan H-1",
			"Hanne Hjemmepleje | Oprettet | Plan H-1"}},
		{"title, % taken literally", url.Values{"titel": {"100%"}}, []string{"Hanne Hjemmepleje | Ændret | Plan H-1 (100% klar)"}},
		{"title, any case", url.Values{"titel": {"gammel"}, "type": {domain.EntityInitiative}}, []string{
			"Mads Myndighed | Ændret | Gammel næste dag", "Mads Myndighed | Ændret | Gammel sent"}},
		{"one day, Danish time", url.Values{"fra": {"2025-01-15"}, "til": {"2025-01-15"}}, []string{"Mads Myndighed | Ændret | Gammel sent"}},
		{"from a day on, with person", url.Values{"fra": {"2025-01-16"}, "til": {"2025-12-31"}, "person": {itoa(d.myndLederID)}},
			[]string{"Mads Myndighed | Ændret | Gammel næste dag"}},
		{"nothing matches", url.Values{"titel": {"findes ikke"}}, nil},
	}
	var counts []int64
	for _, tt := range tests {
		n, doc := ts.visit(t, d.admin, "/admin/historik?"+tt.query.Encode())
		counts = append(counts, n)
		if diff := cmp.Diff(tt.want, auditRows(doc), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		// The filter is kept in the form.
		for name, vs := range tt.query {
			sel := "form.sporbar-filter [name=" + name + "]"
			got := doc.Find(sel).AttrOr("value", "")
			if doc.Find(sel).Is("select") {
				got = doc.Find(sel+" option[selected]").AttrOr("value", "")
			}
			if got != vs[0] {
				t.Errorf("%s: the field %s shows %q, want %q", tt.name, name, got, vs[0])
			}
		}
	}
	for _, n := range counts {
		if n != counts[0] || n > 4 {
			t.Errorf("queries %v: want the same for every filter, at most 4", counts)
			break
		}
	}

	// Every entry's item links to its page.
	_, doc := ts.get(t, "/admin/historik?"+url.Values{"type": {domain.EntityActionPlan}, "id": {h1}}.Encode())
	for _, href := range hrefs(doc.Find("table.sporbar-audit tbody td a")) {
		if href != "/handleplaner/"+h1 {
			t.Errorf("link %q, want /handleplaner/%s", href, h1)
		}
	}
	_, doc = ts.get(t, "/admin/historik")
	if rows := auditRows(doc); len(rows) == 0 || auditHasTitle(rows, "Regionens") {
		t.Errorf("unfiltered: %d rows, the region's among them: %v", len(rows), auditHasTitle(rows, "Regionens"))
	}

	// Wrong filter values: the page, with a message beside the field, never a 500.
	wrong := []struct {
		name  string
		query string
		want  map[string]string
	}{
		{"person not a number", "person=abc", map[string]string{"person": "Vælg en person fra listen."}},
		{"person of another organisation", "person=" + itoa(ts.id(t, `SELECT id FROM users WHERE email = $1`, d.regionFagchef)),
			map[string]string{"person": "Vælg en person fra listen."}},
		{"unknown type", "type=bogus", map[string]string{"type": "Vælg en type fra listen."}},
		{"id", "id=x1", map[string]string{"id": "Skriv id'et som et helt tal, fx 42."}},
		{"dates", "fra=abc&til=2025-02-30", map[string]string{"fra": "Skriv datoen som åååå-mm-dd, fx 2026-03-01.",
			"til": "Skriv datoen som åååå-mm-dd, fx 2026-03-01."}},
		{"to before from", "fra=2025-02-01&til=2025-01-01", map[string]string{"til": "Til-datoen må ikke ligge før fra-datoen."}},
		{"NUL and invalid UTF-8", "titel=%00%ff", map[string]string{"titel": "Søgeteksten indeholder ugyldige tegn."}},
	}
	for _, tt := range wrong {
		status, doc := ts.get(t, "/admin/historik?"+tt.query)
		if status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.name, status)
		}
		if diff := cmp.Diff(tt.want, fieldErrors(doc)); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
		}
		if doc.Find("table.sporbar-audit").Length() != 0 {
			t.Errorf("%s: the log is shown for a wrong filter", tt.name)
		}
	}

	// More than 200 entries: the newest 200 and a note.
	if _, err := ts.db.Exec(ctx, `INSERT INTO audit_log (organisation_id, action, entity, entity_id, title)
		SELECT id, 'update', 'initiative', 1, 'Masse' FROM organisations, generate_series(1, 200) WHERE slug = $1`, kommune); err != nil {
		t.Fatal(err)
	}
	_, doc = ts.get(t, "/admin/historik")
	if n := len(auditRows(doc)); n != 200 {
		t.Errorf("%d rows, want 200", n)
	}
	if got := text(doc.Find("table.sporbar-audit").Closest("div").Prev()); got != "Viser de 200 nyeste ændringer. Indsnævr filtrene for at se ældre." {
		t.Errorf("the note: %q", got)
	}

	// Only the organisation's admins.
	for _, as := range []string{d.laeser, d.fagchef, d.direktion, d.leder} {
		ts.enterAs(t, as)
		if status, _ := ts.get(t, "/admin/historik"); status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", as, status)
		}
	}
	ts.enterAs(t, userEmail(region, domain.RoleAdmin))
	if _, doc := ts.get(t, "/admin/historik"); !cmp.Equal(auditRows(doc), []string{"Sporbar | Ændret | Regionens"}) {
		t.Errorf("the region's admin sees %q", auditRows(doc))
	}
}

// auditHasTitle reports whether a row ends with the item's title.
func auditHasTitle(rows []string, title string) bool {
	for _, r := range rows {
		if len(r) >= len(title) && r[len(r)-len(title):] == title {
			return true
		}
	}
	return false
}
