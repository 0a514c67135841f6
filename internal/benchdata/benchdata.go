// Package benchdata generates the national data set the benchmark runs against: every kommune
// and region of Denmark (98 + 5 organisations) in one Sporbar, each with policies, strategies,
// units, agreements, general and local initiatives, action plans, three years of monthly status
// updates, comments, history rows and users. The data is deterministic for a seed and loaded
// with COPY into a fresh (migrated, empty) database.
//
// Shape per organisation (r = drawn from the seed): 3–5 policies of 3 objectives of 3 goals,
// each goal linked to 1–2 tracks; 3–5 strategies (one per fagområde) of 4–6 tracks and 10
// general initiatives; units: a direktion, one fagområde per strategy and 1–3 områder under
// each; 3–5 local initiatives per område and general initiative of its fagområde; 5 action
// plans per local initiative; an overordnet agreement per fagområde and one per område; about
// 195 users. Every initiative and action plan has a status update for each of the last 36
// months; the latest is kept on the item as its current status.
package benchdata

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Options configure Generate.
type Options struct {
	Seed          uint64    // the data is the same for the same seed
	Organisations int       // 103 (98 kommuner + 5 regioner) when 0
	PasswordHash  string    // every user's password hash
	Today         time.Time // the last status month is the month before Today
	Log           io.Writer // progress lines; nil for none
}

// Summary counts what Generate wrote, per table.
type Summary map[string]int64

// Generate writes the data set into pool's database, which must be migrated and hold no
// organisations. It returns the number of rows written per table.
func Generate(ctx context.Context, pool *pgxpool.Pool, opt Options) (Summary, error) {
	if opt.Organisations <= 0 {
		opt.Organisations = 103
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now().UTC()
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM organisations`).Scan(&n); err != nil {
		return nil, fmt.Errorf("bench data: %w", err)
	}
	if n > 0 {
		return nil, fmt.Errorf("bench data: the database already holds %d organisations; use a fresh database", n)
	}
	g := newGen(opt)
	g.build()
	sum := Summary{}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("bench data: %w", err)
	}
	defer conn.Release()
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		for _, t := range g.tables() {
			start := time.Now()
			rows, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, t.source)
			if err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			sum[t.name] = rows
			g.logf("%-22s %9d rows  %6.1fs", t.name, rows, time.Since(start).Seconds())
		}
		return resetSequences(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("bench data: %w", err)
	}
	g.logf("analyse …")
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		return nil, fmt.Errorf("bench data: analyse: %w", err)
	}
	return sum, nil
}

// resetSequences moves every identity sequence past the ids COPY wrote.
func resetSequences(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES'`)
	if err != nil {
		return err
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, t := range tables {
		if _, err := tx.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'),
			COALESCE((SELECT max(id) FROM %s), 0) + 1, false)`, t, pgx.Identifier{t}.Sanitize())); err != nil {
			return fmt.Errorf("reset sequence of %s: %w", t, err)
		}
	}
	return nil
}

// table is one COPY: the table, its columns and the rows.
type table struct {
	name    string
	columns []string
	source  pgx.CopyFromSource
}

// rowsOf is a CopyFromSource over rows built in memory.
func rowsOf(rows [][]any) pgx.CopyFromSource { return pgx.CopyFromRows(rows) }

func (g *gen) logf(format string, a ...any) {
	if g.opt.Log != nil {
		fmt.Fprintf(g.opt.Log, format+"\n", a...)
	}
}

// gen holds the rows being built and the random source.
type gen struct {
	opt  Options
	rnd  *rand.Rand
	ids  map[string]int64
	rows map[string][][]any
	// items whose status history is generated: initiatives and action plans.
	items []statusItem
}

func newGen(opt Options) *gen {
	return &gen{opt: opt, rnd: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed)), ids: map[string]int64{},
		rows: map[string][][]any{}}
}

// next returns the next id of table.
func (g *gen) next(table string) int64 {
	g.ids[table]++
	return g.ids[table]
}

// add appends a row to table.
func (g *gen) add(table string, row ...any) { g.rows[table] = append(g.rows[table], row) }

// between returns a number from lo to hi, both included.
func (g *gen) between(lo, hi int) int { return lo + g.rnd.IntN(hi-lo+1) }
