package importer

import (
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// Applying the organisation-wide levels: units, Indsatstrappen and begreber.

// claimedIDs collects the ids the document names, per level, so that matching by natural key
// leaves those items to the rows that name them.
func claimedIDs(doc Document) map[store.Level]map[int64]bool {
	c := map[store.Level]map[int64]bool{}
	add := func(lv store.Level, id int64) {
		if id == 0 {
			return
		}
		if c[lv] == nil {
			c[lv] = map[int64]bool{}
		}
		c[lv][id] = true
	}
	var units func([]Unit)
	units = func(us []Unit) {
		for _, u := range us {
			add(store.LevelUnit, u.ID)
			units(u.Units)
		}
	}
	units(doc.Units)
	for _, l := range doc.Ladder {
		add(store.LevelLadder, l.ID)
	}
	for _, t := range doc.Terms {
		add(store.LevelTerm, t.ID)
	}
	for _, s := range doc.Strategies {
		add(store.LevelStrategy, s.ID)
		for _, t := range s.Tracks {
			add(store.LevelTrack, t.ID)
			for _, in := range t.Initiatives {
				add(store.LevelGeneral, in.ID)
				for _, p := range in.ActionPlans {
					add(store.LevelActionPlan, p.ID)
				}
				for _, l := range in.Locals {
					add(store.LevelGeneral, l.ID)
					for _, p := range l.ActionPlans {
						add(store.LevelActionPlan, p.ID)
					}
				}
			}
		}
	}
	for _, p := range doc.Policies {
		add(store.LevelPolicy, p.ID)
		for _, o := range p.Objectives {
			add(store.LevelObjective, o.ID)
			for _, g := range o.Goals {
				add(store.LevelGoal, g.ID)
			}
		}
	}
	return c
}

// applyUnits applies the units below parent (nil for the top) and their sub-units. A unit may
// move to another parent; names are unique in the organisation.
func (a *applier) applyUnits(us []Unit, parent *int64) error {
	names := map[int64]string{}
	for _, u := range a.cur.Units {
		names[u.ID] = u.Name
	}
	ids := make([]int64, 0, len(us))
	reorder := false
	for i, u := range us {
		next := domain.Unit{OrganisationID: a.cur.Organisation.ID, ParentID: parent, Name: u.Name, Kind: u.Kind,
			LeaderTitle: u.LeaderTitle, Description: u.Description, Position: int32(i)}
		parentName := ""
		if parent != nil {
			parentName = a.unitName(*parent)
		}
		k := find(a, store.LevelUnit, a.cur.Units, u.ID, "", u.Name, func(x domain.Unit) int64 { return x.ID },
			func(domain.Unit) string { return "" }, func(x domain.Unit) string { return x.Name })
		var id int64
		if k < 0 {
			var err error
			if id, err = a.tx.CreateUnit(a.ctx, next); err != nil {
				return wrapf(err, "unit %q", u.Name)
			}
			if err := a.tx.Record(a.ctx, a.actor, store.LevelUnit, domain.AuditCreate, id, u.Name,
				domain.Diff(nil, store.UnitValues(next, parentName))); err != nil {
				return err
			}
			a.note(domain.AuditCreate, "Enhed", u.Name, nil)
		} else {
			old := a.cur.Units[k]
			id, next.ID = old.ID, old.ID
			a.keep(store.LevelUnit, id)
			moved := (parent == nil) != (old.ParentID == nil) || (parent != nil && *old.ParentID != *parent)
			reorder = reorder || moved || old.Position != int32(i)
			oldParent := ""
			if old.ParentID != nil {
				oldParent = names[*old.ParentID]
			}
			changes := domain.Diff(store.UnitValues(old, oldParent), store.UnitValues(next, parentName))
			if len(changes) > 0 {
				if err := a.updateUnit(next); err != nil {
					return wrapf(err, "unit %q", u.Name)
				}
			}
			a.note(domain.AuditUpdate, "Enhed", u.Name, changes)
		}
		a.units[u.Name] = id
		ids = append(ids, id)
		if err := a.applyUnits(u.Units, &id); err != nil {
			return err
		}
	}
	if !reorder {
		return nil
	}
	return a.tx.SetPositions(a.ctx, a.actor, store.LevelUnit, ids)
}

// unitName is the name of a unit the import has placed (created or kept).
func (a *applier) unitName(id int64) string {
	for name, uid := range a.units {
		if uid == id {
			return name
		}
	}
	return ""
}

func (a *applier) updateUnit(u domain.Unit) error {
	actor, err := a.needActor()
	if err != nil {
		return err
	}
	if u.Version, err = a.version(store.LevelUnit, u.ID); err != nil {
		return err
	}
	_, err = a.tx.UpdateUnit(a.ctx, actor, u)
	return err
}

// ladder applies Indsatstrappen's steps; a step is known by its position.
func (a *applier) ladder() error {
	for _, s := range a.doc.Ladder {
		next := domain.LadderStep{OrganisationID: a.cur.Organisation.ID, Position: int32(s.Position), Name: s.Name,
			Colour: s.Colour, Description: s.Description}
		k := find(a, store.LevelLadder, a.cur.Ladder, s.ID, "", strconv.Itoa(s.Position),
			func(x domain.LadderStep) int64 { return x.ID }, func(domain.LadderStep) string { return "" },
			func(x domain.LadderStep) string { return strconv.Itoa(int(x.Position)) })
		if k < 0 {
			id, err := a.tx.CreateLadderStep(a.ctx, next)
			if err != nil {
				return wrapf(err, "ladder step %d", s.Position)
			}
			if err := a.tx.Record(a.ctx, a.actor, store.LevelLadder, domain.AuditCreate, id, s.Name,
				domain.Diff(nil, store.LadderValues(next))); err != nil {
				return err
			}
			a.note(domain.AuditCreate, "Trin på Indsatstrappen", s.Name, nil)
			continue
		}
		old := a.cur.Ladder[k]
		next.ID = old.ID
		a.keep(store.LevelLadder, old.ID)
		changes := domain.Diff(store.LadderValues(old), store.LadderValues(next))
		if len(changes) > 0 {
			actor, err := a.needActor()
			if err != nil {
				return err
			}
			if next.Version, err = a.version(store.LevelLadder, old.ID); err != nil {
				return err
			}
			if _, err := a.tx.UpdateLadderStep(a.ctx, actor, next); err != nil {
				return wrapf(err, "ladder step %d", s.Position)
			}
		}
		a.note(domain.AuditUpdate, "Trin på Indsatstrappen", s.Name, changes)
	}
	return nil
}

// terms applies the begreber; a term is known by its name.
func (a *applier) terms() error {
	ids := make([]int64, 0, len(a.doc.Terms))
	stored := map[int64]int32{}
	for i, t := range a.doc.Terms {
		next := domain.Term{OrganisationID: a.cur.Organisation.ID, Name: t.Name, Description: t.Description,
			MoreInfo: t.MoreInfo, Position: int32(i)}
		for _, l := range t.Links {
			next.Links = append(next.Links, domain.TermLink{URL: l.URL, Label: l.Label})
		}
		k := find(a, store.LevelTerm, a.cur.Terms, t.ID, "", t.Name, func(x domain.Term) int64 { return x.ID },
			func(domain.Term) string { return "" }, func(x domain.Term) string { return x.Name })
		if k < 0 {
			id, err := a.tx.CreateTerm(a.ctx, next)
			if err != nil {
				return wrapf(err, "term %q", t.Name)
			}
			if err := a.tx.Record(a.ctx, a.actor, store.LevelTerm, domain.AuditCreate, id, t.Name,
				domain.Diff(nil, store.TermValues(next))); err != nil {
				return err
			}
			a.note(domain.AuditCreate, "Begreb", t.Name, nil)
			ids = append(ids, id)
			continue
		}
		old := a.cur.Terms[k]
		next.ID = old.ID
		a.keep(store.LevelTerm, old.ID)
		stored[old.ID] = old.Position
		ids = append(ids, old.ID)
		changes := domain.Diff(store.TermValues(old), store.TermValues(next))
		if len(changes) > 0 {
			actor, err := a.needActor()
			if err != nil {
				return err
			}
			if next.Version, err = a.version(store.LevelTerm, old.ID); err != nil {
				return err
			}
			if _, err := a.tx.UpdateTerm(a.ctx, actor, next); err != nil {
				return wrapf(err, "term %q", t.Name)
			}
		}
		a.note(domain.AuditUpdate, "Begreb", t.Name, changes)
	}
	return a.positions(store.LevelTerm, ids, stored)
}
