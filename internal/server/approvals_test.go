package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
)

// dba is a kommune with the people of a dialogbaseret aftale and a few items in Hjemmepleje's
// and Myndighed's agreements, for the approval, Mine opgaver and history tests.
type dba struct {
	st                                           *store.Store
	fagchef, leder, myndLeder, direktion, laeser string // e-mail addresses
	regionFagchef, admin                         string
	fagchefID, lederID, myndLederID              int64
	agreement, myndAgreement, overordnet         int64 // Hjemmepleje's, Myndighed's, the overordnet
	local, myndLocal                             int64 // a local initiative in each område
	plans                                        map[string]int64
	agreementTitle                               string
}

// newDBA creates the people (with names) and, as Hjemmepleje's områdeleder, a local initiative
// ending in 60 days with plans due in 10 days (H-1), overdue by 5 (H-2), due in 40 (H-3), and
// one without a deadline (H-4); as Myndighed's, a local initiative with a plan due in 3 days (M-1).
func newDBA(t *testing.T, ts *testServer) *dba {
	t.Helper()
	d := &dba{st: store.New(ts.db), plans: map[string]int64{}}
	d.fagchef = ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	d.leder = ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	d.myndLeder = ts.addUser(t, kommune, domain.RoleOmraadeleder, "Myndighed")
	d.direktion = ts.addUser(t, kommune, domain.RoleDirektion, "Direktion")
	d.regionFagchef = ts.addUser(t, region, domain.RoleFagchef, "Socialområdet")
	d.laeser, d.admin = userEmail(kommune, domain.RoleLaeser), userEmail(kommune, domain.RoleAdmin)
	names := map[string]string{d.fagchef: "Frederik Fagchef", d.leder: "Hanne Hjemmepleje", d.myndLeder: "Mads Myndighed"}
	for email, name := range names {
		if _, err := ts.db.Exec(context.Background(), `UPDATE users SET name = $2 WHERE email = $1`, email, name); err != nil {
			t.Fatal(err)
		}
	}
	user := `SELECT id FROM users WHERE email = $1`
	d.fagchefID, d.lederID, d.myndLederID = ts.id(t, user, d.fagchef), ts.id(t, user, d.leder), ts.id(t, user, d.myndLeder)
	agreement := `SELECT g.id FROM agreements g JOIN units u ON u.id = g.lower_unit_id WHERE u.name = $1 AND g.kind = $2`
	d.agreement = ts.id(t, agreement, "Hjemmepleje og akutaflastning", domain.AgreementOmraade)
	d.myndAgreement = ts.id(t, agreement, "Myndighed", domain.AgreementOmraade)
	d.overordnet = ts.id(t, agreement, "Sundhed og Omsorg", domain.AgreementOverordnet)
	if err := ts.db.QueryRow(context.Background(), `SELECT title FROM agreements WHERE id = $1`, d.agreement).Scan(&d.agreementTitle); err != nil {
		t.Fatal(err)
	}
	general := ts.id(t, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1 AND i.kind = 'general'`, kommune)
	d.local = d.addLocal(t, d.lederID, general, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering", dkDay(60))
	d.myndLocal = d.addLocal(t, d.myndLederID, general, "Myndighed", "Visitation", nil)
	for _, p := range []struct {
		code     string
		deadline *time.Time
	}{{"H-1", dkDay(10)}, {"H-2", dkDay(-5)}, {"H-3", dkDay(40)}, {"H-4", nil}} {
		d.plans[p.code] = d.addPlan(t, d.lederID, d.local, p.code, "Plan "+p.code, p.deadline)
	}
	d.plans["M-1"] = d.addPlan(t, d.myndLederID, d.myndLocal, "M-1", "Plan M-1", dkDay(3))
	return d
}

func (d *dba) addLocal(t *testing.T, actor, parent int64, unit, title string, end *time.Time) int64 {
	t.Helper()
	un, err := d.st.GetUnitByName(context.Background(), unitOrg(t, d.st), unit)
	if err != nil {
		t.Fatal(err)
	}
	id, err := d.st.AddLocalInitiative(context.Background(), actor, domain.Initiative{ParentID: &parent, UnitID: &un.ID,
		Title: title, EndDate: end})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (d *dba) addPlan(t *testing.T, actor, initiative int64, code, title string, deadline *time.Time) int64 {
	t.Helper()
	id, err := d.st.AddActionPlan(context.Background(), actor, domain.ActionPlan{InitiativeID: initiative, Code: code,
		Title: title, Deadline: deadline}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func unitOrg(t *testing.T, st *store.Store) int64 {
	t.Helper()
	org, err := st.GetOrganisationBySlug(context.Background(), kommune)
	if err != nil {
		t.Fatal(err)
	}
	return org.ID
}

// approvalPanel is what the agreement page's approval panel shows.
type approvalPanel struct {
	State     string // the panel's state line
	CanClick  bool   // a "Godkend" button
	Changes   string // the link to what changed
	Panelless bool   // no panel at all
}

func approvalOf(doc *goquery.Document) approvalPanel {
	panel := doc.Find("section.sporbar-approval")
	if panel.Length() == 0 {
		return approvalPanel{Panelless: true}
	}
	return approvalPanel{State: text(panel.Find(".sporbar-approval-state")),
		CanClick: panel.Find("form[action$='/godkend'] button").Length() == 1,
		Changes:  panel.Find("a[href$='/aendringer']").AttrOr("href", "")}
}

// approve posts the approval form of the agreement's page as the signed-in person sees it.
func (ts *testServer) approve(t *testing.T, agreement int64) (int, *goquery.Document) {
	t.Helper()
	_, doc := ts.get(t, "/aftaler/"+itoa(agreement))
	seen := doc.Find("form[action$='/godkend'] input[name=seen]").AttrOr("value", "")
	return ts.post(t, "/aftaler/"+itoa(agreement)+"/godkend", url.Values{"seen": {seen}})
}

func TestApproveAgreement(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := newDBA(t, ts)
	path := "/aftaler/" + itoa(d.agreement)
	changes := path + "/aendringer"
	godkendt := "Godkendt " + c.Date(dkDay(0)) + " af Frederik Fagchef"

	// Before: everyone sees "Ikke godkendt"; only the fagchef may approve.
	for _, as := range []string{d.fagchef, d.leder, d.laeser} {
		ts.enterAs(t, as)
		_, doc := ts.get(t, path)
		want := approvalPanel{State: "Ikke godkendt", CanClick: as == d.fagchef, Changes: changes}
		if diff := cmp.Diff(want, approvalOf(doc)); diff != "" {
			t.Errorf("before, as %s (-want +got):\n%s", as, diff)
		}
	}
	ts.enterAs(t, d.fagchef)
	if _, doc := ts.get(t, "/aftaler/"+itoa(d.overordnet)); !approvalOf(doc).Panelless {
		t.Error("the overordnede aftale has an approval panel")
	}

	// Who may not approve gets 403 (404 from another organisation) and nothing is recorded.
	tests := []struct {
		name, as  string
		agreement int64
		want      int
	}{
		{"områdeleder", d.leder, d.agreement, http.StatusForbidden},
		{"direktion", d.direktion, d.agreement, http.StatusForbidden},
		{"læser", d.laeser, d.agreement, http.StatusForbidden},
		{"admin", d.admin, d.agreement, http.StatusForbidden},
		{"regionens fagchef", d.regionFagchef, d.agreement, http.StatusNotFound},
		{"fagchef, overordnet aftale", d.fagchef, d.overordnet, http.StatusForbidden},
	}
	for _, tt := range tests {
		ts.enterAs(t, tt.as)
		if status, _ := ts.post(t, "/aftaler/"+itoa(tt.agreement)+"/godkend", url.Values{"seen": {""}}); status != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.want)
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM agreement_approvals`); n != 0 {
		t.Fatalf("%d approvals recorded by people who may not approve", n)
	}

	// The fagchef approves; the panel says who and when, and the button is gone.
	ts.enterAs(t, d.fagchef)
	_, doc := ts.get(t, path)
	seen := doc.Find("form[action$='/godkend'] input[name=seen]").AttrOr("value", "")
	status, doc := ts.post(t, path+"/godkend", url.Values{"seen": {seen}})
	if status != http.StatusOK || text(doc.Find("[role=status]")) != "Aftalen er godkendt." {
		t.Fatalf("approve: status %d, flash %q", status, text(doc.Find("[role=status]")))
	}
	if diff := cmp.Diff(approvalPanel{State: godkendt, Changes: changes}, approvalOf(doc)); diff != "" {
		t.Errorf("after approval (-want +got):\n%s", diff)
	}
	// Approving again (a double click) changes nothing.
	if _, doc := ts.post(t, path+"/godkend", url.Values{"seen": {seen}}); text(doc.Find("[role=status]")) != "Aftalen er allerede godkendt og ikke ændret siden." {
		t.Errorf("second approval: flash %q", text(doc.Find("[role=status]")))
	}
	if n := ts.id(t, `SELECT count(*) FROM agreement_approvals`); n != 1 {
		t.Errorf("%d approvals, want 1", n)
	}

	// The områdeleder changes the content: the fagchef's page says so.
	editPlan(t, d, d.plans["H-1"], func(a *domain.ActionPlan) { a.Title = "Plan H-1, ny titel" })
	_, doc = ts.get(t, path)
	staleSeen := doc.Find("form[action$='/godkend'] input[name=seen]").AttrOr("value", "")
	want := approvalPanel{State: "Ændret efter godkendelse", CanClick: true, Changes: changes}
	if diff := cmp.Diff(want, approvalOf(doc)); diff != "" {
		t.Errorf("after a change (-want +got):\n%s", diff)
	}
	if got := text(doc.Find("section.sporbar-approval .sporbar-meta")); got != "Senest godkendt "+c.Date(dkDay(0))+" af Frederik Fagchef. Indholdet er ændret siden." {
		t.Errorf("after a change: %q", got)
	}

	// A change while the fagchef looks: the approval of the stale page is refused.
	editPlan(t, d, d.plans["H-1"], func(a *domain.ActionPlan) { a.Description = "Mens fagchefen læste" })
	_, doc = ts.post(t, path+"/godkend", url.Values{"seen": {staleSeen}})
	if got := text(doc.Find("[role=status]")); got != "Aftalen er ikke godkendt: den er ændret, mens du så på den. Se ændringerne, og godkend igen." {
		t.Errorf("stale approval: flash %q", got)
	}
	if got := approvalOf(doc).State; got != "Ændret efter godkendelse" {
		t.Errorf("after a stale approval: %q", got)
	}
	if status, _ := ts.post(t, path+"/godkend", url.Values{"seen": {"i går"}}); status != http.StatusBadRequest {
		t.Errorf("a malformed seen: status %d, want 400", status)
	}

	// The fresh page approves.
	if _, doc := ts.approve(t, d.agreement); approvalOf(doc).State != godkendt {
		t.Errorf("second approval: %q", approvalOf(doc).State)
	}
}

// editPlan changes an action plan through the store as Hjemmepleje's områdeleder.
func editPlan(t *testing.T, d *dba, id int64, change func(*domain.ActionPlan)) {
	t.Helper()
	ctx := context.Background()
	a, err := d.st.GetActionPlan(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	change(&a)
	if _, err := d.st.EditActionPlan(ctx, d.lederID, a, nil); err != nil {
		t.Fatal(err)
	}
}

func TestAgreementChanges(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := newDBA(t, ts)
	ctx := context.Background()
	path := "/aftaler/" + itoa(d.agreement) + "/aendringer"

	// Never approved: it says so and lists what the agreement holds now.
	ts.enterAs(t, d.laeser)
	n, doc := ts.visit(t, d.laeser, path)
	if got := text(doc.Find("main .alert-info")); got != "Aftalen er endnu ikke godkendt, så der er ingen godkendt version at sammenligne med. Her er, hvad aftalen rummer nu." {
		t.Errorf("never approved: %q", got)
	}
	items := texts(doc.Find("ul.sporbar-snapshot li"))
	for _, want := range []string{"Indsats: Hverdagsrehabilitering", "Handleplan: H-1 Plan H-1", "Handleplan: H-4 Plan H-4"} {
		if !slices.Contains(items, want) {
			t.Errorf("never approved: %q not among the current items %q", want, items)
		}
	}
	if slices.Contains(items, "Handleplan: M-1 Plan M-1") {
		t.Error("never approved: Myndighed's plan is listed in Hjemmepleje's agreement")
	}
	if diff := cmp.Diff([]string{kommuneCrumb, "Aftaler", d.agreementTitle, "Ændringer siden godkendelsen"}, crumbs(doc)); diff != "" {
		t.Errorf("breadcrumb (-want +got):\n%s", diff)
	}

	// Approved, then: H-1's title and deadline changed, H-2 archived, H-5 added.
	if err := d.st.ApproveAgreement(ctx, d.fagchefID, d.agreement); err != nil {
		t.Fatal(err)
	}
	_, doc = ts.visit(t, d.laeser, path)
	if diff := cmp.Diff([]string{"Intet er ændret siden godkendelsen.", "Intet er tilføjet.", "Intet er arkiveret eller fjernet.",
		"Ingen tekster eller datoer er ændret."}, texts(doc.Find("main .sporbar-empty"))); diff != "" {
		t.Errorf("unchanged (-want +got):\n%s", diff)
	}
	editPlan(t, d, d.plans["H-1"], func(a *domain.ActionPlan) { a.Title, a.Deadline = "Plan H-1, ny titel", dkDay(20) })
	h2, err := d.st.GetActionPlan(ctx, d.plans["H-2"])
	if err != nil {
		t.Fatal(err)
	}
	if err := d.st.ArchiveActionPlan(ctx, d.lederID, h2.ID, h2.Version); err != nil {
		t.Fatal(err)
	}
	d.addPlan(t, d.lederID, d.local, "H-5", "Plan H-5", nil)

	m, doc := ts.visit(t, d.laeser, path)
	if m != n {
		t.Errorf("%d queries approved, %d never approved: the count depends on the content", m, n)
	}
	if n > 7 {
		t.Errorf("%d queries, want at most 7", n)
	}
	got := map[string][]string{}
	for _, id := range []string{"tilfoejet", "arkiveret"} {
		got[id] = texts(doc.Find("h2#" + id).NextFiltered("ul").Find("li"))
	}
	doc.Find("section.sporbar-changed-item").Each(func(_ int, s *goquery.Selection) {
		key := text(s.Find("h3"))
		s.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			got[key] = append(got[key], text(tr.Find("th"))+": "+text(tr.Find("td").First())+" → "+text(tr.Find("td").Last()))
		})
	})
	want := map[string][]string{
		"tilfoejet": {"Handleplan: H-5 Plan H-5"},
		"arkiveret": {"Handleplan: H-2 Plan H-2"},
		"Handleplan: H-1 Plan H-1, ny titel": {"Titel: Plan H-1 → Plan H-1, ny titel",
			"Frist: " + c.Date(dkDay(10)) + " → " + c.Date(dkDay(20))},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if got := text(doc.Find("h2#tilfoejet").PrevAllFiltered("p").First()); got != "3 ændringer: 1 tilføjet, 1 arkiveret eller fjernet, 1 ændret." {
		t.Errorf("summary %q", got)
	}

	// Another organisation's agreement is not shown.
	ts.enterAs(t, userEmail(region, domain.RoleLaeser))
	if status, _ := ts.get(t, path); status != http.StatusNotFound {
		t.Errorf("the region's læser: status %d, want 404 (as if missing)", status)
	}
}
