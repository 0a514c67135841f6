package importer

import (
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
)

// annualPlans checks a strategy's yearly plans: each area names one of the strategy's
// initiatives, each item one of that initiative's action plans, and same_as an earlier item.
func (c *checker) annualPlans(place string, s Strategy, ix strategyIndex) {
	years := map[int]bool{}
	for _, p := range s.AnnualPlans {
		pp := fmt.Sprintf("%s, indsatsplan %d", place, p.Year)
		if p.Year < 1900 || p.Year > 2200 {
			c.addf("%s: året skal ligge mellem 1900 og 2200", pp)
		}
		if years[p.Year] {
			c.addf("%s findes to gange", pp)
		}
		years[p.Year] = true
		c.text(pp, "title", p.Title, 300)
		areas := map[initKey]bool{}
		items := map[string]bool{}
		for _, a := range p.Areas {
			ap := fmt.Sprintf("%s, indsats %q", pp, a.Initiative)
			k, err := ix.initiative(a.Initiative)
			if err != nil {
				c.addf("%s: %v", pp, err)
				continue
			}
			if areas[k] {
				c.addf("%s findes to gange", ap)
			}
			areas[k] = true
			for _, it := range a.Items {
				c.item(ap, it, k, ix, items)
			}
		}
	}
}

// item checks one annual plan item; items holds the codes seen so far in the plan.
func (c *checker) item(place string, it AnnualPlanItem, area initKey, ix strategyIndex, items map[string]bool) {
	ip := fmt.Sprintf("%s, handleplan %q", place, it.ActionPlan)
	owner, ok := ix.plans[it.ActionPlan]
	switch {
	case !ok:
		c.addf("%s findes ikke i strategien", ip)
	case owner != area:
		c.addf("%s hører til indsats %s, ikke til denne indsats", ip, owner)
	}
	if items[it.ActionPlan] {
		c.addf("%s står to gange i indsatsplanen", ip)
	}
	if it.SameAs != "" {
		if !items[it.SameAs] {
			c.addf("%s: same_as %q skal være en handleplan, der står tidligere i indsatsplanen", ip, it.SameAs)
		}
		if it.Implementation != "" || it.IsNew || it.OL || it.OLNote != "" {
			c.addf("%s: med same_as deles teksten med %q; implementation, is_new, ol og ol_note skal være tomme",
				ip, it.SameAs)
		}
	}
	items[it.ActionPlan] = true
	if !(it.Phase == "" && it.SameAs != "") && !oneOf(it.Phase, domain.PhaseActive, domain.PhasePreparatory) {
		c.addf("%s: phase %q skal være aktiv eller forberedende", ip, it.Phase)
	}
	if it.OLNote != "" && !it.OL {
		c.addf("%s: ol_note kræver ol: true", ip)
	}
}

// policies checks the policies, their objectives and goals, and the tracks the goals name.
func (c *checker) policies(d Document) {
	titles := map[string]bool{}
	for i, p := range d.Policies {
		place := fmt.Sprintf("politik %q", short(p.Title))
		c.text(fmt.Sprintf("politik nr. %d", i+1), "title", p.Title, 300)
		if titles[p.Title] {
			c.addf("%s findes to gange", place)
		}
		titles[p.Title] = true
		if !oneOf(p.Kind, domain.PolicyPolitik, domain.PolicyStrategiplan) {
			c.addf("%s: kind %q skal være politik eller strategiplan", place, p.Kind)
		}
		si, err := d.strategyFor(p.Strategy)
		if err != nil {
			c.addf("%s: %v", place, err)
		}
		var ix strategyIndex
		strategy := ""
		if si >= 0 {
			ix, strategy = indexStrategy(d.Strategies[si]), d.Strategies[si].Title
		}
		numbers := map[int]bool{}
		for _, o := range p.Objectives {
			op := fmt.Sprintf("%s, målsætning %d", place, o.Number)
			if o.Number <= 0 {
				c.addf("%s: nummeret skal være større end 0", op)
			}
			if numbers[o.Number] {
				c.addf("%s findes to gange", op)
			}
			numbers[o.Number] = true
			c.text(op, "title", o.Title, 500)
			for _, g := range o.Goals {
				c.text(op+", et mål", "title", g.Title, 1000)
				for _, t := range g.Tracks {
					switch {
					case si < 0 && err == nil:
						c.addf("%s: mål %q nævner spor %d, men dokumentet har ingen strategi", op, short(g.Title), t)
					case si >= 0 && !ix.tracks[t]:
						c.addf("%s: mål %q nævner spor %d, som ikke findes i strategien %q", op, short(g.Title), t, strategy)
					}
				}
			}
		}
	}
}

// agreements checks the agreements: kinds, periods, units, parents and initiatives.
func (c *checker) agreements(d Document, units map[string]bool) {
	titles := map[string]bool{}
	for i, a := range d.Agreements {
		place := fmt.Sprintf("aftale %q", short(a.Title))
		c.text(fmt.Sprintf("aftale nr. %d", i+1), "title", a.Title, 300)
		if titles[a.Title] {
			c.addf("%s findes to gange", place)
		}
		if !oneOf(a.Kind, domain.AgreementOverordnet, domain.AgreementOmraade) {
			c.addf("%s: kind %q skal være overordnet eller omraade", place, a.Kind)
		}
		if a.Parent != "" && !titles[a.Parent] {
			c.addf("%s: parent %q skal være en aftale, der står tidligere i dokumentet", place, a.Parent)
		}
		titles[a.Title] = true
		if !units[a.UpperUnit] {
			c.addf("%s: upper_unit %q findes ikke blandt enhederne", place, a.UpperUnit)
		}
		if !units[a.LowerUnit] {
			c.addf("%s: lower_unit %q findes ikke blandt enhederne", place, a.LowerUnit)
		}
		if a.UpperUnit == a.LowerUnit {
			c.addf("%s: upper_unit og lower_unit er den samme enhed", place)
		}
		c.period(place, a.PeriodStart, a.PeriodEnd)
		si, err := d.strategyFor(a.Strategy)
		if err != nil {
			c.addf("%s: %v", place, err)
			continue
		}
		if si < 0 {
			if len(a.Initiatives) > 0 {
				c.addf("%s nævner indsatser, men dokumentet har ingen strategi", place)
			}
			continue
		}
		ix := indexStrategy(d.Strategies[si])
		seen := map[initKey]bool{}
		for _, ref := range a.Initiatives {
			k, err := ix.initiative(ref)
			if err != nil {
				c.addf("%s: %v", place, err)
				continue
			}
			if seen[k] {
				c.addf("%s nævner indsats %s to gange", place, k)
			}
			seen[k] = true
		}
	}
}
