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
func Rollup(nodes []RollupNode) map[string]Rolled {
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
