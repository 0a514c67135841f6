package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/server"
	"github.com/sporbar/sporbar/internal/store"
)

// addUser creates an active user with role in the organisation (and unit, by name), with
// testPassword, and returns its e-mail address.
func (ts *testServer) addUser(t *testing.T, slug, role, unit string) string {
	t.Helper()
	ctx := context.Background()
	st := store.New(ts.db)
	org, err := st.GetOrganisationBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(testPassword, auth.Params{Memory: 1024, Time: 1, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	u := domain.User{OrganisationID: org.ID, Email: fmt.Sprintf("%s.%s@%s.test", role, strings.ToLower(strings.Fields(unit + " x")[0]), slug),
		Name: role, Role: role, PasswordHash: hash, Active: true}
	if unit != "" {
		un, err := st.GetUnitByName(ctx, org.ID, unit)
		if err != nil {
			t.Fatal(err)
		}
		u.UnitID = &un.ID
	}
	if _, err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	return u.Email
}

// access is what a person gets from a route.
type access int

const (
	allowed   access = iota // the page or the action (any status but 403, 404 and a redirect to /login)
	forbidden               // 403: a refusal inside one's own organisation
	toLogin                 // sent to the sign-in page
	hidden                  // 404: another organisation's item answers as a missing one
)

func (a access) String() string { return [...]string{"allowed", "forbidden", "to login", "hidden"}[a] }

// class is who may use a route.
type class int

const (
	public         class = iota // everyone, signed in or not
	member                      // anyone signed in to the organisation the item belongs to
	self                        // anyone signed in (their own things)
	adminsOnly                  // the admins of the organisation the item belongs to
	userAdmin                   // as adminsOnly, but anyone not an admin is refused (403) before the id is read
	anyAdmin                    // any admin (the route shows their own organisation)
	generalEditor               // the fagchef of the fagområde and admins: general initiatives, the region's plans
	localCreator                // the fagchef and the områdeledere: local initiatives under a general one
	commenter                   // the direktion, admins and the fagchef: the dialogue on fagområde items
	partyCommenter              // as commenter, and the områdeleder party to the agreement
	approver                    // the fagchef of the fagområde
)

// classRoles are the roles (in the item's own organisation) a class lets in.
var classRoles = map[class][]string{
	adminsOnly:     {domain.RoleAdmin},
	userAdmin:      {domain.RoleAdmin},
	generalEditor:  {domain.RoleFagchef, domain.RoleAdmin},
	localCreator:   {domain.RoleFagchef, domain.RoleOmraadeleder},
	commenter:      {domain.RoleDirektion, domain.RoleAdmin, domain.RoleFagchef},
	partyCommenter: {domain.RoleDirektion, domain.RoleAdmin, domain.RoleFagchef, domain.RoleOmraadeleder},
	approver:       {domain.RoleFagchef},
}

// routeClasses is the expected table: every route of the router must be here.
var routeClasses = map[string]class{
	"GET /healthz": public, "GET /readyz": public, "GET /static/*": public,
	"GET /login": public, "POST /login": public, "POST /logout": public, "GET /tilgaengelighed": public,
	"GET /": self, "GET /profil": self, "POST /profil/adgangskode": self,
	"GET /org/{org}": member, "GET /org/{org}/sammenhaeng": member, "GET /org/{org}/aftaler": member,
	"GET /org/{org}/enheder": member, "GET /org/{org}/begreber": member, "GET /org/{org}/indsatstrappen": member,
	"GET /org/{org}/soeg":  member,
	"GET /politikker/{id}": member, "GET /maalsaetninger/{id}": member, "GET /maal/{id}": member,
	"GET /strategier/{id}": member, "GET /spor/{id}": member, "GET /indsatser/{id}": member,
	"GET /handleplaner/{id}": member, "GET /enheder/{id}": member, "GET /aftaler/{id}": member,
	"GET /begreber/{id}": member, "GET /indsatsplaner/{id}": member,
	"GET /admin/brugere": anyAdmin, "GET /admin/brugere/ny": anyAdmin, "POST /admin/brugere/ny": anyAdmin,
	"GET /admin/brugere/{id}": userAdmin, "POST /admin/brugere/{id}": userAdmin,
	"POST /admin/brugere/{id}/adgangskode": userAdmin, "POST /admin/brugere/{id}/deaktiver": userAdmin,
	"POST /admin/brugere/{id}/aktiver": userAdmin, "POST /admin/brugere/{id}/nulstil-forsoeg": userAdmin,
	"GET /admin/historik": anyAdmin,
	"GET /mine-opgaver":   self, "POST /mine-opgaver/laest": self, "POST /mine-opgaver/laest/{id}": self,
	"GET /org/{org}/oversigt": member, "GET /org/{org}/oversigt.xlsx": member, "GET /org/{org}/oversigt.csv": member,
	"GET /org/{org}/indsatser": member, "GET /org/{org}/indsatser.xlsx": member, "GET /org/{org}/indsatser.csv": member,
	"GET /org/{org}/rapportering": member, "GET /org/{org}/direktion": member, "GET /org/{org}/sporbarhed": member,
	"GET /org/{org}/udvikling": member, "GET /org/{org}/tidsplan": member,
	// /indsatser/{id} is a general initiative of the kommune's fagområde; /handleplaner/{id} one of
	// the region's handleplaner (under a general indsatsområde); /aftaler/{id} the Hjemmepleje DBA.
	"GET /indsatser/{id}/historik": member, "GET /handleplaner/{id}/historik": member,
	"GET /aftaler/{id}/historik": member, "GET /aftaler/{id}/aendringer": member,
	"GET /indsatser/{id}/lokale/ny": localCreator, "POST /indsatser/{id}/lokale/ny": localCreator,
	"GET /indsatser/{id}/rediger": generalEditor, "POST /indsatser/{id}/rediger": generalEditor,
	"POST /indsatser/{id}/arkiver":        generalEditor,
	"GET /indsatser/{id}/handleplaner/ny": generalEditor, "POST /indsatser/{id}/handleplaner/ny": generalEditor,
	"GET /handleplaner/{id}/rediger": generalEditor, "POST /handleplaner/{id}/rediger": generalEditor,
	"POST /handleplaner/{id}/arkiver": generalEditor,
	"POST /indsatser/{id}/status":     generalEditor, "POST /handleplaner/{id}/status": generalEditor,
	"POST /indsatser/{id}/kommentarer": commenter, "POST /handleplaner/{id}/kommentarer": commenter,
	"POST /aftaler/{id}/kommentarer": partyCommenter, "POST /aftaler/{id}/godkend": approver,
}

// addRouteClasses adds the expected classes of a feature's routes (call it from an init
// function in the feature's test file).
func addRouteClasses(m map[string]class) {
	for k, v := range m {
		routeClasses[k] = v
	}
}

// TestRouteRoleMatrix walks every route of the router and checks every role, and anonymous, in
// the organisation the item belongs to and in another one, against routeClasses.
func TestRouteRoleMatrix(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	routes := ts.routes(t)
	for _, r := range routes {
		if _, ok := routeClasses[r]; !ok {
			t.Errorf("route %q is not in the expected table routeClasses", r)
		}
	}

	// The people: every role in the kommune (whose items the paths name), and the region's admin.
	people := map[string]struct {
		email    string
		role     string
		ownOrg   bool
		anonymus bool
	}{
		"anonym":          {anonymus: true},
		"admin":           {userEmail(kommune, domain.RoleAdmin), domain.RoleAdmin, true, false},
		"direktion":       {ts.addUser(t, kommune, domain.RoleDirektion, "Direktion"), domain.RoleDirektion, true, false},
		"fagchef":         {ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"), domain.RoleFagchef, true, false},
		"omraadeleder":    {ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning"), domain.RoleOmraadeleder, true, false},
		"laeser":          {userEmail(kommune, domain.RoleLaeser), domain.RoleLaeser, true, false},
		"regionens admin": {userEmail(region, domain.RoleAdmin), domain.RoleAdmin, false, false},
		"regionens læser": {userEmail(region, domain.RoleLaeser), domain.RoleLaeser, false, false},
	}
	params, regionItems := ts.routeParams(t)

	for name, p := range people {
		signIn := func() {
			if p.anonymus {
				ts.signOut(t)
			} else {
				ts.signIn(t, p.email)
			}
		}
		signIn()
		for _, route := range routes {
			method, pattern, _ := strings.Cut(route, " ")
			if pattern == "/static/*" {
				pattern = "/static/css/app.css"
			}
			path, inRegion := fill(pattern, params, regionItems)
			if strings.Contains(path, "{") {
				t.Errorf("%s: no value for the parameter in %s", route, path)
				continue
			}
			want := expected(routeClasses[route], p.anonymus, p.ownOrg != inRegion, p.role)
			// A 404 is also an allowed answer (an item's page may say it is gone).
			if got := ts.access(t, method, path); got != want && (want != allowed || got != hidden) {
				t.Errorf("%s as %s: %v, want %v", route, name, got, want)
			}
			if route == "POST /logout" {
				signIn()
			}
		}
	}
}

// routes are the router's routes as "METHOD pattern", sorted.
func (ts *testServer) routes(t *testing.T) []string {
	t.Helper()
	cfg, _ := config.Load(func(string) string { return "" })
	var routes []string
	err := chi.Walk(server.New(cfg, store.New(ts.db), nil).Handler().(chi.Routes),
		func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
			routes = append(routes, method+" "+route)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(routes)
	return routes
}

// routeParams are the values for the routes' parameters (see fill): the kommune's items, and
// the region's for the two kinds the kommune has none of. It adds the user the admin routes act on.
func (ts *testServer) routeParams(t *testing.T) (params, regionItems map[string]string) {
	t.Helper()
	target := ts.addUser(t, kommune, domain.RoleLaeser, "Myndighed") // the user the admin routes act on
	params = map[string]string{
		"{org}":                    kommune,
		"/politikker/{id}":         itoa(ts.id(t, `SELECT min(p.id) FROM policies p JOIN organisations o ON o.id = p.organisation_id WHERE o.slug = $1`, kommune)),
		"/maalsaetninger/{id}":     itoa(ts.id(t, `SELECT min(id) FROM objectives`)),
		"/maal/{id}":               itoa(ts.id(t, `SELECT min(id) FROM goals`)),
		"/strategier/{id}":         itoa(ts.id(t, `SELECT s.id FROM strategies s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, kommune)),
		"/spor/{id}":               itoa(ts.id(t, `SELECT min(t.id) FROM tracks t JOIN strategies s ON s.id = t.strategy_id JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, kommune)),
		"/indsatser/{id}":          itoa(ts.id(t, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, kommune)),
		"/enheder/{id}":            itoa(ts.id(t, `SELECT u.id FROM units u WHERE u.name = 'Hjemmepleje og akutaflastning'`)),
		"/aftaler/{id}":            itoa(ts.id(t, `SELECT a.id FROM agreements a JOIN units u ON u.id = a.lower_unit_id WHERE u.name = 'Hjemmepleje og akutaflastning'`)),
		"/indikatorer/{id}":        itoa(ts.matrixIndicator(t)),
		"/mine-opgaver/laest/{id}": "999999999", // no such entry: 404 for everyone signed in
		"/begreber/{id}":           itoa(ts.id(t, `SELECT min(id) FROM terms`)),
		"/admin/brugere/{id}":      itoa(ts.id(t, `SELECT id FROM users WHERE email = $1`, target)),
		"/api/v1/{id}":             "1",         // the API answers 401 without a token, whatever the id
		"/kommentarer/{id}":        "999999999", // no such comment: 404 (who may publish one: public_test.go)
	}
	// The kommune has no handleplaner or indsatsplaner of its own in the documents; the region's
	// stand in, so for these two "own organisation" is the region's.
	regionItems = map[string]string{
		"/handleplaner/{id}":  itoa(ts.id(t, `SELECT min(id) FROM action_plans`)),
		"/indsatsplaner/{id}": itoa(ts.id(t, `SELECT min(id) FROM annual_plans`)),
	}
	return params, regionItems
}

// fill puts values into the pattern's parameters; inRegion says the item is the region's.
func fill(pattern string, params, regionItems map[string]string) (path string, inRegion bool) {
	for prefix, id := range regionItems {
		if strings.HasPrefix(pattern, strings.TrimSuffix(prefix, "{id}")) {
			return strings.Replace(pattern, "{id}", id, 1), true
		}
	}
	path = strings.Replace(pattern, "{org}", params["{org}"], 1)
	path = strings.Replace(path, "{method}", "ingen-metode", 1) // no such sign-in method: 404 once let in
	path = strings.Replace(path, "{secret}", "kal_ukendt", 1)   // the calendar feed: 404 for everyone
	path = strings.Replace(path, "{token}", "ugyldigt-link", 1) // a one-time or unsubscribe link's token
	for prefix, id := range params {
		if strings.HasPrefix(pattern, strings.TrimSuffix(prefix, "{id}")) && strings.Contains(prefix, "{id}") {
			path = strings.Replace(path, "{id}", id, 1)
		}
	}
	return path, false
}

func expected(c class, anonymous, ownOrg bool, role string) access {
	switch {
	case c == public:
		return allowed
	case anonymous:
		return toLogin
	case c == self:
		return allowed
	case c == anyAdmin && role == domain.RoleAdmin:
		return allowed
	case c == anyAdmin:
		return forbidden
	case c == userAdmin && role != domain.RoleAdmin:
		return forbidden // refused before the id is read, so the answer tells nothing about it
	case !ownOrg:
		return hidden
	}
	if roles, ok := classRoles[c]; ok && !slices.Contains(roles, role) {
		return forbidden
	}
	return allowed
}

// access sends the request (a POST with an empty form) without following redirects and
// classifies the answer.
func (ts *testServer) access(t *testing.T, method, path string) access {
	t.Helper()
	req, err := http.NewRequest(method, ts.srv.URL+path, strings.NewReader(url.Values{}.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	c := *ts.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusForbidden:
		return forbidden
	case resp.StatusCode == http.StatusNotFound:
		return hidden
	case resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") &&
		path != "/login" && path != "/logout":
		return toLogin
	}
	return allowed
}
