package e2e

import "github.com/sporbar/sporbar/internal/store"

// The read API and the calendar feed answer JSON, CSV and iCalendar, not HTML pages; their
// admin and profile pages (API-nøgler, Kalenderabonnement) are checked like every other page.
func init() {
	notPages["/api/v1/openapi.json"] = "the OpenAPI document, JSON"
	notPages["/kalender/{secret}"] = "the calendar feed, iCalendar"
	for _, name := range store.APICollections() {
		notPages["/api/v1/"+name] = "the read API, JSON"
		notPages["/api/v1/"+name+".csv"] = "the read API, CSV"
		notPages["/api/v1/"+name+"/{id}"] = "the read API, JSON"
	}
}
