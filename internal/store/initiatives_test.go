package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// initiativeRows are initiatives in short: "track.number" for a general one, "track.number
// local unit" for a local one.
func initiativeRows(rows []domain.InitiativeRow) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		s := fmt.Sprintf("%d.%d", r.TrackNumber, r.Number)
		if r.Kind == domain.InitiativeLocal {
			s += " local " + r.UnitName
		}
		out = append(out, s)
	}
	return out
}

// withLocal adds to a seeded database a local initiative of Hjemmepleje og akutaflastning under
// the kommune's first generel indsats, with an action plan "H-1", and an action plan "G-1" on
// the generel indsats itself. It returns the local initiative's id.
func withLocal(t *testing.T, st *store.Store, id ids) int64 {
	t.Helper()
	ctx := context.Background()
	unit := id.hjemmepleje
	parent := id.kommuneInitiative11
	local, err := st.CreateInitiative(ctx, domain.Initiative{Kind: domain.InitiativeLocal, ParentID: &parent,
		UnitID: &unit, Number: 1, Title: "Rehabiliterende hjemmepleje"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: local, Code: "H-1", Title: "Træn personalet"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: parent, Code: "G-1", Title: "Fælles materiale"}); err != nil {
		t.Fatal(err)
	}
	return local
}

func TestListInitiatives(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	local := withLocal(t, st, id)
	ctx := context.Background()
	kommune := []string{"1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "4.1", "4.2"}

	tests := []struct {
		name   string
		filter store.InitiativeFilter
		want   []string
	}{
		{"the kommune's strategy: 4 tracks with 2, 4, 2, 2 general initiatives",
			store.InitiativeFilter{StrategyID: id.kommuneStrategy, Kind: domain.InitiativeGeneral}, kommune},
		{"the kommune's strategy, general and local",
			store.InitiativeFilter{StrategyID: id.kommuneStrategy},
			concat(kommune[:1], []string{"1.1 local Hjemmepleje og akutaflastning"}, kommune[1:])},
		{"the region's 15 indsatsområder under 5 temaer",
			store.InitiativeFilter{StrategyID: id.regionStrategy},
			[]string{"1.1", "1.2", "1.3", "1.4", "2.5", "2.6", "2.7", "3.8", "3.9", "3.10", "3.11", "3.12", "4.13", "4.14", "5.15"}},
		{"spor 2", store.InitiativeFilter{TrackID: id.kommuneTrack2}, kommune[2:6]},
		{"local ones of a general", store.InitiativeFilter{ParentID: id.kommuneInitiative11},
			[]string{"1.1 local Hjemmepleje og akutaflastning"}},
		{"a unit's", store.InitiativeFilter{UnitID: id.hjemmepleje}, []string{"1.1 local Hjemmepleje og akutaflastning"}},
		{"only local", store.InitiativeFilter{Kind: domain.InitiativeLocal}, []string{"1.1 local Hjemmepleje og akutaflastning"}},
		{"an agreement's 10 general", store.InitiativeFilter{AgreementID: id.hjemmeplejeAgreement, Kind: domain.InitiativeGeneral}, kommune},
		{"an område agreement's: the generals and the lower unit's local ones",
			store.InitiativeFilter{AgreementID: id.hjemmeplejeAgreement},
			concat(kommune[:1], []string{"1.1 local Hjemmepleje og akutaflastning"}, kommune[1:])},
		{"the overordnede agreement's: not the områders' local ones", store.InitiativeFilter{AgreementID: id.overordnet}, kommune},
		{"under the tracks of the selvbestemmelse goal (spor 1)",
			store.InitiativeFilter{GoalID: id.selvbestemmelse, Kind: domain.InitiativeGeneral}, kommune[:2]},
		{"a unit with none", store.InitiativeFilter{UnitID: id.socialomraadet}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := st.ListInitiatives(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, initiativeRows(rows)); diff != "" {
				t.Errorf("initiatives (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("counts of action plans and local initiatives", func(t *testing.T) {
		rows, err := st.ListInitiatives(ctx, store.InitiativeFilter{StrategyID: id.kommuneStrategy})
		if err != nil {
			t.Fatal(err)
		}
		type counts struct{ Plans, Locals int32 }
		got := map[int64]counts{}
		for _, r := range rows {
			got[r.ID] = counts{r.ActionPlanCount, r.LocalCount}
		}
		want := map[int64]counts{id.kommuneInitiative11: {1, 1}, local: {1, 0}}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("initiative %d: got %+v, want %+v", k, got[k], w)
			}
		}
	})
}

func TestGetInitiativeDetail(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	got, err := st.GetInitiativeDetail(context.Background(), id.regionArea12)
	if err != nil {
		t.Fatal(err)
	}
	track3 := idOf(t, pool, `SELECT id FROM tracks WHERE strategy_id = $1 AND number = 3`, id.regionStrategy)
	type short struct {
		ID, TrackID, StrategyID, OrganisationID int64
		Kind, Title, TrackTitle, StrategyTitle  string
		Number, TrackNumber, ActionPlanCount    int32
		ParentID, UnitID                        *int64
	}
	want := short{id.regionArea12, track3, id.regionStrategy, id.region,
		domain.InitiativeGeneral, "Stærkere samarbejde med sundhedsområdet", "Bedre liv", "Social Strategi",
		12, 3, 1, nil, nil}
	if diff := cmp.Diff(want, short{got.ID, got.TrackID, got.StrategyID, got.OrganisationID, got.Kind, got.Title,
		got.TrackTitle, got.StrategyTitle, got.Number, got.TrackNumber, got.ActionPlanCount, got.ParentID, got.UnitID}); diff != "" {
		t.Errorf("detail (-want +got):\n%s", diff)
	}
}

func codes(rows []domain.ActionPlanRow) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.Code)
	}
	return out
}

func TestListActionPlans(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	withLocal(t, st, id)
	ctx := context.Background()

	tests := []struct {
		name   string
		filter store.ActionPlanFilter
		want   []string
	}{
		{"an indsatsområde's", store.ActionPlanFilter{InitiativeID: id.regionArea10}, []string{"10-A", "10-B", "10-C", "10-D"}},
		{"a general's own", store.ActionPlanFilter{InitiativeID: id.kommuneInitiative11}, []string{"G-1"}},
		{"a general's and its local ones'", store.ActionPlanFilter{InitiativeOrParentID: id.kommuneInitiative11}, []string{"G-1", "H-1"}},
		{"a unit's", store.ActionPlanFilter{UnitID: id.hjemmepleje}, []string{"H-1"}},
		{"an område agreement's: the generals' and the lower unit's local ones'",
			store.ActionPlanFilter{AgreementID: id.hjemmeplejeAgreement}, []string{"G-1", "H-1"}},
		{"the overordnede agreement's: not the områders' local ones", store.ActionPlanFilter{AgreementID: id.overordnet}, []string{"G-1"}},
		{"a unit with none", store.ActionPlanFilter{UnitID: id.socialomraadet}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := st.ListActionPlans(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, codes(rows)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("rows carry their initiative and unit", func(t *testing.T) {
		rows, err := st.ListActionPlans(ctx, store.ActionPlanFilter{UnitID: id.hjemmepleje})
		if err != nil {
			t.Fatal(err)
		}
		type short struct{ Code, InitiativeTitle, InitiativeKind, UnitName string }
		var got []short
		for _, r := range rows {
			got = append(got, short{r.Code, r.InitiativeTitle, r.InitiativeKind, r.UnitName})
		}
		want := []short{{"H-1", "Rehabiliterende hjemmepleje", domain.InitiativeLocal, "Hjemmepleje og akutaflastning"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestGetActionPlanDetail(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	got, err := st.GetActionPlanDetail(context.Background(), id.plan12D)
	if err != nil {
		t.Fatal(err)
	}
	type short struct {
		Code, InitiativeTitle, TrackTitle, StrategyTitle string
		InitiativeID, StrategyID, OrganisationID         int64
		InitiativeNumber, TrackNumber                    int32
		ParentID                                         *int64
	}
	want := short{"12-D", "Stærkere samarbejde med sundhedsområdet", "Bedre liv", "Social Strategi",
		id.regionArea12, id.regionStrategy, id.region, 12, 3, nil}
	if diff := cmp.Diff(want, short{got.Code, got.InitiativeTitle, got.TrackTitle, got.StrategyTitle,
		got.InitiativeID, got.StrategyID, got.OrganisationID, got.InitiativeNumber, got.TrackNumber, got.ParentID}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
