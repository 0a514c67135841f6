package importer

import (
	"fmt"
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// Applying the strategies with their tracks, general and local initiatives and action plans.

func (a *applier) unitID(name string) *int64 {
	if name == "" {
		return nil
	}
	id := a.units[name]
	return &id
}

func (a *applier) applyStrategies() error {
	ids := make([]int64, 0, len(a.doc.Strategies))
	stored := map[int64]int32{}
	for i, s := range a.doc.Strategies {
		next := domain.Strategy{OrganisationID: a.cur.Organisation.ID, UnitID: a.unitID(s.Unit), Title: s.Title,
			PeriodStart: int32(s.PeriodStart), PeriodEnd: int32(s.PeriodEnd), Vision: s.Vision, Description: s.Description,
			Position: int32(i)}
		k := find(a, store.LevelStrategy, a.cur.Strategies, s.ID, "", s.Title, func(x domain.Strategy) int64 { return x.ID },
			func(domain.Strategy) string { return "" }, func(x domain.Strategy) string { return x.Title })
		var id int64
		if k < 0 {
			var err error
			if id, err = a.tx.CreateStrategy(a.ctx, next); err != nil {
				return wrapf(err, "strategy %q", s.Title)
			}
			if err := a.tx.Record(a.ctx, a.actor, store.LevelStrategy, domain.AuditCreate, id, s.Title,
				domain.Diff(nil, store.StrategyValues(next, s.Unit))); err != nil {
				return err
			}
			a.note(domain.AuditCreate, "Strategi", s.Title, nil)
		} else {
			old := a.cur.Strategies[k]
			id, next.ID = old.ID, old.ID
			a.keep(store.LevelStrategy, id)
			stored[id] = old.Position
			changes := domain.Diff(store.StrategyValues(old, a.storedUnitName(old.UnitID)), store.StrategyValues(next, s.Unit))
			if len(changes) > 0 {
				actor, err := a.needActor()
				if err != nil {
					return err
				}
				if next.Version, err = a.version(store.LevelStrategy, id); err != nil {
					return err
				}
				if _, err := a.tx.UpdateStrategy(a.ctx, actor, next); err != nil {
					return wrapf(err, "strategy %q", s.Title)
				}
			}
			a.note(domain.AuditUpdate, "Strategi", s.Title, changes)
		}
		ls := loadedStrategy{id: id, index: indexStrategy(s), tracks: map[int]int64{},
			initiatives: map[initKey]int64{}, plans: map[string]int64{}}
		for _, t := range s.Tracks {
			if err := a.track(&ls, t); err != nil {
				return wrapf(err, "strategy %q", s.Title)
			}
		}
		a.strategies = append(a.strategies, ls)
		ids = append(ids, id)
	}
	return a.positions(store.LevelStrategy, ids, stored)
}

// storedUnitName is the name of a current unit as stored before the import ("" for nil).
func (a *applier) storedUnitName(id *int64) string {
	if id == nil {
		return ""
	}
	for _, u := range a.cur.Units {
		if u.ID == *id {
			return u.Name
		}
	}
	return ""
}

func (a *applier) track(ls *loadedStrategy, t Track) error {
	next := domain.Track{StrategyID: ls.id, Number: int32(t.Number), Title: t.Title, Description: t.Description}
	k := find(a, store.LevelTrack, a.cur.Tracks, t.ID, strconv.FormatInt(ls.id, 10), strconv.Itoa(t.Number),
		func(x domain.Track) int64 { return x.ID }, func(x domain.Track) string { return strconv.FormatInt(x.StrategyID, 10) },
		func(x domain.Track) string { return strconv.Itoa(int(x.Number)) })
	label := a.cur.Organisation.LabelTrack
	title := fmt.Sprintf("%d. %s", t.Number, t.Title)
	var id int64
	if k < 0 {
		var err error
		if id, err = a.tx.CreateTrack(a.ctx, next); err != nil {
			return wrapf(err, "track %d", t.Number)
		}
		if err := a.tx.Record(a.ctx, a.actor, store.LevelTrack, domain.AuditCreate, id, t.Title,
			domain.Diff(nil, store.TrackValues(next))); err != nil {
			return err
		}
		a.note(domain.AuditCreate, label, title, nil)
	} else {
		old := a.cur.Tracks[k]
		id, next.ID = old.ID, old.ID
		a.keep(store.LevelTrack, id)
		changes := domain.Diff(store.TrackValues(old), store.TrackValues(next))
		if len(changes) > 0 {
			actor, err := a.needActor()
			if err != nil {
				return err
			}
			if next.Version, err = a.version(store.LevelTrack, id); err != nil {
				return err
			}
			if _, err := a.tx.UpdateTrack(a.ctx, actor, next); err != nil {
				return wrapf(err, "track %d", t.Number)
			}
		}
		a.note(domain.AuditUpdate, label, title, changes)
	}
	ls.tracks[t.Number] = id
	for _, in := range t.Initiatives {
		if err := a.initiative(ls, t.Number, id, in); err != nil {
			return err
		}
	}
	return nil
}

// initiativePlace is where an initiative sits: under a track (general) or under a general
// initiative for a unit (local).
func initiativePlace(in domain.Initiative) string {
	if in.Kind == domain.InitiativeLocal && in.ParentID != nil && in.UnitID != nil {
		return fmt.Sprintf("l/%d/%d", *in.ParentID, *in.UnitID)
	}
	return fmt.Sprintf("g/%d", in.TrackID)
}

// initiativeKey is an initiative's natural key: a general one's number, a local one's title.
func initiativeKey(in domain.Initiative) string {
	if in.Kind == domain.InitiativeLocal {
		return in.Title
	}
	return strconv.Itoa(int(in.Number))
}

func (a *applier) initiative(ls *loadedStrategy, track int, trackID int64, in Initiative) error {
	next := domain.Initiative{TrackID: trackID, Kind: domain.InitiativeGeneral, Number: int32(in.Number),
		Title: in.Title, Description: in.Description, Responsible: in.Responsible, Weight: 1}
	id, err := a.applyInitiative(next, in.ID, a.cur.Organisation.LabelGeneral)
	if err != nil {
		return wrapf(err, "initiative %d.%d", track, in.Number)
	}
	ls.initiatives[initKey{track, in.Number}] = id
	planIDs, err := a.plans(id, in.ActionPlans)
	if err != nil {
		return wrapf(err, "initiative %d.%d", track, in.Number)
	}
	for i, p := range in.ActionPlans {
		if p.Code != "" {
			ls.plans[p.Code] = planIDs[i]
		}
	}
	for _, l := range in.Locals {
		local := domain.Initiative{TrackID: trackID, Kind: domain.InitiativeLocal, ParentID: &id,
			UnitID: a.unitID(l.Unit), Number: int32(l.Number), Title: l.Title, Description: l.Description,
			Responsible: l.Responsible, Weight: 1}
		lid, err := a.applyInitiative(local, l.ID, a.cur.Organisation.LabelLocal)
		if err != nil {
			return wrapf(err, "initiative %d.%d, local %q", track, in.Number, l.Title)
		}
		if _, err := a.plans(lid, l.ActionPlans); err != nil {
			return wrapf(err, "initiative %d.%d, local %q", track, in.Number, l.Title)
		}
	}
	return nil
}

// applyInitiative creates or updates one initiative (general or local) and returns its id.
func (a *applier) applyInitiative(next domain.Initiative, docID int64, label string) (int64, error) {
	k := find(a, store.LevelGeneral, a.cur.Initiatives, docID, initiativePlace(next), initiativeKey(next),
		func(x domain.Initiative) int64 { return x.ID }, initiativePlace, initiativeKey)
	if k < 0 {
		var id int64
		var err error
		switch {
		case a.actor != nil && next.Kind == domain.InitiativeLocal:
			id, err = a.tx.AddLocalInitiative(a.ctx, *a.actor, next)
		default:
			if id, err = a.tx.CreateInitiativeFull(a.ctx, next); err == nil {
				err = a.tx.Record(a.ctx, a.actor, store.LevelGeneral, domain.AuditCreate, id, next.Title,
					domain.Diff(nil, store.GeneralValues(next)))
			}
		}
		if err != nil {
			return 0, err
		}
		a.note(domain.AuditCreate, label, next.Title, nil)
		return id, nil
	}
	old := a.cur.Initiatives[k]
	next.ID = old.ID
	a.keep(store.LevelGeneral, old.ID)
	cmp := old
	cmp.Number, cmp.Title, cmp.Description, cmp.Responsible = next.Number, next.Title, next.Description, next.Responsible
	changes := domain.Diff(store.GeneralValues(old), store.GeneralValues(cmp))
	if len(changes) > 0 {
		actor, err := a.needActor()
		if err != nil {
			return 0, err
		}
		if next.Version, err = a.version(store.LevelGeneral, old.ID); err != nil {
			return 0, err
		}
		if _, err := a.tx.UpdateInitiativeFields(a.ctx, actor, next); err != nil {
			return 0, err
		}
	}
	a.note(domain.AuditUpdate, label, next.Title, changes)
	return old.ID, nil
}

// planKey is an action plan's natural key: its code, or its title when it has none.
func planKey(code, title string) string {
	if code != "" {
		return code
	}
	return "\x00" + title
}

// plans applies the action plans of an initiative and returns their ids in the document's order.
func (a *applier) plans(initiativeID int64, plans []ActionPlan) ([]int64, error) {
	ids := make([]int64, 0, len(plans))
	stored := map[int64]int32{}
	place := strconv.FormatInt(initiativeID, 10)
	label := a.cur.Organisation.LabelActionPlan
	for j, p := range plans {
		next := domain.ActionPlan{InitiativeID: initiativeID, Code: p.Code, Title: p.Title, Description: p.Description,
			Responsible: p.Responsible, Position: int32(j), Weight: 1}
		k := find(a, store.LevelActionPlan, a.cur.ActionPlans, p.ID, place, planKey(p.Code, p.Title),
			func(x domain.ActionPlan) int64 { return x.ID },
			func(x domain.ActionPlan) string { return strconv.FormatInt(x.InitiativeID, 10) },
			func(x domain.ActionPlan) string { return planKey(x.Code, x.Title) })
		if k < 0 {
			id, err := a.tx.CreateActionPlan(a.ctx, next)
			if err != nil {
				return nil, wrapf(err, "action plan %q", p.Code)
			}
			if err := a.tx.Record(a.ctx, a.actor, store.LevelActionPlan, domain.AuditCreate, id, p.Title,
				domain.Diff(nil, next.AuditValues())); err != nil {
				return nil, err
			}
			a.note(domain.AuditCreate, label, p.Title, nil)
			ids = append(ids, id)
			continue
		}
		old := a.cur.ActionPlans[k]
		next.ID = old.ID
		a.keep(store.LevelActionPlan, old.ID)
		stored[old.ID] = old.Position
		ids = append(ids, old.ID)
		cmp := old
		cmp.Code, cmp.Title, cmp.Description, cmp.Responsible = p.Code, p.Title, p.Description, p.Responsible
		changes := domain.Diff(old.AuditValues(), cmp.AuditValues())
		if len(changes) > 0 {
			actor, err := a.needActor()
			if err != nil {
				return nil, err
			}
			if next.Version, err = a.version(store.LevelActionPlan, old.ID); err != nil {
				return nil, err
			}
			if _, err := a.tx.UpdateActionPlanFields(a.ctx, actor, next); err != nil {
				return nil, wrapf(err, "action plan %q", p.Code)
			}
		}
		a.note(domain.AuditUpdate, label, p.Title, changes)
	}
	return ids, a.positions(store.LevelActionPlan, ids, stored)
}
