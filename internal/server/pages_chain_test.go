package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func TestChainPages(t *testing.T) {
	t.Parallel()
	runPages(t, chainPages)
}

// Names from the seed documents.
const (
	selvbestemmelse  = "At der er selvbestemmelse i form af til- og fravalg i hverdagslivet"
	aeldreObjective1 = "1. Alle oplever, at de har selvbestemmelse og frihed i eget liv"
	kommuneStrategy  = "Strategi for Sundhed og Omsorg"
	kommuneSpor1     = "Vi vil styrke de sundhedsfremmende og rehabiliterende indsatser i alle livsfasen og vilkår"
	kommuneSpor2     = "Vi vil sikre kvalitet i opgaveløsningen for at styrke borgersikkerheden"
	kommuneGeneral11 = "Implementerer indsatsstrappen i Sundhed og Omsorg, hvor borgerne med rette indsats på rette tidspunkt understøttes i at bidrage i eget liv ud fra en rehabiliterende tilgang."
	plan12DTitle     = "Specialområderne skal i dialog med de kommunale rusmiddelcentre skabe fælles forståelse omkring fordelingen af opgaveløsningen i forhold til borgere på tilbuddene med misbrug."
)

// The SQL that finds the seeded items by name.
const (
	policySQL    = `SELECT id FROM policies WHERE title = $1`
	objectiveSQL = `SELECT o.id FROM objectives o JOIN policies p ON p.id = o.policy_id WHERE p.title = $1 AND o.number = $2`
	goalSQL      = `SELECT id FROM goals WHERE title = $1`
	strategySQL  = `SELECT id FROM strategies WHERE title = $1`
	trackSQL     = `SELECT t.id FROM tracks t JOIN strategies s ON s.id = t.strategy_id WHERE s.title = $1 AND t.number = $2`
	generalSQL   = `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		WHERE s.title = $1 AND t.number = $2 AND i.number = $3 AND i.kind = 'general'`
	actionPlanSQL = `SELECT id FROM action_plans WHERE code = $1`
)

// at returns a path func for prefix followed by the id that sql finds.
func at(prefix, sql string, args ...any) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string { return prefix + itoa(ts.id(t, sql, args...)) }
}

var chainPages = []pageCase{
	{
		name: "politik: Ældrepolitik's 3 objectives and 9 goals", route: "/politikker/{id}", as: kommuneLaeser,
		path: at("/politikker/", policySQL, "Ældrepolitik"), maxQueries: 4, h1: "Ældrepolitik",
		crumbs: []string{kommuneCrumb, "Ældrepolitik"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-chain tbody tr", 9)
			got := texts(doc.Find("table.sporbar-chain td a[href^='/maalsaetninger/']"))
			want := []string{aeldreObjective1,
				"2. Alle oplever gode muligheder for at indgå i meningsfulde fællesskaber og relationer, som er baseret på nærvær og gensidig tillid",
				"3. Alle deltager med de ressourcer, de mestrer i enhver livsfase"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("objectives (-want +got):\n%s", diff)
			}
		},
		other: at("/politikker/", policySQL, "Direktionens Strategiplan"),
	},
	{
		name: "målsætning", route: "/maalsaetninger/{id}", as: kommuneLaeser,
		path: at("/maalsaetninger/", objectiveSQL, "Ældrepolitik", 1), maxQueries: 4, h1: aeldreObjective1,
		crumbs: []string{kommuneCrumb, "Ældrepolitik", aeldreObjective1},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-chain tbody tr", 3)
		},
		other: at("/maalsaetninger/", objectiveSQL, "Direktionens Strategiplan", 1),
	},
	{
		name: "mål: the spor that realise it and their generelle indsatser", route: "/maal/{id}", as: kommuneLaeser,
		path: at("/maal/", goalSQL, selvbestemmelse), maxQueries: 6, h1: selvbestemmelse,
		crumbs: []string{kommuneCrumb, "Ældrepolitik", aeldreObjective1, selvbestemmelse},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			tracks := doc.Find("ul.sporbar-tracks > li")
			if diff := cmp.Diff([]string{"Strategispor 1: " + kommuneSpor1}, texts(tracks.Find("h3"))); diff != "" {
				t.Errorf("spor (-want +got):\n%s", diff)
			}
			got := hrefs(tracks.Find("ul.sporbar-initiatives a"))
			want := paths(ts.ids(t, `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id
				JOIN strategies s ON s.id = t.strategy_id WHERE s.title = $1 AND t.number = 1 ORDER BY i.number`, kommuneStrategy), "/indsatser/")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("generelle indsatser (-want +got):\n%s", diff)
			}
		},
		// A goal realised through two spor (one more link made here), with 6 initiatives.
		other: func(t *testing.T, ts *testServer) string {
			goal := ts.id(t, goalSQL, "Vi udvikler vores måde at samarbejde på i organisationen og med omverdenen")
			if err := store.New(ts.db).LinkGoalTrack(context.Background(), goal, ts.id(t, trackSQL, kommuneStrategy, 2)); err != nil {
				t.Fatal(err)
			}
			return "/maal/" + itoa(goal)
		},
	},
	{
		name: "strategi: 4 spor with 2, 4, 2, 2 generelle indsatser", route: "/strategier/{id}", as: kommuneLaeser,
		path: at("/strategier/", strategySQL, kommuneStrategy), maxQueries: 8, h1: kommuneStrategy,
		crumbs: []string{kommuneCrumb, kommuneStrategy},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			var got []int
			doc.Find("ul.sporbar-tracks > li").Each(func(_ int, li *goquery.Selection) {
				got = append(got, li.Find("ul.sporbar-initiatives > li > a").Length())
			})
			if diff := cmp.Diff([]int{2, 4, 2, 2}, got); diff != "" {
				t.Errorf("generelle indsatser per spor (-want +got):\n%s", diff)
			}
			wantCount(t, doc, "ul.sporbar-tracks a[href^='/indsatser/']", 10)
		},
		other: at("/strategier/", strategySQL, "Social Strategi"), otherAs: regionLaeser,
	},
	{
		name: "spor", route: "/spor/{id}", as: kommuneLaeser, path: at("/spor/", trackSQL, kommuneStrategy, 2),
		maxQueries: 5, h1: kommuneSpor2,
		crumbs: []string{kommuneCrumb, kommuneStrategy, "Strategispor 2: " + kommuneSpor2},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "ul.sporbar-initiatives > li > a", 4)
			wantCount(t, doc, "table.sporbar-chain tbody tr", 3)
		},
		other: at("/spor/", trackSQL, "Social Strategi", 3), otherAs: regionLaeser,
	},
	{
		name:  "generel indsats: the goals it serves through its spor and the agreements that hold it",
		route: "/indsatser/{id}", as: kommuneLaeser, path: at("/indsatser/", generalSQL, kommuneStrategy, 1, 1),
		maxQueries: 11, h1: kommuneGeneral11,
		crumbs: []string{kommuneCrumb, kommuneStrategy, "Strategispor 1: " + kommuneSpor1, kommuneGeneral11},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			got := hrefs(doc.Find("table.sporbar-chain td a[href^='/maal/']"))
			want := paths(ts.ids(t, `SELECT g.id FROM goals g JOIN objectives o ON o.id = g.objective_id
				JOIN policies p ON p.id = o.policy_id JOIN goal_tracks gt ON gt.goal_id = g.id
				WHERE gt.track_id = $1 ORDER BY p.position, o.number, g.position`, ts.id(t, trackSQL, kommuneStrategy, 1)), "/maal/")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("goals served (-want +got):\n%s", diff)
			}
			wantCount(t, doc, "main a[href^='/aftaler/']", 6)
		},
		other: at("/indsatser/", generalSQL, "Social Strategi", 3, 10), otherAs: regionLaeser,
	},
	{
		name: "handleplan 12-D: its 2016 text, markers and OL note", route: "/handleplaner/{id}", as: regionLaeser,
		path: at("/handleplaner/", actionPlanSQL, "12-D"), maxQueries: 8, h1: "12-D: " + plan12DTitle,
		crumbs: []string{regionCrumb, "Social Strategi", "Tema 3: Bedre liv", "Stærkere samarbejde med sundhedsområdet", "12-D: " + plan12DTitle},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			year := doc.Find("section.sporbar-years")
			if got, want := text(year.Find("td a[href^='/indsatsplaner/']")), "Social Strategi – Indsatsplan 2016"; got != want {
				t.Errorf("year %q, want %q", got, want)
			}
			if diff := cmp.Diff([]string{"Aktiv indsats", "INITIATIV", "OL"}, texts(year.Find(".sporbar-markers .sporbar-badge"))); diff != "" {
				t.Errorf("markers (-want +got):\n%s", diff)
			}
			if got := text(year.Find("p").Not(".sporbar-ol").First()); !strings.HasPrefix(got, "Der nedsættes en arbejdsgruppe med deltagelse fra PS-Administrationen") {
				t.Errorf("the 2016 text begins %.60q", got)
			}
			if got, want := text(year.Find("p.sporbar-ol")), "OL: behandler arbejdsgruppens oplæg og træffer beslutning om den videre opfølgning."; got != want {
				t.Errorf("OL note %q, want %q", got, want)
			}
		},
		// A new handleplan with no year at all.
		other: func(t *testing.T, ts *testServer) string {
			id, err := store.New(ts.db).CreateActionPlan(context.Background(), domain.ActionPlan{
				InitiativeID: ts.id(t, generalSQL, "Social Strategi", 1, 3), Code: "3-A", Title: "Ny handleplan"})
			if err != nil {
				t.Fatal(err)
			}
			return "/handleplaner/" + itoa(id)
		},
	},
}
