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

			// Keeping the agreement alive: local initiatives and action plans (initiative_forms.go,
			// action_plan_forms.go), status, dialogue and history (tracking.go), approval and
			// what changed since (approvals.go), one's own tasks (tasks.go).
			r.Get("/indsatser/{id}/lokale/ny", s.handle(s.newLocalInitiative))
			r.Post("/indsatser/{id}/lokale/ny", s.handle(s.createLocalInitiative))
			r.Get("/indsatser/{id}/rediger", s.handle(s.editInitiative))
			r.Post("/indsatser/{id}/rediger", s.handle(s.updateInitiative))
			r.Post("/indsatser/{id}/arkiver", s.handle(s.archiveInitiative))
			r.Get("/indsatser/{id}/handleplaner/ny", s.handle(s.newActionPlan))
			r.Post("/indsatser/{id}/handleplaner/ny", s.handle(s.createActionPlan))
			r.Get("/handleplaner/{id}/rediger", s.handle(s.editActionPlan))
			r.Post("/handleplaner/{id}/rediger", s.handle(s.updateActionPlan))
			r.Post("/handleplaner/{id}/arkiver", s.handle(s.archiveActionPlan))
			r.Post("/indsatser/{id}/status", s.handle(s.postInitiativeStatus))
			r.Post("/handleplaner/{id}/status", s.handle(s.postActionPlanStatus))
			r.Post("/indsatser/{id}/kommentarer", s.handle(s.postInitiativeComment))
			r.Post("/handleplaner/{id}/kommentarer", s.handle(s.postActionPlanComment))
			r.Post("/aftaler/{id}/kommentarer", s.handle(s.postAgreementComment))
			r.Get("/indsatser/{id}/historik", s.handle(s.initiativeHistory))
			r.Get("/handleplaner/{id}/historik", s.handle(s.actionPlanHistory))
			r.Get("/aftaler/{id}/historik", s.handle(s.agreementHistory))
			r.Post("/aftaler/{id}/godkend", s.handle(s.approveAgreement))
			r.Get("/aftaler/{id}/aendringer", s.handle(s.agreementChanges))
			r.Get("/mine-opgaver", s.handle(s.myTasks))
			r.Post("/mine-opgaver/laest", s.handle(s.markAllActivityRead))
			r.Post("/mine-opgaver/laest/{id}", s.handle(s.openActivity))

			// Dashboards: the samlet skema and lists with their exports (dashboard.go, exports.go),
			// who has reported, the direktion's overview, coverage, status over time and the
			// tidsplan (reporting.go, overview.go, coverage.go, trends.go, timeline.go).
			r.Get("/org/{org}/oversigt", s.handle(s.dashboard))
			r.Get("/org/{org}/oversigt.xlsx", s.handle(s.dashboardXLSX))
			r.Get("/org/{org}/oversigt.csv", s.handle(s.dashboardCSV))
			r.Get("/org/{org}/indsatser", s.handle(s.itemList))
			r.Get("/org/{org}/indsatser.xlsx", s.handle(s.itemListXLSX))
			r.Get("/org/{org}/indsatser.csv", s.handle(s.itemListCSV))
			r.Get("/org/{org}/rapportering", s.handle(s.reporting))
			r.Get("/org/{org}/direktion", s.handle(s.organisationOverview))
			r.Get("/org/{org}/sporbarhed", s.handle(s.coverage))
			r.Get("/org/{org}/udvikling", s.handle(s.trends))
			r.Get("/org/{org}/tidsplan", s.handle(s.timeline))

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

			// Administration: the organisation's whole change history (audit.go).
			r.Get("/admin/historik", s.handle(s.auditLog))
		})
	})
	return r
}
