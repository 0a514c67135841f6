// Package dbtest gives each test a fresh PostgreSQL database of its own, cloned from a template
// database that is migrated once (per set of migrations) and shared by every test process.
//
// The server is named by TEST_DATABASE_URL; `make test` starts a private cluster and sets it.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/migrations"
)

// Preparer fills a template database after migration (e.g. with the seed documents).
// Its name becomes part of the template's name, so each preparer has its own template.
type Preparer struct {
	Name    string
	Prepare func(ctx context.Context, st *store.Store) error
}

// New returns a pool on a fresh, migrated, empty database that is dropped when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	return NewFrom(t, Preparer{Name: "empty"})
}

// NewFrom returns a pool on a fresh database cloned from the template that p prepared.
func NewFrom(t testing.TB, p Preparer) *pgxpool.Pool {
	t.Helper()
	admin := adminURL(t)
	template := ensureTemplate(t, admin, p)

	return newDatabase(t, admin, template)
}

// NewBlank returns the URL of a fresh database with no tables at all (not even goose's), dropped
// when the test ends: for tests of the migrations themselves.
func NewBlank(t testing.TB) string {
	t.Helper()
	return URL(t, newDatabase(t, adminURL(t), "template0"))
}

// newDatabase creates a database from template and returns a pool on it; the pool is closed
// and the database dropped when the test ends.
func newDatabase(t testing.TB, admin, template string) *pgxpool.Pool {
	t.Helper()
	ctx := context.Background()
	name := "sporbar_test_" + randomHex(8)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("dbtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	pool, err := pgxpool.New(ctx, withDatabase(t, admin, name))
	if err != nil {
		t.Fatalf("dbtest: open pool: %v", err)
	}
	t.Cleanup(func() {
		pool.Close()
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Logf("dbtest: drop %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("dbtest: drop %s: %v", name, err)
		}
	})
	return pool
}

// URL returns the connection URL of the database behind pool (for tests that start a server).
func URL(t testing.TB, pool *pgxpool.Pool) string {
	t.Helper()
	return withDatabase(t, adminURL(t), pool.Config().ConnConfig.Database)
}

func adminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TEST_DATABASE_URL")
	if u == "" {
		t.Fatal("dbtest: TEST_DATABASE_URL is not set; run the tests with `make test`, which starts a private PostgreSQL")
	}
	return u
}

// ensureTemplate creates the template database for p once, under an advisory lock so that
// parallel test processes do not race, and returns its name.
func ensureTemplate(t testing.TB, admin string, p Preparer) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name := "sporbar_tpl_" + p.Name + "_" + migrationsHash(t)

	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("dbtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(727272)"); err != nil {
		t.Fatalf("dbtest: lock: %v", err)
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(727272)") //nolint:errcheck // closing the connection unlocks too

	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatalf("dbtest: look up template: %v", err)
	}
	if exists {
		return name
	}
	building := name + "_wip"
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		t.Fatalf("dbtest: drop stale template: %v", err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("dbtest: create template: %v", err)
	}
	if err := prepare(ctx, withDatabase(t, admin, building), p); err != nil {
		t.Fatalf("dbtest: prepare template %s: %v", p.Name, err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		t.Fatalf("dbtest: rename template: %v", err)
	}
	return name
}

func prepare(ctx context.Context, dbURL string, p Preparer) error {
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := store.MigrateUp(ctx, pool); err != nil {
		return err
	}
	if p.Prepare != nil {
		return p.Prepare(ctx, store.New(pool))
	}
	return nil
}

// migrationsHash names the template after the migrations' contents, so a changed migration
// gets a new template instead of a stale one.
func migrationsHash(t testing.TB) string {
	t.Helper()
	h := sha256.New()
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		t.Fatalf("dbtest: read migrations: %v", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(migrations.FS, n)
		if err != nil {
			t.Fatalf("dbtest: read migration %s: %v", n, err)
		}
		h.Write([]byte(n))
		h.Write(b)
	}
	if v := os.Getenv("DBTEST_TEMPLATE_SALT"); v != "" {
		h.Write([]byte(v))
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func withDatabase(t testing.TB, raw, db string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("dbtest: parse TEST_DATABASE_URL: %v", err)
	}
	u.Path = "/" + db
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
