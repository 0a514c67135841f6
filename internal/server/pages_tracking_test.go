package server_test

import (
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestTrackingPages(t *testing.T) {
	t.Parallel()
	runPages(t, trackingPages)
}

// hjemmeplejeLeder is the områdeleder of Hjemmepleje og akutaflastning (made by the path funcs).
const hjemmeplejeLeder = "omraadeleder.hjemmepleje@" + kommune + ".test"

// withLocal makes a local initiative in Hjemmepleje with a status update and returns path+id+suffix.
func withLocal(prefix, suffix string) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string {
		return prefix + itoa(ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering")) + suffix
	}
}

// under is at (pages_chain_test.go) with suffix after the id.
func under(prefix, suffix, sql string, args ...any) func(*testing.T, *testServer) string {
	return func(t *testing.T, ts *testServer) string { return at(prefix, sql, args...)(t, ts) + suffix }
}

// trackingPages are the history tabs, what changed since approval, Mine opgaver and the admin log.
var trackingPages = []pageCase{
	{
		name: "historik: a local initiative's creation", route: "/indsatser/{id}/historik", as: kommuneLaeser,
		path: withLocal("/indsatser/", "/historik"), maxQueries: 4, h1: "Hverdagsrehabilitering",
		crumbs: []string{kommuneCrumb, kommuneStrategy, "Strategispor 1: Vi vil styrke de sundhedsfremmende og rehabiliterende indsatser i alle livsfasen og vilkår",
			"Implementerer indsatsstrappen i Sundhed og Omsorg, hvor borgerne med rette indsats på rette tidspunkt understøttes i at bidrage i eget liv ud fra en rehabiliterende tilgang.",
			"Hverdagsrehabilitering"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			wantCount(t, doc, "table.sporbar-audit tbody tr", 1)
			wantCount(t, doc, "nav.sporbar-tabs a[aria-current=page]", 1)
		},
	},
	{
		name: "historik: a handleplan of the region", route: "/handleplaner/{id}/historik", as: regionLaeser,
		path: under("/handleplaner/", "/historik", `SELECT id FROM action_plans WHERE code = $1`, "12-D"), maxQueries: 4,
		h1: "Specialområderne skal i dialog med de kommunale rusmiddelcentre skabe fælles forståelse omkring fordelingen af opgaveløsningen i forhold til borgere på tilbuddene med misbrug.",
		crumbs: []string{regionCrumb, "Stærkere samarbejde med sundhedsområdet",
			"Specialområderne skal i dialog med de kommunale rusmiddelcentre skabe fælles forståelse omkring fordelingen af opgaveløsningen i forhold til borgere på tilbuddene med misbrug.",
			"Historik"},
		check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
			if got := text(doc.Find("main .sporbar-empty")); got != "Der er ingen ændringer endnu." {
				t.Errorf("empty history %q", got)
			}
		},
	},
	{
		name: "historik: an agreement", route: "/aftaler/{id}/historik", as: kommuneLaeser,
		path: under("/aftaler/", "/historik", agreementSQL, hjemmeplejeAgreement), maxQueries: 4, h1: hjemmeplejeAgreement,
		crumbs: []string{kommuneCrumb, "Aftaler", hjemmeplejeAgreement, "Historik"},
	},
	{
		name: "ændringer: never approved", route: "/aftaler/{id}/aendringer", as: kommuneLaeser,
		path: under("/aftaler/", "/aendringer", agreementSQL, hjemmeplejeAgreement), maxQueries: 7, h1: "Ændringer siden godkendelsen",
		crumbs: []string{kommuneCrumb, "Aftaler", hjemmeplejeAgreement, "Ændringer siden godkendelsen"},
	},
	{
		name: "mine opgaver: the områdeleder of Hjemmepleje", route: "/mine-opgaver", as: hjemmeplejeLeder,
		path: func(t *testing.T, ts *testServer) string {
			ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
			return "/mine-opgaver"
		},
		maxQueries: 6, h1: "Mine opgaver", crumbs: []string{kommuneCrumb, "Mine opgaver"},
	},
	{
		name: "historik for hele organisationen", route: "/admin/historik", as: kommuneAdmin,
		path: fixed("/admin/historik"), maxQueries: 4, h1: "Administration", crumbs: []string{kommuneCrumb, "Administration", "Historik"},
	},
}
