package domain

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestRollup(t *testing.T) {
	t.Parallel()
	nodes := []RollupNode{
		{Key: "tr:1"},
		{Key: "in:1", Parent: "tr:1"},            // general, two locals
		{Key: "in:2", Parent: "in:1", Weight: 3}, // local with plans
		{Key: "ap:1", Parent: "in:2", Progress: 100, Health: HealthOnTrack},  // plan
		{Key: "ap:2", Parent: "in:2", Progress: 0, Health: HealthChallenged}, // plan
		{Key: "in:3", Parent: "in:1", Progress: 90, Health: HealthOnTrack},   // local without plans
		{Key: "in:4", Parent: "tr:1", Progress: 10, Health: HealthCritical},  // general without parts
		{Key: "in:5", Parent: "tr:1", Health: HealthOnTrack},                 // owner set health explicitly
		{Key: "ap:3", Parent: "in:5", Progress: 30, Health: HealthCritical},
	}
	got := Rollup(nodes)
	want := map[string]Rolled{
		"ap:1": {Progress: 100, Health: HealthOnTrack},
		"ap:2": {Progress: 0, Health: HealthChallenged},
		"in:2": {Progress: 50, Health: HealthChallenged, Parts: 2},
		"in:3": {Progress: 90, Health: HealthOnTrack},
		"in:1": {Progress: (3*50 + 90) / 4.0, Health: HealthChallenged, Parts: 2},
		"in:4": {Progress: 10, Health: HealthCritical},
		"ap:3": {Progress: 30, Health: HealthCritical},
		"in:5": {Progress: 30, Health: HealthOnTrack, Parts: 1},
		"tr:1": {Progress: (60 + 10 + 30) / 3.0, Health: HealthCritical, Parts: 3},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("Rollup (-want +got):\n%s", diff)
	}
}
