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

// Load writes doc into the database in one transaction: the organisation, its hierarchy through
// Apply (the same writer as the spreadsheet import), then its yearly plans and agreements. If an
// organisation with doc's slug already exists (archived or not) it writes nothing and reports
// created=false, so loading the same document twice creates nothing the second time; Update
// changes an existing organisation.
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

// load creates the organisation, then its hierarchy through Apply (the importer's one writer,
// which creates everything in an empty organisation), then the yearly plans and agreements.
func (l *loader) load(ctx context.Context) error {
	if err := l.organisation(ctx); err != nil {
		return err
	}
	a, err := apply(ctx, l.tx, l.orgID, nil, l.doc)
	if err != nil {
		return err
	}
	l.units, l.strategies = a.units, a.strategies
	for i, s := range l.doc.Strategies {
		for _, p := range s.AnnualPlans {
			if err := l.annualPlan(ctx, l.strategies[i], p); err != nil {
				return fmt.Errorf("strategy %q, annual plan %d: %w", s.Title, p.Year, err)
			}
		}
	}
	return l.agreements(ctx)
}

func (l *loader) organisation(ctx context.Context) error {
	o := l.doc.Organisation
	id, err := l.tx.CreateOrganisation(ctx, domain.Organisation{Slug: o.Slug, Name: o.Name, Kind: o.Kind,
		Vision: o.Vision, VisionDescription: o.VisionDescription, Labels: o.Labels.withDefaults()})
	if errors.Is(err, store.ErrConflict) {
		return errExists // created by someone else since we looked
	}
	if err != nil {
		return err
	}
	l.orgID = id
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

// errDryRun rolls back the transaction of a preview.
var errDryRun = errors.New("dry run")

// Update brings the existing organisation's hierarchy in line with doc (see Apply: create,
// change, archive) in one transaction, with actorID in the history, and returns what it did.
// With dryRun it rolls the transaction back: the changes are a preview of what an Update would
// do, computed by the very same writes. doc's slug is ignored: the organisation is orgID.
func Update(ctx context.Context, st *store.Store, orgID, actorID int64, doc Document, dryRun bool) ([]Change, error) {
	var changes []Change
	err := st.InTx(ctx, func(tx *store.Store) error {
		var err error
		if changes, err = Apply(ctx, tx, orgID, &actorID, doc); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return changes, nil
	}
	if err != nil {
		return nil, fmt.Errorf("update organisation %d: %w", orgID, err)
	}
	return changes, nil
}
