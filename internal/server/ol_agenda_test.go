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

// TestOLAgenda: the 2016 agenda lists the 12 handleplaner marked OL by indsatsområde; the
// fagchef records OL's treatment of 10-A, which then shows on the agenda and in 10-A's history.
func TestOLAgenda(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signIn(t, ts.addUser(t, region, domain.RoleFagchef, "Socialområdet"))
	agenda := "/indsatsplaner/" + itoa(ts.id(t, planSQL, 2016)) + "/ol"
	ts.resetQueries()
	_, doc := ts.get(t, agenda)
	if n := ts.queries(); n != 6 {
		t.Errorf("%d queries, want 6", n)
	}
	var groups []string
	doc.Find("section.sporbar-ol-area").Each(func(_ int, s *goquery.Selection) {
		var codes []string
		s.Find("li.sporbar-ol-item h3 a").Each(func(_ int, a *goquery.Selection) { codes = append(codes, text(a)) })
		groups = append(groups, text(s.Find("h2"))+": "+strings.Join(codes, " "))
	})
	want := []string{
		"Indsatsområde 1: Kompetenceudvikling og udvikling af specialviden: 1-A", "Indsatsområde 2: Praksisnær forskning: 2-A",
		"Indsatsområde 4: Dokumentation af indsats og resultater: 4-A 4-E", "Indsatsområde 5: Styrket faglig kvalitet: 5-C",
		"Indsatsområde 6: Fortsat specialisering og udvikling af ydelser: 6-A 6-B",
		"Indsatsområde 8: Individuel indsats og livskvalitet: 8-C", "Indsatsområde 9: Høj sikkerhed for borgere og ansatte: 9-E",
		"Indsatsområde 10: Frivilligt arbejde: 10-A", "Indsatsområde 12: Stærkere samarbejde med sundhedsområdet: 12-D",
		"Indsatsområde 13: Øget effektivitet og produktivitet: 13-A",
	}
	if diff := cmp.Diff(want, groups); diff != "" {
		t.Errorf("the agenda by indsatsområde (-want +got):\n%s", diff)
	}
	id10A := itoa(ts.id(t, planItemSQL, 2016, "10-A"))
	item := doc.Find("li#punkt-" + id10A)
	got := []string{text(item.Find("p.sporbar-ol")), text(item.Find(".sporbar-ol-pending")), text(doc.Find(".sporbar-ol-summary"))}
	wantItem := []string{"OL: beslutter at nedsætte en arbejdsgruppe og behandler efterfølgende en indstilling fra denne.",
		"Ikke behandlet endnu", "Handleplaner i Social Strategi – Indsatsplan 2016, der behandles i områdelederkredsen (OL) i løbet af 2016: 12, heraf 0 behandlet."}
	if diff := cmp.Diff(wantItem, got); diff != "" {
		t.Errorf("10-A on the agenda (-want +got):\n%s", diff)
	}
	wantCount(t, doc, "form.sporbar-ol-form", 12)
	wantCount(t, doc, ".sporbar-print-only", 12)

	tomorrow := danishToday().AddDate(0, 0, 1).Format("2006-01-02")
	tests := []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"nothing", url.Values{"punkt": {id10A}}, map[string]string{
			"treated_on-" + id10A: "Skriv den dato, OL behandlede 10-A, som åååå-mm-dd.",
			"decision-" + id10A:   "Skriv, hvad OL besluttede om 10-A."}},
		{"a date in words and the future", url.Values{"punkt": {id10A}, "treated_on-" + id10A: {"12. maj"}, "decision-" + id10A: {"Nedsat."}},
			map[string]string{"treated_on-" + id10A: "Datoen skal skrives som åååå-mm-dd, fx 2026-03-31."}},
		{"the future", url.Values{"punkt": {id10A}, "treated_on-" + id10A: {tomorrow}, "decision-" + id10A: {"Nedsat."}},
			map[string]string{"treated_on-" + id10A: "OL kan ikke have behandlet 10-A på en dato i fremtiden."}},
	}
	for _, tt := range tests {
		tt.form.Set("version", "1")
		status, doc := ts.post(t, agenda, tt.form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, status)
		}
		if diff := cmp.Diff(tt.want, fieldErrors(doc)); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
		}
		p := tt.form.Get("punkt")
		if got := text(doc.Find("#decision-" + p)); got != tt.form.Get("decision-"+p) {
			t.Errorf("%s: the typed decision %q was not kept", tt.name, got)
		}
	}

	// 7-D is not marked OL, so it has no form on the agenda: a request for it is a bad one.
	id7D := itoa(ts.id(t, planItemSQL, 2016, "7-D"))
	notOL := url.Values{"punkt": {id7D}, "version": {"1"}, "treated_on-" + id7D: {"2016-05-12"}, "decision-" + id7D: {"Drøftet."}}
	if status, doc := ts.post(t, agenda, notOL); status != http.StatusBadRequest || !strings.Contains(text(doc.Find("main")),
		"7-D er ikke markeret til behandling i OL i 2016.") {
		t.Errorf("an item not marked OL: status %d, %q", status, text(doc.Find("main")))
	}

	decision := "OL nedsatte arbejdsgruppen; indstillingen behandles i efteråret."
	form := url.Values{"punkt": {id10A}, "version": {"1"}, "treated_on-" + id10A: {"2016-05-12"}, "decision-" + id10A: {decision}}
	status, loc, _ := ts.postNoFollow(t, agenda, form)
	if status != http.StatusSeeOther || loc != agenda+"#punkt-"+id10A {
		t.Fatalf("record: status %d to %q", status, loc)
	}
	_, doc = ts.get(t, agenda)
	if got, want := text(doc.Find("li#punkt-"+id10A+" .sporbar-ol-decision")), "Behandlet i OL 12. maj 2016: "+decision; got != want {
		t.Errorf("decision on the agenda %q, want %q", got, want)
	}
	if got := text(doc.Find(".sporbar-ol-summary")); !strings.HasSuffix(got, "12, heraf 1 behandlet.") {
		t.Errorf("summary %q", got)
	}
	_, doc = ts.get(t, "/handleplaner/"+itoa(ts.id(t, actionPlanSQL, "10-A"))+"/historik")
	if got := text(doc.Find("dl.sporbar-changes dt:contains('OL-behandling') + dd")); got != "2016-05-12: "+decision {
		t.Errorf("10-A's history says %q, want OL's decision", got)
	}

	// Someone else recorded it meanwhile: the form says so, keeps the input, has the new version.
	form.Set("decision-"+id10A, "Min beslutning.")
	status, doc = ts.post(t, agenda, form)
	li := doc.Find("li#punkt-" + id10A)
	if status != http.StatusConflict || li.Find("p.form-error-message[role=alert]").Length() != 1 ||
		text(li.Find("#decision-"+id10A)) != "Min beslutning." || li.Find("input[name=version]").AttrOr("value", "") != "2" {
		t.Errorf("stale record: status %d; want 409 with a notice, the own input and version 2", status)
	}
}
