package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/web"
)

// routes lists every route of Sporbar, top to bottom. Everything but the health checks, the
// static files and the sign-in page needs a signed-in user; every handler checks the object
// it touches with auth.Can. State-changing requests from other sites are refused.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.recoverPanics, s.logRequests, securityHeaders, s.crossOriginProtection, s.limitBody)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.notFound)

	// Open to everyone.
	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Get("/static/*", http.StripPrefix("/static/", staticFiles(web.Static())).ServeHTTP)

	r.Group(func(r chi.Router) {
		r.Use(s.loadSession)
		r.Get("/login", s.handle(s.showLogin))
		r.Post("/login", s.handle(s.login))
		r.Post("/logout", s.handle(s.logout))
		r.Get("/tilgaengelighed", s.handle(s.accessibility))

		r.Group(func(r chi.Router) {
			r.Use(s.requireUser)

			// Reading the chain.
			r.Get("/", s.handle(s.home))
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

			// One's own profile.
			r.Get("/profil", s.handle(s.showProfile))
			r.Post("/profil/adgangskode", s.handle(s.changePassword))

			// Administration: users.
			r.Get("/admin/brugere", s.handle(s.listUsers))
			r.Get("/admin/brugere/ny", s.handle(s.newUser))
			r.Post("/admin/brugere/ny", s.handle(s.createUser))
			r.Get("/admin/brugere/{id}", s.handle(s.editUser))
			r.Post("/admin/brugere/{id}", s.handle(s.updateUser))
			r.Post("/admin/brugere/{id}/adgangskode", s.handle(s.resetUserPassword))
			r.Post("/admin/brugere/{id}/deaktiver", s.handle(s.setUserActive(false)))
			r.Post("/admin/brugere/{id}/aktiver", s.handle(s.setUserActive(true)))
		})
	})
	return r
}
