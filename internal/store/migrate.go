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

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/sporbar/sporbar/migrations"
)

// newMigrator returns a goose provider over the pool's configuration. The caller closes db.
func newMigrator(pool *pgxpool.Pool) (*goose.Provider, *sql.DB, error) {
	db := stdlib.OpenDB(*pool.Config().ConnConfig)
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS)
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

// SchemaReady reports whether the database answers through pool and has the newest embedded
// migration applied. It is cheap (one query) and meant for /readyz.
func SchemaReady(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	want, err := latestMigration()
	if err != nil {
		return false, err
	}
	var got *int64
	if err := pool.QueryRow(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&got); err != nil {
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

// SchemaCurrent reports whether every migration is applied.
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

// MigrateIfBehind applies pending migrations, logging when the schema was behind.
func MigrateIfBehind(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	current, err := SchemaCurrent(ctx, pool)
	if err != nil {
		return err
	}
	if current {
		return nil
	}
	n, err := MigrateUp(ctx, pool)
	if err != nil {
		return err
	}
	log.Info("database schema was behind; migrations applied", "count", n)
	return nil
}
