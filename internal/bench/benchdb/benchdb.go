// Package benchdb gives tests and Go benchmarks a database with a small national data set:
// benchdata for a few organisations, cloned from a template (package dbtest) that is generated
// once per version of the migrations and analysed, so plans and timings resemble the full set's.
package benchdb

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/benchdata"
	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

// Password is every generated user's password.
const Password = "bench-adgangskode"

// Organisations is how many organisations the data set holds: five kommuner and a region.
const Organisations = 6

// New returns a pool on a fresh database holding the data set (seed 1, Organisations
// organisations, analysed), dropped when tb ends. It needs TEST_DATABASE_URL, like dbtest.
func New(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	return dbtest.NewFrom(tb, dbtest.Preparer{Name: fmt.Sprintf("bench%d", Organisations), Prepare: prepare})
}

var passwordHash = sync.OnceValues(func() (string, error) { return auth.HashPassword(Password, auth.DefaultParams()) })

func prepare(ctx context.Context, st *store.Store) error {
	hash, err := passwordHash()
	if err != nil {
		return err
	}
	_, err = benchdata.Generate(ctx, st.Pool(), benchdata.Options{Seed: 1, Organisations: Organisations, PasswordHash: hash})
	return err
}

// Largest is the organisation and strategy of the data set with the most action plans, and
// the e-mail address of that strategy's fagchef: what the benchmark's dashboard shows.
type Largest struct {
	OrgID      int64
	OrgSlug    string
	StrategyID int64
	Fagchef    string
}

// FindLargest looks Largest up in pool's database.
func FindLargest(ctx context.Context, pool *pgxpool.Pool) (Largest, error) {
	var l Largest
	err := pool.QueryRow(ctx, `
		SELECT o.id, o.slug, sx.id, u.email
		FROM strategies sx JOIN organisations o ON o.id = sx.organisation_id
		JOIN users u ON u.unit_id = sx.unit_id AND u.role = 'fagchef'
		JOIN tracks t ON t.strategy_id = sx.id JOIN initiatives i ON i.track_id = t.id
		JOIN action_plans a ON a.initiative_id = i.id
		GROUP BY o.id, o.slug, sx.id, u.email
		ORDER BY count(*) DESC, sx.id LIMIT 1`).Scan(&l.OrgID, &l.OrgSlug, &l.StrategyID, &l.Fagchef)
	if err != nil {
		return l, fmt.Errorf("benchdb: find the largest strategy: %w", err)
	}
	return l, nil
}
