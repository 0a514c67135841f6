package server

import (
	"net/http"
	"time"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Indicators: their pages, who may keep them, and the lists on their items' pages. The forms
// are in indicator_forms.go, the spreadsheets in indicator_import.go.
//
// Who may create and edit an item's indicators and enter their measurements: whoever may change
// the item itself – for an action plan or a local initiative the område's områdeleder and the
// fagchef above (auth.EditLocal), for a general initiative (and a plan directly under one) the
// fagområde's fagchef (auth.EditGeneral) – and for a goal, which is organisation-wide, the
// fagchef of a fagområde whose strategy has a track that realises the goal (auth.EditGeneral on
// those strategies' units). An admin may do it anywhere in the organisation. Everyone in the
// organisation reads them.

// indicatorAccess is what deciding on an item's indicators takes: the item's resource and the
// action that changing the item takes.
type indicatorAccess struct {
	res    auth.Resource
	action auth.Action
}

// itemAction is what changing an indicator's item takes.
func itemAction(itemKind, initiativeKind string) auth.Action {
	if itemKind == domain.ItemGoal {
		return auth.EditGeneral
	}
	return initiativeAction(initiativeKind)
}

// indicatorAccessOf is the access to the item of the indicator row r (one query).
func (s *Server) indicatorAccessOf(r *http.Request, row domain.IndicatorRow) (indicatorAccess, error) {
	a := indicatorAccess{action: itemAction(row.ItemKind, row.InitiativeKind)}
	var err error
	if row.ItemKind == domain.ItemGoal {
		a.res = auth.Resource{OrganisationID: row.OrganisationID}
		a.res.Units, err = s.store.GoalScopeUnits(r.Context(), row.ItemID)
		return a, err
	}
	a.res, err = s.itemResource(r, row.OrganisationID, row.ScopeUnitID)
	return a, err
}

// mayKeepIndicators reports whether the signed-in person may create and change the indicators
// of an item with access a (see the rule at the top of the file).
func mayKeepIndicators(r *http.Request, a indicatorAccess) bool {
	return can(r, a.action, a.res) || can(r, auth.EditHierarchy, auth.InOrganisation(a.res.OrganisationID))
}

// readableIndicator loads the indicator in the path and its organisation, if the signed-in
// person may read it.
func (s *Server) readableIndicator(r *http.Request) (domain.Organisation, domain.IndicatorRow, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.IndicatorRow{}, err
	}
	row, err := s.store.GetIndicator(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, row, err
	}
	org, err := s.readableOrg(r, row.OrganisationID)
	return org, row, err
}

// editableIndicator is readableIndicator for someone who may also change it (else 403).
func (s *Server) editableIndicator(r *http.Request) (domain.Organisation, domain.IndicatorRow, error) {
	org, row, err := s.readableIndicator(r)
	if err != nil {
		return org, row, err
	}
	a, err := s.indicatorAccessOf(r, row)
	if err != nil {
		return org, row, err
	}
	if !mayKeepIndicators(r, a) {
		return org, row, s.authorize(r, a.action, a.res) // logs the denial and returns errForbidden or errHidden
	}
	return org, row, nil
}

// indicatorPage is the layout of the indicator's page (last "") or of the page last below it.
func (s *Server) indicatorPage(r *http.Request, org domain.Organisation, row domain.IndicatorRow, last string) c.Page {
	crumbs := []c.Crumb{{Label: row.ItemTitle, Href: pages.IndicatorItemURL(row)}, {Label: row.Name}}
	title := row.Name
	if last != "" {
		crumbs[1].Href = pages.IndicatorURL(row.ID)
		crumbs = append(crumbs, c.Crumb{Label: last})
		title = last
	}
	return s.orgPage(r, org, "forside", title, crumbs...)
}

// showIndicator is an indicator's page. Queries: the session, the indicator, the organisation,
// the measurements and the corrections, and for someone who edits anything the item's units: 5–6.
func (s *Server) showIndicator(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.readableIndicator(r)
	if err != nil {
		return err
	}
	return s.renderIndicator(w, r, org, row, http.StatusOK, pages.MeasurementForm{Errors: domain.Errors{}}, nil)
}

// renderIndicator renders the indicator's page with status and the measurement form f; before
// rendering, complete (if given) may adjust the form once the measurements are known.
func (s *Server) renderIndicator(w http.ResponseWriter, r *http.Request, org domain.Organisation, row domain.IndicatorRow,
	status int, f pages.MeasurementForm, complete func(*pages.IndicatorView)) error {
	ctx := r.Context()
	v := pages.IndicatorView{Org: org, Indicator: row, Form: f}
	var err error
	if v.Measurements, err = s.store.ListMeasurements(ctx, row.ID); err != nil {
		return err
	}
	if v.Changes, err = s.store.ListMeasurementChanges(ctx, row.ID); err != nil {
		return err
	}
	if editsAnything(currentUser(r)) && row.ArchivedAt == nil {
		a, err := s.indicatorAccessOf(r, row)
		if err != nil {
			return err
		}
		if v.CanMeasure = mayKeepIndicators(r, a); v.CanMeasure {
			base := pages.IndicatorURL(row.ID)
			v.Actions = pages.IndicatorActions{Edit: base + "/rediger", Import: base + "/import", Archive: base + "/arkiver",
				Version: row.Version}
		}
	}
	if complete != nil {
		complete(&v)
	}
	return s.render(w, r, status, pages.Indicator(s.indicatorPage(r, org, row, ""), v))
}

// itemIndicators is the indicators section of an item's or an agreement's page: one query.
// newURL is where a new indicator of the item is made, offered when mayAdd (or to an admin).
func (s *Server) itemIndicators(r *http.Request, orgID int64, f store.IndicatorFilter, newURL templ.SafeURL,
	mayAdd bool) (pages.IndicatorsView, error) {
	rows, err := s.store.ListIndicators(r.Context(), f)
	v := pages.IndicatorsView{Rows: rows, ShowItem: f.AgreementID != 0}
	if newURL != "" && (mayAdd || can(r, auth.EditHierarchy, auth.InOrganisation(orgID))) {
		v.New = newURL
	}
	return v, err
}

// goalIndicators is the indicators section of a goal's page: one query, and one more (the
// goal's units) for someone who edits anything.
func (s *Server) goalIndicators(r *http.Request, g domain.GoalDetail) (pages.IndicatorsView, error) {
	mayAdd := false
	if editsAnything(currentUser(r)) && g.ArchivedAt == nil {
		units, err := s.store.GoalScopeUnits(r.Context(), g.ID)
		if err != nil {
			return pages.IndicatorsView{}, err
		}
		mayAdd = can(r, auth.EditGeneral, auth.Resource{OrganisationID: g.OrganisationID, Units: units})
	}
	return s.itemIndicators(r, g.OrganisationID, store.IndicatorFilter{GoalID: g.ID}, newIndicatorURL(c.GoalURL(g.ID), g.ArchivedAt), mayAdd)
}

// indicatorHistory is an indicator's Historik tab: its definition's changes and every
// measurement entered or corrected (old → new).
func (s *Server) indicatorHistory(w http.ResponseWriter, r *http.Request) error {
	org, row, err := s.readableIndicator(r)
	if err != nil {
		return err
	}
	p := s.indicatorPage(r, org, row, "Historik")
	return s.history(w, r, p, domain.EntityIndicator, row.ID, row.Name, pages.IndicatorURL(row.ID))
}

// The kinds of item an indicator belongs to, as the routes name them.
const (
	goalItem       = domain.ItemGoal
	initiativeItem = domain.ItemInitiative
	actionPlanItem = domain.ItemActionPlan
)

// newIndicatorURL is where a new indicator of the item whose page is base is made; "" for an
// archived item.
func newIndicatorURL(base templ.SafeURL, archived *time.Time) templ.SafeURL {
	if archived != nil {
		return ""
	}
	return base + "/indikatorer/ny"
}
