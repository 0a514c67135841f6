package app

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// TestConcurrentStartOnEmptyDatabase starts two servers and two `migrate up` at once on a
// database with no tables: all come up (the migrations run under goose's advisory session
// lock), and every migration is recorded once.
func TestConcurrentStartOnEmptyDatabase(t *testing.T) {
	t.Parallel()
	for trial := range 3 {
		t.Run(fmt.Sprint("trial ", trial+1), func(t *testing.T) {
			url := dbtest.NewBlank(t)
			ctx, stop := context.WithCancel(context.Background())
			defer stop()
			servers := []instance{startServe(ctx, t, url), startServe(ctx, t, url)}
			migrations := make(chan error, 2)
			for range 2 {
				go func() {
					var out bytes.Buffer
					migrations <- Run(ctx, []string{"sporbar", "migrate", "up"},
						func(k string) string { return map[string]string{"DATABASE_URL": url}[k] }, nil, &out)
				}()
			}
			for range 2 {
				select {
				case err := <-migrations:
					if err != nil {
						t.Errorf("migrate up beside the others: %v", err)
					}
				case <-time.After(2 * time.Minute):
					t.Fatal("migrate up did not finish within 2 minutes")
				}
			}
			for _, s := range servers {
				select {
				case err := <-s.done:
					t.Fatalf("serve beside the others stopped: %v", err)
				default:
				}
				waitStatus(t, s.base+"/readyz", http.StatusOK, 2*time.Minute)
			}
			stop()
			for _, s := range servers {
				if err := waitDone(t, s, time.Minute); err != nil {
					t.Errorf("serve: %v", err)
				}
			}
			assertMigratedOnce(t, url)
		})
	}
}

// assertMigratedOnce checks that goose recorded each applied version exactly once.
func assertMigratedOnce(t *testing.T, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var dup int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM (SELECT version_id FROM goose_db_version
		WHERE is_applied GROUP BY version_id HAVING count(*) > 1) d`).Scan(&dup); err != nil {
		t.Fatal(err)
	}
	if dup != 0 {
		t.Errorf("%d migrations were recorded more than once", dup)
	}
}
