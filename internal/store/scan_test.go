package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// collectBoth reads sql with store.CollectByName and with pgx's RowToStructByNameLax and
// fails unless both give the same rows, or both fail.
func collectBoth[T any](t *testing.T, pool *pgxpool.Pool, sql string) {
	t.Helper()
	ctx := context.Background()
	rows, _ := pool.Query(ctx, sql)
	got, gotErr := store.CollectByName[T](rows)
	rows, _ = pool.Query(ctx, sql)
	want, wantErr := pgx.CollectRows(rows, pgx.RowToStructByNameLax[T])
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("error %v, pgx's %v\n%s", gotErr, wantErr, sql)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows differ from pgx's (-pgx +ours):\n%s\n%s", diff, sql)
	}
}

// TestCollectByName checks that the once-per-result scan matches pgx's per-row one: embedded
// structs, NULLs into pointers, JSON into maps (not merged across rows), empty results and
// a column without a field.
func TestCollectByName(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	collectBoth[domain.AuditEntry](t, pool, `
		SELECT n AS id, 1::bigint AS organisation_id, CASE WHEN n % 2 = 0 THEN n END AS actor_id, 'A' AS actor_name,
		       '2026-01-02 03:04:05+00'::timestamptz AS at, 'status' AS action, 'action_plan' AS entity, n AS entity_id, NULL::bigint AS unit_id,
		       'T' || n AS title,
		       CASE WHEN n = 1 THEN '{"Fase": {"old": "a", "new": "b"}}'::jsonb ELSE jsonb_build_object('F' || n, jsonb_build_object('old', '', 'new', n::text)) END AS changes
		FROM generate_series(1, 4) n`)
	collectBoth[domain.InitiativeRow](t, pool, `
		SELECT n AS id, 2::bigint AS track_id, 'local' AS kind, NULLIF(n, 2)::bigint AS parent_id, NULL::bigint AS unit_id,
		       n::int AS number, 'Titel' AS title, '' AS description, NULL::date AS start_date, '2026-05-01'::date AS end_date,
		       '' AS responsible, 1.5::float8 AS weight, 'forberedende' AS status_phase,
		       CASE WHEN n = 1 THEN 'kritisk' END AS status_health, 7::smallint AS status_progress,
		       NULL::date AS status_as_of, NULL::timestamptz AS status_updated_at, '2026-01-02 03:04:05+00'::timestamptz AS created_at, '2026-01-02'::timestamptz AS updated_at,
		       1 AS version, NULL::timestamptz AS archived_at, 3 AS track_number, 'Spor' AS track_title,
		       4::bigint AS strategy_id, '' AS parent_title, 'Enhed' AS unit_name, 5 AS action_plan_count, 0 AS local_count,
		       NULL::bigint AS scope_unit_id, 3 AS follow_up_months
		FROM generate_series(1, 3) n`)
	collectBoth[domain.Track](t, pool, `SELECT 1::bigint AS id WHERE false`)
	collectBoth[domain.Track](t, pool, `SELECT 1::bigint AS id, 'x' AS no_such_field`)
}
