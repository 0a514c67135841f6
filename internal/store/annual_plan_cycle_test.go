package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// planItemShort is an item in short: "code phase markers [se X] [fra YEAR]".
func planItemShort(r domain.PlanItem) string {
	s := r.Code + " " + r.Phase
	if r.IsNew {
		s += " INITIATIV"
	}
	if r.OL {
		s += " OL"
	}
	if r.SameAsCode != "" {
		s += " se " + r.SameAsCode
	}
	if r.TextFromYear != nil {
		s += fmt.Sprintf(" fra %d", *r.TextFromYear)
	}
	return s
}

// TestCreateAnnualPlanFrom: 2017 from 2016 after 1-A was implemented, 7-D archived and OL
// treated 2-A: the carry-over rules of domain.CarryOver, in the database.
func TestCreateAnnualPlanFrom(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	admin, err := st.CreateUser(ctx, domain.User{OrganisationID: id.region, Email: "admin@region.test", Name: "Admin",
		Role: domain.RoleAdmin, PasswordHash: "x", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE action_plans SET status_phase = 'implementeret' WHERE code = '1-A'`,
		`UPDATE action_plans SET archived_at = now() WHERE code = '7-D'`,
	} {
		if _, err := pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	item2A := idOf(t, pool, `SELECT it.id FROM annual_plan_items it JOIN action_plans a ON a.id = it.action_plan_id WHERE a.code = '2-A'`)
	if _, err := st.RecordOLTreatment(ctx, admin, id.annualPlan2016, item2A, 1, time.Date(2016, 5, 12, 0, 0, 0, 0, time.UTC),
		"Planerne blev drøftet."); err != nil {
		t.Fatal(err)
	}

	src := id.annualPlan2016
	newID, left, err := st.CreateAnnualPlanFrom(ctx, admin, id.regionStrategy, 2017, "Social Strategi – Indsatsplan 2017", &src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]domain.LeftOut{{Code: "1-A", Reason: "implementeret"}, {Code: "7-D", Reason: "arkiveret"}}, left); diff != "" {
		t.Errorf("left out (-want +got):\n%s", diff)
	}
	items, err := st.ListPlanItems(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, planItemShort(it))
	}
	want := []string{
		"1-B aktiv fra 2016", "2-A aktiv fra 2016", "4-A aktiv OL fra 2016", "4-E aktiv OL fra 2016", "5-C aktiv OL fra 2016",
		"6-A aktiv OL fra 2016", "6-B aktiv OL fra 2016", "8-C aktiv OL fra 2016", "8-D aktiv se 8-C", "8-E aktiv se 8-C",
		"9-E aktiv OL fra 2016", "10-A forberedende OL fra 2016", "10-B forberedende se 10-A", "10-C forberedende se 10-A",
		"10-D forberedende se 10-A", "12-D aktiv OL fra 2016", "13-A aktiv OL fra 2016",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("2017's items (-want +got):\n%s", diff)
	}
	for _, it := range items {
		switch {
		case it.Code == "1-B" && !strings.HasPrefix(it.Implementation, "Der er nedsat en styregruppe"):
			t.Errorf("1-B did not get 1-A's text: %.50q", it.Implementation)
		case it.Code == "2-A" && (it.OLNote != "" || it.OLTreatedOn != nil):
			t.Errorf("2-A keeps OL's 2016 note %q or treatment %v", it.OLNote, it.OLTreatedOn)
		case it.Code == "12-D" && it.OLNote != "behandler arbejdsgruppens oplæg og træffer beslutning om den videre opfølgning.":
			t.Errorf("12-D's OL note %q", it.OLNote)
		}
	}

	p, err := st.GetAnnualPlanDetail(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	type short struct {
		Year                   int32
		Title, Source          string
		IntroFrom              int32
		Scope                  []int64
		Adopted, HasIntro      bool
		PeriodStart, PeriodEnd int32
	}
	gotP := short{p.Year, p.Title, p.SourceTitle, *p.IntroductionFromYear, p.ScopeUnits, p.Adopted(),
		strings.HasPrefix(p.Introduction, "Social Strategi blev vedtaget"), p.PeriodStart, p.PeriodEnd}
	wantP := short{2017, "Social Strategi – Indsatsplan 2017", "Social Strategi – Indsatsplan 2016", 2016,
		[]int64{id.socialomraadet}, false, true, 2014, 2017}
	if diff := cmp.Diff(wantP, gotP); diff != "" {
		t.Errorf("the 2017 plan (-want +got):\n%s", diff)
	}
	areas, err := st.ListAnnualPlanAreas(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		if a.Narrative != "" || a.Assessment != "" {
			t.Errorf("area %d carried texts", a.Number)
		}
	}
	if len(areas) != 15 {
		t.Errorf("%d areas, want 15", len(areas))
	}
	if old, err := st.GetAnnualPlanDetail(ctx, src); err != nil || old.NextPlanID == nil || *old.NextPlanID != newID {
		t.Errorf("2016's next plan = %v, %v; want %d", old.NextPlanID, err, newID)
	}
	if _, _, err := st.CreateAnnualPlanFrom(ctx, admin, id.regionStrategy, 2017, "Igen", &src); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second 2017: %v, want ErrConflict", err)
	}
	history, err := st.ListAudit(ctx, store.AuditFilter{Entity: domain.EntityAnnualPlan, EntityID: newID})
	if err != nil || len(history) != 1 {
		t.Fatalf("history %v, %v; want one row", history, err)
	}
	if diff := cmp.Diff(map[string]domain.Change{
		"Titel": {New: "Social Strategi – Indsatsplan 2017"}, "Indledning": {New: p.Introduction},
		"Handleplaner": {New: "17"}, "Bygger på": {New: "Social Strategi – Indsatsplan 2016"},
		"Ikke ført over": {New: "1-A (implementeret), 7-D (arkiveret)"},
	}, history[0].Changes); diff != "" {
		t.Errorf("history of the creation (-want +got):\n%s", diff)
	}
}

// TestAnnualPlanItemEdits: editing, adopting, changing after adoption, removing a shared text.
func TestAnnualPlanItemEdits(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	admin, err := st.CreateUser(ctx, domain.User{OrganisationID: id.region, Email: "admin@region.test", Name: "Admin",
		Role: domain.RoleAdmin, PasswordHash: "x", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	plan := id.annualPlan2016
	items, err := st.ListPlanItems(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]domain.PlanItem{}
	for _, it := range items {
		byCode[it.Code] = it
	}

	if _, err := st.AdoptAnnualPlan(ctx, admin, plan, 1, time.Date(2016, 1, 12, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AdoptAnnualPlan(ctx, admin, plan, 1, time.Date(2016, 1, 13, 0, 0, 0, 0, time.UTC)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("adopting with a stale version: %v, want ErrConflict", err)
	}
	it := byCode["10-A"]
	it.Phase, it.Implementation = domain.PhaseActive, "Arbejdsgruppen er i gang."
	v, err := st.EditAnnualPlanItem(ctx, admin, it, false)
	if err != nil || v != 2 {
		t.Fatalf("edit 10-A: version %d, %v", v, err)
	}
	if _, err := st.EditAnnualPlanItem(ctx, admin, it, false); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a stale edit: %v, want ErrConflict", err)
	}
	p, err := st.GetAnnualPlanDetail(ctx, plan)
	if err != nil || !p.ChangedAfterAdoption || p.AdoptedByName != "Admin" {
		t.Errorf("after the change: changed %v by %q, %v; want changed after adoption by Admin", p.ChangedAfterAdoption, p.AdoptedByName, err)
	}
	history, err := st.ListAudit(ctx, store.AuditFilter{Entity: domain.EntityAnnualPlanItem, EntityID: it.ID})
	if err != nil || len(history) != 1 {
		t.Fatalf("history %v, %v", history, err)
	}
	wantChanges := map[string]domain.Change{
		"Fase":           {Old: "Forberedende indsats", New: "Aktiv indsats"},
		"Implementering": {Old: byCode["10-A"].Implementation, New: "Arbejdsgruppen er i gang."},
		"Vedtaget plan":  {New: "ændret efter vedtagelse"},
	}
	if diff := cmp.Diff(wantChanges, history[0].Changes); diff != "" {
		t.Errorf("history of the change (-want +got):\n%s", diff)
	}

	// Removing 10-A gives 10-B, 10-C and 10-D its text.
	if err := st.RemoveAnnualPlanItem(ctx, admin, plan, it.ID, 2); err != nil {
		t.Fatal(err)
	}
	items, err = st.ListPlanItems(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range items {
		if strings.HasPrefix(x.Code, "10-") && (x.SameAsID != nil || x.Implementation != "Arbejdsgruppen er i gang.") {
			t.Errorf("%s: same as %v, text %q; want 10-A's text of its own", x.Code, x.SameAsID, x.Implementation)
		}
	}
	if len(items) != 18 {
		t.Errorf("%d items after removing one, want 18", len(items))
	}

	// Adding: only the strategy's handleplaner the plan does not hold.
	cands, err := st.ListPlanCandidates(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, c := range cands {
		codes = append(codes, c.Code)
	}
	if !slices.Contains(codes, "10-A") {
		t.Errorf("candidates %v do not offer 10-A back", codes)
	}
	a10 := idOf(t, pool, `SELECT id FROM action_plans WHERE code = '10-A'`)
	if _, err := st.AddAnnualPlanItem(ctx, admin, plan, a10, domain.PhaseActive); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddAnnualPlanItem(ctx, admin, plan, a10, domain.PhaseActive); !errors.Is(err, store.ErrConflict) && !errors.Is(err, store.ErrNotFound) {
		t.Errorf("adding 10-A twice: %v", err)
	}
	kommunePlan := idOf(t, pool, `SELECT COALESCE(min(a.id), 0) FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id WHERE t.strategy_id = $1`, id.kommuneStrategy)
	if kommunePlan != 0 {
		if _, err := st.AddAnnualPlanItem(ctx, admin, plan, kommunePlan, domain.PhaseActive); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("adding another strategy's handleplan: %v, want ErrNotFound", err)
		}
	}
}
