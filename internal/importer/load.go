package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// errExists stops the transaction when the organisation is already in the database.
var errExists = errors.New("organisation exists")

// Load writes doc into the database in one transaction. If an organisation with doc's slug
// already exists (archived or not) it writes nothing and reports created=false, so loading the
// same document twice creates nothing the second time.
func Load(ctx context.Context, st *store.Store, doc Document) (created bool, err error) {
	op := fmt.Sprintf("load %s", doc.Organisation.Slug)
	if err := doc.Validate(); err != nil {
		return false, fmt.Errorf("%s: %w", op, err)
	}
	err = st.InTx(ctx, func(tx *store.Store) error {
		_, err := tx.GetOrganisationBySlug(ctx, doc.Organisation.Slug)
		switch {
		case err == nil:
			return errExists
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		l := &loader{tx: tx, doc: doc, units: map[string]int64{}}
		return l.load(ctx)
	})
	if errors.Is(err, errExists) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("%s: %w", op, err)
	}
	return true, nil
}

// loader holds the ids created so far, by the names the document uses for them.
type loader struct {
	tx         *store.Store
	doc        Document
	orgID      int64
	units      map[string]int64
	strategies []loadedStrategy // parallel to doc.Strategies
}

// loadedStrategy holds a created strategy's ids by the document's references.
type loadedStrategy struct {
	id          int64
	index       strategyIndex
	tracks      map[int]int64
	initiatives map[initKey]int64
	plans       map[string]int64 // action plan code → id
}

func (l *loader) load(ctx context.Context) error {
	if err := l.organisation(ctx); err != nil {
		return err
	}
	if err := l.createUnits(ctx, l.doc.Units, nil); err != nil {
		return err
	}
	for _, s := range l.doc.Ladder {
		if _, err := l.tx.CreateLadderStep(ctx, domain.LadderStep{OrganisationID: l.orgID,
			Position: int32(s.Position), Name: s.Name, Colour: s.Colour, Description: s.Description}); err != nil {
			return fmt.Errorf("ladder step %d: %w", s.Position, err)
		}
	}
	for i, t := range l.doc.Terms {
		term := domain.Term{OrganisationID: l.orgID, Name: t.Name, Description: t.Description,
			MoreInfo: t.MoreInfo, Position: int32(i)}
		for _, k := range t.Links {
			term.Links = append(term.Links, domain.TermLink{URL: k.URL, Label: k.Label})
		}
		if _, err := l.tx.CreateTerm(ctx, term); err != nil {
			return fmt.Errorf("term %q: %w", t.Name, err)
		}
	}
	for i, s := range l.doc.Strategies {
		if err := l.strategy(ctx, i, s); err != nil {
			return fmt.Errorf("strategy %q: %w", s.Title, err)
		}
	}
	if err := l.policies(ctx); err != nil {
		return err
	}
	return l.agreements(ctx)
}

func (l *loader) organisation(ctx context.Context) error {
	o := l.doc.Organisation
	labels := domain.DefaultLabels()
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&labels.LabelTrack, o.Labels.Track)
	set(&labels.LabelTracks, o.Labels.Tracks)
	set(&labels.LabelGeneral, o.Labels.General)
	set(&labels.LabelGenerals, o.Labels.Generals)
	set(&labels.LabelLocal, o.Labels.Local)
	set(&labels.LabelLocals, o.Labels.Locals)
	set(&labels.LabelActionPlan, o.Labels.ActionPlan)
	set(&labels.LabelActionPlans, o.Labels.ActionPlans)
	id, err := l.tx.CreateOrganisation(ctx, domain.Organisation{Slug: o.Slug, Name: o.Name, Kind: o.Kind,
		Vision: o.Vision, VisionDescription: o.VisionDescription, Labels: labels})
	if errors.Is(err, store.ErrConflict) {
		return errExists // created by someone else since we looked
	}
	if err != nil {
		return err
	}
	l.orgID = id
	return nil
}

func (l *loader) createUnits(ctx context.Context, us []Unit, parent *int64) error {
	for i, u := range us {
		id, err := l.tx.CreateUnit(ctx, domain.Unit{OrganisationID: l.orgID, ParentID: parent, Name: u.Name,
			Kind: u.Kind, LeaderTitle: u.LeaderTitle, Description: u.Description, Position: int32(i)})
		if err != nil {
			return fmt.Errorf("unit %q: %w", u.Name, err)
		}
		l.units[u.Name] = id
		if err := l.createUnits(ctx, u.Units, &id); err != nil {
			return err
		}
	}
	return nil
}

// unitID returns the id of the unit named name, or nil for an empty name.
func (l *loader) unitID(name string) *int64 {
	if name == "" {
		return nil
	}
	id := l.units[name]
	return &id
}

func (l *loader) strategy(ctx context.Context, pos int, s Strategy) error {
	id, err := l.tx.CreateStrategy(ctx, domain.Strategy{OrganisationID: l.orgID, UnitID: l.unitID(s.Unit),
		Title: s.Title, PeriodStart: int32(s.PeriodStart), PeriodEnd: int32(s.PeriodEnd), Vision: s.Vision,
		Description: s.Description, Position: int32(pos)})
	if err != nil {
		return err
	}
	ls := loadedStrategy{id: id, index: indexStrategy(s), tracks: map[int]int64{},
		initiatives: map[initKey]int64{}, plans: map[string]int64{}}
	for _, t := range s.Tracks {
		tid, err := l.tx.CreateTrack(ctx, domain.Track{StrategyID: id, Number: int32(t.Number),
			Title: t.Title, Description: t.Description})
		if err != nil {
			return fmt.Errorf("track %d: %w", t.Number, err)
		}
		ls.tracks[t.Number] = tid
		for _, in := range t.Initiatives {
			iid, err := l.tx.CreateInitiative(ctx, domain.Initiative{TrackID: tid, Kind: domain.InitiativeGeneral,
				Number: int32(in.Number), Title: in.Title, Description: in.Description})
			if err != nil {
				return fmt.Errorf("initiative %d.%d: %w", t.Number, in.Number, err)
			}
			ls.initiatives[initKey{t.Number, in.Number}] = iid
			for j, ap := range in.ActionPlans {
				aid, err := l.tx.CreateActionPlan(ctx, domain.ActionPlan{InitiativeID: iid, Code: ap.Code,
					Title: ap.Title, Description: ap.Description, Responsible: ap.Responsible, Position: int32(j)})
				if err != nil {
					return fmt.Errorf("action plan %q: %w", ap.Code, err)
				}
				ls.plans[ap.Code] = aid
			}
		}
	}
	l.strategies = append(l.strategies, ls)
	for _, p := range s.AnnualPlans {
		if err := l.annualPlan(ctx, ls, p); err != nil {
			return fmt.Errorf("annual plan %d: %w", p.Year, err)
		}
	}
	return nil
}

func (l *loader) annualPlan(ctx context.Context, ls loadedStrategy, p AnnualPlan) error {
	pid, err := l.tx.CreateAnnualPlan(ctx, domain.AnnualPlan{StrategyID: ls.id, Year: int32(p.Year),
		Title: p.Title, MainTheme: p.MainTheme, Introduction: p.Introduction})
	if err != nil {
		return err
	}
	phases := map[string]string{} // action plan code → phase, for same_as
	items := map[string]int64{}   // action plan code → item id, for same_as
	pos := 0
	for _, a := range p.Areas {
		k, err := ls.index.initiative(a.Initiative)
		if err != nil {
			return fmt.Errorf("area %q: %w", a.Initiative, err)
		}
		if err := l.tx.CreateAnnualPlanArea(ctx, domain.AnnualPlanArea{AnnualPlanID: pid,
			InitiativeID: ls.initiatives[k], Narrative: a.Narrative, Assessment: a.Assessment}); err != nil {
			return fmt.Errorf("area %q: %w", a.Initiative, err)
		}
		for _, it := range a.Items {
			phase := it.Phase
			if phase == "" {
				phase = phases[it.SameAs]
			}
			phases[it.ActionPlan] = phase
			// An item with same_as is stored with an empty text and no markers of its own,
			// pointing at the item whose text covers it.
			item := domain.AnnualPlanItem{AnnualPlanID: pid,
				ActionPlanID: ls.plans[it.ActionPlan], Phase: phase, Implementation: it.Implementation,
				IsNew: it.IsNew, OL: it.OL, OLNote: it.OLNote, Position: int32(pos)}
			if id, ok := items[it.SameAs]; ok {
				item.SameAsID = &id
			}
			id, err := l.tx.CreateAnnualPlanItem(ctx, item)
			if err != nil {
				return fmt.Errorf("item %q: %w", it.ActionPlan, err)
			}
			items[it.ActionPlan] = id
			pos++
		}
	}
	return nil
}

func (l *loader) policies(ctx context.Context) error {
	for i, p := range l.doc.Policies {
		pid, err := l.tx.CreatePolicy(ctx, domain.Policy{OrganisationID: l.orgID, Kind: p.Kind, Title: p.Title,
			Description: p.Description, Numbered: p.numbered(), Position: int32(i)})
		if err != nil {
			return fmt.Errorf("policy %q: %w", p.Title, err)
		}
		si, _ := l.doc.strategyFor(p.Strategy) // checked by Validate
		for _, o := range p.Objectives {
			oid, err := l.tx.CreateObjective(ctx, domain.Objective{PolicyID: pid, Number: int32(o.Number),
				Title: o.Title, Description: o.Description})
			if err != nil {
				return fmt.Errorf("policy %q, objective %d: %w", p.Title, o.Number, err)
			}
			for j, g := range o.Goals {
				gid, err := l.tx.CreateGoal(ctx, domain.Goal{ObjectiveID: oid, Position: int32(j),
					Title: g.Title, Description: g.Description})
				if err != nil {
					return fmt.Errorf("policy %q, objective %d, goal %d: %w", p.Title, o.Number, j+1, err)
				}
				for _, t := range g.Tracks {
					if err := l.tx.LinkGoalTrack(ctx, gid, l.strategies[si].tracks[t]); err != nil {
						return fmt.Errorf("policy %q, objective %d, goal %d: %w", p.Title, o.Number, j+1, err)
					}
				}
			}
		}
	}
	return nil
}

func (l *loader) agreements(ctx context.Context) error {
	ids := map[string]int64{}
	for _, a := range l.doc.Agreements {
		g := domain.Agreement{OrganisationID: l.orgID, Kind: a.Kind, Title: a.Title,
			UpperUnitID: l.units[a.UpperUnit], UpperTitle: a.UpperTitle,
			LowerUnitID: l.units[a.LowerUnit], LowerTitle: a.LowerTitle,
			PeriodStart: int32(a.PeriodStart), PeriodEnd: int32(a.PeriodEnd),
			DocumentRef: a.DocumentRef, Framework: a.Framework}
		if a.Parent != "" {
			parent := ids[a.Parent]
			g.ParentID = &parent
		}
		si, _ := l.doc.strategyFor(a.Strategy) // checked by Validate
		if si >= 0 {
			g.StrategyID = &l.strategies[si].id
		}
		id, err := l.tx.CreateAgreement(ctx, g)
		if err != nil {
			return fmt.Errorf("agreement %q: %w", a.Title, err)
		}
		ids[a.Title] = id
		for _, ref := range a.Initiatives {
			k, err := l.strategies[si].index.initiative(ref)
			if err != nil {
				return fmt.Errorf("agreement %q: %w", a.Title, err)
			}
			if err := l.tx.AddAgreementInitiative(ctx, id, l.strategies[si].initiatives[k]); err != nil {
				return fmt.Errorf("agreement %q: %w", a.Title, err)
			}
		}
	}
	return nil
}
