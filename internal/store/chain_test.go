package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// chainRow is a goal row in short: "policy/objective number: tracks", e.g. "Ældrepolitik/1: [1]".
func chainRows(rows []domain.GoalRow) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		var tracks []int32
		for _, t := range r.Tracks {
			tracks = append(tracks, t.Number)
		}
		out = append(out, fmt.Sprintf("%s/%d: %v", r.PolicyTitle, r.ObjectiveNumber, tracks))
	}
	return out
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestListGoalChain(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()

	aeldre := []string{
		"Ældrepolitik/1: [1]", "Ældrepolitik/1: [1]", "Ældrepolitik/1: [4]",
		"Ældrepolitik/2: [4]", "Ældrepolitik/2: [4]", "Ældrepolitik/2: [4]",
		"Ældrepolitik/3: [1]", "Ældrepolitik/3: [1]", "Ældrepolitik/3: [4]",
	}
	sundhed := []string{
		"Sundhedspolitik/1: [4]", "Sundhedspolitik/1: [4]", "Sundhedspolitik/1: [4]", "Sundhedspolitik/1: [1]",
		"Sundhedspolitik/2: [1]", "Sundhedspolitik/2: [1]", "Sundhedspolitik/2: [1]",
		"Sundhedspolitik/3: [1]", "Sundhedspolitik/3: [1]",
	}
	strategiplan := []string{
		"Direktionens Strategiplan/1: [2]",
		"Direktionens Strategiplan/2: [2]", "Direktionens Strategiplan/2: [4]",
		"Direktionens Strategiplan/2: [2]", "Direktionens Strategiplan/2: [3]",
	}
	all := concat(aeldre, sundhed, strategiplan)

	tests := []struct {
		name   string
		filter store.GoalChainFilter
		want   []string
	}{
		{"kommune", store.GoalChainFilter{OrganisationID: id.kommune}, all},
		{"region has no policies", store.GoalChainFilter{OrganisationID: id.region}, []string{}},
		{"Ældrepolitik has objectives 1–3", store.GoalChainFilter{PolicyID: id.aeldrepolitik}, aeldre},
		{"Direktionens Strategiplan", store.GoalChainFilter{PolicyID: id.strategiplan}, strategiplan},
		{"Ældrepolitik's objective 1", store.GoalChainFilter{ObjectiveID: id.aeldreObjective1}, aeldre[:3]},
		{"spor 2 realises the strategiplan's goals on spor 2", store.GoalChainFilter{TrackID: id.kommuneTrack2},
			[]string{strategiplan[0], strategiplan[1], strategiplan[3]}},
		{"the kommune's strategy", store.GoalChainFilter{StrategyID: id.kommuneStrategy}, all},
		{"the region's strategy", store.GoalChainFilter{StrategyID: id.regionStrategy}, []string{}},
		{"policy and objective of another policy", store.GoalChainFilter{PolicyID: id.strategiplan, ObjectiveID: id.aeldreObjective1}, []string{}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := st.ListGoalChain(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, chainRows(rows)); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("the selvbestemmelse goal has tracks [1]", func(t *testing.T) {
		rows, err := st.ListGoalChain(ctx, store.GoalChainFilter{ObjectiveID: id.aeldreObjective1})
		if err != nil {
			t.Fatal(err)
		}
		var got []domain.TrackRef
		for _, r := range rows {
			if r.GoalID == id.selvbestemmelse {
				got = r.Tracks
			}
		}
		track1 := idOf(t, pool, `SELECT id FROM tracks WHERE strategy_id = $1 AND number = 1`, id.kommuneStrategy)
		want := []domain.TrackRef{{ID: track1, Number: 1,
			Title:      "Vi vil styrke de sundhedsfremmende og rehabiliterende indsatser i alle livsfasen og vilkår",
			StrategyID: id.kommuneStrategy, StrategyTitle: "Strategi for Sundhed og Omsorg"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("tracks (-want +got):\n%s", diff)
		}
	})
}
