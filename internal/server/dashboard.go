package server

import (
	"net/http"
	"net/url"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The follow-up views: the samlet skema (GET /org/{org}/oversigt) and the list of every item
// (GET /org/{org}/indsatser), with their exports (exports.go). Each reads the same data with
// a fixed number of queries, whatever the organisation's size: the session, the
// organisation, one batch for the scope (strategies, tracks, units: 3 statements) and one for
// the items (initiatives and action plans; the skema adds goals and recent activity).

// activityLimit is how many status updates and comments the skema shows.
const activityLimit = 20

// followUp is what a follow-up view shows, read and checked.
type followUp struct {
	org    domain.Organisation
	filter pages.Filter // with the unusable values dropped (and the skema's strategy chosen)
	form   pages.FilterForm
	scope  store.FollowUpScope
	tree   unitTree
	data   store.FollowUpData
	items  []pages.Item // of the chosen strategy (every strategy when none), in chain order
}

// loadFollowUp reads the organisation of the URL (403 if the signed-in person may not read
// it) and then, through loadFollowUpOf, the filter of the query and the items.
func (s *Server) loadFollowUp(r *http.Request, skema bool) (followUp, error) {
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return followUp{}, err
	}
	return s.loadFollowUpOf(r, org, skema)
}

// loadFollowUpOf reads the filter of the query and the items of org. skema chooses one
// strategy and reads the goals and the recent activity too.
func (s *Server) loadFollowUpOf(r *http.Request, org domain.Organisation, skema bool) (followUp, error) {
	ctx := r.Context()
	fu := followUp{org: org}
	f, notices := parseFilter(r.URL.Query())
	var err error
	if fu.scope, err = s.store.FollowUpScope(ctx, org.ID); err != nil {
		return fu, err
	}
	fu.tree = newUnitTree(fu.scope.Units)
	notices = append(notices, resolveFilter(&f, fu.scope, fu.tree, currentUser(r).UnitID, skema)...)
	fu.filter = f
	action := c.ItemListURL(org.Slug)
	limit := 0
	if skema {
		action, limit = c.DashboardURL(org.Slug), activityLimit
	}
	fu.form = filterForm(org, action, f, notices, fu.scope, fu.tree, !skema)
	if skema && f.StrategyID == 0 {
		return fu, nil // the organisation has no strategy
	}
	if fu.data, err = s.store.FollowUpItems(ctx, org.ID, f.StrategyID, limit); err != nil {
		return fu, err
	}
	fu.items = followUpItems(org, fu.scope, fu.data, s.today())
	return fu, nil
}

// exportURL is the view's address with ext (".xlsx", ".csv") and the same filter.
func exportURL(base templ.SafeURL, ext string, f pages.Filter) templ.SafeURL {
	u := string(base) + ext
	if q := f.Query().Encode(); q != "" {
		u += "?" + q
	}
	return templ.SafeURL(u)
}

// dashboard is the samlet skema of one strategy. Building it is the costliest thing Sporbar
// does (a large organisation's skema is a thousand items), and it is read far more often than
// the organisation's data changes; so its body is kept rendered (s.skemas) under the
// organisation's data version, the day and what else it depends on (skemaKey). While it is
// current a request reads only the session and the organisation.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	key, keep := skemaKey(org.ID, currentUser(r).UnitID, r.URL.Query())
	day := s.today()
	body, ok := "", false
	if keep {
		body, ok = s.skemas.get(org.ID, key, org.DataVersion, day)
	}
	if !ok {
		if body, err = s.renderSkema(r, org); err != nil {
			return err
		}
		if keep {
			s.skemas.put(org.ID, key, org.DataVersion, day, body)
		}
	}
	p := s.orgPage(r, org, "opfoelgning", "Samlet skema", c.Crumb{Label: "Samlet skema"})
	return s.render(w, r, http.StatusOK, pages.Dashboard(p, templ.Raw(body)))
}

// skemaKey names a skema body: the organisation, the signed-in person's unit (which picks the
// strategy shown when the query names none) and the filter parsed from q, written the one way
// pages.Filter.Query writes it. Parameters that are no filter play no part, and a filter value
// is at most maxResponsibleFilter characters, so a key stays small whatever the address
// holds. keep is false when a value could not be used: the body then carries a notice that
// quotes it, and is built for this request only.
func skemaKey(orgID int64, unitID *int64, q url.Values) (key string, keep bool) {
	f, notices := parseFilter(q)
	unit := "-"
	if unitID != nil {
		unit = itoa64(*unitID)
	}
	return itoa64(orgID) + "|" + unit + "|" + f.Query().Encode(), len(notices) == 0
}

// renderSkema builds and renders the skema's body for org.
func (s *Server) renderSkema(r *http.Request, org domain.Organisation) (string, error) {
	fu, err := s.loadFollowUpOf(r, org, true)
	if err != nil {
		return "", err
	}
	v := s.dashboardView(fu)
	if v.Strategy != nil { // each item and goal with its indicators' state (indicators.go): one query
		if err := s.attachIndicators(r, &v); err != nil {
			return "", err
		}
	}
	return renderString(r.Context(), pages.DashboardBody(v))
}

// itemList is the filtered list of every initiative and action plan.
func (s *Server) itemList(w http.ResponseWriter, r *http.Request) error {
	fu, err := s.loadFollowUp(r, false)
	if err != nil {
		return err
	}
	p := s.orgPage(r, fu.org, "opfoelgning", "Alle indsatser", c.Crumb{Label: "Alle indsatser"})
	return s.render(w, r, http.StatusOK, pages.ItemList(p, itemListView(fu)))
}

// itemListView is the list of the items that pass the filter.
func itemListView(fu followUp) pages.ItemListView {
	base := c.ItemListURL(fu.org.Slug)
	v := pages.ItemListView{Org: fu.org, Form: fu.form, XLSX: exportURL(base, ".xlsx", fu.filter), CSV: exportURL(base, ".csv", fu.filter)}
	for _, it := range fu.items {
		if matches(fu.filter, it, fu.tree) {
			v.Items = append(v.Items, it)
		}
	}
	return v
}

// dashboardView builds the skema, its summaries and its roll-up from fu.
func (s *Server) dashboardView(fu followUp) pages.DashboardView {
	base := c.DashboardURL(fu.org.Slug)
	f := fu.filter
	v := pages.DashboardView{Org: fu.org, Form: fu.form, StaleAfterDays: s.cfg.StaleAfterDays, Activity: fu.data.Activity,
		XLSX: exportURL(base, ".xlsx", f), CSV: exportURL(base, ".csv", f)}
	i := strategyIndex(fu.scope.Strategies, f.StrategyID)
	if i < 0 {
		return v
	}
	st := fu.scope.Strategies[i]
	v.Strategy = &st
	var tracks []domain.Track
	for _, t := range fu.scope.Tracks {
		if t.StrategyID == st.ID {
			tracks = append(tracks, t)
		}
	}
	cols, column := columns(st, fu.scope.Units, fu.tree, fu.items)
	rolled := rollUp(fu.items, tracks, fu.data.GoalTracks, column) // and each item's Rolled
	v.Columns = visibleColumns(cols, f, fu.tree)
	v.Tracks = matrixTracks(fu, tracks, v.Columns, column, rolled)
	for ci := range v.Columns {
		for _, tr := range v.Tracks {
			for _, row := range tr.Rows {
				v.Columns[ci].Count += len(row.Cells[ci])
			}
		}
	}
	summarise(&v, fu, tracks, column, rolled, s.today())
	return v
}

// matrixTracks are the rows of the skema: for each track the filter lets through, its general
// initiatives with, in each column, their local initiatives that pass the filter. Under a
// phase, health or responsible filter a general initiative shows only when it or one of
// its local initiatives passes.
func matrixTracks(fu followUp, tracks []domain.Track, cols []pages.MatrixColumn, column func(pages.Item) int64,
	rolled map[string]domain.Rolled) []pages.MatrixTrack {
	f := fu.filter
	locals := map[int64][]pages.Item{}
	for _, it := range fu.items {
		if it.Kind == domain.InitiativeLocal && matches(f, it, fu.tree) {
			locals[it.ParentID] = append(locals[it.ParentID], it)
		}
	}
	var out []pages.MatrixTrack
	for _, t := range tracks {
		if f.TrackID != 0 && t.ID != f.TrackID {
			continue
		}
		mt := pages.MatrixTrack{ID: t.ID, Label: trackLabel(fu.org, t.Number, t.Title), Rolled: rolled["tr:"+itoa64(t.ID)]}
		for _, g := range fu.items {
			if g.Kind != domain.InitiativeGeneral || g.TrackID != t.ID {
				continue
			}
			row := pages.MatrixRow{General: g, Cells: make([][]pages.Item, len(cols))}
			shown := !f.NarrowsItems() || matchesOwn(f, g)
			for _, it := range locals[g.ID] {
				for ci, col := range cols {
					if column(it) == col.UnitID {
						row.Cells[ci] = append(row.Cells[ci], it)
						shown = true
					}
				}
			}
			if shown {
				mt.Rows = append(mt.Rows, row)
			}
		}
		if len(mt.Rows) > 0 {
			out = append(out, mt)
		}
	}
	return out
}
