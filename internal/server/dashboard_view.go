package server

import (
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Building the follow-up views from what loadFollowUp read: no queries here.

// followUpItems makes the items of data in chain order: each initiative (general before its
// local ones, as the query orders them) followed by its action plans.
func followUpItems(org domain.Organisation, sc store.FollowUpScope, data store.FollowUpData, today time.Time) []pages.Item {
	tracks := map[int64]string{}
	for _, t := range sc.Tracks {
		tracks[t.ID] = trackLabel(org, t.Number, t.Title)
	}
	plans := plansByInitiative(data.ActionPlans)
	out := make([]pages.Item, 0, len(data.Initiatives)+len(data.ActionPlans))
	for n := range data.Initiatives {
		in := &data.Initiatives[n]
		it := pages.Item{Kind: in.Kind, ID: in.ID, Href: c.InitiativeURL(in.ID), Title: in.Title, TrackID: in.TrackID,
			TrackLabel: tracks[in.TrackID], GeneralID: in.ID, UnitID: in.UnitID, UnitName: in.UnitName,
			Responsible: in.Responsible, Weight: in.Weight,
			Status: c.StatusOf{Status: in.Status, Deadline: in.EndDate, FollowUpMonths: in.FollowUpMonths, Today: today}}
		if in.ParentID != nil {
			it.ParentID, it.GeneralID = *in.ParentID, *in.ParentID
		}
		out = append(out, it)
		ps := plans[in.ID]
		for k := range ps {
			a := &ps[k]
			title := a.Title
			if a.Code != "" {
				title = a.Code + " " + a.Title
			}
			out = append(out, pages.Item{Kind: pages.ItemActionPlan, ID: a.ID, Href: c.ActionPlanURL(a.ID), Title: title,
				TrackID: a.TrackID, TrackLabel: tracks[a.TrackID], ParentID: a.InitiativeID, GeneralID: a.GeneralID,
				UnitID: a.InitiativeUnitID, UnitName: a.UnitName,
				Responsible: a.Responsible, Weight: a.Weight,
				Status: c.StatusOf{Status: a.Status, Deadline: a.Deadline, FollowUpMonths: a.FollowUpMonths, Today: today}})
		}
	}
	return out
}

// plansByInitiative groups plans by initiative, keeping their order. The store returns them
// by initiative, so each group is a part of plans, not a copy (a plan is a large struct and a
// skema has hundreds).
func plansByInitiative(plans []store.FollowUpActionPlan) map[int64][]store.FollowUpActionPlan {
	out := map[int64][]store.FollowUpActionPlan{}
	for i := 0; i < len(plans); {
		j, id := i+1, plans[i].InitiativeID
		for j < len(plans) && plans[j].InitiativeID == id {
			j++
		}
		if prev, ok := out[id]; ok { // not by initiative after all: copy
			out[id] = append(prev[:len(prev):len(prev)], plans[i:j]...)
		} else {
			out[id] = plans[i:j:j]
		}
		i = j
	}
	return out
}

// itemKey is an item's key in the roll-up.
func itemKey(it pages.Item) string {
	if it.Kind == pages.ItemActionPlan {
		return "ap:" + itoa64(it.ID)
	}
	return "in:" + itoa64(it.ID)
}

// rollUp rolls progress and health up the chain with domain.Rollup: action plans → initiative
// (local → general) → track ("tr:ID") → the strategy ("all"), and sets each item's Rolled.
// From the rolled tracks it rolls up to each goal ("go:ID") they realise, and from the rolled
// local initiatives to each område ("om:ID", by column(it), which is 0 for items outside
// every område) and to all områder together ("om:*"). Filters play no part: the roll-up is
// the whole strategy's. Each key is made once (a large skema has a thousand items).
func rollUp(items []pages.Item, tracks []domain.Track, goals []store.GoalTrack, column func(pages.Item) int64) map[string]domain.Rolled {
	keys := make([]string, len(items)) // itemKey of each item
	initiatives := make(map[int64]string, len(items)/4)
	for i, it := range items {
		keys[i] = itemKey(it)
		if it.Kind != pages.ItemActionPlan {
			initiatives[it.ID] = keys[i]
		}
	}
	cached := func(m map[int64]string, prefix string, id int64) string {
		k, ok := m[id]
		if !ok {
			k = prefix + itoa64(id)
			m[id] = k
		}
		return k
	}
	trackKeys := make(map[int64]string, len(tracks))
	nodes := make([]domain.RollupNode, 0, 1+len(tracks)+len(items))
	nodes = append(nodes, domain.RollupNode{Key: "all"})
	for _, t := range tracks {
		nodes = append(nodes, domain.RollupNode{Key: cached(trackKeys, "tr:", t.ID), Parent: "all"})
	}
	for i, it := range items {
		n := domain.RollupNode{Key: keys[i], Weight: it.Weight, Progress: float64(it.Status.StatusProgress),
			Health: it.Status.Health(), Reported: it.Status.StatusAsOf != nil}
		if it.Kind == pages.ItemActionPlan || it.ParentID != 0 {
			n.Parent = cached(initiatives, "in:", it.ParentID)
		} else {
			n.Parent = cached(trackKeys, "tr:", it.TrackID)
		}
		nodes = append(nodes, n)
	}
	rolled := domain.Rollup(nodes)
	for i := range items {
		items[i].Rolled = rolled[keys[i]]
	}

	// Goals and områder are not in the tree (a track serves many goals): their parts are
	// leaves carrying the rolled values of the tracks and local initiatives.
	more := make([]domain.RollupNode, 0, 2*len(goals)+len(items)/2)
	roots := map[string]bool{}
	leaf := func(key, parent string, weight float64, r domain.Rolled) {
		if !roots[parent] {
			roots[parent] = true
			more = append(more, domain.RollupNode{Key: parent})
		}
		more = append(more, domain.RollupNode{Key: key, Parent: parent, Weight: weight, Progress: r.Progress, Health: r.Health})
	}
	goalKeys := map[int64]string{}
	for _, g := range goals {
		leaf("gt:"+itoa64(g.GoalID)+":"+itoa64(g.TrackID), cached(goalKeys, "go:", g.GoalID), 1,
			rolled[cached(trackKeys, "tr:", g.TrackID)])
	}
	columnKeys := map[int64]string{}
	for _, it := range items {
		if it.Kind == domain.InitiativeLocal {
			id := itoa64(it.ID)
			leaf("ol:"+id, cached(columnKeys, "om:", column(it)), it.Weight, it.Rolled)
			leaf("ol*:"+id, "om:*", it.Weight, it.Rolled)
		}
	}
	for k, r := range domain.Rollup(more) {
		rolled[k] = r
	}
	return rolled
}

// columns are the områder of the skema: the child units of the strategy's unit, or, for a
// strategy without a unit, the units that hold its local initiatives. column maps an item
// to the column its unit lies in (0 when none).
func columns(st domain.Strategy, units []domain.Unit, tree unitTree, items []pages.Item) ([]pages.MatrixColumn, func(pages.Item) int64) {
	var cols []pages.MatrixColumn
	if st.UnitID != nil {
		children, depth := tree.below(units, *st.UnitID)
		for i, u := range children {
			if depth[i] == 1 {
				cols = append(cols, pages.MatrixColumn{UnitID: u.ID, Name: u.Name, Href: c.UnitURL(u.ID)})
			}
		}
	} else {
		seen := map[int64]bool{}
		for _, it := range items {
			if it.Kind == domain.InitiativeLocal && !seen[*it.UnitID] {
				seen[*it.UnitID] = true
				cols = append(cols, pages.MatrixColumn{UnitID: *it.UnitID, Name: it.UnitName, Href: c.UnitURL(*it.UnitID)})
			}
		}
	}
	column := func(it pages.Item) int64 {
		if it.UnitID == nil {
			return 0
		}
		for _, col := range cols {
			if col.UnitID != 0 && tree.under(*it.UnitID, col.UnitID) {
				return col.UnitID
			}
		}
		return 0
	}
	for _, it := range items {
		if it.Kind == domain.InitiativeLocal && column(it) == 0 {
			return append(cols, pages.MatrixColumn{Name: "Andre enheder"}), column
		}
	}
	return cols, column
}

// visibleColumns keeps the columns that the unit filter reaches: the unit's own column, or
// every column below the unit.
func visibleColumns(cols []pages.MatrixColumn, f pages.Filter, tree unitTree) []pages.MatrixColumn {
	if f.UnitID == 0 {
		return cols
	}
	var out []pages.MatrixColumn
	for _, col := range cols {
		if col.UnitID != 0 && (tree.under(col.UnitID, f.UnitID) || tree.under(f.UnitID, col.UnitID)) {
			out = append(out, col)
		}
	}
	return out
}

// stale reports whether an item that still needs follow-up has no status newer than days days.
func stale(it pages.Item, today time.Time, days int) bool {
	s := it.Status
	if s.StatusPhase == domain.PhaseImplemented || s.StatusPhase == domain.PhaseOnHold {
		return false
	}
	return s.StatusAsOf == nil || s.StatusAsOf.Before(today.AddDate(0, 0, -days))
}

// summarise fills the skema's counts per track and område, the goals' roll-up, and the
// stale and overdue items, all of the items that pass the filter.
func summarise(v *pages.DashboardView, fu followUp, tracks []domain.Track, column func(pages.Item) int64,
	rolled map[string]domain.Rolled, today time.Time) {
	f := fu.filter
	var ids []int64
	for _, t := range tracks {
		if f.TrackID == 0 || t.ID == f.TrackID {
			v.ByTrack = append(v.ByTrack, pages.Counts{Label: trackLabel(fu.org, t.Number, t.Title), Href: c.TrackURL(t.ID),
				Rolled: rolled["tr:"+itoa64(t.ID)]})
			ids = append(ids, t.ID)
		}
	}
	byTrack := map[int64]*pages.Counts{}
	for i, id := range ids {
		byTrack[id] = &v.ByTrack[i]
	}
	byUnit := map[int64]*pages.Counts{}
	for _, col := range v.Columns {
		v.ByUnit = append(v.ByUnit, pages.Counts{Label: col.Name, Href: col.Href, Rolled: rolled["om:"+itoa64(col.UnitID)]})
	}
	for i, col := range v.Columns {
		byUnit[col.UnitID] = &v.ByUnit[i]
	}
	v.TrackTotal = pages.Counts{Label: "I alt", Rolled: rolled["all"]}
	v.UnitTotal = pages.Counts{Label: "I alt", Rolled: rolled["om:*"]}
	for _, it := range fu.items {
		if it.Kind == domain.InitiativeLocal {
			v.Locals++
		}
		if !matches(f, it, fu.tree) {
			continue
		}
		if n := byTrack[it.TrackID]; n != nil {
			n.Add(it)
			v.TrackTotal.Add(it)
		}
		if n := byUnit[column(it)]; n != nil && it.UnitID != nil {
			n.Add(it)
			v.UnitTotal.Add(it)
		}
		if stale(it, today, v.StaleAfterDays) {
			v.Stale = append(v.Stale, it)
		}
		if it.Kind == pages.ItemActionPlan && domain.Overdue(it.Status.StatusPhase, it.Status.Deadline, today) {
			v.Overdue = append(v.Overdue, it)
		}
	}
	v.Goals = goalRollups(fu.data.GoalTracks, rolled)
}

// goalRollups groups the goal–track pairs by goal, with each goal's roll-up.
func goalRollups(gts []store.GoalTrack, rolled map[string]domain.Rolled) []pages.GoalRollup {
	var out []pages.GoalRollup
	for _, gt := range gts {
		if n := len(out); n > 0 && out[n-1].ID == gt.GoalID {
			out[n-1].Tracks++
			continue
		}
		out = append(out, pages.GoalRollup{ID: gt.GoalID, Title: gt.GoalTitle, PolicyTitle: gt.PolicyTitle, Tracks: 1,
			Rolled: rolled["go:"+itoa64(gt.GoalID)]})
	}
	return out
}
