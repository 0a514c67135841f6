package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/bench"
	"github.com/sporbar/sporbar/internal/bench/benchdb"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestAPIQueriesUseIndexes is the EXPLAIN rule of TestDashboardQueriesUseIndexes for the read
// API: every collection's page, from the start, after a cursor and with updated_since, on the
// small national data set, needs no sequential scan of a large table.
func TestAPIQueriesUseIndexes(t *testing.T) {
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

	since := time.Now().AddDate(0, -1, 0)
	queries := []store.APIQuery{
		{OrganisationID: l.OrgID, Limit: 101},
		{OrganisationID: l.OrgID, After: 1000, Limit: 1001},
		{OrganisationID: l.OrgID, UpdatedSince: &since, Limit: 101},
		{OrganisationID: l.OrgID, ID: 5, Limit: 1},
	}
	for _, name := range store.APICollections() {
		for _, q := range queries {
			if _, err := st.ListAPI(ctx, name, q); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, s := range rec.Take() {
				for _, mode := range bench.PlanModes {
					scans, err := bench.SeqScans(ctx, db, s, mode, true)
					if err != nil {
						t.Fatalf("%s: %v\n%s", name, err, s.SQL)
					}
					for _, table := range scans {
						t.Errorf("%s %+v (%s): sequential scan of %s", name, q, mode, table)
					}
				}
			}
		}
	}
}
