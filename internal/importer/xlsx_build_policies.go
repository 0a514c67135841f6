package importer

import (
	"fmt"
	"strconv"
	"strings"
)

// Building the policies, their objectives and goals from the sheets; a goal's tracks are
// numbers of its policy's strategy's tracks.

func (b *builder) policies(t *table) {
	titles := map[string]bool{}
	for _, r := range t.rows {
		numbered := r.choice(colNumbered, yesNo, yesNo, "ja") == "ja"
		p := Policy{ID: r.id(), Title: r.text(colTitle, 300, true), Kind: r.choice(colKind, policyKinds, policyKindCodes, "politik"),
			Description: r.text(colDescription, maxText, false), Numbered: &numbered, Strategy: r.get(colStrategy)}
		if titles[p.Title] {
			r.add(colTitle, fmt.Sprintf("Politikken «%s» står to gange.", short(p.Title)))
		}
		titles[p.Title] = true
		if _, err := b.doc.strategyFor(p.Strategy); err != nil {
			r.add(colStrategy, capitalise(err.Error())+".")
		}
		b.doc.Policies = append(b.doc.Policies, p)
	}
}

func (b *builder) policyRef(r record) *Policy {
	title := r.get(colPolicy)
	for i := range b.doc.Policies {
		if b.doc.Policies[i].Title == title {
			return &b.doc.Policies[i]
		}
	}
	r.add(colPolicy, fmt.Sprintf("Politikken «%s» findes ikke på arket %s.", short(title), SheetPolicies))
	return nil
}

func (b *builder) objectives(t *table) {
	for _, r := range t.rows {
		p := b.policyRef(r)
		o := Objective{ID: r.id(), Number: r.number(colNumber, 1, true), Title: r.text(colTitle, 500, true),
			Description: r.text(colDescription, maxText, false)}
		if p == nil || o.Number == 0 {
			continue
		}
		if objective(p, o.Number) != nil {
			r.add(colNumber, fmt.Sprintf("Målsætning %d står to gange i politikken.", o.Number))
			continue
		}
		p.Objectives = append(p.Objectives, o)
	}
}

func objective(p *Policy, number int) *Objective {
	for i := range p.Objectives {
		if o := &p.Objectives[i]; o.Number == number {
			return o
		}
	}
	return nil
}

func (b *builder) goals(t *table) {
	for _, r := range t.rows {
		p := b.policyRef(r)
		n := r.number(colObjective, 1, true)
		g := Goal{ID: r.id(), Title: r.text(colTitle, 1000, true), Description: r.text(colDescription, maxText, false)}
		if p == nil || n == 0 {
			continue
		}
		o := objective(p, n)
		if o == nil {
			r.add(colObjective, fmt.Sprintf("Målsætning %d findes ikke i politikken på arket %s.", n, SheetObjectives))
			continue
		}
		g.Tracks = b.goalTracks(r, p)
		o.Goals = append(o.Goals, g)
	}
}

// goalTracks reads the numbers of the tracks that realise a goal ("1, 4"), which must be
// tracks of the policy's strategy.
func (b *builder) goalTracks(r record, p *Policy) []int {
	text := r.get(colTracks)
	if text == "" {
		return nil
	}
	si, err := b.doc.strategyFor(p.Strategy)
	if err != nil || si < 0 {
		r.add(colTracks, "Politikken peger ikke på en strategi, hvis spor målet kan høre til.")
		return nil
	}
	var out []int
	for _, f := range strings.FieldsFunc(text, func(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\n' }) {
		n, err := strconv.Atoi(f)
		switch {
		case err != nil:
			r.add(colTracks, fmt.Sprintf("«%s» er ikke et spornummer; skriv fx «1, 4».", short(f)))
		case b.track(si, n) == nil:
			r.add(colTracks, fmt.Sprintf("Spor %d findes ikke i strategien «%s».", n, short(b.doc.Strategies[si].Title)))
		default:
			out = append(out, n)
		}
	}
	return out
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
