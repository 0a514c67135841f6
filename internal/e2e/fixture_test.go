package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// The units of Sundhed og Omsorg that the fixture uses.
const (
	ownUnit   = "Hjemmepleje og akutaflastning" // the områdeleder's område
	otherUnit = "Myndighed"                     // an område the områdeleder may read, not edit
)

// fixture is what startApp adds to the seeded kommune, which has no local initiatives: an
// områdeleder of ownUnit with a local initiative in their område that has a status, a
// dialogue and an action plan due within 30 days (so "Mine opgaver" has items), and a local
// initiative of otherUnit. The local initiative has an indicator with measurements. The
// journeys work on these; the page lists visit them.
type fixture struct {
	Leader    string // e-mail of the områdeleder of ownUnit
	Local     int64  // ownUnit's local initiative (with a status and two comments)
	Plan      int64  // its action plan, due in 14 days, without a status
	PlanCode  string // the plan's stored code and title
	PlanTitle string
	Other     int64 // otherUnit's local initiative
	Indicator int64 // an indicator of the local initiative, with two measurements
}

// The fixture's texts, which the journeys look for.
const (
	localTitle   = "Hverdagsrehabilitering i hjemmeplejen"
	otherTitle   = "Visitation med rehabiliterende fokus"
	fixturePlan  = "HP-1"
	fixtureTitle = "Træning af hjemmehjælpere i rehabilitering"
)

// createFixture creates the områdeleder and the fixture's items, as the kommune's fagchef
// and the områdeleder would have through the forms.
func (a *app) createFixture(t *testing.T, hash string) {
	t.Helper()
	ctx := context.Background()
	org, err := a.Store.GetOrganisationBySlug(ctx, kommune)
	if err != nil {
		t.Fatalf("organisation %s: %v", kommune, err)
	}
	unit := func(name string) int64 {
		u, err := a.Store.GetUnitByName(ctx, org.ID, name)
		if err != nil {
			t.Fatalf("unit %s: %v", name, err)
		}
		return u.ID
	}
	own, other := unit(ownUnit), unit(otherUnit)
	a.fx.Leader = "omraadeleder." + kommune + "@e2e.sporbar.local"
	leader, err := a.Store.CreateUser(ctx, domain.User{OrganisationID: org.ID, UnitID: &own, Email: a.fx.Leader,
		Name: "Områdeleder Hjemmepleje", Role: domain.RoleOmraadeleder, PasswordHash: hash, Active: true})
	if err != nil {
		t.Fatalf("create user %s: %v", a.fx.Leader, err)
	}
	fagchef := a.id(t, `SELECT id FROM users WHERE email = $1`, a.fagchefs[kommune])
	general := a.id(t, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1 AND i.kind = 'general'`, org.ID)

	today := time.Now().UTC().Truncate(24 * time.Hour)
	start, due := today.AddDate(0, -2, 0), today.AddDate(0, 0, 14)
	if a.fx.Local, err = a.Store.AddLocalInitiative(ctx, fagchef, domain.Initiative{ParentID: &general, UnitID: &own,
		Title: localTitle, Description: "Borgere i hjemmeplejen træner hverdagens gøremål, så de klarer mere selv.",
		Responsible: "Områdeleder Hjemmepleje", StartDate: &start}); err != nil {
		t.Fatalf("local initiative: %v", err)
	}
	if a.fx.Other, err = a.Store.AddLocalInitiative(ctx, fagchef, domain.Initiative{ParentID: &general, UnitID: &other,
		Title: otherTitle}); err != nil {
		t.Fatalf("local initiative: %v", err)
	}
	a.fx.PlanCode, a.fx.PlanTitle = fixturePlan, fixtureTitle
	if a.fx.Plan, err = a.Store.AddActionPlan(ctx, leader, domain.ActionPlan{InitiativeID: a.fx.Local, Code: fixturePlan,
		Title: fixtureTitle, Responsible: "Teamleder Vest", StartDate: &start, Deadline: &due}, nil); err != nil {
		t.Fatalf("action plan: %v", err)
	}
	if _, err := a.Store.PostStatusUpdate(ctx, domain.StatusUpdate{InitiativeID: &a.fx.Local, Phase: domain.PhasePreparing,
		Health: domain.HealthOnTrack, Progress: 20, AsOf: today.AddDate(0, 0, -10), AuthorID: leader,
		Comment: "Alle teams er i gang med at planlægge forløbene."}); err != nil {
		t.Fatalf("status update: %v", err)
	}
	a.createIndicator(t, leader, today)
	a.publish(t, org, fagchef)
	for _, c := range []domain.Comment{
		{InitiativeID: &a.fx.Local, AuthorID: fagchef, Body: "Hvordan går det med at finde terapeuter?"},
		{InitiativeID: &a.fx.Local, AuthorID: leader, Body: "Vi har ansat én og søger én mere.", Public: true},
		{ActionPlanID: &a.fx.Plan, AuthorID: fagchef, Body: "Husk at melde tilbage, når første hold er trænet."},
	} {
		if _, err := a.Store.AddComment(ctx, c); err != nil {
			t.Fatalf("comment: %v", err)
		}
	}
}

// publish switches the kommune's public page on and shows the fixture's local initiative there
// (with its områdeleder's comment, marked public), so the page lists check a page with content.
func (a *app) publish(t *testing.T, org domain.Organisation, fagchef int64) {
	t.Helper()
	ctx := context.Background()
	org.PublicPage = true
	if _, err := a.Store.UpdateOrganisation(ctx, fagchef, org); err != nil {
		t.Fatalf("switch the public page on: %v", err)
	}
	if err := a.Store.SetInitiativePublic(ctx, fagchef, a.fx.Local, true); err != nil {
		t.Fatalf("mark public: %v", err)
	}
}

// createIndicator gives the fixture's local initiative an indicator with two measurements.
func (a *app) createIndicator(t *testing.T, leader int64, today time.Time) {
	t.Helper()
	ctx := context.Background()
	year := today.Year()
	var err error
	if a.fx.Indicator, err = a.Store.AddIndicator(ctx, leader, domain.Indicator{InitiativeID: &a.fx.Local,
		Name: "Borgere, der klarer sig selv efter forløbet", Definition: "Andel af afsluttede forløb, fra omsorgssystemet.",
		Unit: "%", Direction: domain.DirectionHigher, BaselineValue: 40, BaselineDate: time.Date(year-1, 1, 1, 0, 0, 0, 0, time.UTC),
		TargetValue: 70, TargetDate: time.Date(year+2, 12, 31, 0, 0, 0, 0, time.UTC), Frequency: domain.FrequencyQuarterly}); err != nil {
		t.Fatalf("indicator: %v", err)
	}
	for i, v := range []float64{44, 51} {
		m := domain.Measurement{IndicatorID: a.fx.Indicator, AsOf: time.Date(year-1, time.Month(3*i+6), 30, 0, 0, 0, 0, time.UTC), Value: v}
		if err := a.Store.SaveMeasurement(ctx, leader, m, 0); err != nil {
			t.Fatalf("measurement: %v", err)
		}
	}
}

// id returns the one id that query finds in the app's database.
func (a *app) id(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := a.Pool.QueryRow(context.Background(), query, args...).Scan(&id); err != nil {
		t.Fatalf("look up id (%s %v): %v", query, args, err)
	}
	return id
}
