package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func indDate(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// rehabIndicator is the example indicator of the item the ids name.
func rehabIndicator(goal, initiative, plan *int64) domain.Indicator {
	return domain.Indicator{GoalID: goal, InitiativeID: initiative, ActionPlanID: plan,
		Name: "Andel borgere med rehabiliteringsforløb", Definition: "Fra omsorgssystemet", Unit: "%",
		Direction: domain.DirectionHigher, BaselineValue: 20, BaselineDate: indDate("2024-01-01"), TargetValue: 60,
		TargetDate: indDate("2026-12-31"), Milestones: []domain.Milestone{{Year: 2025, Value: 40}},
		Frequency: domain.FrequencyQuarterly}
}

func TestIndicators(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	actor, err := st.CreateUser(ctx, domain.User{OrganisationID: id.kommune, Email: "leder@indikator.test", Name: "Leder",
		Role: domain.RoleAdmin, PasswordHash: "x", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	local, err := st.AddLocalInitiative(ctx, actor, domain.Initiative{ParentID: &id.kommuneInitiative11, UnitID: &id.hjemmepleje,
		Title: "Hverdagsrehabilitering"})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := st.AddActionPlan(ctx, actor, domain.ActionPlan{InitiativeID: local, Code: "H-1", Title: "Rehabilitering først"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	add := func(ind domain.Indicator) int64 {
		t.Helper()
		n, err := st.AddIndicator(ctx, actor, ind)
		if err != nil {
			t.Fatalf("add indicator: %v", err)
		}
		return n
	}
	onPlan := add(rehabIndicator(nil, nil, &plan))
	onLocal := add(rehabIndicator(nil, &local, nil))
	onGoal := add(rehabIndicator(&id.selvbestemmelse, nil, nil))
	onRegion := add(rehabIndicator(nil, nil, &id.plan12D))

	// Each filter selects its own; the agreement holds the local initiative and its plan.
	list := func(f store.IndicatorFilter) []int64 {
		t.Helper()
		rows, err := st.ListIndicators(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		out := []int64{}
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	filters := []struct {
		name string
		f    store.IndicatorFilter
		want []int64
	}{
		{"plan", store.IndicatorFilter{ActionPlanID: plan}, []int64{onPlan}},
		{"initiative", store.IndicatorFilter{InitiativeID: local}, []int64{onLocal}},
		{"goal", store.IndicatorFilter{GoalID: id.selvbestemmelse}, []int64{onGoal}},
		{"agreement", store.IndicatorFilter{AgreementID: id.hjemmeplejeAgreement}, []int64{onPlan, onLocal}},
		{"organisation", store.IndicatorFilter{OrganisationID: id.region}, []int64{onRegion}},
		{"the organisation's goals", store.IndicatorFilter{OrganisationID: id.kommune, GoalsOnly: true}, []int64{onGoal}},
	}
	for _, tt := range filters {
		if diff := cmp.Diff(tt.want, list(tt.f)); diff != "" {
			t.Errorf("%s: indicators (-want +got):\n%s", tt.name, diff)
		}
	}

	got, err := st.GetIndicator(ctx, onPlan)
	if err != nil {
		t.Fatal(err)
	}
	if got.ItemKind != domain.ItemActionPlan || got.ItemID != plan || got.ItemTitle != "H-1: Rehabilitering først" ||
		got.OrganisationID != id.kommune || got.ScopeUnitID == nil || *got.ScopeUnitID != id.hjemmepleje ||
		got.InitiativeKind != domain.InitiativeLocal || got.LatestValue != nil || *got.ItemInitiativeID != local ||
		!cmp.Equal(got.Milestones, []domain.Milestone{{Year: 2025, Value: 40}}) {
		t.Errorf("indicator on the plan: %+v", got)
	}
	var changed *time.Time
	if err := pool.QueryRow(ctx, `SELECT content_changed_at FROM agreements WHERE id = $1`, id.hjemmeplejeAgreement).Scan(&changed); err != nil || changed == nil {
		t.Errorf("the agreement holding the plan is not marked changed (%v)", err)
	}
	scope, err := st.GoalScopeUnits(ctx, id.selvbestemmelse)
	if err != nil || !cmp.Equal(scope, []int64{idOf(t, pool, `SELECT id FROM units WHERE name = 'Direktion'`), id.sundhedOgOmsorg}) {
		t.Errorf("goal scope %v (%v)", scope, err)
	}

	// Measurements: a new one, the same date again without seeing it (conflict), then a correction.
	m := domain.Measurement{IndicatorID: onPlan, AsOf: indDate("2025-03-31"), Value: 36, Comment: "Første"}
	steps := []struct {
		name    string
		value   float64
		replace int32
		wantErr error
	}{
		{"new", 36, 0, nil},
		{"same date, unseen", 37, 0, store.ErrConflict},
		{"stale version", 37, 2, store.ErrConflict},
		{"correction", 38.5, 1, nil},
		{"unchanged", 38.5, 2, nil},
	}
	for _, s := range steps {
		m.Value = s.value
		if err := st.SaveMeasurement(ctx, actor, m, s.replace); !errors.Is(err, s.wantErr) {
			t.Errorf("%s: error %v, want %v", s.name, err, s.wantErr)
		}
	}
	ms, err := st.ListMeasurements(ctx, onPlan)
	if err != nil || len(ms) != 1 || ms[0].Value != 38.5 || ms[0].Version != 2 || ms[0].AuthorName != "Leder" {
		t.Fatalf("measurements %+v (%v)", ms, err)
	}
	changes, err := st.ListMeasurementChanges(ctx, onPlan)
	if err != nil || len(changes) != 1 || changes[0].OldValue != 36 || changes[0].NewValue != 38.5 || changes[0].OldComment != "Første" {
		t.Errorf("changes %+v (%v)", changes, err)
	}

	// An import is all or nothing, and only on the state that was previewed.
	rows := []domain.Measurement{{AsOf: indDate("2024-12-31"), Value: 33}, {AsOf: indDate("2025-03-31"), Value: 39, Comment: "Rettet"}}
	if _, _, err := st.ImportMeasurements(ctx, actor, onPlan, rows, "forældet"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("import on a stale state: %v", err)
	}
	added, replaced, err := st.ImportMeasurements(ctx, actor, onPlan, rows, store.MeasurementState(ms))
	if err != nil || added != 1 || replaced != 1 {
		t.Errorf("import: added %d, replaced %d (%v)", added, replaced, err)
	}
	got, _ = st.GetIndicator(ctx, onPlan)
	if got.LatestValue == nil || *got.LatestValue != 39 || !got.LatestAsOf.Equal(indDate("2025-03-31")) {
		t.Errorf("latest %v at %v, want 39 at 2025-03-31", got.LatestValue, got.LatestAsOf)
	}
	audit, err := st.ListAudit(ctx, store.AuditFilter{Entity: domain.EntityIndicator, EntityID: onPlan})
	if err != nil {
		t.Fatal(err)
	}
	wantAudit := []map[string]domain.Change{
		{"Måling 2024-12-31": {New: "33 %"}, "Måling 2025-03-31": {Old: "38,5 %", New: "39 %"}},
		{"Måling 2025-03-31": {Old: "36 %", New: "38,5 %"}},
		{"Måling 2025-03-31": {New: "36 %"}},
	}
	if len(audit) != 4 || audit[3].Action != domain.AuditCreate {
		t.Fatalf("%d history rows, want the creation and 3 measurement changes", len(audit))
	}
	for i, w := range wantAudit {
		if diff := cmp.Diff(w, audit[i].Changes); diff != "" {
			t.Errorf("history row %d (-want +got):\n%s", i, diff)
		}
	}

	// Editing needs the current version; archiving hides the indicator from lists.
	edit := got.Indicator
	edit.Name = "Andel med forløb"
	v, err := st.EditIndicator(ctx, actor, edit)
	if err != nil || v != got.Version+1 {
		t.Fatalf("edit: version %d (%v)", v, err)
	}
	if _, err := st.EditIndicator(ctx, actor, edit); !errors.Is(err, store.ErrConflict) {
		t.Errorf("edit with the old version: %v, want a conflict", err)
	}
	if err := st.ArchiveIndicator(ctx, actor, onPlan, v); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{}, list(store.IndicatorFilter{ActionPlanID: plan})); diff != "" {
		t.Errorf("archived indicator still listed: %s", diff)
	}
	if err := st.SaveMeasurement(ctx, actor, m, 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("measurement on an archived indicator: %v, want not found", err)
	}
}
