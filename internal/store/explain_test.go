package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/bench"
	"github.com/sporbar/sporbar/internal/bench/benchdb"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestDashboardQueriesUseIndexes is issue 10's EXPLAIN rule: it runs the dashboards' store
// calls on a small national data set (benchdb: six organisations, analysed), records every
// statement they send, and checks that no plan needs a sequential scan of a large table
// (bench.LargeTables): neither the plan made for the statement's values nor the generic plan
// a prepared statement may switch to. The tables of six organisations are small enough that
// PostgreSQL would rightly scan some of them, so sequential scans are disabled while
// explaining: a scan that remains means that no index can serve the query. (`make bench`
// checks the planner's own choices on the national data set.)
func TestDashboardQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := benchdb.New(t)
	if _, err := db.Exec(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	l, err := benchdb.FindLargest(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	rec := &bench.Recorder{}
	pcfg, err := pgxpool.ParseConfig(dbtest.URL(t, db))
	if err != nil {
		t.Fatal(err)
	}
	pcfg.ConnConfig.Tracer = rec
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := store.New(pool)

	for _, call := range bench.DashboardCalls(l.OrgID, l.OrgSlug, l.StrategyID) {
		if err := call.Run(ctx, st); err != nil {
			t.Fatalf("%s: %v", call.Name, err)
		}
		stmts := rec.Take()
		if len(stmts) == 0 {
			t.Fatalf("%s: no statement recorded", call.Name)
		}
		for i, s := range stmts {
			for _, mode := range bench.PlanModes {
				scans, err := bench.SeqScans(ctx, db, s, mode, true)
				if err != nil {
					t.Fatalf("%s, statement %d: %v\n%s", call.Name, i+1, err, s.SQL)
				}
				for _, table := range scans {
					t.Errorf("%s, statement %d (%s): sequential scan of %s\n%s", call.Name, i+1, mode, table, s.SQL)
				}
			}
		}
	}
}
