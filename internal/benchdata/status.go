package benchdata

import (
	"math/rand/v2"
	"time"
)

// months is how many monthly status updates every item gets (three years).
const months = 36

// statusItem is an initiative or action plan whose status history is generated.
type statusItem struct {
	org, initiative, actionPlan int64 // one of initiative and actionPlan is set
	author, unit                int64
}

// status is an item's status in one month.
type status struct {
	phase, health string
	progress      int16
}

func (g *gen) statusItem(org, initiative, actionPlan int64, owner unitInfo) statusItem {
	return statusItem{org: org, initiative: initiative, actionPlan: actionPlan, author: owner.leader, unit: owner.id}
}

// walker steps through an item's months: progress climbs from a random start by 0–6 points a
// month; the phase follows the progress; health is mostly on track. The same seed and item
// always give the same steps.
type walker struct {
	r        *rand.Rand
	progress int
}

func (it statusItem) walk(seed uint64) *walker {
	r := rand.New(rand.NewPCG(seed, uint64(it.initiative)<<32|uint64(it.actionPlan)))
	return &walker{r: r, progress: r.IntN(20)}
}

// step returns the status of the next month.
func (w *walker) step() status {
	w.progress = min(100, w.progress+w.r.IntN(7))
	var s status
	switch h := w.r.IntN(100); {
	case h < 70:
		s.health = "paa_sporet"
	case h < 92:
		s.health = "udfordret"
	default:
		s.health = "kritisk"
	}
	switch {
	case w.r.IntN(200) == 0:
		s.phase = "sat_i_bero"
	case w.progress >= 100:
		s.phase = "implementeret"
	case w.progress >= 10:
		s.phase = "under_implementering"
	default:
		s.phase = "forberedende"
	}
	s.progress = int16(w.progress)
	return s
}

// at is the item's status in month m (0 = the oldest).
func (it statusItem) at(seed uint64, m int) status {
	w := it.walk(seed)
	var s status
	for range m + 1 {
		s = w.step()
	}
	return s
}

// monthEnd is the last day of status month m (the newest, months-1, is last month).
func (g *gen) monthEnd(m int) time.Time {
	first := time.Date(g.opt.Today.Year(), g.opt.Today.Month(), 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, m-months+1, 0).AddDate(0, 0, -1)
}

// statusSource streams the status history, month by month for each item in turn.
type statusSource struct {
	g       *gen
	item, m int
	id      int64
	w       *walker
	row     []any
}

func (g *gen) statusRows() *statusSource { return &statusSource{g: g, m: -1} }

// Next moves to the next status update.
func (s *statusSource) Next() bool {
	s.m++
	if s.m == months {
		s.item, s.m = s.item+1, 0
	}
	if s.item >= len(s.g.items) {
		return false
	}
	it := s.g.items[s.item]
	if s.m == 0 {
		s.w = it.walk(s.g.opt.Seed)
	}
	st := s.w.step()
	s.id++
	comment := ""
	if st.health == "kritisk" {
		comment = "Manglende bemanding forsinker indsatsen."
	}
	asOf := s.g.monthEnd(s.m)
	var initiative, actionPlan *int64
	if it.initiative != 0 {
		initiative = &it.initiative
	} else {
		actionPlan = &it.actionPlan
	}
	s.row = []any{s.id, it.org, initiative, actionPlan, st.phase, st.health, st.progress, comment, asOf, it.author,
		asOf.Add(15 * time.Hour)}
	return true
}

// Values returns the current row.
func (s *statusSource) Values() ([]any, error) { return s.row, nil }

// Err reports no error: the rows are made in memory.
func (s *statusSource) Err() error { return nil }

// auditSource streams one history row for each item's latest status update and its creation.
type auditSource struct {
	g    *gen
	i    int
	id   int64
	row  []any
	half bool
}

func (g *gen) auditRows() *auditSource { return &auditSource{g: g} }

// Next moves to the next history row: for each item a creation, then its latest status.
func (a *auditSource) Next() bool {
	if a.i >= len(a.g.items) {
		return false
	}
	it := a.g.items[a.i]
	entity, id := "initiative", it.initiative
	if it.actionPlan != 0 {
		entity, id = "action_plan", it.actionPlan
	}
	a.id++
	if !a.half {
		at := a.g.monthEnd(0)
		a.row = []any{a.id, it.org, it.author, at, "create", entity, id, it.unit, "", map[string]any{}}
		a.half = true
		return true
	}
	st := it.at(a.g.opt.Seed, months-1)
	at := a.g.monthEnd(months - 1).Add(15 * time.Hour)
	a.row = []any{a.id, it.org, it.author, at, "status", entity, id, it.unit, "",
		map[string]any{"Fase": map[string]string{"old": "", "new": st.phase}}}
	a.half = false
	a.i++
	return true
}

// Values returns the current row.
func (a *auditSource) Values() ([]any, error) { return a.row, nil }

// Err reports no error.
func (a *auditSource) Err() error { return nil }
