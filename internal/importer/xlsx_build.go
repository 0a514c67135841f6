package importer

import (
	"fmt"
	"strings"
)

// ReadXLSX reads a samlet skema (see WriteXLSX) into a document, with the IDs its rows carry,
// for the organisation with slug. Every problem — with the file, a sheet, a row or a cell, a
// reference to something that is not there, a duplicate, a text that is too long — is
// collected in a *SheetError; the document is returned only when there are none.
func ReadXLSX(data []byte, slug string) (Document, error) {
	f, problems := OpenXLSX(data)
	if f == nil {
		return Document{}, &SheetError{Problems: problems}
	}
	defer f.Close()
	b := &builder{problems: &problems, units: map[string]bool{}}
	b.doc.Organisation.Slug = slug
	b.organisation(readTable(f, SheetOrganisation, []string{colField, colValue}, &problems))
	tables := map[string]*table{}
	for _, spec := range hierarchySheets {
		heads := make([]string, len(spec.columns))
		for i, c := range spec.columns {
			heads[i] = c.head
		}
		tables[spec.name] = readTable(f, spec.name, heads, &problems)
	}
	steps := []struct {
		sheet string
		build func(*table)
	}{
		{SheetUnits, b.buildUnits}, {SheetLadder, b.ladder}, {SheetTerms, b.terms},
		{SheetStrategies, b.strategies}, {SheetGenerals, b.generals}, {SheetLocals, b.locals},
		{SheetActionPlans, b.plans}, {SheetPolicies, b.policies}, {SheetObjectives, b.objectives}, {SheetGoals, b.goals},
	}
	for _, s := range steps {
		if t := tables[s.sheet]; t != nil {
			s.build(t)
		}
	}
	if len(problems) == 0 {
		var ve *ValidationError
		if err := b.doc.Validate(); err != nil && asValidation(err, &ve) {
			for _, msg := range ve.Problems {
				problems = append(problems, Problem{Message: msg})
			}
		}
	}
	if len(problems) > 0 {
		return Document{}, &SheetError{Problems: problems}
	}
	return b.doc, nil
}

func asValidation(err error, ve **ValidationError) bool {
	v, ok := err.(*ValidationError)
	*ve = v
	return ok
}

// builder puts the rows of the sheets together into a document.
type builder struct {
	doc      Document
	problems *[]Problem
	units    map[string]bool // the names on the Enheder sheet
}

func (b *builder) organisation(t *table) {
	if t == nil {
		return
	}
	values := map[string]record{}
	for _, r := range t.rows {
		values[strings.ToLower(r.get(colField))] = r
	}
	field := func(name string, max int, required bool) string {
		r, ok := values[strings.ToLower(name)]
		if !ok {
			if required {
				*b.problems = append(*b.problems, Problem{Sheet: t.sheet, Message: fmt.Sprintf("Feltet «%s» mangler.", name)})
			}
			return ""
		}
		return r.text(colValue, max, required)
	}
	o := &b.doc.Organisation
	o.Name = field("Navn", 200, true)
	if r, ok := values["type"]; ok {
		o.Kind = r.choice(colValue, orgKinds, orgKindCodes, "")
	}
	if o.Kind == "" {
		*b.problems = append(*b.problems, Problem{Sheet: t.sheet, Message: "Feltet «Type» skal være Kommune eller Region."})
	}
	o.Vision = field("Vision", 500, false)
	o.VisionDescription = field("Visionens beskrivelse", maxText, false)
	l := &o.Labels
	for i, dst := range []*string{&l.Track, &l.Tracks, &l.General, &l.Generals, &l.Local, &l.Locals, &l.ActionPlan, &l.ActionPlans} {
		*dst = field(organisationFields[4+i], 100, false)
	}
}

// buildUnits reads the units and builds their tree from the parents' names.
func (b *builder) buildUnits(t *table) {
	type row struct {
		unit   Unit
		parent string
		r      record
	}
	var rows []row
	for _, r := range t.rows {
		u := Unit{ID: r.id(), Name: r.text(colName, 200, true), LeaderTitle: r.text(colLeader, 200, false),
			Description: r.text(colDescription, maxText, false)}
		u.Kind = r.choice(colKind, unitKinds, unitKindCodes, "")
		if u.Kind == "" && r.get(colKind) == "" {
			r.add(colKind, "«Type» skal udfyldes.")
		}
		if b.units[u.Name] {
			r.add(colName, fmt.Sprintf("Enheden «%s» står to gange; enheder skal hedde noget forskelligt.", short(u.Name)))
		}
		b.units[u.Name] = true
		rows = append(rows, row{u, r.get(colParentUnit), r})
	}
	placed := map[string]bool{}
	var children func(parent string) []Unit
	children = func(parent string) []Unit {
		var out []Unit
		for _, x := range rows {
			if x.parent == parent && !placed[x.unit.Name] && x.unit.Name != "" {
				placed[x.unit.Name] = true
				u := x.unit
				u.Units = children(u.Name)
				out = append(out, u)
			}
		}
		return out
	}
	b.doc.Units = children("")
	for _, x := range rows {
		switch {
		case x.parent != "" && !b.units[x.parent]:
			x.r.add(colParentUnit, fmt.Sprintf("Enheden «%s» findes ikke på arket %s.", short(x.parent), SheetUnits))
		case x.unit.Name != "" && !placed[x.unit.Name]:
			x.r.add(colParentUnit, "Enheden ligger under sig selv (de overordnede enheder danner en ring).")
		}
	}
}

func (b *builder) ladder(t *table) {
	seen := map[int]bool{}
	for _, r := range t.rows {
		s := LadderStep{ID: r.id(), Position: r.number(colStep, 0, true), Name: r.text(colName, 200, true),
			Colour: strings.ToLower(r.get(colColour)), Description: r.text(colDescription, maxText, false)}
		if seen[s.Position] && r.get(colStep) != "" {
			r.add(colStep, fmt.Sprintf("Trin %d står to gange.", s.Position))
		}
		seen[s.Position] = true
		if !colourPattern.MatchString(s.Colour) {
			r.add(colColour, "Farven skal skrives #rrggbb, fx #4caf50.")
		}
		b.doc.Ladder = append(b.doc.Ladder, s)
	}
}

func (b *builder) terms(t *table) {
	seen := map[string]bool{}
	for _, r := range t.rows {
		term := Term{ID: r.id(), Name: r.text(colName, 300, true), Description: r.text(colDescription, maxText, false),
			MoreInfo: r.text(colMoreInfo, maxText, false)}
		if seen[term.Name] {
			r.add(colName, fmt.Sprintf("Begrebet «%s» står to gange.", short(term.Name)))
		}
		seen[term.Name] = true
		for _, line := range strings.Split(r.text(colLinks, maxText, false), "\n") {
			fields := strings.Fields(line)
			if len(fields) == 0 {
				continue
			}
			if !urlPattern.MatchString(fields[0]) {
				r.add(colLinks, fmt.Sprintf("Linket «%s» skal begynde med http:// eller https://.", short(fields[0])))
			}
			term.Links = append(term.Links, Link{URL: fields[0], Label: strings.Join(fields[1:], " ")})
		}
		b.doc.Terms = append(b.doc.Terms, term)
	}
}
