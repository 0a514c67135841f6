package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/sporbar/sporbar/migrations"
)

// newMigrator returns a goose provider over the pool's configuration. The caller closes db.
//
// Every change of the schema (up, down) runs under a PostgreSQL advisory session lock
// (goose's session locker), so any number of instances can start at once: one migrates, the
// others wait for the lock (checking every second, for up to five minutes) and then find
// nothing left to do. Migrations run without the statement timeout that requests have
// (DATABASE_STATEMENT_TIMEOUT): building an index on a large table may take longer.
func newMigrator(pool *pgxpool.Pool) (*goose.Provider, *sql.DB, error) {
	cc := pool.Config().ConnConfig.Copy()
	delete(cc.RuntimeParams, "statement_timeout")
	db := stdlib.OpenDB(*cc)
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("new migrator: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS, goose.WithSessionLocker(locker))
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("new migrator: %w", err)
	}
	return p, db, nil
}

// MigrateUp applies every pending migration and reports how many it applied.
func MigrateUp(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	p, db, err := newMigrator(pool)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	res, err := p.Up(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate up: %w", err)
	}
	return len(res), nil
}

// MigrateDown rolls back the most recent migration.
func MigrateDown(ctx context.Context, pool *pgxpool.Pool) error {
	p, db, err := newMigrator(pool)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := p.Down(ctx); err != nil {
		return fmt.Errorf("migrate down: %w", err)
	}
	return nil
}

// MigrateReset rolls back every migration.
func MigrateReset(ctx context.Context, pool *pgxpool.Pool) error {
	p, db, err := newMigrator(pool)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := p.DownTo(ctx, 0); err != nil {
		return fmt.Errorf("migrate reset: %w", err)
	}
	return nil
}

// MigrationStatus writes one line per migration: its version, name and whether it is applied.
func MigrationStatus(ctx context.Context, pool *pgxpool.Pool, w io.Writer) error {
	p, db, err := newMigrator(pool)
	if err != nil {
		return err
	}
	defer db.Close()
	all, err := p.Status(ctx)
	if err != nil {
		return fmt.Errorf("migration status: %w", err)
	}
	for _, s := range all {
		applied := "afventer"
		if s.State == goose.StateApplied {
			applied = "anvendt " + s.AppliedAt.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%05d  %-40s %s\n", s.Source.Version, s.Source.Path, applied)
	}
	return nil
}

// SchemaReady reports whether the database answers and has the newest embedded migration
// applied: "this instance can serve" for /readyz. It is one query. When every connection of the
// pool is in use it asks over a connection of its own, so a busy pool is not reported as a
// database that is away.
func SchemaReady(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	want, err := latestMigration()
	if err != nil {
		return false, err
	}
	const q = `SELECT max(version_id) FROM goose_db_version WHERE is_applied`
	var got *int64
	stat := pool.Stat()
	if stat.IdleConns() > 0 || stat.TotalConns() < stat.MaxConns() {
		err = pool.QueryRow(ctx, q).Scan(&got)
	} else {
		var conn *pgx.Conn
		if conn, err = pgx.ConnectConfig(ctx, pool.Config().ConnConfig.Copy()); err == nil {
			err = conn.QueryRow(ctx, q).Scan(&got)
			conn.Close(context.WithoutCancel(ctx))
		}
	}
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "42P01" { // no goose table: nothing applied
			return false, nil
		}
		return false, fmt.Errorf("schema ready: %w", err)
	}
	return got != nil && *got >= want, nil
}

// latestMigration is the version of the newest embedded migration (its file name's number).
func latestMigration() (int64, error) {
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return 0, fmt.Errorf("read migrations: %w", err)
	}
	var latest int64
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		if v, err := strconv.ParseInt(num, 10, 64); err == nil && v > latest {
			latest = v
		}
	}
	return latest, nil
}

// SchemaCurrent reports whether every migration is applied. It does not take the migration lock
// (goose's HasPending), and on a database without goose's table it creates that table: use it
// where no instance may be migrating at the same time (tests, status).
func SchemaCurrent(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	p, db, err := newMigrator(pool)
	if err != nil {
		return false, err
	}
	defer db.Close()
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("schema current: %w", err)
	}
	return !pending, nil
}

// MigrateIfBehind applies pending migrations under the advisory lock, logging when the schema
// was behind. It does not ask first (goose's HasPending creates its version table without the
// lock, which races on an empty database): under the lock an up-to-date schema costs a query.
func MigrateIfBehind(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	n, err := MigrateUp(ctx, pool)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("database schema was behind; migrations applied", "count", n)
	}
	return nil
}
