package store_test

import (
	"context"
	"testing"

	"github.com/sporbar/sporbar/internal/bench/benchdb"
	"github.com/sporbar/sporbar/internal/store"
)

// The fagchef dashboard's queries on the largest strategy of a small national data set
// (docs/benchmarks.md): go test -run '^$' -bench FollowUp -benchmem ./internal/store/

func BenchmarkFollowUpScope(b *testing.B) {
	ctx := context.Background()
	pool := benchdb.New(b)
	l, err := benchdb.FindLargest(ctx, pool)
	if err != nil {
		b.Fatal(err)
	}
	st := store.New(pool)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.FollowUpScope(ctx, l.OrgID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFollowUpItems(b *testing.B) {
	ctx := context.Background()
	pool := benchdb.New(b)
	l, err := benchdb.FindLargest(ctx, pool)
	if err != nil {
		b.Fatal(err)
	}
	st := store.New(pool)
	for _, bc := range []struct {
		name     string
		strategy int64
		activity int
	}{
		{"skema", l.StrategyID, 20}, // the dashboard: one strategy, its goals and the activity
		{"organisation", 0, 0},      // the item list and its exports: every strategy
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var items int
			for b.Loop() {
				d, err := st.FollowUpItems(ctx, l.OrgID, bc.strategy, bc.activity)
				if err != nil {
					b.Fatal(err)
				}
				items = len(d.Initiatives) + len(d.ActionPlans)
			}
			b.ReportMetric(float64(items), "items")
		})
	}
}
