package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestActionPlanCreateEditArchive(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje)
	local := itoa(ts.localInitiative(t, unitHjemmepleje, "Hverdagsrehabilitering"))
	term := func(name string) string { return itoa(ts.id(t, `SELECT id FROM terms WHERE name = $1`, name)) }
	step := itoa(ts.id(t, `SELECT id FROM ladder_steps WHERE name = 'Tidlig indsats og rehabilitering'`))
	ts.signIn(t, leder)

	_, doc := ts.get(t, "/indsatser/"+local)
	newPath := doc.Find(`.sporbar-edit-actions a:contains("Ny handleplan")`).AttrOr("href", "")
	status, doc := ts.get(t, newPath)
	if status != http.StatusOK {
		t.Fatalf("GET %q: status %d", newPath, status)
	}
	wantCount(t, doc, "select#ladder_step option", 6)
	wantCount(t, doc, "fieldset#terms input[type=checkbox][name=terms]", 7)
	if got := text(doc.Find("fieldset#terms legend")); got != "Begreber (valgfri)" {
		t.Errorf("legend %q", got)
	}
	form := url.Values{"code": {"1-A"}, "title": {"Træning i eget hjem"}, "description": {"Sådan gør vi."},
		"responsible": {"Terapeut"}, "start": {"2026-02-01"}, "deadline": {"2026-10-31"}, "ladder_step": {step},
		"terms": {term("Indsatstrappen"), term("Relationel koordinering")}, "weight": {"1,5"}}
	status, loc, _ := ts.postNoFollow(t, newPath, form)
	id := itoa(ts.id(t, `SELECT id FROM action_plans WHERE title = $1`, form.Get("title")))
	if status != http.StatusSeeOther || loc != "/handleplaner/"+id {
		t.Fatalf("create: status %d to %q", status, loc)
	}
	if n := ts.auditCount(t, "create", "action_plan", id); n != 1 {
		t.Errorf("%d audit rows 'create', want 1", n)
	}

	_, doc = ts.get(t, loc)
	if flashOf(doc) != "Handleplanen er oprettet." || !strings.Contains(text(doc.Find("h1")), "1-A: Træning i eget hjem") {
		t.Errorf("plan page: flash %q, h1 %q", flashOf(doc), text(doc.Find("h1")))
	}
	editPath := doc.Find(`.sporbar-edit-actions a:contains("Rediger")`).AttrOr("href", "")
	_, doc = ts.get(t, editPath)
	got := map[string]string{}
	for _, name := range []string{"code", "title", "description", "responsible", "start", "deadline", "weight"} {
		got[name] = fieldValue(doc, name)
	}
	got["ladder_step"] = doc.Find("select#ladder_step option[selected]").AttrOr("value", "")
	got["terms"] = strings.Join(doc.Find("input[name=terms][checked]").Map(func(_ int, s *goquery.Selection) string {
		return s.AttrOr("value", "")
	}), ",")
	got["version"] = doc.Find("input[name=version]").AttrOr("value", "")
	want := map[string]string{"code": "1-A", "title": "Træning i eget hjem", "description": "Sådan gør vi.", "responsible": "Terapeut",
		"start": "2026-02-01", "deadline": "2026-10-31", "weight": "1,5", "ladder_step": step,
		"terms": term("Indsatstrappen") + "," + term("Relationel koordinering"), "version": "1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("edit form (-want +got):\n%s", diff)
	}

	form.Set("version", "1")
	form.Set("title", "Træning i eget hjem, udvidet")
	form["terms"] = []string{term("Bæredygtighed")}
	if status, loc, _ := ts.postNoFollow(t, editPath, form); status != http.StatusSeeOther || loc != "/handleplaner/"+id {
		t.Fatalf("edit: status %d to %q", status, loc)
	}
	if n := ts.id(t, `SELECT count(*) FROM action_plan_terms WHERE action_plan_id = $1 AND term_id = $2`, id, term("Bæredygtighed")); n != 1 ||
		ts.id(t, `SELECT count(*) FROM action_plan_terms WHERE action_plan_id = $1`, id) != 1 {
		t.Error("the begreber were not replaced")
	}
	if n := ts.auditCount(t, "update", "action_plan", id); n != 1 {
		t.Errorf("%d audit rows 'update', want 1", n)
	}

	archive := "/handleplaner/" + id + "/arkiver"
	if status, _, _ := ts.postNoFollow(t, archive, url.Values{"version": {"1"}}); status != http.StatusConflict {
		t.Errorf("stale archive: status %d, want 409", status)
	}
	status, loc, _ = ts.postNoFollow(t, archive, url.Values{"version": {"2"}})
	if status != http.StatusSeeOther || loc != "/indsatser/"+local {
		t.Fatalf("archive: status %d to %q", status, loc)
	}
	if _, doc := ts.get(t, loc); flashOf(doc) != "Handleplanen «Træning i eget hjem, udvidet» er arkiveret." {
		t.Errorf("flash %q", flashOf(doc))
	}
	if n := ts.auditCount(t, "archive", "action_plan", id); n != 1 {
		t.Errorf("%d audit rows 'archive', want 1", n)
	}
}

func TestActionPlanFormValidation(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje)
	local := ts.localInitiative(t, unitHjemmepleje, "Hverdagsrehabilitering")
	second := ts.localInitiative(t, unitHjemmepleje, "Velfærdsteknologi")
	ts.actionPlan(t, local, "1-A", "Første")
	planB := itoa(ts.actionPlan(t, local, "1-B", "Anden"))
	ts.signIn(t, leder)
	create := "/indsatser/" + itoa(local) + "/handleplaner/ny"
	tests := []struct {
		name, path string
		form       url.Values
		wantStatus int
		want       map[string]string
	}{
		{"duplicate code", create, url.Values{"code": {"1-A"}, "title": {"Tredje"}}, 422,
			map[string]string{"code": "Nummeret 1-A bruges allerede af en anden handleplan under indsatsen."}},
		{"duplicate code on edit", "/handleplaner/" + planB + "/rediger", url.Values{"code": {" 1-A "}, "title": {"Anden"}, "version": {"1"}}, 422,
			map[string]string{"code": "Nummeret 1-A bruges allerede af en anden handleplan under indsatsen."}},
		{"same code under another initiative", "/indsatser/" + itoa(second) + "/handleplaner/ny", url.Values{"code": {"1-A"}, "title": {"Ok"}}, 303, nil},
		{"own code kept on edit", "/handleplaner/" + planB + "/rediger", url.Values{"code": {"1-B"}, "title": {"Anden, rettet"}, "version": {"1"}}, 303, nil},
		{"deadline before start", create, url.Values{"title": {"T"}, "start": {"2026-05-01"}, "deadline": {"2026-04-01"}}, 422,
			map[string]string{"deadline": "Fristen kan ikke ligge før start."}},
		{"impossible dates", create, url.Values{"title": {"T"}, "start": {"2026-02-30"}, "deadline": {"i morgen"}}, 422,
			map[string]string{"start": "Startdatoen findes ikke i kalenderen.", "deadline": "Fristen skal skrives som åååå-mm-dd, fx 2026-03-31."}},
		{"unknown ladder step and begreb", create, url.Values{"title": {"T"}, "ladder_step": {"999999"}, "terms": {"999999"}}, 422,
			map[string]string{"ladder_step": "Vælg et trin fra listen.", "terms": "Vælg begreber fra listen."}},
		{"wrong types", create, url.Values{"title": {"T"}, "ladder_step": {"abc"}, "terms": {"x"}, "weight": {"tung"}}, 422,
			map[string]string{"ladder_step": "Vælg et trin fra listen.", "terms": "Vælg begreber fra listen.",
				"weight": "Vægten skal være et tal, fx 1 eller 2,5."}},
		{"too long", create, url.Values{"code": {strings.Repeat("9", 21)}, "title": {strings.Repeat("t", 301)}}, 422,
			map[string]string{"code": "Nummeret må højst være 20 tegn (der er 21).", "title": "Titlen må højst være 300 tegn (der er 301)."}},
		{"no title", create, url.Values{"code": {"9"}}, 422, map[string]string{"title": "Titlen skal udfyldes."}},
		{"version that is no number", "/handleplaner/" + planB + "/rediger", url.Values{"title": {"T"}, "version": {"x"}}, 400, nil},
	}
	for _, tt := range tests {
		status, _, doc := ts.postNoFollow(t, tt.path, tt.form)
		if status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.wantStatus)
		}
		if status != 422 {
			continue
		}
		if diff := cmp.Diff(tt.want, fieldErrors(doc)); diff != "" {
			t.Errorf("%s: messages beside the fields (-want +got):\n%s", tt.name, diff)
		}
		for _, name := range []string{"code", "title", "start", "deadline"} {
			if got, want := fieldValue(doc, name), strings.TrimSpace(tt.form.Get(name)); got != want {
				t.Errorf("%s: field %s shows %q, want the typed %q", tt.name, name, got, want)
			}
		}
	}
}

func TestActionPlanPermissions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	people := map[string]string{
		"områdeleder":             ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje),
		"fagchef":                 ts.addUser(t, kommune, domain.RoleFagchef, unitFagomraade),
		"direktion":               ts.addUser(t, kommune, domain.RoleDirektion, "Direktion"),
		"læser":                   userEmail(kommune, domain.RoleLaeser),
		"admin":                   userEmail(kommune, domain.RoleAdmin),
		"regionens fagchef":       ts.addUser(t, region, domain.RoleFagchef, "Socialområdet"),
		"regionens specialområde": ts.addUser(t, region, domain.RoleOmraadeleder, "Specialområde Autisme"),
		"regionens admin":         userEmail(region, domain.RoleAdmin),
	}
	own := ts.localInitiative(t, unitHjemmepleje, "Hjemmeplejens")
	other := ts.localInitiative(t, unitMyndighed, "Myndighedens")
	ownPlan, otherPlan := itoa(ts.actionPlan(t, own, "H-1", "H")), itoa(ts.actionPlan(t, other, "M-1", "M"))
	regionPlan := itoa(ts.id(t, `SELECT min(id) FROM action_plans WHERE code = '1-A'`))
	paths := map[string]string{"own": "/handleplaner/" + ownPlan + "/rediger", "other": "/handleplaner/" + otherPlan + "/rediger",
		"new under own": "/indsatser/" + itoa(own) + "/handleplaner/ny", "region": "/handleplaner/" + regionPlan + "/rediger",
		"new under region": "/indsatser/" + itoa(ts.id(t, `SELECT initiative_id FROM action_plans WHERE id = $1`, regionPlan)) + "/handleplaner/ny"}
	// Who may open each form (200); everyone else gets 403, or 404 for another organisation's.
	allowed := map[string][]string{
		"own": {"områdeleder", "fagchef"}, "other": {"fagchef"}, "new under own": {"områdeleder", "fagchef"},
		"region": {"regionens fagchef", "regionens admin"}, "new under region": {"regionens fagchef", "regionens admin"},
	}
	for who, email := range people {
		ts.signIn(t, email)
		for name, path := range paths {
			want := http.StatusForbidden
			if strings.HasPrefix(who, "regionens") != strings.Contains(name, "region") {
				want = http.StatusNotFound
			}
			for _, a := range allowed[name] {
				if a == who {
					want = http.StatusOK
				}
			}
			if status, _ := ts.get(t, path); status != want {
				t.Errorf("%s GET %s (%s): %d, want %d", who, path, name, status, want)
			}
			if want != http.StatusOK {
				archive := strings.Replace(path, "/rediger", "/arkiver", 1)
				for _, p := range []string{path, archive} {
					if status, _, _ := ts.postNoFollow(t, p, url.Values{"title": {"Forsøg"}, "version": {"1"}}); status != want {
						t.Errorf("%s POST %s: %d, want %d", who, p, status, want)
					}
				}
			}
		}
	}
	if n := ts.id(t, `SELECT count(*) FROM action_plans WHERE title = 'Forsøg' OR archived_at IS NOT NULL`); n != 0 {
		t.Errorf("%d plans changed by refused requests", n)
	}
}

func TestActionPlanEditConflict(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, unitHjemmepleje)
	local := ts.localInitiative(t, unitHjemmepleje, "Hverdagsrehabilitering")
	id := itoa(ts.actionPlan(t, local, "1-A", "Oprindelig"))
	term := itoa(ts.id(t, `SELECT id FROM terms WHERE name = 'Bæredygtighed'`))
	path := "/handleplaner/" + id + "/rediger"
	ts.signIn(t, leder)
	theirs := url.Values{"version": {"1"}, "code": {"1-A"}, "title": {"Deres titel"}, "deadline": {"2026-06-30"}, "terms": {term}}
	if status, _, _ := ts.postNoFollow(t, path, theirs); status != http.StatusSeeOther {
		t.Fatalf("first save: %d", status)
	}
	mine := url.Values{"version": {"1"}, "code": {"1-A"}, "title": {"Min titel"}, "deadline": {"30-06-2026"}}
	status, _, doc := ts.postNoFollow(t, path, mine)
	if status != http.StatusConflict {
		t.Fatalf("stale save: %d, want 409", status)
	}
	var rows [][]string
	doc.Find("table.sporbar-conflict tbody tr").Each(func(_ int, tr *goquery.Selection) { rows = append(rows, texts(tr.Find("th, td"))) })
	want := [][]string{{"Titel", "Deres titel", "Min titel"}, {"Begreber", "Bæredygtighed", "–"}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("side by side (-want +got):\n%s", diff)
	}
	if got := fieldValue(doc, "title"); got != "Min titel" || doc.Find("input[name=version]").AttrOr("value", "") != "2" {
		t.Errorf("form: title %q, version %q; want the own input and the stored version 2", got, doc.Find("input[name=version]").AttrOr("value", ""))
	}
	if n := ts.id(t, `SELECT count(*) FROM action_plans WHERE id = $1 AND title = 'Deres titel' AND version = 2`, id); n != 1 {
		t.Error("the stale save changed the stored plan")
	}
}

// TestActionPlanConcurrentEdits: N people load the same version of one plan and save at once.
// Each request either wins (303) or is told of the conflict (409, with the stored version in
// the form); the losers save again with that version, round after round. Exactly one wins per
// version, and the history holds exactly one 'update' row per winner.
func TestActionPlanConcurrentEdits(t *testing.T) {
	t.Parallel()
	const n = 20
	ts := newTestServer(t)
	ts.signIn(t, ts.addUser(t, region, domain.RoleFagchef, "Socialområdet"))
	id := itoa(ts.id(t, `SELECT min(id) FROM action_plans WHERE code = '1-A'`))
	path := ts.srv.URL + "/handleplaner/" + id + "/rediger"
	client := *ts.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	save := func(i int, version string) (int, string, error) {
		form := url.Values{"version": {version}, "code": {"1-A"}, "title": {fmt.Sprintf("Titel fra person %d", i)}}
		resp, err := client.PostForm(path, form)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusConflict {
			_, err = io.Copy(io.Discard, resp.Body)
			return resp.StatusCode, "", err
		}
		doc, err := goquery.NewDocumentFromReader(resp.Body)
		return resp.StatusCode, doc.Find("input[name=version]").AttrOr("value", ""), err
	}

	first := ts.id(t, `SELECT version FROM action_plans WHERE id = $1`, id)
	versions := make([]string, n) // the version each person saves next; "" once they won
	for i := range versions {
		versions[i] = itoa(first)
	}
	var winners []string
	for round := 1; len(winners) < n; round++ {
		statuses, next, errs := make([]int, n), make([]string, n), make([]error, n)
		var wg sync.WaitGroup
		for i, v := range versions {
			if v != "" {
				wg.Go(func() { statuses[i], next[i], errs[i] = save(i, v) })
			}
		}
		wg.Wait()
		won := 0
		for i, v := range versions {
			switch {
			case v == "":
			case errs[i] != nil:
				t.Fatalf("round %d, person %d: %v", round, i, errs[i])
			case statuses[i] == http.StatusSeeOther:
				won++
				winners = append(winners, fmt.Sprintf("Titel fra person %d", i))
				versions[i] = ""
			case statuses[i] == http.StatusConflict && next[i] != "" && next[i] != v:
				versions[i] = next[i]
			default:
				t.Fatalf("round %d, person %d with version %s: status %d, next version %q; want 303 or 409 with a newer version",
					round, i, v, statuses[i], next[i])
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d saves of the same version won, want exactly 1", round, won)
		}
	}
	if got := ts.auditCount(t, "update", "action_plan", id); got != n {
		t.Errorf("%d audit rows 'update', want %d (one per winner)", got, n)
	}
	rows, err := ts.db.Query(t.Context(), `SELECT changes->'Titel'->>'new' FROM audit_log
		WHERE action = 'update' AND entity = 'action_plan' AND entity_id = $1 ORDER BY id`, id)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		titles = append(titles, s)
	}
	if diff := cmp.Diff(winners, titles); diff != "" {
		t.Errorf("the history's new titles are not the winners' in order (-winners +history):\n%s", diff)
	}
	if v := ts.id(t, `SELECT version FROM action_plans WHERE id = $1`, id); v != first+n {
		t.Errorf("version %d after %d winning saves, want %d", v, n, first+n)
	}
}
