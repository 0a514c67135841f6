package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestPoliciesAndObjectives(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()

	pols, err := st.ListPoliciesByOrganisation(ctx, id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	type policy struct {
		Title, Kind string
		Numbered    bool
	}
	var got []policy
	for _, p := range pols {
		got = append(got, policy{p.Title, p.Kind, p.Numbered})
	}
	want := []policy{{"Ældrepolitik", "politik", true}, {"Sundhedspolitik", "politik", true},
		{"Direktionens Strategiplan", "strategiplan", false}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListPoliciesByOrganisation (-want +got):\n%s", diff)
	}

	objs, err := st.ListObjectivesByPolicy(ctx, id.aeldrepolitik)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []int32
	for _, o := range objs {
		numbers = append(numbers, o.Number)
	}
	if diff := cmp.Diff([]int32{1, 2, 3}, numbers); diff != "" {
		t.Errorf("Ældrepolitik's objectives (-want +got):\n%s", diff)
	}

	od, err := st.GetObjectiveDetail(ctx, id.aeldreObjective1)
	if err != nil {
		t.Fatal(err)
	}
	type objective struct {
		Number                   int32
		Title, PolicyTitle       string
		Numbered                 bool
		PolicyID, OrganisationID int64
	}
	if diff := cmp.Diff(objective{1, "Alle oplever, at de har selvbestemmelse og frihed i eget liv", "Ældrepolitik", true,
		id.aeldrepolitik, id.kommune},
		objective{od.Number, od.Title, od.PolicyTitle, od.Numbered, od.PolicyID, od.OrganisationID}); diff != "" {
		t.Errorf("GetObjectiveDetail (-want +got):\n%s", diff)
	}

	gd, err := st.GetGoalDetail(ctx, id.selvbestemmelse)
	if err != nil {
		t.Fatal(err)
	}
	type goal struct {
		Title, ObjectiveTitle, PolicyTitle string
		ObjectiveNumber                    int32
		ObjectiveID, PolicyID, OrgID       int64
	}
	if diff := cmp.Diff(goal{"At der er selvbestemmelse i form af til- og fravalg i hverdagslivet",
		"Alle oplever, at de har selvbestemmelse og frihed i eget liv", "Ældrepolitik", 1,
		id.aeldreObjective1, id.aeldrepolitik, id.kommune},
		goal{gd.Title, gd.ObjectiveTitle, gd.PolicyTitle, gd.ObjectiveNumber, gd.ObjectiveID, gd.PolicyID, gd.OrganisationID}); diff != "" {
		t.Errorf("GetGoalDetail (-want +got):\n%s", diff)
	}
}

func TestStrategiesAndTracks(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()

	type strategy struct {
		Title, UnitName        string
		PeriodStart, PeriodEnd int32
		TrackCount             int32
	}
	tests := []struct {
		name   string
		org    int64
		want   []strategy
		tracks []string
	}{
		{"kommune", id.kommune, []strategy{{"Strategi for Sundhed og Omsorg", "Sundhed og Omsorg", 2023, 2026, 4}},
			[]string{
				"Vi vil styrke de sundhedsfremmende og rehabiliterende indsatser i alle livsfasen og vilkår",
				"Vi vil sikre kvalitet i opgaveløsningen for at styrke borgersikkerheden",
				"Vi vil sikre de nødvendige medarbejderkompetencer og være en bæredygtig arbejdsplads",
				"Vi vil styrke relationerne i det tværgående samarbejde",
			}},
		{"region", id.region, []strategy{{"Social Strategi", "Socialområdet", 2014, 2017, 5}},
			[]string{"Nødvendig viden", "Målrettet indsats", "Bedre liv", "Til flere", "Tværgående indsatsområder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := st.ListStrategyRowsByOrganisation(ctx, tt.org)
			if err != nil {
				t.Fatal(err)
			}
			var got []strategy
			for _, r := range rows {
				got = append(got, strategy{r.Title, r.UnitName, r.PeriodStart, r.PeriodEnd, r.TrackCount})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ListStrategyRowsByOrganisation (-want +got):\n%s", diff)
			}
			plain, err := st.ListStrategiesByOrganisation(ctx, tt.org)
			if err != nil || len(plain) != 1 || plain[0].ID != rows[0].ID {
				t.Errorf("ListStrategiesByOrganisation: %v, %v; want the one strategy", plain, err)
			}
			tracks, err := st.ListTracksByStrategy(ctx, rows[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for i, tr := range tracks {
				titles = append(titles, tr.Title)
				if tr.Number != int32(i+1) {
					t.Errorf("track %q has number %d, want %d", tr.Title, tr.Number, i+1)
				}
			}
			if diff := cmp.Diff(tt.tracks, titles); diff != "" {
				t.Errorf("ListTracksByStrategy (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("the tracks of a goal", func(t *testing.T) {
		refs, err := st.ListTracksByGoal(ctx, id.selvbestemmelse)
		if err != nil {
			t.Fatal(err)
		}
		track1 := idOf(t, pool, `SELECT id FROM tracks WHERE strategy_id = $1 AND number = 1`, id.kommuneStrategy)
		want := []domain.TrackRef{{ID: track1, Number: 1, Title: tests[0].tracks[0],
			StrategyID: id.kommuneStrategy, StrategyTitle: "Strategi for Sundhed og Omsorg"}}
		if diff := cmp.Diff(want, refs); diff != "" {
			t.Errorf("ListTracksByGoal (-want +got):\n%s", diff)
		}
	})

	t.Run("a track's detail", func(t *testing.T) {
		d, err := st.GetTrackDetail(ctx, id.kommuneTrack2)
		if err != nil {
			t.Fatal(err)
		}
		type track struct {
			Number                   int32
			StrategyTitle            string
			StrategyID, Organisation int64
		}
		if diff := cmp.Diff(track{2, "Strategi for Sundhed og Omsorg", id.kommuneStrategy, id.kommune},
			track{d.Number, d.StrategyTitle, d.StrategyID, d.OrganisationID}); diff != "" {
			t.Errorf("GetTrackDetail (-want +got):\n%s", diff)
		}
	})
}
