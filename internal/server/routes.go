package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web"
)

// routes lists every route of Sporbar, top to bottom. Responses are compressed (compress.go),
// HEAD is answered wherever GET is, and each request is counted under its route pattern (metrics.go). Everything but the health checks, the
// static files and the sign-in page needs a signed-in user; every handler checks the object
// it touches with auth.Can. State-changing requests from other sites are refused. Only the
// routes wrapped in s.upload take a file (a larger body, a few at a time: uploads.go); the
// confirmations that apply one share those slots (s.importSlot).
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.resolveClient, s.metrics.measure, s.recoverPanics, s.logRequests, securityHeaders, s.refuseBadAddress,
		compress, middleware.GetHead, s.crossOriginProtection, s.limitBody)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.notFound)

	// Open to everyone.
	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Get("/metrics", s.metricsEndpoint) // behind METRICS_TOKEN, or not there (metrics.go)
	r.Get("/static/*", http.StripPrefix("/static/", s.staticFiles(web.Static())).ServeHTTP)
	r.Get("/offentlig/{org}", s.handle(s.publicPage)) // the public page for citizens, when switched on (public.go)

	// The read API for BI tools (api.go, api_list.go): its OpenAPI document, and each collection
	// of the token's organisation as a page of JSON, as CSV, and one row by id. A personal API
	// token instead of a session.
	r.Get("/api/v1/openapi.json", s.apiDocument)
	r.Group(func(r chi.Router) {
		r.Use(s.apiAuth)
		for _, name := range store.APICollections() {
			r.Get("/api/v1/"+name, s.api(s.apiList(name)))
			r.Get("/api/v1/"+name+".csv", s.api(s.apiList(name)))
			r.Get("/api/v1/"+name+"/{id}", s.api(s.apiItem(name)))
		}
	})

	// A person's calendar feed behind its secret address, for calendars that cannot sign in (calendar.go).
	r.Get("/kalender/{secret}", s.handle(s.calendarFeed))

	// Everything below is never stored by a browser or proxy (Cache-Control: no-store).
	r.Group(func(r chi.Router) {
		r.Use(noStore, s.loadSession)
		r.Get("/login", s.handle(s.showLogin))
		r.Post("/login", s.handle(s.login))
		r.Post("/logout", s.handle(s.logout))

		// Signing in through the organisation's own identity provider (sso_login.go): the
		// organisation's sign-in page, the start, the OIDC callback, our SAML metadata, the
		// SAML assertion consumer (exempt from the cross-origin check, see middleware.go) and
		// the OP's back-channel logout (sso_logout.go) and SAML Single Logout (sso_slo.go).
		r.Get("/login/{org}", s.handle(s.showOrgLogin))
		r.Get("/sso/{org}/{method}", s.handle(s.startSSO))
		r.Get("/sso/{org}/{method}/callback", s.handle(s.oidcCallback))
		r.Get("/sso/{org}/{method}/metadata", s.handle(s.samlMetadata))
		r.Post("/sso/{org}/{method}/acs", s.handle(s.samlACS))
		r.Get("/sso/{org}/{method}/slo", s.handle(s.samlSLO))
		r.Post("/sso/{org}/{method}/backchannel-logout", s.handle(s.backChannelLogout))
		r.Get("/tilgaengelighed", s.handle(s.accessibility))

		// E-mail without signing in (password_links.go, mail_settings.go): "Glemt adgangskode",
		// the one-time links of invitations and resets, and the unsubscribe link of every mail.
		r.Get("/glemt-adgangskode", s.handle(s.showForgot))
		r.Post("/glemt-adgangskode", s.handle(s.forgot))
		r.Get("/adgangskode/{token}", s.handle(s.showPasswordLink))
		r.Post("/adgangskode/{token}", s.handle(s.setPasswordFromLink))
		r.Get("/afmeld/{token}", s.handle(s.showUnsubscribe))
		r.Post("/afmeld/{token}", s.handle(s.unsubscribe))

		r.Group(func(r chi.Router) {
			r.Use(s.requireUser, s.requireOwnPassword)

			// Reading the chain.
			r.Get("/", s.handle(s.home))
			r.Get("/org/{org}", s.handle(s.showOrganisation))
			r.Get("/org/{org}/sammenhaeng", s.handle(s.showChain))
			r.Get("/org/{org}/aftaler", s.handle(s.listAgreements))
			r.Get("/org/{org}/enheder", s.handle(s.listUnits))
			r.Get("/org/{org}/begreber", s.handle(s.listTerms))
			r.Get("/org/{org}/indsatstrappen", s.handle(s.showLadder))
			r.Get("/org/{org}/soeg", s.handle(s.search))
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
			// action_plan_forms.go), status and history (tracking.go), dialogue (dialogue.go), approval and
			// what changed since (approvals.go), "Send påmindelse" to an område's leaders by e-mail
			// (nudges.go), one's own tasks (tasks.go).
			r.Get("/indsatser/{id}/lokale/ny", s.handle(s.newLocalInitiative))
			r.Post("/indsatser/{id}/lokale/ny", s.handle(s.createLocalInitiative))
			r.Get("/indsatser/{id}/rediger", s.handle(s.editInitiative))
			r.Post("/indsatser/{id}/rediger", s.handle(s.updateInitiative))
			r.Post("/indsatser/{id}/arkiver", s.handle(s.archiveInitiative))
			r.Post("/indsatser/{id}/offentlig", s.handle(s.publishInitiative)) // public.go
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
			r.Post("/kommentarer/{id}/offentlig", s.handle(s.publishComment)) // public.go
			r.Get("/indsatser/{id}/historik", s.handle(s.initiativeHistory))
			r.Get("/handleplaner/{id}/historik", s.handle(s.actionPlanHistory))
			r.Get("/aftaler/{id}/historik", s.handle(s.agreementHistory))
			r.Post("/aftaler/{id}/godkend", s.handle(s.approveAgreement))
			r.Get("/aftaler/{id}/aendringer", s.handle(s.agreementChanges))
			r.Get("/aftaler/{id}/paamindelse", s.handle(s.showNudge))
			r.Post("/aftaler/{id}/paamindelse", s.handle(s.sendNudge))
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
			r.Get("/org/{org}/moede", s.handle(s.meeting)) // Status til mødet (meeting.go)

			// Yearly indsatsplaner (annual_plans.go, annual_plan_forms.go, annual_plan_items.go,
			// ol_agenda.go, annual_plan_xlsx.go): a strategy's new plan, next year's plan from this
			// year's, the plan's texts and handleplaner (an item is the form field "punkt"),
			// adoption, the OL agenda with OL's treatment of each item, and the spreadsheet.
			r.Get("/strategier/{id}/indsatsplaner/ny", s.handle(s.newAnnualPlan))
			r.Post("/strategier/{id}/indsatsplaner/ny", s.handle(s.createAnnualPlan))
			r.Post("/indsatsplaner/{id}/naeste-aar", s.handle(s.createNextAnnualPlan))
			r.Get("/indsatsplaner/{id}/rediger", s.handle(s.editAnnualPlan))
			r.Post("/indsatsplaner/{id}/rediger", s.handle(s.updateAnnualPlan))
			r.Post("/indsatsplaner/{id}/punkter", s.handle(s.addAnnualPlanItem))
			r.Get("/indsatsplaner/{id}/punkt", s.handle(s.editAnnualPlanItem))
			r.Post("/indsatsplaner/{id}/punkt", s.handle(s.updateAnnualPlanItem))
			r.Post("/indsatsplaner/{id}/punkt/fjern", s.handle(s.removeAnnualPlanItem))
			r.Post("/indsatsplaner/{id}/vedtag", s.handle(s.adoptAnnualPlan))
			r.Get("/indsatsplaner/{id}/ol", s.handle(s.olAgenda))
			r.Post("/indsatsplaner/{id}/ol", s.handle(s.recordOLTreatment))
			r.Get("/indsatsplaner/{id}.xlsx", s.handle(s.annualPlanXLSX))

			// Indicators (indicators.go, indicator_forms.go, indicator_import.go): a new indicator of
			// a goal, an initiative or an action plan; the indicator's page, edit, archive and
			// history; one measurement; the measurements as a spreadsheet, and many at once from
			// one (upload → preview → confirm).
			r.Get("/maal/{id}/indikatorer/ny", s.handle(s.newIndicator(goalItem)))
			r.Post("/maal/{id}/indikatorer/ny", s.handle(s.createIndicator(goalItem)))
			r.Get("/indsatser/{id}/indikatorer/ny", s.handle(s.newIndicator(initiativeItem)))
			r.Post("/indsatser/{id}/indikatorer/ny", s.handle(s.createIndicator(initiativeItem)))
			r.Get("/handleplaner/{id}/indikatorer/ny", s.handle(s.newIndicator(actionPlanItem)))
			r.Post("/handleplaner/{id}/indikatorer/ny", s.handle(s.createIndicator(actionPlanItem)))
			r.Get("/indikatorer/{id}", s.handle(s.showIndicator))
			r.Get("/indikatorer/{id}/rediger", s.handle(s.editIndicator))
			r.Post("/indikatorer/{id}/rediger", s.handle(s.updateIndicator))
			r.Post("/indikatorer/{id}/arkiver", s.handle(s.archiveIndicator))
			r.Get("/indikatorer/{id}/historik", s.handle(s.indicatorHistory))
			r.Post("/indikatorer/{id}/maalinger", s.handle(s.postMeasurement))
			r.Get("/indikatorer/{id}/xlsx", s.handle(s.indicatorXLSX))
			r.Get("/indikatorer/{id}/csv", s.handle(s.indicatorCSV))
			r.Get("/indikatorer/{id}/import", s.handle(s.importForm))
			r.With(s.upload).Post("/indikatorer/{id}/import", s.handle(s.uploadMeasurements))
			r.With(s.importSlot).Post("/indikatorer/{id}/import/bekraeft", s.handle(s.confirmImport))

			// One's own profile.
			r.Get("/profil", s.handle(s.showProfile))
			r.Post("/profil/adgangskode", s.handle(s.changePassword))
			r.Get("/profil/kalender", s.handle(s.calendarPage))
			r.Post("/profil/kalender", s.handle(s.resetCalendar))
			r.Post("/profil/kalender/slet", s.handle(s.deleteCalendar))
			r.Post("/profil/mails", s.handle(s.saveMailSettings))

			// Administration: the policy hierarchy and spreadsheets (hierarchy_*.go, spreadsheet.go).
			// Admins only (auth.EditHierarchy, the item's organisation checked). Items are edited on
			// their own addresses; moving (up/down), archiving and deleting are POSTs with the version.
			// Last, status by spreadsheet for leaders (status_sheet.go).
			r.Get("/org/{org}/admin/hierarki", s.handle(s.hierarchyAdmin))
			r.Get("/org/{org}/admin/indstillinger", s.handle(s.editOrganisation))
			r.Post("/org/{org}/admin/indstillinger", s.handle(s.updateOrganisation))
			r.Get("/org/{org}/admin/politikker/ny", s.handle(s.newPolicy))
			r.Post("/org/{org}/admin/politikker/ny", s.handle(s.createPolicy))
			r.Get("/politikker/{id}/rediger", s.handle(s.editPolicy))
			r.Post("/politikker/{id}/rediger", s.handle(s.updatePolicy))
			r.Post("/politikker/{id}/flyt", s.handle(s.moveItem(s.policyItem)))
			r.Post("/politikker/{id}/arkiver", s.handle(s.archiveItem(s.policyItem)))
			r.Post("/politikker/{id}/slet", s.handle(s.deleteItem(s.policyItem)))
			r.Get("/politikker/{id}/maalsaetninger/ny", s.handle(s.newObjective))
			r.Post("/politikker/{id}/maalsaetninger/ny", s.handle(s.createObjective))
			r.Get("/maalsaetninger/{id}/rediger", s.handle(s.editObjective))
			r.Post("/maalsaetninger/{id}/rediger", s.handle(s.updateObjective))
			r.Post("/maalsaetninger/{id}/flyt", s.handle(s.moveItem(s.objectiveItem)))
			r.Post("/maalsaetninger/{id}/arkiver", s.handle(s.archiveItem(s.objectiveItem)))
			r.Post("/maalsaetninger/{id}/slet", s.handle(s.deleteItem(s.objectiveItem)))
			r.Get("/maalsaetninger/{id}/maal/ny", s.handle(s.newGoal))
			r.Post("/maalsaetninger/{id}/maal/ny", s.handle(s.createGoal))
			r.Get("/maal/{id}/rediger", s.handle(s.editGoal))
			r.Post("/maal/{id}/rediger", s.handle(s.updateGoal))
			r.Post("/maal/{id}/flyt", s.handle(s.moveItem(s.goalItem)))
			r.Post("/maal/{id}/arkiver", s.handle(s.archiveItem(s.goalItem)))
			r.Post("/maal/{id}/slet", s.handle(s.deleteItem(s.goalItem)))
			r.Get("/org/{org}/admin/strategier/ny", s.handle(s.newStrategy))
			r.Post("/org/{org}/admin/strategier/ny", s.handle(s.createStrategy))
			r.Get("/strategier/{id}/rediger", s.handle(s.editStrategy))
			r.Post("/strategier/{id}/rediger", s.handle(s.updateStrategy))
			r.Post("/strategier/{id}/flyt", s.handle(s.moveItem(s.strategyItem)))
			r.Post("/strategier/{id}/arkiver", s.handle(s.archiveItem(s.strategyItem)))
			r.Post("/strategier/{id}/slet", s.handle(s.deleteItem(s.strategyItem)))
			r.Get("/strategier/{id}/spor/ny", s.handle(s.newTrack))
			r.Post("/strategier/{id}/spor/ny", s.handle(s.createTrack))
			r.Get("/spor/{id}/rediger", s.handle(s.editTrack))
			r.Post("/spor/{id}/rediger", s.handle(s.updateTrack))
			r.Post("/spor/{id}/flyt", s.handle(s.moveItem(s.trackItem)))
			r.Post("/spor/{id}/arkiver", s.handle(s.archiveItem(s.trackItem)))
			r.Post("/spor/{id}/slet", s.handle(s.deleteItem(s.trackItem)))
			r.Get("/spor/{id}/indsatser/ny", s.handle(s.newGeneral))
			r.Post("/spor/{id}/indsatser/ny", s.handle(s.createGeneral))
			r.Post("/indsatser/{id}/flyt", s.handle(s.moveItem(s.generalItem)))
			r.Post("/indsatser/{id}/slet", s.handle(s.deleteItem(s.generalItem)))
			r.Get("/org/{org}/admin/enheder", s.handle(s.unitsAdmin))
			r.Get("/org/{org}/admin/enheder/ny", s.handle(s.newUnit))
			r.Post("/org/{org}/admin/enheder/ny", s.handle(s.createUnit))
			r.Get("/enheder/{id}/rediger", s.handle(s.editUnit))
			r.Post("/enheder/{id}/rediger", s.handle(s.updateUnit))
			r.Post("/enheder/{id}/flyt", s.handle(s.moveItem(s.unitItem)))
			r.Post("/enheder/{id}/arkiver", s.handle(s.archiveItem(s.unitItem)))
			r.Post("/enheder/{id}/slet", s.handle(s.deleteItem(s.unitItem)))
			r.Get("/org/{org}/admin/begreber", s.handle(s.termsAdmin))
			r.Get("/org/{org}/admin/begreber/ny", s.handle(s.newTerm))
			r.Post("/org/{org}/admin/begreber/ny", s.handle(s.createTerm))
			r.Get("/begreber/{id}/rediger", s.handle(s.editTerm))
			r.Post("/begreber/{id}/rediger", s.handle(s.updateTerm))
			r.Post("/begreber/{id}/flyt", s.handle(s.moveItem(s.termItem)))
			r.Post("/begreber/{id}/arkiver", s.handle(s.archiveItem(s.termItem)))
			r.Post("/begreber/{id}/slet", s.handle(s.deleteItem(s.termItem)))
			r.Get("/org/{org}/admin/indsatstrappen", s.handle(s.ladderAdmin))
			r.Get("/org/{org}/admin/indsatstrappen/ny", s.handle(s.newLadderStep))
			r.Post("/org/{org}/admin/indsatstrappen/ny", s.handle(s.createLadderStep))
			r.Get("/org/{org}/admin/indsatstrappen/rediger", s.handle(s.editLadderStep))
			r.Post("/org/{org}/admin/indsatstrappen/rediger", s.handle(s.updateLadderStep))
			r.Post("/org/{org}/admin/indsatstrappen/flyt", s.handle(s.moveItem(s.ladderItem)))
			r.Post("/org/{org}/admin/indsatstrappen/arkiver", s.handle(s.archiveItem(s.ladderItem)))
			r.Post("/org/{org}/admin/indsatstrappen/slet", s.handle(s.deleteItem(s.ladderItem)))
			r.Get("/org/{org}/admin/skema", s.handle(s.spreadsheetPage))
			r.Get("/org/{org}/admin/skema.xlsx", s.handle(s.spreadsheetXLSX))
			r.With(s.upload).Post("/org/{org}/admin/import", s.handle(s.importHierarchy))
			r.With(s.importSlot).Post("/org/{org}/admin/import/bekraeft", s.handle(s.confirmHierarchyImport))
			r.Get("/org/{org}/status", s.handle(s.statusSheetPage))
			r.Get("/org/{org}/status.xlsx", s.handle(s.statusXLSX))
			r.With(s.upload).Post("/org/{org}/status/import", s.handle(s.importStatus))
			r.With(s.importSlot).Post("/org/{org}/status/import/bekraeft", s.handle(s.confirmStatusImport))

			// Administration: users (users.go; passwords, access and sign-in attempts in users_access.go).
			r.Get("/admin/brugere", s.handle(s.listUsers))
			r.Get("/admin/brugere/ny", s.handle(s.newUser))
			r.Post("/admin/brugere/ny", s.handle(s.createUser))
			r.Get("/admin/brugere/{id}", s.handle(s.editUser))
			r.Post("/admin/brugere/{id}", s.handle(s.updateUser))
			r.Post("/admin/brugere/{id}/adgangskode", s.handle(s.resetUserPassword))
			r.Post("/admin/brugere/{id}/deaktiver", s.handle(s.setUserActive(false)))
			r.Post("/admin/brugere/{id}/aktiver", s.handle(s.setUserActive(true)))
			r.Post("/admin/brugere/{id}/nulstil-forsoeg", s.handle(s.unlockUser))
			r.Post("/admin/brugere/{id}/invitation", s.handle(s.inviteUser))

			// Administration: sign-in (sso_admin*.go): e-mail and password on or off, e-mail
			// domains, the units' directory ids, the identity providers with their claim
			// mappings and the test of claims, and the accounts whose IdP access is gone.
			r.Get("/org/{org}/admin/login", s.handle(s.signInAdmin))
			r.Post("/org/{org}/admin/login", s.handle(s.updateSignInSettings))
			r.Post("/org/{org}/admin/login/enheder", s.handle(s.updateUnitExternalIDs))
			r.Get("/org/{org}/admin/login/ny", s.handle(s.newSignInMethod))
			r.Post("/org/{org}/admin/login/ny", s.handle(s.createSignInMethod))
			r.Get("/org/{org}/admin/login/{method}", s.handle(s.editSignInMethod))
			r.Post("/org/{org}/admin/login/{method}", s.handle(s.updateSignInMethod))
			r.Post("/org/{org}/admin/login/{method}/tilknytninger", s.handle(s.addSignInMapping))
			r.Post("/org/{org}/admin/login/{method}/tilknytninger/slet", s.handle(s.deleteSignInMapping))
			r.Get("/org/{org}/admin/login/{method}/afproev", s.handle(s.testSignInClaims))

			// Administration: the organisation's e-mails, sent and failed, and its defaults of
			// how often people get each kind (mail_log.go).
			r.Get("/admin/mails", s.handle(s.mailLog))
			r.Post("/admin/mails/standard", s.handle(s.saveMailDefaults))

			// Administration: the organisation's whole change history (audit.go).
			r.Get("/admin/historik", s.handle(s.auditLog))

			// Administration: API tokens for the read API (api_tokens_admin.go); the secret is shown
			// once, on the answer to the POST that makes it.
			r.Get("/org/{org}/admin/api-noegler", s.handle(s.apiTokens))
			r.Post("/org/{org}/admin/api-noegler", s.handle(s.createAPIToken))
			r.Post("/org/{org}/admin/api-noegler/tilbagekald", s.handle(s.revokeAPIToken))
		})
	})
	return r
}
