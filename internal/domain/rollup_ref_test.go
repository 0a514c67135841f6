package domain

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// rollupByKeys is Rollup as it was first written, over maps of keys: the reference the
// index-based Rollup must agree with.
func rollupByKeys(nodes []RollupNode) map[string]Rolled {
	byKey := make(map[string]RollupNode, len(nodes))
	children := map[string][]string{}
	for _, n := range nodes {
		byKey[n.Key] = n
		if n.Parent != "" {
			children[n.Parent] = append(children[n.Parent], n.Key)
		}
	}
	out := make(map[string]Rolled, len(nodes))
	visiting := map[string]bool{}
	var roll func(key string) Rolled
	roll = func(key string) Rolled {
		if r, ok := out[key]; ok {
			return r
		}
		n := byKey[key]
		if visiting[key] {
			return Rolled{Progress: n.Progress, Health: n.Health}
		}
		visiting[key] = true
		defer delete(visiting, key)
		kids := children[key]
		r := Rolled{Progress: n.Progress, Health: n.Health, Parts: len(kids)}
		if len(kids) > 0 {
			var sum, weights float64
			worst := ""
			for _, k := range kids {
				kr := roll(k)
				w := byKey[k].Weight
				if w <= 0 {
					w = 1
				}
				sum += w * kr.Progress
				weights += w
				if HealthRank(kr.Health) > HealthRank(worst) {
					worst = kr.Health
				}
			}
			r.Progress = sum / weights
			if n.Health == "" {
				r.Health = worst
			}
		}
		out[key] = r
		return r
	}
	for _, n := range nodes {
		roll(n.Key)
	}
	return out
}

// TestRollupMatchesReference rolls up random forests, with keys given twice, parents that
// are no node and cycles, both ways.
func TestRollupMatchesReference(t *testing.T) {
	t.Parallel()
	healths := []string{"", HealthOnTrack, HealthChallenged, HealthCritical}
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		n := 1 + r.IntN(40)
		nodes := make([]RollupNode, n)
		for i := range nodes {
			nodes[i] = RollupNode{Key: fmt.Sprintf("k%d", r.IntN(n+n/4)), Weight: float64(r.IntN(4)) - 0.5,
				Progress: float64(r.IntN(101)), Health: healths[r.IntN(len(healths))]}
			switch p := r.IntN(10); {
			case p < 2: // a root
			case p < 3:
				nodes[i].Parent = "missing"
			default:
				nodes[i].Parent = fmt.Sprintf("k%d", r.IntN(n))
			}
		}
		if diff := cmp.Diff(rollupByKeys(nodes), Rollup(nodes)); diff != "" {
			t.Fatalf("round %d: Rollup differs from the reference (-want +got):\n%s\nnodes: %+v", round, diff, nodes)
		}
	}
}
