package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// The kept skema never outlives a restore (the data version goes backwards: the
// organisation's kept skemaer go) nor, after `sporbar cache reset`, a change made with bare SQL.
func TestDashboardKeptNotAfterRestoreOrReset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t)
	d := ts.addFollowUpData(t)
	ts.signIn(t, ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"))
	path := "/org/" + kommune + "/oversigt"
	cellA := func() string {
		t.Helper()
		status, doc := ts.get(t, path)
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, status)
		}
		return matrixCells(doc)[titleA]
	}
	sql := func(q string, args ...any) {
		t.Helper()
		if _, err := ts.db.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	steps := []struct {
		name   string
		change func()
		want   string // the progress A's cell shows after the change
	}{
		{"kept", func() {}, "40 %"},
		{"a restore: the data changed and the version went back", func() {
			sql(`UPDATE initiatives SET status_progress = 23 WHERE id = $1`, d.a)
			sql(`UPDATE organisations SET data_version = data_version - 1 WHERE slug = $1`, kommune)
		}, "23 %"},
		{"a change with bare SQL is not seen …", func() {
			sql(`UPDATE initiatives SET status_progress = 61 WHERE id = $1`, d.a)
		}, "23 %"},
		{"… until sporbar cache reset", func() {
			if _, err := store.New(ts.db).ResetDataVersions(ctx); err != nil {
				t.Fatal(err)
			}
		}, "61 %"},
	}
	cellA() // the skema kept
	for _, s := range steps {
		s.change()
		if got := cellA(); !strings.HasSuffix(got, " "+s.want) {
			t.Errorf("%s: A's cell is %q, want it to end in %q", s.name, got, s.want)
		}
	}
}
