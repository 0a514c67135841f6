package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

func TestQueryCounter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(dbtest.URL(t, dbtest.New(t)))
	if err != nil {
		t.Fatal(err)
	}
	counter := &store.QueryCounter{}
	cfg.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := store.New(pool)

	tests := []struct {
		name string
		run  func() error
		want int64
	}{
		{"nothing", func() error { return nil }, 0},
		{"a list is one query", func() error { _, err := st.ListOrganisations(ctx); return err }, 1},
		{"a get is one query", func() error { _, err := st.GetOrganisationBySlug(ctx, "findes-ikke"); return ignoreNotFound(err) }, 1},
		{"an exec is one", func() error { _, err := pool.Exec(ctx, `SELECT 1`); return err }, 1},
		{"a batch counts each statement", func() error {
			b := &pgx.Batch{}
			b.Queue(`SELECT 1`)
			b.Queue(`SELECT 2`)
			b.Queue(`SELECT 3`)
			return pool.SendBatch(ctx, b).Close()
		}, 3},
		{"a transaction counts begin and commit", func() error {
			return st.InTx(ctx, func(tx *store.Store) error { _, err := tx.ListOrganisations(ctx); return err })
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counter.Reset()
			if err := tt.run(); err != nil {
				t.Fatal(err)
			}
			if got := counter.Count(); got != tt.want {
				t.Errorf("counted %d, want %d", got, tt.want)
			}
		})
	}
}

func ignoreNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
