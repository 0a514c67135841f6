package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// TestDashboardFilters checks each filter of the samlet skema, alone and together, and that
// unusable values are ignored with a notice (never an error).
func TestDashboardFilters(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := ts.addFollowUpData(t)
	regionStrategy := ts.id(t, `SELECT id FROM strategies WHERE title = 'Social Strategi'`)
	regionTrack := ts.id(t, `SELECT min(id) FROM tracks WHERE strategy_id = $1`, regionStrategy)
	all := []string{titleA, titleB, titleC, titleD}
	five := []string{"Faglig Drift og Udvikling og Sekretariatet", "Myndighed", "Hjemmepleje og akutaflastning", "Ældrecentre", "Sundhedscenter Vest"}
	ignored := func(v, what string) []string {
		return []string{"»" + v + "« er ikke " + what + ", så det filter er ikke brugt."}
	}
	tests := []struct {
		name        string
		query       url.Values
		wantLocals  []string
		wantColumns []string
		wantNotices []string
	}{
		{"none", nil, all, five, nil},
		{"fase", url.Values{"fase": {"forberedende"}}, []string{titleB}, five, nil},
		{"helbred", url.Values{"helbred": {"udfordret"}}, []string{titleA}, five, nil},
		{"no status", url.Values{"helbred": {"ingen"}}, []string{titleD}, five, nil},
		{"område", url.Values{"omraade": {itoa(d.hjemmepleje)}}, []string{titleA, titleD}, five[2:3], nil},
		{"spor", url.Values{"spor": {itoa(d.track2)}}, []string{titleC, titleD}, five, nil},
		{"ansvarlig, any case", url.Values{"ansvarlig": {"  æBLE "}}, []string{titleA}, five, nil},
		{"together", url.Values{"omraade": {itoa(d.hjemmepleje)}, "fase": {"ikke_paabegyndt"}}, []string{titleD}, five[2:3], nil},
		{"strategy chosen", url.Values{"strategi": {itoa(d.strategy)}, "spor": {itoa(d.track1)}}, []string{titleA, titleB}, five, nil},
		{"spor not a number", url.Values{"spor": {"abc"}}, all, five, ignored("abc", "et spor")},
		{"unknown phase", url.Values{"fase": {"flyvende"}}, all, five, ignored("flyvende", "en fase")},
		{"unknown health", url.Values{"helbred": {"<b>grøn</b>"}}, all, five, ignored("<b>grøn</b>", "et helbred")},
		{"negative område", url.Values{"omraade": {"-3"}}, all, five, ignored("-3", "et område")},
		{"område of nobody", url.Values{"omraade": {"999999999"}}, all, five, ignored("999999999", "et område i organisationen")},
		{"another organisation's strategy", url.Values{"strategi": {itoa(regionStrategy)}}, all, five,
			ignored(itoa(regionStrategy), "en strategi i organisationen")},
		{"another strategy's spor", url.Values{"spor": {itoa(regionTrack)}, "strategi": {itoa(d.strategy)}}, all, five,
			ignored(itoa(regionTrack), "et spor i strategien")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, doc := ts.get(t, "/org/"+kommune+"/oversigt?"+tt.query.Encode())
			if status != http.StatusOK {
				t.Fatalf("status %d, want 200", status)
			}
			got := texts(doc.Find("table.sporbar-matrix td li > a"))
			slices.Sort(got)
			want := slices.Clone(tt.wantLocals)
			slices.Sort(want)
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("local initiatives (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantColumns, texts(doc.Find("table.sporbar-matrix thead th[scope=col] a"))); diff != "" {
				t.Errorf("columns (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantNotices, texts(doc.Find(".alert-warning li")), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("notices (-want +got):\n%s", diff)
			}
			// The form shows the filter that was applied, and the downloads carry it.
			for key, sel := range map[string]string{"fase": "select#fase", "helbred": "select#helbred", "omraade": "select#omraade"} {
				if v := tt.query.Get(key); v != "" && tt.wantNotices == nil {
					if got := sel + "=" + doc.Find(sel+" option[selected]").AttrOr("value", ""); got != sel+"="+v {
						t.Errorf("the form shows %s, want %s", got, v)
					}
				}
			}
			xlsx, _ := url.Parse(doc.Find(`a[href*="/oversigt.xlsx"]`).AttrOr("href", ""))
			if tt.wantNotices == nil && tt.query.Get("fase") != xlsx.Query().Get("fase") {
				t.Errorf("the XLSX link %q does not carry the filter", xlsx)
			}
		})
	}
}

// TestItemListFilters checks the list of all items under the filters.
func TestItemListFilters(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	d := ts.addFollowUpData(t)
	planLate, planDone := "A-1 "+titlePlanLate, "A-2 "+titlePlanDone
	tests := []struct {
		name  string
		query url.Values
		want  []string // the titles, in chain order
	}{
		{"område", url.Values{"omraade": {itoa(d.hjemmepleje)}}, []string{titleA, planLate, planDone, titleD}},
		{"implemented", url.Values{"fase": {"implementeret"}}, []string{planDone, titleC}},
		{"critical", url.Values{"helbred": {"kritisk"}}, []string{planLate}},
		{"responsible", url.Values{"ansvarlig": {"terapeut"}}, []string{planLate, planDone}},
		{"spor and område", url.Values{"spor": {itoa(d.track2)}, "omraade": {itoa(d.aeldre)}}, []string{titleC}},
		{"nothing", url.Values{"ansvarlig": {"ingen hedder sådan"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, doc := ts.get(t, "/org/"+kommune+"/indsatser?"+tt.query.Encode())
			if status != http.StatusOK {
				t.Fatalf("status %d", status)
			}
			got := texts(doc.Find("main table tbody tr td:nth-child(2)"))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if len(tt.want) == 0 && text(doc.Find("main .sporbar-empty")) != "Ingen elementer passer til filtrene." {
				t.Errorf("empty state %q", text(doc.Find("main .sporbar-empty")))
			}
		})
	}
}

// TestDashboardDefaultStrategy checks which strategy the skema shows without a choice: that
// of the person's unit or the nearest unit above it, else the organisation's first.
func TestDashboardDefaultStrategy(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ctx := context.Background()
	org := ts.id(t, `SELECT id FROM organisations WHERE slug = $1`, kommune)
	direktion := ts.id(t, `SELECT id FROM units WHERE name = 'Direktion'`)
	first, err := store.New(ts.db).CreateStrategy(ctx, domain.Strategy{OrganisationID: org, UnitID: &direktion,
		Title: "Direktionens egen strategi", PeriodStart: 2024, PeriodEnd: 2027, Position: -1})
	if err != nil {
		t.Fatal(err)
	}
	sundhed := ts.id(t, `SELECT id FROM strategies WHERE title = 'Strategi for Sundhed og Omsorg'`)
	tests := []struct {
		name, as string
		want     int64
	}{
		{"fagchef: the own unit's", ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"), sundhed},
		{"områdeleder: the unit above's", ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning"), sundhed},
		{"læser: the first", kommuneLaeser, first},
	}
	for _, tt := range tests {
		ts.signInAs(t, tt.as)
		_, doc := ts.get(t, "/org/"+kommune+"/oversigt")
		if got := doc.Find("select#strategi option[selected]").AttrOr("value", ""); got != itoa(tt.want) {
			t.Errorf("%s: strategy %s, want %d", tt.name, got, tt.want)
		}
	}
}
