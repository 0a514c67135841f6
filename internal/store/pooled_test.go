package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestLimitedStore runs a store over a pool of one connection with a short acquire timeout:
// queries, rows and transactions give their connection back; while the connection is taken a
// query fails within the timeout as ErrUnavailable; a statement past statement_timeout is
// unavailable too.
func TestLimitedStore(t *testing.T) {
	t.Parallel()
	cfg, err := pgxpool.ParseConfig(dbtest.URL(t, dbtest.New(t)))
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 1
	cfg.ConnConfig.RuntimeParams["statement_timeout"] = "500"
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	st := store.NewLimited(pool, 300*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// Each of these must give the one connection back, or the next would wait and fail.
	for i := range 3 {
		if _, err := st.DeleteExpired(ctx, store.Expiry{SessionIdle: time.Hour, SessionMaxAge: time.Hour}); err != nil {
			t.Fatalf("round %d: exec: %v", i, err)
		}
		if _, _, err := st.ListStatusUpdates(ctx, store.StatusTarget{InitiativeID: 1}, 1); err != nil {
			t.Fatalf("round %d: query: %v", i, err)
		}
		if _, err := st.GetSession(ctx, []byte{1}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("round %d: query row: %v, want not found", i, err)
		}
		if err := st.InTx(ctx, func(tx *store.Store) error { return tx.DeleteUserSessions(ctx, 0, nil) }); err != nil {
			t.Fatalf("round %d: transaction: %v", i, err)
		}
	}

	held, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = st.DeleteExpired(ctx, store.Expiry{SessionIdle: time.Hour, SessionMaxAge: time.Hour})
	if !errors.Is(err, store.ErrUnavailable) || !store.Unavailable(err) {
		t.Errorf("with the connection taken: %v, want ErrUnavailable", err)
	}
	if waited := time.Since(start); waited > 10*time.Second {
		t.Errorf("waited %s for a connection; the timeout is 300ms", waited)
	}
	held.Release()

	_, err = pool.Exec(ctx, `SELECT pg_sleep(5)`)
	if !store.Unavailable(err) {
		t.Errorf("a statement past statement_timeout: %v, want it unavailable", err)
	}
}

// TestUnavailable classifies errors: the database away or overloaded, or something else.
func TestUnavailable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"no connection in time", fmt.Errorf("get: %w", store.ErrUnavailable), true},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"starting up", &pgconn.PgError{Code: "57P03"}, true},
		{"too many connections", &pgconn.PgError{Code: "53300"}, true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"statement timeout", &pgconn.PgError{Code: "57014"}, true},
		{"connection closed", fmt.Errorf("q: %w", pgconn.ErrConnClosed), true},
		{"connection broke", fmt.Errorf("q: %w", io.ErrUnexpectedEOF), true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"syntax error", &pgconn.PgError{Code: "42601"}, false},
		{"not found", store.ErrNotFound, false},
		{"no rows", pgx.ErrNoRows, false},
	}
	for _, tt := range tests {
		if got := store.Unavailable(tt.err); got != tt.want {
			t.Errorf("%s: Unavailable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
