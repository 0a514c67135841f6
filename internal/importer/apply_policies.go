package importer

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// Applying the policies with their objectives and goals, and archiving what the document left out.

func (a *applier) applyPolicies() error {
	ids := make([]int64, 0, len(a.doc.Policies))
	stored := map[int64]int32{}
	for i, p := range a.doc.Policies {
		next := domain.Policy{OrganisationID: a.cur.Organisation.ID, Kind: p.Kind, Title: p.Title,
			Description: p.Description, Numbered: p.numbered(), Position: int32(i)}
		k := find(a, store.LevelPolicy, a.cur.Policies, p.ID, "", p.Title, func(x domain.Policy) int64 { return x.ID },
			func(domain.Policy) string { return "" }, func(x domain.Policy) string { return x.Title })
		var id int64
		if k < 0 {
			var err error
			if id, err = a.tx.CreatePolicy(a.ctx, next); err != nil {
				return wrapf(err, "policy %q", p.Title)
			}
			if err := a.tx.Record(a.ctx, a.actor, store.LevelPolicy, domain.AuditCreate, id, p.Title,
				domain.Diff(nil, store.PolicyValues(next))); err != nil {
				return err
			}
			a.note(domain.AuditCreate, "Politik", p.Title, nil)
		} else {
			old := a.cur.Policies[k]
			id, next.ID = old.ID, old.ID
			a.keep(store.LevelPolicy, id)
			stored[id] = old.Position
			changes := domain.Diff(store.PolicyValues(old), store.PolicyValues(next))
			if len(changes) > 0 {
				actor, err := a.needActor()
				if err != nil {
					return err
				}
				if next.Version, err = a.version(store.LevelPolicy, id); err != nil {
					return err
				}
				if _, err := a.tx.UpdatePolicy(a.ctx, actor, next); err != nil {
					return wrapf(err, "policy %q", p.Title)
				}
			}
			a.note(domain.AuditUpdate, "Politik", p.Title, changes)
		}
		ids = append(ids, id)
		tracks := map[int]int64{} // the numbers the goals use → the policy's strategy's tracks
		if si, _ := a.doc.strategyFor(p.Strategy); si >= 0 {
			tracks = a.strategies[si].tracks
		}
		for _, o := range p.Objectives {
			if err := a.objective(id, tracks, o); err != nil {
				return wrapf(err, "policy %q", p.Title)
			}
		}
	}
	return a.positions(store.LevelPolicy, ids, stored)
}

func (a *applier) objective(policyID int64, tracks map[int]int64, o Objective) error {
	next := domain.Objective{PolicyID: policyID, Number: int32(o.Number), Title: o.Title, Description: o.Description}
	k := find(a, store.LevelObjective, a.cur.Objectives, o.ID, strconv.FormatInt(policyID, 10), strconv.Itoa(o.Number),
		func(x domain.Objective) int64 { return x.ID },
		func(x domain.Objective) string { return strconv.FormatInt(x.PolicyID, 10) },
		func(x domain.Objective) string { return strconv.Itoa(int(x.Number)) })
	title := fmt.Sprintf("%d. %s", o.Number, o.Title)
	var id int64
	if k < 0 {
		var err error
		if id, err = a.tx.CreateObjective(a.ctx, next); err != nil {
			return wrapf(err, "objective %d", o.Number)
		}
		if err := a.tx.Record(a.ctx, a.actor, store.LevelObjective, domain.AuditCreate, id, o.Title,
			domain.Diff(nil, store.ObjectiveValues(next))); err != nil {
			return err
		}
		a.note(domain.AuditCreate, "Målsætning", title, nil)
	} else {
		old := a.cur.Objectives[k]
		id, next.ID = old.ID, old.ID
		a.keep(store.LevelObjective, id)
		changes := domain.Diff(store.ObjectiveValues(old), store.ObjectiveValues(next))
		if len(changes) > 0 {
			actor, err := a.needActor()
			if err != nil {
				return err
			}
			if next.Version, err = a.version(store.LevelObjective, id); err != nil {
				return err
			}
			if _, err := a.tx.UpdateObjective(a.ctx, actor, next); err != nil {
				return wrapf(err, "objective %d", o.Number)
			}
		}
		a.note(domain.AuditUpdate, "Målsætning", title, changes)
	}
	return wrapf(a.goals(id, tracks, o.Goals), "objective %d", o.Number)
}

// goals applies an objective's goals. A goal's tracks are the policy's strategy's tracks with
// the numbers given; its links to other strategies' tracks are kept.
func (a *applier) goals(objectiveID int64, tracks map[int]int64, goals []Goal) error {
	ids := make([]int64, 0, len(goals))
	stored := map[int64]int32{}
	place := strconv.FormatInt(objectiveID, 10)
	ours := map[int64]bool{}
	for _, id := range tracks {
		ours[id] = true
	}
	for j, g := range goals {
		next := domain.Goal{ObjectiveID: objectiveID, Position: int32(j), Title: g.Title, Description: g.Description}
		var want []int64
		for _, n := range g.Tracks {
			want = append(want, tracks[n])
		}
		k := find(a, store.LevelGoal, a.cur.Goals, g.ID, place, g.Title, func(x domain.Goal) int64 { return x.ID },
			func(x domain.Goal) string { return strconv.FormatInt(x.ObjectiveID, 10) },
			func(x domain.Goal) string { return x.Title })
		if k < 0 {
			id, err := a.tx.CreateGoal(a.ctx, next)
			if err != nil {
				return wrapf(err, "goal %q", g.Title)
			}
			for _, t := range want {
				if err := a.tx.LinkGoalTrack(a.ctx, id, t); err != nil {
					return err
				}
			}
			if err := a.tx.Record(a.ctx, a.actor, store.LevelGoal, domain.AuditCreate, id, g.Title,
				domain.Diff(nil, store.GoalValues(next, numbersText(g.Tracks)))); err != nil {
				return err
			}
			a.note(domain.AuditCreate, "Mål", g.Title, nil)
			ids = append(ids, id)
			continue
		}
		old := a.cur.Goals[k]
		next.ID = old.ID
		a.keep(store.LevelGoal, old.ID)
		stored[old.ID] = old.Position
		ids = append(ids, old.ID)
		var have []int64
		for _, l := range a.cur.GoalTracks {
			if l.GoalID == old.ID {
				if ours[l.TrackID] {
					have = append(have, l.TrackID)
				} else {
					want = append(want, l.TrackID) // another strategy's track: kept
				}
			}
		}
		changes := domain.Diff(store.GoalValues(old, a.trackNumbers(have)), store.GoalValues(next, numbersText(g.Tracks)))
		if len(changes) > 0 {
			actor, err := a.needActor()
			if err != nil {
				return err
			}
			if next.Version, err = a.version(store.LevelGoal, old.ID); err != nil {
				return err
			}
			if _, err := a.tx.UpdateGoal(a.ctx, actor, next, want); err != nil {
				return wrapf(err, "goal %q", g.Title)
			}
		}
		a.note(domain.AuditUpdate, "Mål", g.Title, changes)
	}
	return a.positions(store.LevelGoal, ids, stored)
}

// numbersText writes track numbers in order, as the history does.
func numbersText(numbers []int) string {
	ns := slices.Clone(numbers)
	slices.Sort(ns)
	out := make([]int32, len(ns))
	for i, n := range ns {
		out[i] = int32(n)
	}
	return store.TracksText(out)
}

// trackNumbers writes the stored tracks' numbers in order.
func (a *applier) trackNumbers(ids []int64) string {
	var ns []int
	for _, t := range a.cur.Tracks {
		if slices.Contains(ids, t.ID) {
			ns = append(ns, int(t.Number))
		}
	}
	return numbersText(ns)
}

// archiveRest archives every current item the document left out, the deepest levels first.
func (a *applier) archiveRest() error {
	type item struct {
		lv           store.Level
		id           int64
		label, title string
	}
	var items []item
	org := a.cur.Organisation
	for _, p := range a.cur.ActionPlans {
		items = append(items, item{store.LevelActionPlan, p.ID, org.LabelActionPlan, p.Title})
	}
	for _, in := range slices.Backward(a.cur.Initiatives) {
		label := org.LabelGeneral
		if in.Kind == domain.InitiativeLocal {
			label = org.LabelLocal
		}
		items = append(items, item{store.LevelGeneral, in.ID, label, in.Title})
	}
	for _, t := range a.cur.Tracks {
		items = append(items, item{store.LevelTrack, t.ID, org.LabelTrack, fmt.Sprintf("%d. %s", t.Number, t.Title)})
	}
	for _, s := range a.cur.Strategies {
		items = append(items, item{store.LevelStrategy, s.ID, "Strategi", s.Title})
	}
	for _, g := range a.cur.Goals {
		items = append(items, item{store.LevelGoal, g.ID, "Mål", g.Title})
	}
	for _, o := range a.cur.Objectives {
		items = append(items, item{store.LevelObjective, o.ID, "Målsætning", fmt.Sprintf("%d. %s", o.Number, o.Title)})
	}
	for _, p := range a.cur.Policies {
		items = append(items, item{store.LevelPolicy, p.ID, "Politik", p.Title})
	}
	for _, t := range a.cur.Terms {
		items = append(items, item{store.LevelTerm, t.ID, "Begreb", t.Name})
	}
	for _, l := range a.cur.Ladder {
		items = append(items, item{store.LevelLadder, l.ID, "Trin på Indsatstrappen", l.Name})
	}
	for _, u := range slices.Backward(a.cur.Units) {
		items = append(items, item{store.LevelUnit, u.ID, "Enhed", u.Name})
	}
	for _, it := range items {
		if a.kept[it.lv][it.id] {
			continue
		}
		if a.actor == nil {
			return ErrNoActor
		}
		v, err := a.version(it.lv, it.id)
		if err != nil {
			return err
		}
		if err := a.tx.ArchiveAsIs(a.ctx, a.actor, it.lv, it.id, v); err != nil {
			return wrapf(err, "archive %q", it.title)
		}
		a.note(domain.AuditArchive, it.label, it.title, nil)
	}
	return nil
}
