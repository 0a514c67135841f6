package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func TestFollowUpScope(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	tests := []struct {
		name                      string
		org                       int64
		strategies, tracks, units int
	}{
		{"kommune", id.kommune, 1, 4, 7},
		{"region", id.region, 1, 5, 6},
	}
	for _, tt := range tests {
		sc, err := st.FollowUpScope(ctx, tt.org)
		if err != nil {
			t.Fatal(err)
		}
		got := []int{len(sc.Strategies), len(sc.Tracks), len(sc.Units)}
		if diff := cmp.Diff([]int{tt.strategies, tt.tracks, tt.units}, got); diff != "" {
			t.Errorf("%s: strategies, tracks, units (-want +got):\n%s", tt.name, diff)
		}
		for _, u := range sc.Units {
			if u.OrganisationID != tt.org {
				t.Errorf("%s: unit %q of another organisation", tt.name, u.Name)
			}
		}
	}

	// An archived unit is not offered.
	if _, err := pool.Exec(ctx, `UPDATE units SET archived_at = now() WHERE id = $1`, id.hjemmepleje); err != nil {
		t.Fatal(err)
	}
	sc, err := st.FollowUpScope(ctx, id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Units) != 6 {
		t.Errorf("%d units after archiving one, want 6", len(sc.Units))
	}
}

// followUpRows are initiatives and plans in short: "kind title [unit] track general".
func followUpRows(d store.FollowUpData) []string {
	var out []string
	for _, in := range d.Initiatives {
		out = append(out, fmt.Sprintf("%s %d.%d %s", in.Kind, in.TrackNumber, in.Number, in.UnitName))
	}
	for _, a := range d.ActionPlans {
		unit := "-"
		if a.InitiativeUnitID != nil {
			unit = a.UnitName
		}
		out = append(out, fmt.Sprintf("plan %s %s track=%v general=%v", a.Code, unit, a.TrackID != 0, a.GeneralID))
	}
	return out
}

func TestFollowUpItems(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	local := withLocal(t, st, id)
	g := id.kommuneInitiative11
	unit := id.hjemmepleje
	archived, err := st.CreateInitiative(ctx, domain.Initiative{Kind: domain.InitiativeLocal, ParentID: &g, UnitID: &unit,
		Number: 2, Title: "Arkiveret"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: archived, Code: "X-1", Title: "Væk"}); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE initiatives SET archived_at = now() WHERE id = $1`, archived); err != nil {
		t.Fatal(err)
	}

	data, err := st.FollowUpItems(ctx, id.kommune, id.kommuneStrategy, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"general 1.1 ", "local 1.1 Hjemmepleje og akutaflastning", "general 1.2 ", "general 2.1 ",
		"general 2.2 ", "general 2.3 ", "general 2.4 ", "general 3.1 ", "general 3.2 ", "general 4.1 ", "general 4.2 ",
		fmt.Sprintf("plan G-1 - track=true general=%d", g),
		fmt.Sprintf("plan H-1 Hjemmepleje og akutaflastning track=true general=%d", g)}
	if diff := cmp.Diff(want, followUpRows(data)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	for _, in := range data.Initiatives {
		if in.ID == local && (in.FollowUpMonths != 3 || in.ScopeUnitID == nil || *in.ScopeUnitID != unit || in.ParentTitle == "") {
			t.Errorf("local initiative row %+v lacks its follow-up rhythm, scope or parent", in)
		}
	}
	if data.GoalTracks != nil || data.Activity != nil {
		t.Error("goals and activity were read without being asked for")
	}

	// The region's items (every strategy), with its goals and its newest activity.
	region, err := st.FollowUpItems(ctx, id.region, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	plans := idOf(t, pool, `SELECT count(*) FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1`, id.region)
	if len(region.ActionPlans) != int(plans) || len(region.Initiatives) != 15 {
		t.Errorf("region: %d initiatives, %d plans; want 15 and %d", len(region.Initiatives), len(region.ActionPlans), plans)
	}
	gts := idOf(t, pool, `SELECT count(*) FROM goal_tracks gt JOIN tracks t ON t.id = gt.track_id
		JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1`, id.region)
	if len(region.GoalTracks) != int(gts) {
		t.Errorf("region: %d goal–track pairs, want %d", len(region.GoalTracks), gts)
	}
}

func TestFollowUpActivity(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	author, err := st.CreateUser(ctx, domain.User{OrganisationID: id.kommune, Email: "a@example.test", Name: "Aase Åberg",
		Role: domain.RoleAdmin, PasswordHash: "x", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	local := withLocal(t, st, id)
	asOf := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	for _, p := range []int16{10, 20, 30} {
		if _, err := st.PostStatusUpdate(ctx, domain.StatusUpdate{InitiativeID: &local, Phase: domain.PhaseImplementing,
			Health: domain.HealthOnTrack, Progress: p, AsOf: asOf, AuthorID: author}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AddComment(ctx, domain.Comment{InitiativeID: &local, AuthorID: author, Body: "Godt gået"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddLocalInitiative(ctx, author, domain.Initiative{ParentID: &id.kommuneInitiative11, UnitID: &id.hjemmepleje,
		Title: "Oprettet til sidst"}); err != nil {
		t.Fatal(err)
	}
	data, err := st.FollowUpItems(ctx, id.kommune, id.kommuneStrategy, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range data.Activity {
		got = append(got, e.Action+" "+e.ActorName+" "+e.Changes["Fremdrift"].New+e.Changes["Kommentar"].New)
	}
	want := []string{"comment Aase Åberg Godt gået", "status Aase Åberg 30 %", "status Aase Åberg 20 %"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("activity (-want +got):\n%s", diff)
	}
	// The region's activity is its own.
	region, err := st.FollowUpItems(ctx, id.region, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(region.Activity) != 0 {
		t.Errorf("the region sees %d entries of the kommune's activity", len(region.Activity))
	}
}
