package server

import (
	"testing"
	"time"
)

func TestAPILimiter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l := newAPILimiter(60, func() time.Time { return now }) // one a second, 60 at once
	for i := range 60 {
		if got := l.take(1); got != 0 {
			t.Fatalf("request %d: wait %d, want 0", i+1, got)
		}
	}
	steps := []struct {
		name    string
		advance time.Duration
		id      int64
		want    int
	}{
		{"61st at once waits a second", 0, 1, 1},
		{"another token has its own bucket", 0, 2, 0},
		{"half a second later still waits", 500 * time.Millisecond, 1, 1},
		{"a second later one more", 500 * time.Millisecond, 1, 0},
		{"and then none again", 0, 1, 1},
	}
	for _, st := range steps {
		now = now.Add(st.advance)
		if got := l.take(st.id); got != st.want {
			t.Errorf("%s: got %d, want %d", st.name, got, st.want)
		}
	}
}
