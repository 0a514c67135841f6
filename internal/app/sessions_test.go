package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// TestSessionsClear signs everyone out with `sporbar sessions clear`, as after a restore.
func TestSessionsClear(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `INSERT INTO sessions (id_hash) VALUES ('\x01'), ('\x02')`); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string { return map[string]string{"DATABASE_URL": dbtest.URL(t, pool)}[k] }
	tests := []struct {
		args     []string
		wantErr  bool
		wantText string
		wantLeft int
	}{
		{[]string{"sporbar", "sessions"}, true, "", 2},
		{[]string{"sporbar", "sessions", "clear"}, false, "2 session(er) slettet", 0},
		{[]string{"sporbar", "sessions", "clear"}, false, "0 session(er) slettet", 0},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := Run(ctx, tt.args, getenv, nil, &out)
		if (err != nil) != tt.wantErr || !strings.Contains(out.String(), tt.wantText) {
			t.Errorf("%v: err %v, output %q; want error %v and %q", tt.args, err, out.String(), tt.wantErr, tt.wantText)
		}
		var left int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM sessions`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left != tt.wantLeft {
			t.Errorf("%v: %d sessions left, want %d", tt.args, left, tt.wantLeft)
		}
	}
}
