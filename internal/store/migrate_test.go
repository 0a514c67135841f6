package store_test

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/migrations"
)

// hierarchyTables are the tables of migrations/00001_hierarchy.sql.
var hierarchyTables = []string{
	"action_plans", "agreement_initiatives", "agreements", "annual_plan_areas", "annual_plan_items", "annual_plans",
	"goal_tracks", "goals", "initiatives", "ladder_steps", "objectives", "organisations", "policies", "strategies",
	"term_links", "terms", "tracks", "units", "users",
}

// tables lists the tables in the public schema, goose's own version table left out.
func tables(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT table_name::text FROM information_schema.tables
		WHERE table_schema = 'public' AND table_name <> 'goose_db_version' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// missing returns the elements of want that are not in got.
func missing(got, want []string) []string {
	in := map[string]bool{}
	for _, g := range got {
		in[g] = true
	}
	var out []string
	for _, w := range want {
		if !in[w] {
			out = append(out, w)
		}
	}
	return out
}

// TestMigrations runs every migration up, all of them down, and up again, on a database that
// dbtest gave already migrated.
func TestMigrations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	files, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("migration files: %v, %v", files, err)
	}

	current := func(t *testing.T, want bool) {
		t.Helper()
		got, err := store.SchemaCurrent(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("SchemaCurrent = %v, want %v", got, want)
		}
	}
	steps := []struct {
		name    string
		run     func() error
		current bool
		check   func(t *testing.T)
	}{
		{"as dbtest made it", func() error { return nil }, true, func(t *testing.T) {
			if m := missing(tables(t, pool), hierarchyTables); len(m) > 0 {
				t.Errorf("tables missing: %v", m)
			}
		}},
		{"down all", func() error { return store.MigrateReset(ctx, pool) }, false, func(t *testing.T) {
			if got := tables(t, pool); len(got) > 0 {
				t.Errorf("tables left: %v", got)
			}
		}},
		{"up", func() error {
			n, err := store.MigrateUp(ctx, pool)
			if err == nil && n != len(files) {
				t.Errorf("MigrateUp applied %d migrations, want %d", n, len(files))
			}
			return err
		}, true, func(t *testing.T) {
			if m := missing(tables(t, pool), hierarchyTables); len(m) > 0 {
				t.Errorf("tables missing: %v", m)
			}
		}},
		{"up again applies nothing", func() error {
			n, err := store.MigrateUp(ctx, pool)
			if err == nil && n != 0 {
				t.Errorf("MigrateUp applied %d migrations, want 0", n)
			}
			return err
		}, true, nil},
		{"down one", func() error { return store.MigrateDown(ctx, pool) }, false, nil},
		{"behind: MigrateIfBehind catches up", func() error {
			return store.MigrateIfBehind(ctx, pool, slog.New(slog.NewTextHandler(io.Discard, nil)))
		}, true, func(t *testing.T) {
			if m := missing(tables(t, pool), hierarchyTables); len(m) > 0 {
				t.Errorf("tables missing: %v", m)
			}
		}},
	}
	// The steps run in order on one database, so they are not parallel.
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := s.run(); err != nil {
				t.Fatal(err)
			}
			current(t, s.current)
			if s.check != nil {
				s.check(t)
			}
		})
	}
}
