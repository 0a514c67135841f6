package importer

import (
	"sort"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// FromHierarchy writes an organisation's current hierarchy as a document, each item with its ID,
// so that an import of the document (changed or not) knows which stored item each row is.
// Agreements and yearly plans are not part of it. A policy refers to the strategy most of its
// goals' tracks belong to; links to other strategies' tracks are left out (and kept by Apply).
func FromHierarchy(h store.Hierarchy) Document {
	o := h.Organisation
	doc := Document{Organisation: Organisation{Slug: o.Slug, Name: o.Name, Kind: o.Kind, Vision: o.Vision,
		VisionDescription: o.VisionDescription, Labels: Labels{Track: o.LabelTrack, Tracks: o.LabelTracks,
			General: o.LabelGeneral, Generals: o.LabelGenerals, Local: o.LabelLocal, Locals: o.LabelLocals,
			ActionPlan: o.LabelActionPlan, ActionPlans: o.LabelActionPlans}}}
	unitNames := map[int64]string{}
	for _, u := range h.Units {
		unitNames[u.ID] = u.Name
	}
	doc.Units = unitTree(h.Units, nil)
	for _, l := range h.Ladder {
		doc.Ladder = append(doc.Ladder, LadderStep{ID: l.ID, Position: int(l.Position), Name: l.Name, Colour: l.Colour,
			Description: l.Description})
	}
	for _, t := range h.Terms {
		term := Term{ID: t.ID, Name: t.Name, Description: t.Description, MoreInfo: t.MoreInfo}
		for _, l := range t.Links {
			term.Links = append(term.Links, Link{URL: l.URL, Label: l.Label})
		}
		doc.Terms = append(doc.Terms, term)
	}
	doc.Strategies = exportStrategies(h, unitNames)
	doc.Policies = exportPolicies(h)
	return doc
}

// unitTree nests the units below parent (nil for the top), keeping their order.
func unitTree(units []domain.Unit, parent *int64) []Unit {
	var out []Unit
	for _, u := range units {
		if (u.ParentID == nil) != (parent == nil) || (parent != nil && *u.ParentID != *parent) {
			continue
		}
		out = append(out, Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, LeaderTitle: u.LeaderTitle,
			Description: u.Description, Units: unitTree(units, &u.ID)})
	}
	return out
}

func exportStrategies(h store.Hierarchy, unitNames map[int64]string) []Strategy {
	plans := map[int64][]ActionPlan{}
	for _, a := range h.ActionPlans {
		plans[a.InitiativeID] = append(plans[a.InitiativeID], ActionPlan{ID: a.ID, Code: a.Code, Title: a.Title,
			Description: a.Description, Responsible: a.Responsible})
	}
	locals := map[int64][]Local{}
	generals := map[int64][]Initiative{}
	for _, in := range h.Initiatives {
		if in.Kind == domain.InitiativeLocal && in.ParentID != nil && in.UnitID != nil {
			locals[*in.ParentID] = append(locals[*in.ParentID], Local{ID: in.ID, Unit: unitNames[*in.UnitID],
				Number: int(in.Number), Title: in.Title, Description: in.Description, Responsible: in.Responsible,
				ActionPlans: plans[in.ID]})
		}
	}
	for _, in := range h.Initiatives {
		if in.Kind == domain.InitiativeGeneral {
			generals[in.TrackID] = append(generals[in.TrackID], Initiative{ID: in.ID, Number: int(in.Number),
				Title: in.Title, Description: in.Description, Responsible: in.Responsible, ActionPlans: plans[in.ID],
				Locals: locals[in.ID]})
		}
	}
	tracks := map[int64][]Track{}
	for _, t := range h.Tracks {
		tracks[t.StrategyID] = append(tracks[t.StrategyID], Track{ID: t.ID, Number: int(t.Number), Title: t.Title,
			Description: t.Description, Initiatives: generals[t.ID]})
	}
	var out []Strategy
	for _, s := range h.Strategies {
		st := Strategy{ID: s.ID, Title: s.Title, PeriodStart: int(s.PeriodStart), PeriodEnd: int(s.PeriodEnd),
			Vision: s.Vision, Description: s.Description, Tracks: tracks[s.ID]}
		if s.UnitID != nil {
			st.Unit = unitNames[*s.UnitID]
		}
		out = append(out, st)
	}
	return out
}

func exportPolicies(h store.Hierarchy) []Policy {
	trackOf := map[int64]domain.Track{}
	for _, t := range h.Tracks {
		trackOf[t.ID] = t
	}
	strategyTitle := map[int64]string{}
	for _, s := range h.Strategies {
		strategyTitle[s.ID] = s.Title
	}
	links := map[int64][]domain.Track{} // goal → its tracks
	for _, l := range h.GoalTracks {
		links[l.GoalID] = append(links[l.GoalID], trackOf[l.TrackID])
	}
	goals := map[int64][]domain.Goal{}
	for _, g := range h.Goals {
		goals[g.ObjectiveID] = append(goals[g.ObjectiveID], g)
	}
	objectives := map[int64][]domain.Objective{}
	for _, o := range h.Objectives {
		objectives[o.PolicyID] = append(objectives[o.PolicyID], o)
	}
	var out []Policy
	for _, p := range h.Policies {
		numbered := p.Numbered
		pol := Policy{ID: p.ID, Title: p.Title, Kind: p.Kind, Description: p.Description, Numbered: &numbered}
		strategy := mainStrategy(objectives[p.ID], goals, links, h.Strategies)
		pol.Strategy = strategyTitle[strategy]
		for _, o := range objectives[p.ID] {
			obj := Objective{ID: o.ID, Number: int(o.Number), Title: o.Title, Description: o.Description}
			for _, g := range goals[o.ID] {
				goal := Goal{ID: g.ID, Title: g.Title, Description: g.Description}
				for _, t := range links[g.ID] {
					if t.StrategyID == strategy {
						goal.Tracks = append(goal.Tracks, int(t.Number))
					}
				}
				sort.Ints(goal.Tracks)
				obj.Goals = append(obj.Goals, goal)
			}
			pol.Objectives = append(pol.Objectives, obj)
		}
		out = append(out, pol)
	}
	return out
}

// mainStrategy is the strategy most of the objectives' goals' tracks belong to (the first in
// order on a tie or without links; 0 when there is no strategy).
func mainStrategy(objs []domain.Objective, goals map[int64][]domain.Goal, links map[int64][]domain.Track,
	strategies []domain.Strategy) int64 {
	count := map[int64]int{}
	for _, o := range objs {
		for _, g := range goals[o.ID] {
			for _, t := range links[g.ID] {
				count[t.StrategyID]++
			}
		}
	}
	best := int64(0)
	if len(strategies) > 0 {
		best = strategies[0].ID
	}
	for _, s := range strategies {
		if count[s.ID] > count[best] {
			best = s.ID
		}
	}
	return best
}
