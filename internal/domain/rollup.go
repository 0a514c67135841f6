package domain

// The roll-up of progress and health up the chain: action plans → local initiative → general
// initiative → track → goal. Progress is the weighted average of the parts (equal weights
// unless an item has its own); an item without parts counts its own progress. Health is the
// worst health of the parts, unless the item's owner has set one on the item itself.

// RollupNode is one item of the tree to roll up.
type RollupNode struct {
	Key      string  // unique, e.g. "ap:12", "in:4", "tr:2"
	Parent   string  // "" for a root
	Weight   float64 // ≤ 0 counts as 1
	Progress float64 // the item's own progress, 0–100, used when it has no parts
	Health   string  // the item's own health; "" when its owner has set none
	Reported bool    // the item has a status of its own (its progress counts when it has no parts)
}

// Rolled is an item's rolled-up progress and health.
type Rolled struct {
	Progress float64 // 0–100
	Health   string  // worst below unless set on the item; "" when nothing below has one
	Parts    int     // the number of parts it was rolled up from (0: its own values)
}

// RollupRule states the rule in Danish for the pages that show rolled-up values.
const RollupRule = "Fremdriften er et vægtet gennemsnit af delene nedenunder (handleplaner → lokal indsats → " +
	"generel indsats → spor → mål), med lige vægte, medmindre en vægt er sat. Et element uden dele tæller med sin egen " +
	"fremdrift. Helbredet er det dårligste nedenunder, medmindre ejeren selv har sat det på elementet."

// Rollup rolls every node up its tree. Cycles are not allowed (a node on a cycle gets its own values).
// A key given twice stands for its last node; a parent that is no node's key is not rolled.
//
// It works on indexes into nodes rather than on maps of keys: a large skema rolls up a
// thousand items on every request, and the maps were most of the roll-up's cost.
func Rollup(nodes []RollupNode) map[string]Rolled {
	n := len(nodes)
	index := make(map[string]int32, n) // key → its last node
	for i := range nodes {
		index[nodes[i].Key] = int32(i)
	}
	// The children of each node, in node order, as one slice: kids[first[p]:first[p+1]].
	first := make([]int32, n+1)
	parent := make([]int32, n)
	for i := range nodes {
		parent[i] = -1
		if p, ok := index[nodes[i].Parent]; ok && nodes[i].Parent != "" {
			parent[i] = p
			first[p+1]++
		}
	}
	for p := range n {
		first[p+1] += first[p]
	}
	kids := make([]int32, first[n])
	next := append([]int32(nil), first[:n]...)
	for i := range nodes {
		if p := parent[i]; p >= 0 {
			kids[next[p]] = index[nodes[i].Key] // a child key given twice is its last node, twice
			next[p]++
		}
	}
	const (
		unseen = iota
		visiting
		done
	)
	state := make([]uint8, n)
	rolled := make([]Rolled, n)
	var roll func(i int32) Rolled
	roll = func(i int32) Rolled {
		nd := &nodes[i]
		switch state[i] {
		case done:
			return rolled[i]
		case visiting:
			return Rolled{Progress: nd.Progress, Health: nd.Health}
		}
		state[i] = visiting
		parts := kids[first[i]:first[i+1]]
		r := Rolled{Progress: nd.Progress, Health: nd.Health, Parts: len(parts)}
		if len(parts) > 0 {
			var sum, weights float64
			worst := ""
			for _, k := range parts {
				kr := roll(k)
				w := nodes[k].Weight
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
			if nd.Health == "" {
				r.Health = worst
			}
		}
		state[i], rolled[i] = done, r
		return r
	}
	out := make(map[string]Rolled, len(index))
	for i := range nodes { // in node order: on a cycle, where the roll-up enters it decides
		key := nodes[i].Key
		out[key] = roll(index[key])
	}
	return out
}
