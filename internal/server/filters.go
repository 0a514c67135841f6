package server

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The filters of the follow-up views, read from the URL query so that a filtered view can be
// bookmarked and shared: strategi, spor, omraade (ids), fase, helbred, ansvarlig (text).
// A value that cannot be used is ignored with a Danish notice on the page; it is never an error.

// maxResponsibleFilter is the longest responsible text a filter keeps (in characters).
const maxResponsibleFilter = 100

// parseFilter reads the filter from q. Ids must be positive integers, fase one of the phases,
// helbred one of the healths or pages.HealthNone; anything else is dropped with a notice.
func parseFilter(q url.Values) (pages.Filter, []string) {
	var f pages.Filter
	var notices []string
	id := func(key, what string) int64 {
		v := strings.TrimSpace(q.Get(key))
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			notices = append(notices, ignored(what, v))
			return 0
		}
		return n
	}
	f.StrategyID = id("strategi", "en strategi")
	f.TrackID = id("spor", "et spor")
	f.UnitID = id("omraade", "et område")
	if v := q.Get("fase"); v != "" && !domain.ValidPhase(v) {
		notices = append(notices, ignored("en fase", v))
	} else {
		f.Phase = v
	}
	if v := q.Get("helbred"); v != "" && v != pages.HealthNone && !domain.ValidHealth(v) {
		notices = append(notices, ignored("et helbred", v))
	} else {
		f.Health = v
	}
	f.Responsible = strings.Join(strings.Fields(q.Get("ansvarlig")), " ")
	if badText(f.Responsible) {
		notices = append(notices, ignored("en tekst, der kan søges på", f.Responsible))
		f.Responsible = ""
	}
	if utf8.RuneCountInString(f.Responsible) > maxResponsibleFilter {
		f.Responsible = string([]rune(f.Responsible)[:maxResponsibleFilter])
		notices = append(notices, "Teksten i feltet Ansvarlig er forkortet til "+strconv.Itoa(maxResponsibleFilter)+" tegn.")
	}
	return f, notices
}

// ignored is the notice for a filter value that does not name what it should.
func ignored(what, value string) string {
	value = markBadChars(value, false)
	if r := []rune(value); len(r) > 40 {
		value = string(r[:40]) + "…"
	}
	return "»" + value + "« er ikke " + what + ", så det filter er ikke brugt."
}

// resolveFilter checks f's ids against the organisation and drops those that are not its
// own, with notices. A track of another strategy than the one chosen is dropped; a track
// alone chooses its strategy. When oneStrategy is set (the skema), a missing strategy becomes
// the default: that of the signed-in person's unit or a unit above it, else the first.
func resolveFilter(f *pages.Filter, sc store.FollowUpScope, tree unitTree, userUnit *int64, oneStrategy bool) []string {
	var notices []string
	if f.StrategyID != 0 && strategyIndex(sc.Strategies, f.StrategyID) < 0 {
		notices = append(notices, ignored("en strategi i organisationen", itoa64(f.StrategyID)))
		f.StrategyID = 0
	}
	if f.TrackID != 0 {
		t := trackIndex(sc.Tracks, f.TrackID)
		switch {
		case t < 0 || (f.StrategyID != 0 && sc.Tracks[t].StrategyID != f.StrategyID):
			notices = append(notices, ignored("et spor i strategien", itoa64(f.TrackID)))
			f.TrackID = 0
		case f.StrategyID == 0 && oneStrategy:
			f.StrategyID = sc.Tracks[t].StrategyID
		}
	}
	if f.UnitID != 0 {
		if _, ok := tree[f.UnitID]; !ok {
			notices = append(notices, ignored("et område i organisationen", itoa64(f.UnitID)))
			f.UnitID = 0
		}
	}
	if f.StrategyID == 0 && oneStrategy && len(sc.Strategies) > 0 {
		f.StrategyID = defaultStrategy(sc.Strategies, tree, userUnit)
	}
	return notices
}

// defaultStrategy is the strategy of unit or the nearest unit above it, else the first.
func defaultStrategy(strategies []domain.Strategy, tree unitTree, unit *int64) int64 {
	for u, steps := unit, 0; u != nil && steps <= len(tree); u, steps = tree[*u].ParentID, steps+1 {
		for _, st := range strategies {
			if st.UnitID != nil && *st.UnitID == *u {
				return st.ID
			}
		}
	}
	return strategies[0].ID
}

func strategyIndex(sts []domain.Strategy, id int64) int {
	for i, st := range sts {
		if st.ID == id {
			return i
		}
	}
	return -1
}

func trackIndex(ts []domain.Track, id int64) int {
	for i, t := range ts {
		if t.ID == id {
			return i
		}
	}
	return -1
}

// unitTree is the organisation's current units by id.
type unitTree map[int64]domain.Unit

func newUnitTree(units []domain.Unit) unitTree {
	t := make(unitTree, len(units))
	for _, u := range units {
		t[u.ID] = u
	}
	return t
}

// under reports whether unit is ancestor or lies below it.
func (t unitTree) under(unit, ancestor int64) bool {
	for seen := 0; seen <= len(t); seen++ {
		if unit == ancestor {
			return true
		}
		p := t[unit].ParentID
		if p == nil {
			return false
		}
		unit = *p
	}
	return false // a cycle
}

// below lists the units under root (every unit with a parent when root is 0) in tree order,
// each with its depth below root (1 for a child).
func (t unitTree) below(units []domain.Unit, root int64) (out []domain.Unit, depth []int) {
	var walk func(parent int64, d int)
	walk = func(parent int64, d int) {
		for _, u := range units {
			if u.ParentID != nil && *u.ParentID == parent && d < 20 {
				out, depth = append(out, u), append(depth, d)
				walk(u.ID, d+1)
			}
		}
	}
	if root != 0 {
		walk(root, 1)
		return out, depth
	}
	for _, u := range units {
		if u.ParentID == nil {
			walk(u.ID, 1)
		}
	}
	return out, depth
}

// matches reports whether it passes f's track, unit, phase, health and responsible (the
// strategy is applied by the query).
func matches(f pages.Filter, it pages.Item, tree unitTree) bool {
	switch {
	case f.TrackID != 0 && it.TrackID != f.TrackID:
		return false
	case f.UnitID != 0 && (it.UnitID == nil || !tree.under(*it.UnitID, f.UnitID)):
		return false
	}
	return matchesOwn(f, it)
}

// matchesOwn reports whether it passes f's phase, health and responsible.
func matchesOwn(f pages.Filter, it pages.Item) bool {
	h := it.Status.Health()
	if h == "" {
		h = pages.HealthNone
	}
	switch {
	case f.Phase != "" && it.Status.StatusPhase != f.Phase:
		return false
	case f.Health != "" && h != f.Health:
		return false
	case f.Responsible != "" && !strings.Contains(strings.ToLower(it.Responsible), strings.ToLower(f.Responsible)):
		return false
	}
	return true
}

// filterForm is the form for f with the organisation's choices: every strategy, the tracks
// of the chosen one (of all when none is chosen) and the units below its unit (all when none).
func filterForm(org domain.Organisation, action templ.SafeURL, f pages.Filter, notices []string, sc store.FollowUpScope,
	tree unitTree, allStrategies bool) pages.FilterForm {
	form := pages.FilterForm{Action: action, Filter: f, AllStrategies: allStrategies, TrackLabel: org.LabelTrack, Notices: notices}
	if allStrategies {
		form.Strategies = append(form.Strategies, c.Option{Value: "", Label: "Alle strategier"})
	}
	var root int64
	for _, st := range sc.Strategies {
		form.Strategies = append(form.Strategies, c.Option{Value: itoa64(st.ID), Label: st.Title})
		if st.ID == f.StrategyID && st.UnitID != nil {
			root = *st.UnitID
		}
	}
	form.Tracks = []c.Option{{Value: "", Label: "Alle " + strings.ToLower(org.LabelTracks)}}
	titles := map[int64]string{}
	for _, st := range sc.Strategies {
		titles[st.ID] = st.Title + " – "
	}
	for _, t := range sc.Tracks {
		if f.StrategyID == 0 || t.StrategyID == f.StrategyID {
			label := trackLabel(org, t.Number, t.Title)
			if f.StrategyID == 0 && len(sc.Strategies) > 1 {
				label = titles[t.StrategyID] + label // tracks of several strategies
			}
			form.Tracks = append(form.Tracks, c.Option{Value: itoa64(t.ID), Label: shorten(label, 80)})
		}
	}
	form.Units = []c.Option{{Value: "", Label: "Alle områder"}}
	units, depth := tree.below(sc.Units, root)
	for i, u := range units {
		form.Units = append(form.Units, c.Option{Value: itoa64(u.ID), Label: strings.Repeat("– ", depth[i]-1) + u.Name})
	}
	return form
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
