package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// QueryCounter counts the statements a pool sends to PostgreSQL: every Query, QueryRow and
// Exec, and every statement of a batch. It is used by tests (and later benchmarks) to prove
// that each page uses a fixed number of queries however much it shows (no N+1).
//
// Install it on the pool's connection configuration before the pool is created:
//
//	cfg, _ := pgxpool.ParseConfig(url)
//	counter := &store.QueryCounter{}
//	cfg.ConnConfig.Tracer = counter
//	pool, _ := pgxpool.NewWithConfig(ctx, cfg)
//
// It is safe for concurrent use; the count covers every connection of the pool.
type QueryCounter struct {
	n atomic.Int64
}

var (
	_ pgx.QueryTracer = (*QueryCounter)(nil)
	_ pgx.BatchTracer = (*QueryCounter)(nil)
)

// Count returns the number of statements sent since the counter was made or last reset.
func (c *QueryCounter) Count() int64 { return c.n.Load() }

// Reset sets the count to zero.
func (c *QueryCounter) Reset() { c.n.Store(0) }

// TraceQueryStart counts a Query, QueryRow or Exec.
func (c *QueryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

// TraceQueryEnd does nothing.
func (c *QueryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TraceBatchStart does nothing; each statement of the batch is counted by TraceBatchQuery.
func (c *QueryCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

// TraceBatchQuery counts one statement of a batch.
func (c *QueryCounter) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {
	c.n.Add(1)
}

// TraceBatchEnd does nothing.
func (c *QueryCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}
