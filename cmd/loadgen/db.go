package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"
)

// errNoData is `loadgen db check`'s answer for a database without the data set.
var errNoData = errors.New("the database holds no organisations")

// runDB is `loadgen db fresh|check`, used by make bench-data and make bench:
//
//	fresh  drop the database DATABASE_URL names (if it exists) and create it empty, through ADMIN_URL
//	check  exit 0 if DATABASE_URL's database exists and holds organisations, 3 otherwise
func runDB(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) != 1 || (args[0] != "fresh" && args[0] != "check") {
		return fmt.Errorf("%w: loadgen db fresh|check", errUsage)
	}
	dbURL := getenv("DATABASE_URL")
	if dbURL == "" {
		return errors.New("DATABASE_URL is not set")
	}
	cfg, err := pgx.ParseConfig(dbURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	if args[0] == "check" {
		conn, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			return errNoData
		}
		defer conn.Close(ctx)
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM organisations`).Scan(&n); err != nil || n == 0 {
			return errNoData
		}
		fmt.Fprintf(stdout, "%s holds %d organisations\n", cfg.Database, n)
		return nil
	}
	adminURL := getenv("ADMIN_URL")
	if adminURL == "" {
		return errors.New("ADMIN_URL (a database on the same server to connect to) is not set")
	}
	admin, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer admin.Close(ctx)
	name := pgx.Identifier{cfg.Database}.Sanitize()
	if admin.Config().Database == cfg.Database {
		return fmt.Errorf("ADMIN_URL and DATABASE_URL name the same database %s", name)
	}
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created an empty database %s\n", name)
	return nil
}
