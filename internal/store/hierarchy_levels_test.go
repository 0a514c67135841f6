package store_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// adminOf creates an admin of the organisation for the history and returns its id.
func adminOf(t *testing.T, st *store.Store, orgID int64) int64 {
	t.Helper()
	id, err := st.CreateUser(context.Background(), domain.User{OrganisationID: orgID, Email: "admin@" + itoa(orgID) + ".test",
		Name: "Admin", Role: domain.RoleAdmin, PasswordHash: "x", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// numbered lists "number title-or-code" rows of a query.
func numbered(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func version(t *testing.T, pool *pgxpool.Pool, table string, id int64) int32 {
	t.Helper()
	var v int32
	if err := pool.QueryRow(context.Background(), `SELECT version FROM `+table+` WHERE id = $1`, id).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestRegionNumberingThroughStrategy: the region numbers its indsatsområder through the whole
// strategy (1–15) and begins its plan codes with them ("1-A"). Moving, adding and archiving keep
// both consistent; the kommune's numbering within each track stays so.
func TestRegionNumberingThroughStrategy(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	admin := adminOf(t, st, id.region)
	areas := `SELECT t.number || '.' || i.number FROM initiatives i JOIN tracks t ON t.id = i.track_id
		WHERE t.strategy_id = $1 AND i.kind = 'general' AND i.archived_at IS NULL ORDER BY t.number, i.number`
	area1 := idOf(t, pool, `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id WHERE t.strategy_id = $1
		AND i.number = 1 AND i.kind = 'general'`, id.regionStrategy)

	// Indsatsområde 1 moves down: it becomes 2 and its plans 2-A, 2-B; old 2 becomes 1.
	if err := st.MoveItem(ctx, admin, store.LevelGeneral, area1, version(t, pool, "initiatives", area1), false); err != nil {
		t.Fatal(err)
	}
	if got := numbered(t, pool, `SELECT code FROM action_plans WHERE initiative_id = $1 ORDER BY code`, area1); !cmp.Equal(got, []string{"2-A", "2-B"}) {
		t.Errorf("moved area's plan codes %v, want 2-A, 2-B", got)
	}
	if n := idOf(t, pool, `SELECT number::bigint FROM initiatives WHERE id = $1`, area1); n != 2 {
		t.Errorf("moved area is number %d, want 2", n)
	}
	// A new indsatsområde at the end of tema 1 is number 5; 5–15 move up one, with their codes.
	track1 := idOf(t, pool, `SELECT id FROM tracks WHERE strategy_id = $1 AND number = 1`, id.regionStrategy)
	if _, err := st.AddGeneral(ctx, admin, domain.Initiative{TrackID: track1, Title: "Nyt indsatsområde", Weight: 1}); err != nil {
		t.Fatal(err)
	}
	want := []string{"1.1", "1.2", "1.3", "1.4", "1.5", "2.6", "2.7", "2.8", "3.9", "3.10", "3.11", "3.12", "3.13",
		"4.14", "4.15", "5.16"}
	if diff := cmp.Diff(want, numbered(t, pool, areas, id.regionStrategy)); diff != "" {
		t.Errorf("numbers after adding (-want +got):\n%s", diff)
	}
	if got := numbered(t, pool, `SELECT code FROM action_plans WHERE id = $1`, id.plan12D); !cmp.Equal(got, []string{"13-D"}) {
		t.Errorf("12-D is now %v, want 13-D", got)
	}
	// Archiving it again closes the gap.
	added := idOf(t, pool, `SELECT id FROM initiatives WHERE title = 'Nyt indsatsområde'`)
	if err := st.ArchiveItem(ctx, &admin, store.LevelGeneral, added, version(t, pool, "initiatives", added)); err != nil {
		t.Fatal(err)
	}
	if got := numbered(t, pool, `SELECT code FROM action_plans WHERE id = $1`, id.plan12D); !cmp.Equal(got, []string{"12-D"}) {
		t.Errorf("12-D after archiving is %v, want 12-D again", got)
	}
	// The kommune: a new general initiative in spor 1 is 1.3; spor 2 still starts at 1.
	kTrack1 := idOf(t, pool, `SELECT id FROM tracks WHERE strategy_id = $1 AND number = 1`, id.kommuneStrategy)
	kAdmin := adminOf(t, st, id.kommune)
	if _, err := st.AddGeneral(ctx, kAdmin, domain.Initiative{TrackID: kTrack1, Title: "Ny generel indsats", Weight: 1}); err != nil {
		t.Fatal(err)
	}
	want = []string{"1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "4.1", "4.2"}
	if diff := cmp.Diff(want, numbered(t, pool, areas, id.kommuneStrategy)); diff != "" {
		t.Errorf("kommune numbers after adding (-want +got):\n%s", diff)
	}
}

// TestDeleteItemHolds: an item something points at is not deleted, and the error says what.
func TestDeleteItemHolds(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	admin := adminOf(t, st, id.kommune)
	tests := []struct {
		name string
		lv   store.Level
		item int64
		want []store.Hold
	}{
		{"a policy with objectives", store.LevelPolicy, id.aeldrepolitik, []store.Hold{{Kind: store.HoldObjectives, Count: 3}}},
		{"a goal linked to a track", store.LevelGoal, id.selvbestemmelse, []store.Hold{{Kind: store.HoldTracks, Count: 1}}},
		{"a unit with agreements and sub-units", store.LevelUnit, id.sundhedOgOmsorg, []store.Hold{{Kind: store.HoldUnits, Count: 5},
			{Kind: store.HoldStrategies, Count: 1}, {Kind: store.HoldAgreements, Count: 6}}},
		{"a general initiative in agreements", store.LevelGeneral, id.kommuneInitiative11, []store.Hold{{Kind: store.HoldAgreements, Count: 6}}},
	}
	table := map[store.Level]string{store.LevelPolicy: "policies", store.LevelGoal: "goals", store.LevelUnit: "units",
		store.LevelGeneral: "initiatives"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.DeleteItem(ctx, admin, tt.lv, tt.item, version(t, pool, table[tt.lv], tt.item))
			var inUse *store.InUseError
			if !errors.As(err, &inUse) {
				t.Fatalf("got %v, want an InUseError", err)
			}
			if diff := cmp.Diff(tt.want, inUse.Holds); diff != "" {
				t.Errorf("holds (-want +got):\n%s", diff)
			}
		})
	}
	// A stale version is a conflict, and a unit cannot go under its own sub-unit.
	if err := st.DeleteItem(ctx, admin, store.LevelPolicy, id.aeldrepolitik, 99); !errors.Is(err, store.ErrConflict) {
		t.Errorf("delete at a stale version: %v, want ErrConflict", err)
	}
	u, err := st.GetUnit(ctx, id.sundhedOgOmsorg)
	if err != nil {
		t.Fatal(err)
	}
	u.ParentID = &id.hjemmepleje
	if _, err := st.UpdateUnit(ctx, admin, u); !errors.Is(err, store.ErrCycle) {
		t.Errorf("a unit under its own sub-unit: %v, want ErrCycle", err)
	}
}
