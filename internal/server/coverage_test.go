package server_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestCoverage(t *testing.T) {
	t.Parallel()
	e := newRepEnv(t)
	e.signIn(t, e.addUser(t, kommune, domain.RoleDirektion, "Direktion"))
	path := "/org/" + kommune + "/sporbarhed"
	// Spor 3 has two general initiatives and is the only track of one goal (Bilag 1's last).
	spor3a, spor3b := e.general(t, 3, 1), e.general(t, 3, 2)
	goal := e.id(t, `SELECT g.id FROM goals g JOIN goal_tracks gt ON gt.goal_id = g.id JOIN initiatives i ON i.track_id = gt.track_id
		WHERE i.id = $1`, spor3a)

	tests := []struct {
		name       string
		change     func(t *testing.T)
		wantCount  string
		wantActive string // the goal's active initiatives
		wantBadge  string
		wantFlag   []string // the links of "Mål uden aktive indsatser"
	}{
		{"seeded: every goal is served", func(*testing.T) {}, "23 af 23 mål er dækket", "2 (2 generelle indsatser, 0 lokale indsatser)", "Dækket", nil},
		{"a local initiative counts too", func(t *testing.T) {
			e.local(t, spor3a, "Myndighed", "Lokal", "", nil, nil)
		}, "23 af 23 mål er dækket", "3 (2 generelle indsatser, 1 lokale indsatser)", "Dækket", nil},
		{"implemented and on hold do not count", func(t *testing.T) {
			e.status(t, spor3a, 0, domain.PhaseImplemented, domain.HealthOnTrack, 100, e.today)
			e.status(t, spor3b, 0, domain.PhaseOnHold, domain.HealthOnTrack, 0, e.today)
		}, "23 af 23 mål er dækket", "1 (0 generelle indsatser, 1 lokale indsatser)", "Dækket", nil},
		{"archived initiatives do not count: the goal is flagged", func(t *testing.T) {
			if _, err := e.db.Exec(context.Background(), `UPDATE initiatives SET archived_at = now()
				WHERE track_id = (SELECT track_id FROM initiatives WHERE id = $1)`, spor3a); err != nil {
				t.Fatal(err)
			}
		}, "22 af 23 mål er dækket", "0 (0 generelle indsatser, 0 lokale indsatser)", "Ikke dækket", []string{"/maal/" + itoa(goal)}},
	}
	var counts []int64
	for _, tt := range tests {
		tt.change(t)
		doc, n := e.page(t, path)
		counts = append(counts, n)
		wantCount(t, doc, "table.sporbar-coverage tbody tr", 23)
		if got := text(doc.Find(".sporbar-coverage-count strong")); got != tt.wantCount {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.wantCount)
		}
		row := doc.Find(`table.sporbar-coverage tbody a[href="/maal/` + itoa(goal) + `"]`).Closest("tr")
		if got := text(row.Find("td.sporbar-active")); got != tt.wantActive {
			t.Errorf("%s: the goal's active initiatives %q, want %q", tt.name, got, tt.wantActive)
		}
		if got := text(row.Find(".sporbar-badge")); got != tt.wantBadge {
			t.Errorf("%s: the goal's badge %q, want %q", tt.name, got, tt.wantBadge)
		}
		if diff := cmp.Diff(tt.wantFlag, hrefs(doc.Find("ul.sporbar-uncovered a")), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: goals without active initiatives (-want +got):\n%s", tt.name, diff)
		}
		if got := doc.Find(`table.sporbar-coverage .sporbar-badge:contains("Ikke dækket")`).Length(); got != len(tt.wantFlag) {
			t.Errorf("%s: %d goals flagged, want %d", tt.name, got, len(tt.wantFlag))
		}
	}
	for i, n := range counts {
		if n != counts[0] || n > 5 {
			t.Errorf("%s: %d queries, want at most 5 and as many as the first (%d)", tests[i].name, n, counts[0])
		}
	}
}
