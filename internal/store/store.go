// Package store is Sporbar's PostgreSQL access: one file per entity, hand-written pgx queries
// collected with pgx.CollectRows. Writes that belong together run in InTx.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound is returned when the row asked for does not exist (or is not visible).
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a row was changed by someone else since it was read
// (its version differs) or a unique rule would be broken.
var ErrConflict = errors.New("conflict")

// dbtx is what both the pool and a transaction offer.
type dbtx interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// Store runs Sporbar's queries against the pool, or inside a transaction (see InTx).
type Store struct {
	pool    *pgxpool.Pool
	db      dbtx
	acquire time.Duration         // longest wait for a free connection; 0: as long as ctx allows
	changed *changedOrganisations // in a transaction: whose data version it bumps at commit
}

// New returns a Store over pool that waits for a free connection as long as ctx allows.
func New(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool, db: pool}
}

// NewLimited returns a Store over pool that waits at most acquireTimeout for a free connection
// and then fails with ErrUnavailable (see pooled.go).
func NewLimited(pool *pgxpool.Pool, acquireTimeout time.Duration) *Store {
	if acquireTimeout <= 0 {
		return New(pool)
	}
	return &Store{pool: pool, db: pooled{pool: pool, timeout: acquireTimeout}, acquire: acquireTimeout}
}

// Pool returns the underlying pool.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// InTx runs fn with a Store bound to one transaction; the transaction commits when fn returns
// nil (after bumping the data version of each organisation fn changed, see data_version.go)
// and rolls back otherwise. Calling InTx on a Store already in a transaction runs fn in it.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if _, ok := s.db.(pgx.Tx); ok {
		return fn(s)
	}
	tx, release, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer release()
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after commit
	txs := &Store{pool: s.pool, db: tx, acquire: s.acquire, changed: &changedOrganisations{}}
	if err := fn(txs); err != nil {
		return err
	}
	if err := txs.changed.bump(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// begin starts a transaction on a connection taken within the acquire timeout; release gives
// the connection back (after the transaction has ended).
func (s *Store) begin(ctx context.Context) (pgx.Tx, func(), error) {
	if s.acquire <= 0 {
		tx, err := s.pool.Begin(ctx)
		return tx, func() {}, err
	}
	c, err := pooled{pool: s.pool, timeout: s.acquire}.acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		c.Release()
		return nil, nil, err
	}
	return tx, c.Release, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.pool.Ping(ctx)
}

// getOne runs a query expected to return one row and scans it into T by column name.
func getOne[T any](ctx context.Context, db dbtx, op, sql string, args ...any) (T, error) {
	rows, _ := db.Query(ctx, sql, args...)
	v, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByNameLax[T])
	if errors.Is(err, pgx.ErrNoRows) {
		return v, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	if err != nil {
		return v, fmt.Errorf("%s: %w", op, err)
	}
	return v, nil
}

// list runs a query and scans every row into T by column name.
func list[T any](ctx context.Context, db dbtx, op, sql string, args ...any) ([]T, error) {
	rows, _ := db.Query(ctx, sql, args...)
	v, err := collectByName[T](rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return v, nil
}

// insertID runs an INSERT … RETURNING id and returns the id.
func insertID(ctx context.Context, db dbtx, op, sql string, args ...any) (int64, error) {
	var id int64
	if err := db.QueryRow(ctx, sql, args...).Scan(&id); err != nil {
		if isUniqueViolation(err) {
			return 0, fmt.Errorf("%s: %w", op, ErrConflict)
		}
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	return id, nil
}

// isUniqueViolation reports a broken unique rule: a unique index (23505) or one of the
// exclusion constraints that keep numbers and names unique among current items (23P01).
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "23505" || pgErr.Code == "23P01")
}

// wrap names the operation on a non-nil error.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if isUniqueViolation(err) {
		return fmt.Errorf("%s: %w", op, ErrConflict)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// notFoundOr turns pgx.ErrNoRows into ErrNotFound and wraps anything else with op.
func notFoundOr(op string, err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return wrap(op, err)
}

// conflictOr turns pgx.ErrNoRows from a versioned UPDATE … RETURNING into ErrConflict (the row
// changed since it was read, or is gone) and wraps anything else with op.
func conflictOr(op string, err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, ErrConflict)
	}
	return wrap(op, err)
}

func collectInt64s(rows pgx.Rows) ([]int64, error) {
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}
