package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func TestGetUnknownIsErrNotFound(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	const unknown = 999999

	tests := []struct {
		name string
		get  func() error
	}{
		{"GetOrganisation", func() error { return ignore(st.GetOrganisation(ctx, unknown)) }},
		{"GetOrganisationBySlug", func() error { return ignore(st.GetOrganisationBySlug(ctx, "findes-ikke")) }},
		{"GetPolicy", func() error { return ignore(st.GetPolicy(ctx, unknown)) }},
		{"GetObjective", func() error { return ignore(st.GetObjective(ctx, unknown)) }},
		{"GetObjectiveDetail", func() error { return ignore(st.GetObjectiveDetail(ctx, unknown)) }},
		{"GetGoal", func() error { return ignore(st.GetGoal(ctx, unknown)) }},
		{"GetGoalDetail", func() error { return ignore(st.GetGoalDetail(ctx, unknown)) }},
		{"GetStrategy", func() error { return ignore(st.GetStrategy(ctx, unknown)) }},
		{"GetTrack", func() error { return ignore(st.GetTrack(ctx, unknown)) }},
		{"GetTrackDetail", func() error { return ignore(st.GetTrackDetail(ctx, unknown)) }},
		{"GetInitiative", func() error { return ignore(st.GetInitiative(ctx, unknown)) }},
		{"GetInitiativeDetail", func() error { return ignore(st.GetInitiativeDetail(ctx, unknown)) }},
		{"GetActionPlan", func() error { return ignore(st.GetActionPlan(ctx, unknown)) }},
		{"GetActionPlanDetail", func() error { return ignore(st.GetActionPlanDetail(ctx, unknown)) }},
		{"GetUnit", func() error { return ignore(st.GetUnit(ctx, unknown)) }},
		{"GetUnitByName", func() error { return ignore(st.GetUnitByName(ctx, id.kommune, "Findes ikke")) }},
		{"GetUnitByName in another organisation", func() error {
			return ignore(st.GetUnitByName(ctx, id.region, "Hjemmepleje og akutaflastning"))
		}},
		{"GetAgreement", func() error { return ignore(st.GetAgreement(ctx, unknown)) }},
		{"GetAgreementRow", func() error { return ignore(st.GetAgreementRow(ctx, unknown)) }},
		{"GetTerm", func() error { return ignore(st.GetTerm(ctx, unknown)) }},
		{"GetAnnualPlanRow", func() error { return ignore(st.GetAnnualPlanRow(ctx, unknown)) }},
		{"GetUser", func() error { return ignore(st.GetUser(ctx, unknown)) }},
		{"GetUserByEmail", func() error { return ignore(st.GetUserByEmail(ctx, "ingen@example.dk")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.get(); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("got %v, want ErrNotFound", err)
			}
		})
	}
}

func TestCreateDuplicateIsErrConflict(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	plan1A := idOf(t, pool, `SELECT id FROM action_plans WHERE code = '1-A'`)
	area1 := idOf(t, pool, `SELECT initiative_id FROM annual_plan_areas a JOIN initiatives i ON i.id = a.initiative_id
		WHERE i.number = 1 AND a.annual_plan_id = $1`, id.annualPlan2016)
	user := domain.User{OrganisationID: id.kommune, Email: "anne@example.dk", Name: "Anne", Role: domain.RoleLaeser,
		PasswordHash: "x", Active: true}
	plan := domain.ActionPlan{InitiativeID: id.regionArea12, Code: "12-X", Title: "En handleplan"}

	tests := []struct {
		name   string
		first  func() error // nil: the seed already holds the first
		second func() error
	}{
		{"action plan code under the same initiative",
			func() error { return ignore(st.CreateActionPlan(ctx, plan)) },
			func() error { return ignore(st.CreateActionPlan(ctx, plan)) }},
		{"a seeded action plan code", nil, func() error {
			return ignore(st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: id.regionArea12, Code: "12-D", Title: "Igen"}))
		}},
		{"user e-mail",
			func() error { return ignore(st.CreateUser(ctx, user)) },
			func() error { u := user; u.Name = "Anden Anne"; return ignore(st.CreateUser(ctx, u)) }},
		{"organisation slug", nil, func() error {
			return ignore(st.CreateOrganisation(ctx, domain.Organisation{Slug: "ringkobing-skjern", Name: "Igen", Kind: "kommune",
				Labels: domain.DefaultLabels()}))
		}},
		{"objective number in a policy", nil, func() error {
			return ignore(st.CreateObjective(ctx, domain.Objective{PolicyID: id.aeldrepolitik, Number: 1, Title: "Igen"}))
		}},
		{"track number in a strategy", nil, func() error {
			return ignore(st.CreateTrack(ctx, domain.Track{StrategyID: id.kommuneStrategy, Number: 2, Title: "Igen"}))
		}},
		{"term name in an organisation", nil, func() error {
			return ignore(st.CreateTerm(ctx, domain.Term{OrganisationID: id.kommune, Name: "Bæredygtighed"}))
		}},
		{"ladder step position", nil, func() error {
			return ignore(st.CreateLadderStep(ctx, domain.LadderStep{OrganisationID: id.kommune, Position: 0, Name: "Igen", Colour: "#000000"}))
		}},
		{"annual plan year", nil, func() error {
			return ignore(st.CreateAnnualPlan(ctx, domain.AnnualPlan{StrategyID: id.regionStrategy, Year: 2016, Title: "Igen"}))
		}},
		{"annual plan item", nil, func() error {
			return ignore(st.CreateAnnualPlanItem(ctx, domain.AnnualPlanItem{AnnualPlanID: id.annualPlan2016,
				ActionPlanID: plan1A, Phase: domain.PhaseActive}))
		}},
		{"annual plan area", nil, func() error {
			return st.CreateAnnualPlanArea(ctx, domain.AnnualPlanArea{AnnualPlanID: id.annualPlan2016, InitiativeID: area1})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.first != nil {
				if err := tt.first(); err != nil {
					t.Fatalf("first: %v", err)
				}
			}
			if err := tt.second(); !errors.Is(err, store.ErrConflict) {
				t.Errorf("second: got %v, want ErrConflict", err)
			}
		})
	}

	noConflict := []struct {
		name   string
		create func() error
	}{
		{"the same code under another initiative", func() error {
			return ignore(st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: id.regionArea10, Code: "12-D", Title: "Andet"}))
		}},
		{"a second action plan without a code", func() error {
			return ignore(st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: id.kommuneInitiative11, Title: "Uden nummer"}))
		}},
		{"a third action plan without a code", func() error {
			return ignore(st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: id.kommuneInitiative11, Title: "Uden nummer"}))
		}},
		{"a term name of one organisation in another", func() error {
			return ignore(st.CreateTerm(ctx, domain.Term{OrganisationID: id.region, Name: "Bæredygtighed"}))
		}},
	}
	for _, tt := range noConflict {
		t.Run("no conflict: "+tt.name, func(t *testing.T) {
			if err := tt.create(); err != nil {
				t.Errorf("got %v, want no error", err)
			}
		})
	}
}

// ignore keeps the error of a call that returns a value and an error.
func ignore(_ any, err error) error { return err }
