package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

// TestSearch: a search finds items by a word's beginning ("indsats" finds "indsatser"), by
// part of a title, at every level, only in the organisation searched, and never archived ones.
func TestSearch(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	ctx := context.Background()
	id := lookupIDs(t, pool)
	if _, err := pool.Exec(ctx, `UPDATE policies SET archived_at = now() WHERE title = 'Sundhedspolitik'`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		org       int64
		q, level  string
		wantLevel string // a level that must have a hit whose title is wantTitle
		wantTitle string
		notLevels []string // levels that must have no hit
	}{
		{name: "prefix finds longer words", org: id.kommune, q: "Ældrepolitik", wantLevel: domain.SearchPolicies, wantTitle: "Ældrepolitik"},
		{name: "archived policy left out", org: id.kommune, q: "Sundhedspolitik", notLevels: []string{domain.SearchPolicies}},
		{name: "another organisation's items left out", org: id.region, q: "Ældrepolitik", notLevels: []string{domain.SearchPolicies}},
		{name: "part of a word", org: id.kommune, q: "drepoli", wantLevel: domain.SearchPolicies, wantTitle: "Ældrepolitik"},
		{name: "one level only", org: id.kommune, q: "selvbestemmelse", level: domain.SearchGoals, wantLevel: domain.SearchGoals,
			wantTitle: "At der er selvbestemmelse i form af til- og fravalg i hverdagslivet",
			notLevels: []string{domain.SearchObjectives, domain.SearchPolicies}},
		{name: "nothing found", org: id.kommune, q: "xylofonkvartet", notLevels: domain.SearchLevels},
		{name: "like wildcards are plain text", org: id.kommune, q: "%%%", notLevels: domain.SearchLevels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, errs := domain.ParseSearch(tt.q, tt.level)
			if errs.Any() {
				t.Fatalf("parse %q: %v", tt.q, errs)
			}
			hits, err := st.Search(ctx, tt.org, q, domain.SearchPerLevel+1)
			if err != nil {
				t.Fatal(err)
			}
			byLevel := map[string][]string{}
			for _, h := range hits {
				byLevel[h.Level] = append(byLevel[h.Level], h.Title)
			}
			if tt.wantLevel != "" && !slices.Contains(byLevel[tt.wantLevel], tt.wantTitle) {
				t.Errorf("%s: got %q, want %q among them", tt.wantLevel, byLevel[tt.wantLevel], tt.wantTitle)
			}
			for _, l := range tt.notLevels {
				if len(byLevel[l]) > 0 {
					t.Errorf("%s: got %q, want none", l, byLevel[l])
				}
			}
			for l, titles := range byLevel {
				if len(titles) > domain.SearchPerLevel+1 {
					t.Errorf("%s: %d hits, want at most %d", l, len(titles), domain.SearchPerLevel+1)
				}
			}
		})
	}
}

// TestSearchPath: a hit carries its place in the chain, top first.
func TestSearchPath(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	q, _ := domain.ParseSearch("selvbestemmelse i form af til- og fravalg", domain.SearchGoals)
	hits, err := st.Search(context.Background(), lookupIDs(t, pool).kommune, q, 1)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	want := []string{"Ældrepolitik", "1. Alle oplever, at de har selvbestemmelse og frihed i eget liv"}
	if diff := cmp.Diff(want, hits[0].Path); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
}
