package benchdata_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/benchdata"
	"github.com/sporbar/sporbar/internal/dbtest"
)

func TestGenerate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	run := func() (benchdata.Summary, map[string]int64) {
		pool := dbtest.New(t)
		sum, err := benchdata.Generate(ctx, pool, benchdata.Options{Seed: 7, Organisations: 2, PasswordHash: "x", Today: today})
		if err != nil {
			t.Fatal(err)
		}
		checks := map[string]string{
			// The current status kept on each action plan is its latest status update.
			"stale current status": `SELECT count(*) FROM action_plans a JOIN LATERAL (SELECT * FROM status_updates s
				WHERE s.action_plan_id = a.id ORDER BY as_of DESC LIMIT 1) s ON true
				WHERE (a.status_phase, a.status_health, a.status_progress, a.status_as_of) IS DISTINCT FROM (s.phase, s.health, s.progress, s.as_of)`,
			"items without 36 updates": `SELECT count(*) FROM initiatives i WHERE (SELECT count(*) FROM status_updates s WHERE s.initiative_id = i.id) <> 36`,
			"local with wrong track":   `SELECT count(*) FROM initiatives l JOIN initiatives g ON g.id = l.parent_id WHERE l.track_id <> g.track_id`,
			"next user id":             `SELECT nextval(pg_get_serial_sequence('users', 'id')) - (SELECT max(id) FROM users)`,
			"latest month":             `SELECT extract(month FROM max(as_of))::bigint FROM status_updates`,
			"locals without 5 plans": `SELECT count(*) FROM initiatives l WHERE l.kind = 'local'
				AND (SELECT count(*) FROM action_plans a WHERE a.initiative_id = l.id) <> 5`,
		}
		got := map[string]int64{}
		for name, sql := range checks {
			var n int64
			if err := pool.QueryRow(ctx, sql).Scan(&n); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got[name] = n
		}
		return sum, got
	}
	sum, checks := run()
	want := map[string]int64{"stale current status": 0, "items without 36 updates": 0, "local with wrong track": 0,
		"next user id": 1, "latest month": 10, "locals without 5 plans": 0}
	if diff := cmp.Diff(want, checks); diff != "" {
		t.Errorf("consistency (-want +got):\n%s", diff)
	}
	if sum["organisations"] != 2 {
		t.Errorf("%d organisations, want 2", sum["organisations"])
	}
	if got := sum["status_updates"]; got != 36*(sum["initiatives"]+sum["action_plans"]) {
		t.Errorf("%d status updates, want 36 per initiative and action plan (%d)", got, 36*(sum["initiatives"]+sum["action_plans"]))
	}
	again, _ := run()
	if diff := cmp.Diff(sum, again); diff != "" {
		t.Errorf("the same seed gave other data (-first +second):\n%s", diff)
	}
}
