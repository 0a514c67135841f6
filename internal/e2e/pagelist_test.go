package e2e

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"
)

// notPages are the GET routes that serve no HTML page, and why.
var notPages = map[string]string{
	"/healthz":                    "health check, plain text",
	"/readyz":                     "readiness check, plain text",
	"/metrics":                    "Prometheus metrics, behind METRICS_TOKEN or a 404",
	"/static/*":                   "static files",
	"/org/{org}/oversigt.xlsx":    "download",
	"/org/{org}/oversigt.csv":     "download",
	"/org/{org}/indsatser.xlsx":   "download",
	"/org/{org}/indsatser.csv":    "download",
	"/indsatsplaner/{id}.xlsx":    "download",
	"/indikatorer/{id}/xlsx":      "download",
	"/indikatorer/{id}/csv":       "download",
	"/org/{org}/admin/skema.xlsx": "download",
	"/org/{org}/status.xlsx":      "download",
}

// fagchefPages are the pages of a leader's work (an administrator may not use them), visited
// by the fagchef; their routes are filled from routeFills or fills.
var fagchefPages = map[string]bool{
	"/indsatser/{id}/lokale/ny": true, "/indsatser/{id}/rediger": true, "/indsatser/{id}/handleplaner/ny": true,
	"/handleplaner/{id}/rediger": true, "/org/{org}/status": true,
}

// signedOutPages are visited by someone not signed in.
var signedOutPages = map[string]bool{"/login": true, "/offentlig/{org}": true}

// routeFills overrides fills for single routes whose parameter must be a particular kind.
var routeFills = map[string]string{
	"/indsatser/{id}/lokale/ny": `SELECT o.slug, min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id JOIN organisations o ON o.id = s.organisation_id
		WHERE i.kind = 'general' GROUP BY o.slug`,
	// An item of a yearly plan is named by the query parameter punkt.
	"/indsatsplaner/{id}/punkt": `SELECT DISTINCT ON (o.slug) o.slug, i.annual_plan_id || '?punkt=' || i.id
		FROM annual_plan_items i JOIN annual_plans p ON p.id = i.annual_plan_id
		JOIN strategies s ON s.id = p.strategy_id JOIN organisations o ON o.id = s.organisation_id
		ORDER BY o.slug, i.id`,
	// The public page is switched on for the kommune only (fixture_test.go); the region's is a 404.
	"/offentlig/{org}": `SELECT slug, slug FROM organisations WHERE public_page`,
	// A step of the Indsatstrappe is named by the query parameter trin.
	"/org/{org}/admin/indsatstrappen/rediger": `SELECT o.slug, o.slug || '?trin=' || min(l.id) FROM ladder_steps l
		JOIN organisations o ON o.id = l.organisation_id GROUP BY o.slug`,
}

// fills gives, for each route prefix (a pattern up to its first parameter), the SQL query
// whose rows (organisation slug, value) fill the parameter: one page is checked for each row.
// The queries pick a row of each organisation or kind, so that each variant of a page (e.g.
// the kommune's and the region's labels, a general and a local initiative) is checked.
var fills = map[string]string{
	"/org/": `SELECT slug, slug FROM organisations`,
	"/politikker/": `SELECT o.slug, min(p.id) FROM policies p
		JOIN organisations o ON o.id = p.organisation_id GROUP BY o.slug, p.kind`,
	"/maalsaetninger/": `SELECT o.slug, min(m.id) FROM objectives m JOIN policies p ON p.id = m.policy_id
		JOIN organisations o ON o.id = p.organisation_id GROUP BY o.slug`,
	"/maal/": `SELECT o.slug, min(g.id) FROM goals g JOIN objectives m ON m.id = g.objective_id
		JOIN policies p ON p.id = m.policy_id JOIN organisations o ON o.id = p.organisation_id GROUP BY o.slug`,
	"/strategier/": `SELECT o.slug, min(s.id) FROM strategies s
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug`,
	"/spor/": `SELECT o.slug, min(t.id) FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug`,
	"/indsatser/": `SELECT o.slug, min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id JOIN organisations o ON o.id = s.organisation_id
		GROUP BY o.slug, i.kind`,
	"/handleplaner/": `SELECT o.slug, min(a.id) FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug, i.kind`,
	"/enheder/": `SELECT o.slug, min(u.id) FROM units u
		JOIN organisations o ON o.id = u.organisation_id GROUP BY o.slug`,
	"/aftaler/": `SELECT o.slug, min(a.id) FROM agreements a
		JOIN organisations o ON o.id = a.organisation_id GROUP BY o.slug, a.kind`,
	"/begreber/": `SELECT o.slug, min(b.id) FROM terms b
		JOIN organisations o ON o.id = b.organisation_id GROUP BY o.slug`,
	"/indsatsplaner/": `SELECT o.slug, min(p.id) FROM annual_plans p JOIN strategies s ON s.id = p.strategy_id
		JOIN organisations o ON o.id = s.organisation_id GROUP BY o.slug`,
	"/indikatorer/": `SELECT o.slug, min(i.id) FROM indicators i
		JOIN organisations o ON o.id = i.organisation_id GROUP BY o.slug`,
	"/admin/brugere/": `SELECT o.slug, min(u.id) FROM users u
		JOIN organisations o ON o.id = u.organisation_id GROUP BY o.slug`,
}

// errorPages must answer with an error status, and are checked like every other page.
var errorPages = []page{
	{Route: "404", Path: "/findes-ikke", Status: http.StatusNotFound},
	{Route: "404", Path: "/maal/999999999", Status: http.StatusNotFound},
	{Route: "404", Path: "/org/" + region, Org: kommune, Status: http.StatusNotFound}, // another organisation: as if missing
}

// searchPages are the search's results (the route itself is filled as a form without a
// query): hits in each organisation's words, nothing found, and an empty query (422).
var searchPages = []page{
	{Route: "/org/{org}/soeg", Path: "/org/" + kommune + "/soeg?q=indsats", Status: http.StatusOK, Name: "soeg/kommune"},
	{Route: "/org/{org}/soeg", Path: "/org/" + region + "/soeg?q=indsats", Org: region, Status: http.StatusOK, Name: "soeg/region"},
	{Route: "/org/{org}/soeg", Path: "/org/" + region + "/soeg?q=indsats&niveau=handleplaner", Org: region, Status: http.StatusOK,
		Name: "soeg/vis-flere"},
	{Route: "/org/{org}/soeg", Path: "/org/" + kommune + "/soeg?q=xylofonkvartet", Status: http.StatusOK, Name: "soeg/ingen"},
	{Route: "/org/{org}/soeg", Path: "/org/" + kommune + "/soeg?q=", Status: http.StatusUnprocessableEntity, Name: "soeg/tom"},
}

// omraadelederPages are the pages of the områdeleder's work on the fixture, with items: Mine
// opgaver, their local initiative and action plan with their forms, their agreement, an item
// of another område (read only) and that item's edit form (403). The fagchef's Mine opgaver
// and samlet skema, which show the fixture, are here too.
func (a *app) omraadelederPages(t *testing.T) []page {
	t.Helper()
	local, plan, other := itoa(a.fx.Local), itoa(a.fx.Plan), itoa(a.fx.Other)
	agreement := a.lookup(t, `SELECT a.id FROM agreements a JOIN units u ON u.id = a.lower_unit_id WHERE u.name = $1`, ownUnit)
	leader := func(route, path string, status int) page {
		return page{Route: route, Path: path, Status: status, As: asLeader, Name: "omraadeleder" + path}
	}
	return []page{
		leader("/mine-opgaver", "/mine-opgaver", http.StatusOK),
		leader("/indsatser/{id}", "/indsatser/"+local, http.StatusOK),
		leader("/indsatser/{id}/rediger", "/indsatser/"+local+"/rediger", http.StatusOK),
		leader("/indsatser/{id}/handleplaner/ny", "/indsatser/"+local+"/handleplaner/ny", http.StatusOK),
		leader("/indsatser/{id}/historik", "/indsatser/"+local+"/historik", http.StatusOK),
		leader("/handleplaner/{id}", "/handleplaner/"+plan, http.StatusOK),
		leader("/handleplaner/{id}/rediger", "/handleplaner/"+plan+"/rediger", http.StatusOK),
		leader("/aftaler/{id}", "/aftaler/"+agreement, http.StatusOK),
		leader("/org/{org}/status", "/org/"+kommune+"/status", http.StatusOK),
		leader("/indikatorer/{id}", "/indikatorer/"+itoa(a.fx.Indicator), http.StatusOK),
		leader("/indsatser/{id}", "/indsatser/"+other, http.StatusOK),
		leader("403", "/indsatser/"+other+"/rediger", http.StatusForbidden),
		{Route: "/mine-opgaver", Path: "/mine-opgaver", Status: http.StatusOK, As: asFagchef, Name: "fagchef/mine-opgaver"},
		{Route: "/aftaler/{id}", Path: "/aftaler/" + agreement, Status: http.StatusOK, As: asFagchef, Name: "fagchef/aftaler/" + agreement},
		{Route: "/org/{org}/oversigt", Path: "/org/" + kommune + "/oversigt", Status: http.StatusOK, As: asFagchef,
			Name: "fagchef/org/" + kommune + "/oversigt"},
	}
}

// formPages are forms sent with mistakes, as without JavaScript: each comes back with its
// messages beside the fields (422), the other person's values (409) or an error page (400).
func (a *app) formPages(t *testing.T) []page {
	t.Helper()
	local, plan := itoa(a.fx.Local), itoa(a.fx.Plan)
	general := a.lookup(t, `SELECT parent_id FROM initiatives WHERE id = $1`, a.fx.Local)
	agreement := a.lookup(t, `SELECT a.id FROM agreements a JOIN units u ON u.id = a.lower_unit_id WHERE u.name = $1`, ownUnit)
	today := time.Now().Format(time.DateOnly)
	form := func(name, path string, status int, as string, v url.Values) page {
		return page{Route: "POST " + path, Path: path, Status: status, As: as, Form: v, Name: "fejl/" + name}
	}
	planFields := url.Values{"version": {"999999"}, "code": {a.fx.PlanCode}, "title": {a.fx.PlanTitle + " og aflastere"},
		"responsible": {"Teamleder Øst"}, "start": {""}, "deadline": {""}, "weight": {"1"}}
	return []page{
		form("status-tom", "/indsatser/"+local+"/status", http.StatusUnprocessableEntity, asLeader, url.Values{}),
		form("status-fremdrift", "/handleplaner/"+plan+"/status", http.StatusUnprocessableEntity, asLeader,
			url.Values{"phase": {"under_implementering"}, "health": {"kritisk"}, "progress": {"150"}, "as_of": {today}}),
		form("kommentar-tom", "/aftaler/"+agreement+"/kommentarer", http.StatusUnprocessableEntity, asLeader,
			url.Values{"body": {" "}}),
		form("handleplan-rediger", "/handleplaner/"+plan+"/rediger", http.StatusUnprocessableEntity, asLeader,
			url.Values{"version": {"1"}, "code": {""}, "title": {""}, "start": {"2026-05-01"}, "deadline": {"2026-01-01"}, "weight": {"x"}}),
		form("handleplan-konflikt", "/handleplaner/"+plan+"/rediger", http.StatusConflict, asLeader, planFields),
		form("handleplan-uden-version", "/handleplaner/"+plan+"/rediger", http.StatusBadRequest, asLeader,
			url.Values{"title": {"x"}}),
		form("handleplan-ny", "/indsatser/"+local+"/handleplaner/ny", http.StatusUnprocessableEntity, asLeader, url.Values{}),
		form("lokal-indsats-ny", "/indsatser/"+general+"/lokale/ny", http.StatusUnprocessableEntity, asFagchef, url.Values{}),
		form("lokal-indsats-rediger", "/indsatser/"+local+"/rediger", http.StatusUnprocessableEntity, asLeader,
			url.Values{"version": {"1"}, "title": {""}}),
		form("bruger-ny", "/admin/brugere/ny", http.StatusUnprocessableEntity, asAdmin, url.Values{"email": {"ikke-en-adresse"}}),
		form("kommentar-styretegn", "/aftaler/"+agreement+"/kommentarer", http.StatusUnprocessableEntity, asLeader,
			url.Values{"body": {"Hej\x00med\x1bstyretegn"}}),
		form("skema-uden-fil", "/org/"+kommune+"/admin/import", http.StatusUnprocessableEntity, asAdmin, url.Values{}),
		form("api-noegle-ny", "/org/"+kommune+"/admin/api-noegler", http.StatusUnprocessableEntity, asAdmin, url.Values{"name": {" "}}),
		// Not mistakes, but pages only a POST shows: a new API token and calendar address, shown once.
		form("api-noegle-vist", "/org/"+kommune+"/admin/api-noegler", http.StatusCreated, asAdmin, url.Values{"name": {"Power BI"}}),
		form("kalender-vist", "/profil/kalender", http.StatusCreated, asAdmin, url.Values{}),
		form("adgangskode", "/profil/adgangskode", http.StatusUnprocessableEntity, asAdmin, url.Values{"current": {"forkert"}}),
		form("login", "/login", http.StatusUnauthorized, asNobody,
			url.Values{"email": {"ingen@e2e.sporbar.local"}, "password": {"forkert-adgangskode"}}),
		// The one answer that shows a generated password (it is never behind a redirect).
		{Route: "POST /admin/brugere/ny", Path: "/admin/brugere/ny", Status: http.StatusOK, As: asAdmin, Name: "bruger-adgangskode",
			Form: url.Values{"email": {"ny.bruger@e2e.sporbar.local"}, "name": {"Ny Bruger"}, "role": {"laeser"}}},
	}
}

// itoa writes an id as the URLs do.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
