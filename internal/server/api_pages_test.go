package server_test

import (
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/store"
)

// The pages of the API tokens and the calendar feed, checked with the others (runPages); the
// API and the feed themselves answer JSON, CSV and iCalendar (api_test.go, calendar_test.go).
func init() {
	notPages = append(notPages, "/api/v1/openapi.json", "/kalender/{secret}")
	for _, name := range store.APICollections() {
		notPages = append(notPages, "/api/v1/"+name, "/api/v1/"+name+".csv", "/api/v1/"+name+"/{id}")
	}
	hierarchyPages = append(hierarchyPages,
		pageCase{
			name: "API-nøgler", route: "/org/{org}/admin/api-noegler", as: kommuneAdmin,
			path: fixed("/org/" + kommune + "/admin/api-noegler"), maxQueries: 3,
			h1: "Administration", crumbs: []string{kommuneCrumb, "API-nøgler"},
			check: func(t *testing.T, ts *testServer, doc *goquery.Document) {
				if doc.Find(`form input#name`).Length() != 1 || doc.Find("input#secret").Length() != 0 {
					t.Error("want the form for a new token and no secret")
				}
			},
		},
		pageCase{
			name: "Kalenderabonnement", route: "/profil/kalender", as: kommuneLaeser,
			path: fixed("/profil/kalender"), maxQueries: 3,
			h1: "Kalenderabonnement", crumbs: []string{kommuneCrumb, "Min profil", "Kalenderabonnement"},
		},
	)
}
