package importer

import (
	"fmt"
)

// Building the strategies from the sheets: strategies and tracks, general and local
// initiatives, action plans. Each row names its parents; a parent that is not on its sheet is a
// problem in the cell that names it.

// strategies reads "Strategi og spor": a row without a track number is a strategy, a row with
// one is a track of the strategy it names.
func (b *builder) strategies(t *table) {
	titles := map[string]bool{}
	for _, r := range t.rows {
		if r.get(colTrack) != "" {
			continue
		}
		s := Strategy{ID: r.id(), Title: r.text(colStrategy, 300, true), Unit: r.get(colUnit), Vision: r.text(colVision, 500, false),
			Description: r.text(colDescription, maxText, false)}
		if s.Unit != "" && !b.units[s.Unit] {
			r.add(colUnit, fmt.Sprintf("Enheden «%s» findes ikke på arket %s.", short(s.Unit), SheetUnits))
		}
		s.PeriodStart, s.PeriodEnd = r.number(colFrom, 1900, true), r.number(colTo, 1900, true)
		if s.PeriodStart > 2200 || s.PeriodEnd > 2200 {
			r.add(colTo, "Perioden skal ligge mellem 1900 og 2200.")
		} else if s.PeriodEnd < s.PeriodStart && s.PeriodEnd > 0 {
			r.add(colTo, "Perioden slutter, før den begynder.")
		}
		if titles[s.Title] {
			r.add(colStrategy, fmt.Sprintf("Strategien «%s» står to gange.", short(s.Title)))
		}
		titles[s.Title] = true
		b.doc.Strategies = append(b.doc.Strategies, s)
	}
	for _, r := range t.rows {
		if r.get(colTrack) == "" {
			continue
		}
		si := b.strategyRef(r)
		tr := Track{ID: r.id(), Number: r.number(colTrack, 1, true), Title: r.text(colTitle, 500, true),
			Description: r.text(colDescription, maxText, false)}
		for _, h := range []string{colUnit, colFrom, colTo, colVision} {
			if r.get(h) != "" {
				r.add(h, "Feltet hører til strategiens egen række (uden spor nr.) og skal være tomt her.")
			}
		}
		if si < 0 {
			continue
		}
		if b.track(si, tr.Number) != nil {
			r.add(colTrack, fmt.Sprintf("Spor %d står to gange i strategien.", tr.Number))
			continue
		}
		b.doc.Strategies[si].Tracks = append(b.doc.Strategies[si].Tracks, tr)
	}
}

// strategyRef finds the strategy the row names (blank: the only one); -1 with a problem if none.
func (b *builder) strategyRef(r record) int {
	title := r.get(colStrategy)
	if title == "" {
		if len(b.doc.Strategies) == 1 {
			return 0
		}
		r.add(colStrategy, "Skriv hvilken strategi rækken hører til.")
		return -1
	}
	for i, s := range b.doc.Strategies {
		if s.Title == title {
			return i
		}
	}
	r.add(colStrategy, fmt.Sprintf("Strategien «%s» findes ikke på arket %s.", short(title), SheetStrategies))
	return -1
}

func (b *builder) track(si, number int) *Track {
	for i := range b.doc.Strategies[si].Tracks {
		if t := &b.doc.Strategies[si].Tracks[i]; t.Number == number {
			return t
		}
	}
	return nil
}

// trackRef finds the track the row names in the strategy it names, or nil with a problem.
func (b *builder) trackRef(r record) (int, *Track) {
	si := b.strategyRef(r)
	n := r.number(colTrack, 1, true)
	if si < 0 || n == 0 {
		return si, nil
	}
	t := b.track(si, n)
	if t == nil {
		r.add(colTrack, fmt.Sprintf("Spor %d findes ikke i strategien «%s».", n, short(b.doc.Strategies[si].Title)))
	}
	return si, t
}

func (b *builder) generals(t *table) {
	for _, r := range t.rows {
		_, tr := b.trackRef(r)
		in := Initiative{ID: r.id(), Number: r.number(colNumber, 1, true), Title: r.text(colTitle, 1000, true),
			Description: r.text(colDescription, maxText, false), Responsible: r.text(colResponsible, 200, false)}
		if tr == nil {
			continue
		}
		if general(tr, in.Number) != nil {
			r.add(colNumber, fmt.Sprintf("Indsats %d står to gange i spor %d.", in.Number, tr.Number))
			continue
		}
		tr.Initiatives = append(tr.Initiatives, in)
	}
}

func general(t *Track, number int) *Initiative {
	for i := range t.Initiatives {
		if in := &t.Initiatives[i]; in.Number == number {
			return in
		}
	}
	return nil
}

// generalRef finds the general initiative the row names, or nil with a problem.
func (b *builder) generalRef(r record) (int, *Initiative) {
	si, tr := b.trackRef(r)
	n := r.number(colGeneral, 1, true)
	if tr == nil || n == 0 {
		return si, nil
	}
	in := general(tr, n)
	if in == nil {
		r.add(colGeneral, fmt.Sprintf("Indsats %d findes ikke i spor %d på arket %s.", n, tr.Number, SheetGenerals))
	}
	return si, in
}

func (b *builder) areaRef(r record, required bool) string {
	area := r.get(colArea)
	if area == "" && required {
		r.add(colArea, "Skriv hvilket område (en enhed fra arket Enheder) indsatsen hører til.")
	} else if area != "" && !b.units[area] {
		r.add(colArea, fmt.Sprintf("Enheden «%s» findes ikke på arket %s.", short(area), SheetUnits))
	}
	return area
}

func (b *builder) locals(t *table) {
	for _, r := range t.rows {
		_, gen := b.generalRef(r)
		l := Local{ID: r.id(), Unit: b.areaRef(r, true), Number: r.number(colNumber, 0, false),
			Title: r.text(colTitle, 1000, true), Description: r.text(colDescription, maxText, false),
			Responsible: r.text(colResponsible, 200, false)}
		if gen == nil || l.Unit == "" {
			continue
		}
		if local(gen, l.Unit, l.Title) != nil {
			r.add(colTitle, "Den lokale indsats står to gange for området.")
			continue
		}
		gen.Locals = append(gen.Locals, l)
	}
}

func local(gen *Initiative, unit, title string) *Local {
	for i := range gen.Locals {
		if l := &gen.Locals[i]; l.Unit == unit && l.Title == title {
			return l
		}
	}
	return nil
}

func (b *builder) plans(t *table) {
	codes := map[string]bool{} // "strategy index/local pointer/code"
	for _, r := range t.rows {
		si, gen := b.generalRef(r)
		area := b.areaRef(r, false)
		p := ActionPlan{ID: r.id(), Code: r.text(colCode, 20, false), Title: r.text(colTitle, 1000, true),
			Description: r.text(colDescription, maxText, false), Responsible: r.text(colResponsible, 200, false)}
		if gen == nil {
			continue
		}
		owner, plans := fmt.Sprint(si), &gen.ActionPlans
		if area != "" {
			title := r.get(colLocal)
			l := local(gen, area, title)
			if l == nil {
				r.add(colLocal, fmt.Sprintf("Den lokale indsats «%s» for %s findes ikke på arket %s.", short(title), area, SheetLocals))
				continue
			}
			owner, plans = fmt.Sprintf("%p", l), &l.ActionPlans
		}
		if key := owner + "/" + p.Code; p.Code != "" && codes[key] {
			r.add(colCode, fmt.Sprintf("Koden «%s» står to gange.", p.Code))
			continue
		} else {
			codes[key] = true
		}
		*plans = append(*plans, p)
	}
}
