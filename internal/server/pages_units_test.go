package server_test

import (
	"context"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func TestUnitAndAgreementPages(t *testing.T) {
	t.Parallel()
	runPages(t, unitPages)
}

const (
	hjemmeplejeAgreement = "Dialogbaseret aftale – Hjemmepleje og akutaflastning 2023-2026"
	annualPlan2016       = "Social Strategi – Indsatsplan 2016"
	unitSQL              = `SELECT id FROM units WHERE name = $1`
	agreementSQL         = `SELECT id FROM agreements WHERE title = $1`
	termSQL              = `SELECT id FROM terms WHERE name = $1`
)

// unitPages are the pages of units, agreements, terms and yearly plans.
var unitPages = []pageCase{
	{
		name: "enhed: Hjemmepleje og akutaflastning and its agreement", route: "/enheder/{id}", as: kommuneLaeser,
		path: at("/enheder/", unitSQL, "Hjemmepleje og akutaflastning"), maxQueries: 7, h1: "Hjemmepleje og akutaflastning",
		crumbs: []string{kommuneCrumb, "Enheder", "Hjemmepleje og akutaflastning"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			if diff := cmp.Diff([]string{hjemmeplejeAgreement}, texts(doc.Find("main a[href^='/aftaler/']"))); diff != "" {
				t.Errorf("agreements (-want +got):\n%s", diff)
			}
		},
		// Sundhed og Omsorg: five units under it and party to all six agreements.
		other: at("/enheder/", unitSQL, "Sundhed og Omsorg"),
	},
	{
		name: "aftale: parties, period, journal number, 10 generelle indsatser", route: "/aftaler/{id}", as: kommuneLaeser,
		path: at("/aftaler/", agreementSQL, hjemmeplejeAgreement), maxQueries: 8, h1: hjemmeplejeAgreement,
		crumbs: []string{kommuneCrumb, "Aftaler", hjemmeplejeAgreement},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			parties := doc.Find(".sporbar-parties")
			if diff := cmp.Diff([]string{"Sundhed og Omsorg", "Hjemmepleje og akutaflastning"},
				texts(parties.Find("a[href^='/enheder/']"))); diff != "" {
				t.Errorf("parties (-want +got):\n%s", diff)
			}
			got := map[string]string{}
			parties.Find("dl dt").Each(func(_ int, dt *goquery.Selection) { got[text(dt)] = text(dt.Next()) })
			want := map[string]string{"Periode": "2023–2026", "Journalnr.": "23-010718",
				"Strategi": kommuneStrategy, "Udspringer af": "Den overordnede aftale"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the agreement's facts (-want +got):\n%s", diff)
			}
			generals := paths(ts.ids(t, `SELECT initiative_id FROM agreement_initiatives WHERE agreement_id = $1
				ORDER BY initiative_id`, ts.id(t, agreementSQL, hjemmeplejeAgreement)), "/indsatser/")
			if diff := cmp.Diff(generals, hrefs(doc.Find("main a[href^='/indsatser/']"))); diff != "" {
				t.Errorf("generelle indsatser (-want +got):\n%s", diff)
			}
		},
		// The overordnede aftale, here with a local initiative and two action plans that it must not show.
		other: func(t *testing.T, ts *testServer) string {
			ctx := context.Background()
			st := store.New(ts.db)
			general := ts.id(t, generalSQL, kommuneStrategy, 1, 1)
			unit := ts.id(t, unitSQL, "Hjemmepleje og akutaflastning")
			local, err := st.CreateInitiative(ctx, domain.Initiative{Kind: domain.InitiativeLocal, ParentID: &general,
				UnitID: &unit, Title: "Lokal indsats"})
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range []int64{general, local} {
				if _, err := st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: in, Title: "Handleplan"}); err != nil {
					t.Fatal(err)
				}
			}
			return "/aftaler/" + itoa(ts.id(t, `SELECT id FROM agreements WHERE kind = 'overordnet'`))
		},
	},
	{
		name: "begreb", route: "/begreber/{id}", as: kommuneLaeser, path: at("/begreber/", termSQL, "Organisatorisk sundhedskompetence"),
		maxQueries: 3, h1: "Organisatorisk sundhedskompetence",
		crumbs: []string{kommuneCrumb, "Begreber", "Organisatorisk sundhedskompetence"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "main a[href^='http']", 1)
		},
		other: at("/begreber/", termSQL, "Indsatstrappen"),
	},
	{
		name: "indsatsplan 2016: 15 indsatsområder, 19 handleplaner, 1-B se 1-A", route: "/indsatsplaner/{id}", as: regionLaeser,
		path: at("/indsatsplaner/", `SELECT id FROM annual_plans WHERE title = $1`, annualPlan2016), maxQueries: 6,
		h1: annualPlan2016, crumbs: []string{regionCrumb, "Social Strategi", annualPlan2016},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "main section.sporbar-plan-area", 15)
			rows := doc.Find("table.sporbar-plan-table tbody tr")
			if rows.Length() != 19 {
				t.Errorf("%d handleplan rows, want 19", rows.Length())
			}
			got := map[string]string{}
			rows.Each(func(_ int, tr *goquery.Selection) {
				got[text(tr.Find("td").First())] = text(tr.Find("p.sporbar-empty"))
			})
			if want := "Se 1-A (fælles celle i dokumentet)."; got["1-B"] != want {
				t.Errorf("1-B says %q, want %q", got["1-B"], want)
			}
			if got["1-A"] != "" {
				t.Errorf("1-A says %q, want its own text", got["1-A"])
			}
		},
		// An empty plan for 2017.
		other: func(t *testing.T, ts *testServer) string {
			id, err := store.New(ts.db).CreateAnnualPlan(context.Background(), domain.AnnualPlan{
				StrategyID: ts.id(t, strategySQL, "Social Strategi"), Year: 2017, Title: "Social Strategi – Indsatsplan 2017"})
			if err != nil {
				t.Fatal(err)
			}
			return "/indsatsplaner/" + itoa(id)
		},
	},
}
