package domain

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCompareSnapshots(t *testing.T) {
	t.Parallel()
	item := func(entity string, id int64, title string, values map[string]string) SnapshotItem {
		return SnapshotItem{Entity: entity, ID: id, Title: title, Values: values}
	}
	plan := item(EntityActionPlan, 7, "Plan", map[string]string{"Titel": "Plan", "Frist": "2026-03-01", "Ansvarlig": ""})
	planEdited := item(EntityActionPlan, 7, "Plan 2", map[string]string{"Titel": "Plan 2", "Frist": "2026-04-01", "Ansvarlig": ""})
	local := item(EntityInitiative, 3, "Lokal", map[string]string{"Titel": "Lokal"})
	sameID := item(EntityInitiative, 7, "Indsats 7", map[string]string{"Titel": "Indsats 7"}) // an initiative with the plan's id
	tests := []struct {
		name      string
		then, now []SnapshotItem
		want      []SnapshotChange
	}{
		{"nothing", nil, nil, nil},
		{"unchanged", []SnapshotItem{local, plan}, []SnapshotItem{local, plan}, nil},
		{"added", []SnapshotItem{local}, []SnapshotItem{local, plan}, []SnapshotChange{{Kind: "added", Item: plan}}},
		{"archived", []SnapshotItem{local, plan}, []SnapshotItem{plan}, []SnapshotChange{{Kind: "archived", Item: local}}},
		{"changed: only the fields that differ", []SnapshotItem{plan}, []SnapshotItem{planEdited}, []SnapshotChange{{
			Kind: "changed", Item: planEdited,
			Changes: map[string]Change{"Titel": {Old: "Plan", New: "Plan 2"}, "Frist": {Old: "2026-03-01", New: "2026-04-01"}}}}},
		{"a field emptied", []SnapshotItem{plan}, []SnapshotItem{item(EntityActionPlan, 7, "Plan", map[string]string{"Titel": "Plan"})},
			[]SnapshotChange{{Kind: "changed", Item: item(EntityActionPlan, 7, "Plan", map[string]string{"Titel": "Plan"}),
				Changes: map[string]Change{"Frist": {Old: "2026-03-01"}}}}},
		{"same id, other kind: one added, one archived", []SnapshotItem{plan}, []SnapshotItem{sameID},
			[]SnapshotChange{{Kind: "added", Item: sameID}, {Kind: "archived", Item: plan}}},
		{"all at once, in now's order, archived last", []SnapshotItem{local, plan}, []SnapshotItem{sameID, planEdited},
			[]SnapshotChange{{Kind: "added", Item: sameID}, {Kind: "changed", Item: planEdited,
				Changes: map[string]Change{"Titel": {Old: "Plan", New: "Plan 2"}, "Frist": {Old: "2026-03-01", New: "2026-04-01"}}},
				{Kind: "archived", Item: local}}},
	}
	for _, tt := range tests {
		got := CompareSnapshots(AgreementSnapshot{Items: tt.then}, AgreementSnapshot{Items: tt.now})
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
