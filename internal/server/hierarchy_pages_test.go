package server_test

import (
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestHierarchyPages(t *testing.T) {
	t.Parallel()
	runPages(t, hierarchyPages)
}

// The administration's crumbs.
const adminCrumbLabel = "Politikker og strategier"

// idPath returns a path func: prefix followed by the id the query finds.
func idPath(prefix, query string, args ...any) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string { return prefix + itoa(ts.id(t, query, args...)) }
}

// withSuffix adds suffix to the path f returns.
func withSuffix(f func(*testing.T, *testServer) string, suffix string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string { return f(t, ts) + suffix }
}

const (
	qPolicy    = `SELECT id FROM policies WHERE title = 'Sundhedspolitik'`
	qObjective = `SELECT o.id FROM objectives o JOIN policies p ON p.id = o.policy_id WHERE p.title = 'Sundhedspolitik' AND o.number = 2`
	qGoal      = `SELECT id FROM goals WHERE title = 'At udnytte den digitale verden som adgang til sundhedsfremmende aktiviteter'`
	qStrategy  = `SELECT id FROM strategies WHERE title = 'Strategi for Sundhed og Omsorg'`
	qTrack     = `SELECT t.id FROM tracks t JOIN strategies s ON s.id = t.strategy_id WHERE s.title = 'Strategi for Sundhed og Omsorg' AND t.number = 2`
	qUnit      = `SELECT id FROM units WHERE name = 'Myndighed'`
	qTerm      = `SELECT id FROM terms WHERE name = 'Indsatstrappen'`
	qStep      = `SELECT l.id FROM ladder_steps l JOIN organisations o ON o.id = l.organisation_id WHERE o.slug = 'ringkobing-skjern' AND l.position = 2`
)

// formHas checks that the page holds the form's fields.
func formHas(names ...string) func(*testing.T, *testServer, *goquery.Document) {
	return func(t *testing.T, _ *testServer, doc *goquery.Document) {
		t.Helper()
		for _, n := range names {
			if doc.Find("form.sporbar-form [name='"+n+"']").Length() == 0 {
				t.Errorf("the form has no field %q", n)
			}
		}
	}
}

// hierarchyLeader is the områdeleder the status page is seen by (made by the case's path).
var hierarchyLeader = "omraadeleder.hjemmepleje@" + kommune + ".test"

var hierarchyPages = []pageCase{
	{name: "administration of policies and strategies", route: "/org/{org}/admin/hierarki", as: kommuneAdmin,
		path: fixed("/org/" + kommune + "/admin/hierarki"), maxQueries: 14, h1: "Administration",
		crumbs: []string{kommuneCrumb, adminCrumbLabel}, other: fixed("/org/" + region + "/admin/hierarki"),
		otherAs: userEmail(region, domain.RoleAdmin)},
	{name: "settings", route: "/org/{org}/admin/indstillinger", as: kommuneAdmin,
		path: fixed("/org/" + kommune + "/admin/indstillinger"), maxQueries: 2,
		h1: "Indstillinger for Ringkøbing-Skjern Kommune", crumbs: []string{kommuneCrumb, "Administration", "Indstillinger"},
		check: formHas("name", "kind", "vision", "label_track", "label_action_plans", "version")},
	{name: "new policy", route: "/org/{org}/admin/politikker/ny", as: kommuneAdmin,
		path: fixed("/org/" + kommune + "/admin/politikker/ny"), maxQueries: 2, h1: "Ny politik",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Ny politik"}, check: formHas("title", "kind", "numbered")},
	{name: "edit policy", route: "/politikker/{id}/rediger", as: kommuneAdmin, path: withSuffix(idPath("/politikker/", qPolicy), "/rediger"),
		maxQueries: 3, h1: "Sundhedspolitik", crumbs: []string{kommuneCrumb, adminCrumbLabel, "Sundhedspolitik", "Rediger politik"},
		check: formHas("title", "version")},
	{name: "new objective", route: "/politikker/{id}/maalsaetninger/ny", as: kommuneAdmin,
		path: withSuffix(idPath("/politikker/", qPolicy), "/maalsaetninger/ny"), maxQueries: 3, h1: "Ny målsætning",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Sundhedspolitik", "Ny målsætning"}, check: formHas("title", "description")},
	{name: "edit objective", route: "/maalsaetninger/{id}/rediger", as: kommuneAdmin,
		path: withSuffix(idPath("/maalsaetninger/", qObjective), "/rediger"), maxQueries: 3,
		h1: "At borgere i Ringkøbing-Skjern Kommune oplever digital trivsel med viden om, tryghed i og bevidsthed om medieforbrug",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Sundhedspolitik",
			"At borgere i Ringkøbing-Skjern Kommune oplever digital trivsel med viden om, tryghed i og bevidsthed om medieforbrug",
			"Rediger målsætning"}, check: formHas("number", "title")},
	{name: "new goal", route: "/maalsaetninger/{id}/maal/ny", as: kommuneAdmin,
		path: withSuffix(idPath("/maalsaetninger/", qObjective), "/maal/ny"), maxQueries: 4, h1: "Nyt mål",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Sundhedspolitik",
			"At borgere i Ringkøbing-Skjern Kommune oplever digital trivsel med viden om, tryghed i og bevidsthed om medieforbrug",
			"Nyt mål"}, check: formHas("title", "tracks")},
	{name: "edit goal", route: "/maal/{id}/rediger", as: kommuneAdmin, path: withSuffix(idPath("/maal/", qGoal), "/rediger"),
		maxQueries: 5, h1: "At udnytte den digitale verden som adgang til sundhedsfremmende aktiviteter",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Sundhedspolitik",
			"At borgere i Ringkøbing-Skjern Kommune oplever digital trivsel med viden om, tryghed i og bevidsthed om medieforbrug",
			"At udnytte den digitale verden som adgang til sundhedsfremmende aktiviteter", "Rediger mål"},
		check: func(t *testing.T, _ *testServer, doc *goquery.Document) {
			if got := texts(doc.Find("input[name=tracks]:checked + label")); len(got) != 1 || got[0] !=
				"Strategispor 1: Vi vil styrke de sundhedsfremmende og rehabiliterende indsatser i alle livsfasen og vilkår" {
				t.Errorf("checked tracks %q", got)
			}
		}},
	{name: "new strategy", route: "/org/{org}/admin/strategier/ny", as: kommuneAdmin,
		path: fixed("/org/" + kommune + "/admin/strategier/ny"), maxQueries: 3, h1: "Ny strategi",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Ny strategi"}, check: formHas("title", "unit", "period_start", "period_end")},
	{name: "edit strategy", route: "/strategier/{id}/rediger", as: kommuneAdmin, path: withSuffix(idPath("/strategier/", qStrategy), "/rediger"),
		maxQueries: 4, h1: "Strategi for Sundhed og Omsorg",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Strategi for Sundhed og Omsorg", "Rediger strategi"},
		check:  formHas("title", "unit", "vision", "version")},
	{name: "new track", route: "/strategier/{id}/spor/ny", as: kommuneAdmin, path: withSuffix(idPath("/strategier/", qStrategy), "/spor/ny"),
		maxQueries: 4, h1: "Nyt strategispor", crumbs: []string{kommuneCrumb, adminCrumbLabel, "Strategi for Sundhed og Omsorg", "Nyt strategispor"}},
	{name: "edit track", route: "/spor/{id}/rediger", as: kommuneAdmin, path: withSuffix(idPath("/spor/", qTrack), "/rediger"),
		maxQueries: 3, h1: "Vi vil sikre kvalitet i opgaveløsningen for at styrke borgersikkerheden",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Strategi for Sundhed og Omsorg",
			"Strategispor 2: Vi vil sikre kvalitet i opgaveløsningen for at styrke borgersikkerheden", "Rediger strategispor"},
		check: formHas("number", "title")},
	{name: "new general initiative", route: "/spor/{id}/indsatser/ny", as: kommuneAdmin,
		path: withSuffix(idPath("/spor/", qTrack), "/indsatser/ny"), maxQueries: 3, h1: "Ny generel indsats",
		crumbs: []string{kommuneCrumb, adminCrumbLabel, "Strategi for Sundhed og Omsorg",
			"Strategispor 2: Vi vil sikre kvalitet i opgaveløsningen for at styrke borgersikkerheden", "Ny generel indsats"},
		check: formHas("title", "responsible")},
	{name: "units", route: "/org/{org}/admin/enheder", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/enheder"),
		maxQueries: 3, h1: "Administration", crumbs: []string{kommuneCrumb, "Administration af enheder"},
		other: fixed("/org/" + region + "/admin/enheder"), otherAs: userEmail(region, domain.RoleAdmin)},
	{name: "new unit", route: "/org/{org}/admin/enheder/ny", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/enheder/ny"),
		maxQueries: 3, h1: "Ny enhed", crumbs: []string{kommuneCrumb, "Enheder", "Ny enhed"}, check: formHas("name", "kind", "parent")},
	{name: "edit unit", route: "/enheder/{id}/rediger", as: kommuneAdmin, path: withSuffix(idPath("/enheder/", qUnit), "/rediger"),
		maxQueries: 4, h1: "Myndighed", crumbs: []string{kommuneCrumb, "Enheder", "Myndighed", "Rediger enhed"},
		check: func(t *testing.T, _ *testServer, doc *goquery.Document) {
			if got := text(doc.Find("#parent option[selected]")); got != "Sundhed og Omsorg" {
				t.Errorf("parent %q, want Sundhed og Omsorg", got)
			}
		}},
	{name: "terms", route: "/org/{org}/admin/begreber", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/begreber"),
		maxQueries: 3, h1: "Administration", crumbs: []string{kommuneCrumb, "Administration af begreber"}},
	{name: "new term", route: "/org/{org}/admin/begreber/ny", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/begreber/ny"),
		maxQueries: 2, h1: "Nyt begreb", crumbs: []string{kommuneCrumb, "Begreber", "Nyt begreb"}, check: formHas("name", "links")},
	{name: "edit term", route: "/begreber/{id}/rediger", as: kommuneAdmin, path: withSuffix(idPath("/begreber/", qTerm), "/rediger"),
		maxQueries: 3, h1: "Indsatstrappen", crumbs: []string{kommuneCrumb, "Begreber", "Indsatstrappen", "Rediger begreb"}},
	{name: "ladder", route: "/org/{org}/admin/indsatstrappen", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/indsatstrappen"),
		maxQueries: 3, h1: "Administration", crumbs: []string{kommuneCrumb, "Administration af Indsatstrappen"}},
	{name: "new ladder step", route: "/org/{org}/admin/indsatstrappen/ny", as: kommuneAdmin,
		path: fixed("/org/" + kommune + "/admin/indsatstrappen/ny"), maxQueries: 2, h1: "Nyt trin på Indsatstrappen",
		crumbs: []string{kommuneCrumb, "Indsatstrappen", "Nyt trin"}, check: formHas("name", "colour")},
	{name: "edit ladder step", route: "/org/{org}/admin/indsatstrappen/rediger", as: kommuneAdmin,
		path: withSuffix(func(t *testing.T, ts *testServer) string {
			return "/org/" + kommune + "/admin/indsatstrappen/rediger?trin=" + itoa(ts.id(t, qStep))
		}, ""), maxQueries: 3, h1: "Hjælp i eget hjem", crumbs: []string{kommuneCrumb, "Indsatstrappen", "Rediger trin"},
		check: formHas("position", "name", "colour", "trin")},
	{name: "samlet skema", route: "/org/{org}/admin/skema", as: kommuneAdmin, path: fixed("/org/" + kommune + "/admin/skema"),
		maxQueries: 2, h1: "Administration", crumbs: []string{kommuneCrumb, "Samlet skema"}},
	{name: "status by spreadsheet", route: "/org/{org}/status", as: hierarchyLeader,
		path: func(t *testing.T, ts *testServer) string {
			ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
			return "/org/" + kommune + "/status"
		}, maxQueries: 15, h1: "Status i regneark", crumbs: []string{kommuneCrumb, "Status i regneark"}},
}
