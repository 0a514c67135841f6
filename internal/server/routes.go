package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/web"
)

// routes lists every route of Sporbar, top to bottom.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.recoverPanics, s.logRequests, securityHeaders)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.notFound)

	// Health and static files.
	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Handle("/static/*", http.StripPrefix("/static/", staticFiles(web.Static())))

	// Reading the chain.
	r.Get("/", s.handle(s.home))
	r.Get("/tilgaengelighed", s.handle(s.accessibility))
	r.Get("/org/{org}", s.handle(s.showOrganisation))
	r.Get("/org/{org}/sammenhaeng", s.handle(s.showChain))
	r.Get("/org/{org}/aftaler", s.handle(s.listAgreements))
	r.Get("/org/{org}/enheder", s.handle(s.listUnits))
	r.Get("/org/{org}/begreber", s.handle(s.listTerms))
	r.Get("/org/{org}/indsatstrappen", s.handle(s.showLadder))
	r.Get("/politikker/{id}", s.handle(s.showPolicy))
	r.Get("/maalsaetninger/{id}", s.handle(s.showObjective))
	r.Get("/maal/{id}", s.handle(s.showGoal))
	r.Get("/strategier/{id}", s.handle(s.showStrategy))
	r.Get("/spor/{id}", s.handle(s.showTrack))
	r.Get("/indsatser/{id}", s.handle(s.showInitiative))
	r.Get("/handleplaner/{id}", s.handle(s.showActionPlan))
	r.Get("/enheder/{id}", s.handle(s.showUnit))
	r.Get("/aftaler/{id}", s.handle(s.showAgreement))
	r.Get("/begreber/{id}", s.handle(s.showTerm))
	r.Get("/indsatsplaner/{id}", s.handle(s.showAnnualPlan))
	return r
}
