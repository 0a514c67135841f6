package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// TestSeedDemoActivity: plain seed writes no demo activity; seed --demo-activity writes it
// (with the demo users it needs) for both organisations, and a second run adds nothing.
func TestSeedDemoActivity(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	url := dbtest.URL(t, pool)
	getenv := func(k string) string {
		switch k {
		case "DATABASE_URL":
			return url
		case "SPORBAR_DEMO_PASSWORD":
			return "demo-adgangskode"
		}
		return ""
	}
	locals := func() (n int) {
		if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM initiatives WHERE kind = 'local'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tests := []struct {
		args       []string
		wantOut    string
		wantLocals func(n int) bool
	}{
		{[]string{"seed"}, "Indlæst", func(n int) bool { return n == 0 }},
		{[]string{"seed", "--demo-activity"}, "Demoaktivitet indlæst: Region Midtjylland", func(n int) bool { return n > 0 }},
		{[]string{"seed", "--demo-activity"}, "Demoaktiviteten var allerede indlæst: Ringkøbing-Skjern Kommune", nil},
	}
	var first int
	for i, tt := range tests {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		var out bytes.Buffer
		err := Run(ctx, append([]string{"sporbar"}, tt.args...), getenv, strings.NewReader(""), &out)
		cancel()
		if err != nil {
			t.Fatalf("run %d %v: %v\n%s", i+1, tt.args, err, out.String())
		}
		if !strings.Contains(out.String(), tt.wantOut) {
			t.Errorf("run %d %v: output does not say %q:\n%s", i+1, tt.args, tt.wantOut, out.String())
		}
		n := locals()
		if tt.wantLocals != nil && !tt.wantLocals(n) {
			t.Errorf("run %d %v: %d local initiatives", i+1, tt.args, n)
		}
		if tt.wantLocals == nil && n != first {
			t.Errorf("run %d %v: %d local initiatives, want %d as before", i+1, tt.args, n, first)
		}
		first = n
	}
}
