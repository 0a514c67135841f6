// Package demo gives the seeded organisations a plausible year of use (`sporbar seed
// --demo-activity`, and `make run`): local initiatives in every område, handleplaner, a status
// history with comments over four quarters, indicators with measurements, approved
// agreements (one changed since) and the region's indsatsplaner. Everything is written through
// the store's own writers, so history rows and data versions are as if people had done it.
// Every text it writes says "(demodata)"; the documents' own texts are left alone.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// Mark ends every text the demo activity writes, so nobody takes it for real.
const Mark = "(demodata)"

// Org names an organisation to fill and the demo users who act in it (internal/app/demo.go).
type Org struct {
	Slug    string
	Fagchef string // e-mail of the fagchef, who writes where no områdeleder is
	Leader  string // e-mail of an områdeleder ("" if none), who writes in their own område
}

// Activity gives org a year of use ending today, unless it has had it already; it reports
// whether it wrote anything. The same org and today always give the same data (a fixed
// random seed); all of it is written in one transaction.
func Activity(ctx context.Context, st *store.Store, org Org, today time.Time) (bool, error) {
	o, err := st.GetOrganisationBySlug(ctx, org.Slug)
	if err != nil {
		return false, fmt.Errorf("demo activity %s: %w", org.Slug, err)
	}
	done, err := st.HasCommentEnding(ctx, o.ID, Mark)
	if err != nil || done {
		return false, err
	}
	err = st.InTx(ctx, func(tx *store.Store) error {
		w, err := newWriter(ctx, tx, o, org, today)
		if err != nil {
			return err
		}
		return w.run(ctx)
	})
	if err != nil {
		return false, fmt.Errorf("demo activity %s: %w", org.Slug, err)
	}
	return true, nil
}

// writer holds what one organisation's demo activity needs while it writes.
type writer struct {
	st       *store.Store
	org      domain.Organisation
	rng      *rand.Rand
	today    time.Time
	quarters []time.Time // the dates the status history speaks for, oldest first; the last is in the current quarter
	fagchef  domain.User
	leader   *domain.User
	strategy int64 // the strategy whose general initiatives the områder work on
}

func newWriter(ctx context.Context, st *store.Store, o domain.Organisation, org Org, today time.Time) (*writer, error) {
	w := &writer{st: st, org: o, today: today, rng: rand.New(rand.NewPCG(2026, uint64(len(org.Slug))))}
	var err error
	if w.fagchef, err = st.GetUserByEmail(ctx, org.Fagchef); err != nil {
		return nil, fmt.Errorf("fagchef %s: %w", org.Fagchef, err)
	}
	if org.Leader != "" {
		u, err := st.GetUserByEmail(ctx, org.Leader)
		if err != nil {
			return nil, fmt.Errorf("områdeleder %s: %w", org.Leader, err)
		}
		w.leader = &u
	}
	strategies, err := st.ListStrategiesByOrganisation(ctx, o.ID)
	if err != nil || len(strategies) == 0 {
		return nil, fmt.Errorf("strategy: %w (%d found)", err, len(strategies))
	}
	w.strategy = strategies[0].ID
	w.quarters = quarterDates(today)
	return w, nil
}

// quarterDates are the last days of the three quarters before today's, and a day of the
// current quarter a few days before today (or its first day).
func quarterDates(today time.Time) []time.Time {
	start := domain.FollowUpPeriodStart(today, 3)
	out := make([]time.Time, 0, 4)
	for q := 3; q >= 1; q-- {
		out = append(out, start.AddDate(0, -3*(q-1), -1))
	}
	current := today.AddDate(0, 0, -3)
	if current.Before(start) {
		current = start
	}
	return append(out, current)
}

// run writes the organisation's year: per område its local initiatives and handleplaner with
// their history, then the approvals, indicators and (in a region) the indsatsplaner.
func (w *writer) run(ctx context.Context) error {
	areas, err := w.areas(ctx)
	if err != nil {
		return err
	}
	var lastPlan int64
	for i, a := range areas {
		plans, err := w.area(ctx, i, a)
		if err != nil {
			return fmt.Errorf("%s: %w", a.unit.Name, err)
		}
		if len(plans) > 0 {
			lastPlan = plans[0]
		}
	}
	if err := w.approvals(ctx, areas); err != nil {
		return err
	}
	if err := w.indicator(ctx, lastPlan); err != nil {
		return err
	}
	return w.annualPlans(ctx)
}

// Today is now's date in Denmark (UTC where the time zone database is missing), as the
// server's pages count days (server.today).
func Today(now time.Time) time.Time {
	if loc, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		now = now.In(loc)
	}
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}
