package importer

import (
	"strconv"
	"strings"
)

// sheetRows lays doc out as the rows of each level's sheet, in the columns of hierarchySheets.
func sheetRows(doc Document) map[string][][]any {
	rows := map[string][][]any{}
	add := func(sheet string, cells ...any) { rows[sheet] = append(rows[sheet], cells) }
	var units func([]Unit, string)
	units = func(us []Unit, parent string) {
		for _, u := range us {
			add(SheetUnits, id(u.ID), u.Name, choiceText(unitKinds, unitKindCodes, u.Kind), parent, u.LeaderTitle, u.Description)
			units(u.Units, u.Name)
		}
	}
	units(doc.Units, "")
	for _, p := range doc.Policies {
		add(SheetPolicies, id(p.ID), p.Title, choiceText(policyKinds, policyKindCodes, p.Kind), p.Description,
			yesNo[boolIndex(!p.numbered())], p.Strategy)
		for _, o := range p.Objectives {
			add(SheetObjectives, id(o.ID), p.Title, o.Number, o.Title, o.Description)
			for _, g := range o.Goals {
				add(SheetGoals, id(g.ID), p.Title, o.Number, g.Title, g.Description, trackList(g.Tracks))
			}
		}
	}
	for _, s := range doc.Strategies {
		add(SheetStrategies, id(s.ID), s.Title, nil, nil, s.Description, s.Unit, s.PeriodStart, s.PeriodEnd, s.Vision)
		for _, t := range s.Tracks {
			add(SheetStrategies, id(t.ID), s.Title, t.Number, t.Title, t.Description)
			for _, in := range t.Initiatives {
				add(SheetGenerals, id(in.ID), s.Title, t.Number, in.Number, in.Title, in.Description, in.Responsible)
				for _, p := range in.ActionPlans {
					add(SheetActionPlans, id(p.ID), s.Title, t.Number, in.Number, nil, nil, p.Code, p.Title, p.Description,
						p.Responsible)
				}
				for _, l := range in.Locals {
					add(SheetLocals, id(l.ID), s.Title, t.Number, in.Number, l.Unit, id(int64(l.Number)), l.Title,
						l.Description, l.Responsible)
					for _, p := range l.ActionPlans {
						add(SheetActionPlans, id(p.ID), s.Title, t.Number, in.Number, l.Unit, l.Title, p.Code, p.Title,
							p.Description, p.Responsible)
					}
				}
			}
		}
	}
	for _, t := range doc.Terms {
		var links []string
		for _, l := range t.Links {
			links = append(links, strings.TrimSpace(l.URL+" "+l.Label))
		}
		add(SheetTerms, id(t.ID), t.Name, t.Description, t.MoreInfo, strings.Join(links, "\n"))
	}
	for _, l := range doc.Ladder {
		add(SheetLadder, id(l.ID), l.Position, l.Name, l.Colour, l.Description)
	}
	return rows
}

// id is an ID cell: the number, or empty for none.
func id(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trackList writes track numbers as "1, 4".
func trackList(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}
