package domain

import "time"

// Comment is a message in the dialogue on an agreement, an initiative or an action plan.
type Comment struct {
	ID             int64
	OrganisationID int64
	AgreementID    *int64
	InitiativeID   *int64
	ActionPlanID   *int64
	AuthorID       int64
	AuthorName     string
	AuthorRole     string
	Body           string
	Public         bool // shown on the public page under its initiative (never with its author)
	CreatedAt      time.Time
	IdempotencyKey string `db:"-"` // the posting form's key: a retry with the same key stores nothing new
}

// Approval is a fagchef's approval of an agreement, with the content it froze.
type Approval struct {
	ID           int64
	AgreementID  int64
	ApprovedBy   int64
	ApproverName string
	ApprovedAt   time.Time
	Snapshot     AgreementSnapshot
}

// AgreementSnapshot is an agreement's content as it was when approved: its items.
type AgreementSnapshot struct {
	Items []SnapshotItem `json:"items"`
}

// SnapshotItem is one initiative or action plan of an agreement as it was.
type SnapshotItem struct {
	Entity string            `json:"entity"` // EntityInitiative or EntityActionPlan
	ID     int64             `json:"id"`
	Title  string            `json:"title"`
	Values map[string]string `json:"values"`
}

// SnapshotChange is how one item differs from the last approved version.
type SnapshotChange struct {
	Kind    string // "added", "archived" or "changed"
	Item    SnapshotItem
	Changes map[string]Change
}

// CompareSnapshots lists what differs in now from then: items added, items gone (archived),
// and items whose values changed, in now's order (gone items last).
func CompareSnapshots(then, now AgreementSnapshot) []SnapshotChange {
	key := func(it SnapshotItem) string { return it.Entity + "/" + itoa64(it.ID) }
	before := map[string]SnapshotItem{}
	for _, it := range then.Items {
		before[key(it)] = it
	}
	var out []SnapshotChange
	seen := map[string]bool{}
	for _, it := range now.Items {
		k := key(it)
		seen[k] = true
		old, ok := before[k]
		switch {
		case !ok:
			out = append(out, SnapshotChange{Kind: "added", Item: it})
		default:
			if d := Diff(old.Values, it.Values); len(d) > 0 {
				out = append(out, SnapshotChange{Kind: "changed", Item: it, Changes: d})
			}
		}
	}
	for _, it := range then.Items {
		if !seen[key(it)] {
			out = append(out, SnapshotChange{Kind: "archived", Item: it})
		}
	}
	return out
}
