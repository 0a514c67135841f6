package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sporbar/sporbar/internal/domain"
)

var (
	slugPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	colourPattern = regexp.MustCompile(`^#[0-9a-f]{6}$`)
	urlPattern    = regexp.MustCompile(`^https?://`)
)

// checker collects the problems found in a document.
type checker struct{ problems []string }

func (c *checker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// text checks that a required text is there and not longer than the database allows.
func (c *checker) text(place, field, s string, max int) {
	switch n := utf8.RuneCountInString(strings.TrimSpace(s)); {
	case n == 0:
		c.addf("%s: %s mangler", place, field)
	case utf8.RuneCountInString(s) > max:
		c.addf("%s: %s er for lang (%d tegn, højst %d)", place, field, utf8.RuneCountInString(s), max)
	}
}

func (c *checker) period(place string, start, end int) {
	if start < 1900 || start > 2200 || end < 1900 || end > 2200 {
		c.addf("%s: perioden %d–%d skal ligge mellem 1900 og 2200", place, start, end)
	} else if end < start {
		c.addf("%s: perioden slutter (%d) før den begynder (%d)", place, end, start)
	}
}

func oneOf(s string, allowed ...string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

// Validate checks the whole document: required fields, allowed values, lengths, and that every
// reference (unit names, track numbers, initiatives, action plan codes, parent agreements)
// points at something in the document. It returns a *ValidationError listing every problem.
func (d Document) Validate() error {
	c := &checker{}
	o := d.Organisation
	if !slugPattern.MatchString(o.Slug) {
		c.addf("organisation: slug %q må kun have små bogstaver a-z, tal og bindestreger", o.Slug)
	}
	c.text("organisation", "name", o.Name, 200)
	if !oneOf(o.Kind, "kommune", "region") {
		c.addf("organisation: kind %q skal være kommune eller region", o.Kind)
	}
	units := map[string]bool{}
	c.units(d.Units, units)
	c.ladder(d.Ladder)
	c.terms(d.Terms)
	titles := map[string]bool{}
	for i, s := range d.Strategies {
		place := fmt.Sprintf("strategi %q", short(s.Title))
		c.text(fmt.Sprintf("strategi nr. %d", i+1), "title", s.Title, 300)
		if titles[s.Title] {
			c.addf("%s findes to gange", place)
		}
		titles[s.Title] = true
		if s.Unit != "" && !units[s.Unit] {
			c.addf("%s: enheden %q findes ikke", place, s.Unit)
		}
		c.period(place, s.PeriodStart, s.PeriodEnd)
		c.tracks(place, s.Tracks, units)
		c.annualPlans(place, s, indexStrategy(s))
	}
	c.policies(d)
	c.agreements(d, units)
	if len(c.problems) > 0 {
		return &ValidationError{Problems: c.problems}
	}
	return nil
}

func (c *checker) units(us []Unit, seen map[string]bool) {
	for _, u := range us {
		place := fmt.Sprintf("enhed %q", short(u.Name))
		c.text(place, "name", u.Name, 200)
		if seen[u.Name] {
			c.addf("%s findes to gange (enheder nævnes ved navn og skal hedde noget forskelligt)", place)
		}
		seen[u.Name] = true
		if !oneOf(u.Kind, domain.UnitDirektion, domain.UnitFagomraade, domain.UnitOmraade,
			domain.UnitSpecialomraade, domain.UnitEnhed) {
			c.addf("%s: kind %q skal være direktion, fagomraade, omraade, specialomraade eller enhed", place, u.Kind)
		}
		c.units(u.Units, seen)
	}
}

func (c *checker) ladder(steps []LadderStep) {
	positions := map[int]bool{}
	for _, s := range steps {
		place := fmt.Sprintf("indsatstrappens trin %d", s.Position)
		if positions[s.Position] {
			c.addf("%s findes to gange", place)
		}
		positions[s.Position] = true
		c.text(place, "name", s.Name, 200)
		if !colourPattern.MatchString(s.Colour) {
			c.addf("%s: colour %q skal skrives #rrggbb med små bogstaver", place, s.Colour)
		}
	}
}

func (c *checker) terms(ts []Term) {
	names := map[string]bool{}
	for _, t := range ts {
		place := fmt.Sprintf("begreb %q", short(t.Name))
		c.text(place, "name", t.Name, 300)
		if names[t.Name] {
			c.addf("%s findes to gange", place)
		}
		names[t.Name] = true
		for _, l := range t.Links {
			if !urlPattern.MatchString(l.URL) {
				c.addf("%s: linket %q skal begynde med http:// eller https://", place, l.URL)
			}
		}
	}
}

func (c *checker) tracks(place string, ts []Track, units map[string]bool) {
	numbers := map[int]bool{}
	codes := map[string]bool{}
	for _, t := range ts {
		tp := fmt.Sprintf("%s, spor %d", place, t.Number)
		if t.Number <= 0 {
			c.addf("%s: nummeret skal være større end 0", tp)
		}
		if numbers[t.Number] {
			c.addf("%s findes to gange", tp)
		}
		numbers[t.Number] = true
		c.text(tp, "title", t.Title, 500)
		inNumbers := map[int]bool{}
		for _, in := range t.Initiatives {
			ip := fmt.Sprintf("%s, indsats %d", tp, in.Number)
			if in.Number <= 0 {
				c.addf("%s: nummeret skal være større end 0", ip)
			}
			if inNumbers[in.Number] {
				c.addf("%s findes to gange", ip)
			}
			inNumbers[in.Number] = true
			c.text(ip, "title", in.Title, 1000)
			for _, ap := range in.ActionPlans {
				pp := fmt.Sprintf("%s, handleplan %q", ip, ap.Code)
				if utf8.RuneCountInString(ap.Code) > 20 {
					c.addf("%s: koden er for lang (højst 20 tegn)", pp)
				}
				if ap.Code != "" && codes[ap.Code] {
					c.addf("%s: koden findes allerede i strategien", pp)
				}
				codes[ap.Code] = true
				c.text(pp, "title", ap.Title, 1000)
			}
			c.locals(ip, in.Locals, units)
		}
	}
}

// locals checks a general initiative's local initiatives: their units, titles and plan codes.
func (c *checker) locals(place string, ls []Local, units map[string]bool) {
	for _, l := range ls {
		lp := fmt.Sprintf("%s, lokal indsats %q", place, short(l.Title))
		c.text(lp, "title", l.Title, 1000)
		if !units[l.Unit] {
			c.addf("%s: enheden %q findes ikke", lp, l.Unit)
		}
		if l.Number < 0 {
			c.addf("%s: nummeret må ikke være negativt", lp)
		}
		codes := map[string]bool{}
		for _, ap := range l.ActionPlans {
			pp := fmt.Sprintf("%s, handleplan %q", lp, ap.Code)
			if utf8.RuneCountInString(ap.Code) > 20 {
				c.addf("%s: koden er for lang (højst 20 tegn)", pp)
			}
			if ap.Code != "" && codes[ap.Code] {
				c.addf("%s: koden findes allerede under den lokale indsats", pp)
			}
			codes[ap.Code] = true
			c.text(pp, "title", ap.Title, 1000)
		}
	}
}
