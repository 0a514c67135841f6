package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Status by spreadsheet (issue 6): a leader — an områdeleder for their område, a fagchef for the
// fagområde — downloads the items they post status on, fills in phase, health, progress and
// comments, uploads, previews and confirms. Each changed row becomes a status update with its
// history row through store.PostStatusUpdate, exactly as a post in the browser; a row of an item
// the leader may not update is refused by the item's name, and then nothing is saved.

// leaderOrg returns the organisation in the path if the signed-in person is a leader in it: a
// fagchef or områdeleder, with a unit (anyone else gets 403).
func (s *Server) leaderOrg(r *http.Request) (domain.Organisation, error) {
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return org, err
	}
	res := auth.InOrganisation(org.ID)
	if u := currentUser(r); u.UnitID != nil {
		res.Units = []int64{*u.UnitID}
	}
	return org, s.authorize(r, auth.EditLocal, res)
}

// statusItem is an initiative or action plan of the organisation with its place and whether the
// signed-in person may post status on it.
type statusItem struct {
	row     importer.StatusRow
	status  domain.Status
	unit    string // the unit it belongs to
	allowed bool
}

// statusItems returns every current initiative and action plan of the organisation by key
// ("I12", "H7"), and the keys of those the signed-in person may update, in chain order. A
// fixed number of queries.
func (s *Server) statusItems(ctx context.Context, r *http.Request, st *store.Store, org domain.Organisation) (
	map[string]statusItem, []string, error) {
	h, err := st.LoadHierarchy(ctx, org.ID)
	if err != nil {
		return nil, nil, err
	}
	parent, name := map[int64]*int64{}, map[int64]string{}
	for _, u := range h.Units {
		parent[u.ID], name[u.ID] = u.ParentID, u.Name
	}
	chain := func(unit *int64) []int64 {
		var out []int64
		for u := unit; u != nil && len(out) < 100; u = parent[*u] {
			out = append(out, *u)
		}
		return out
	}
	strategyUnit, trackUnit, trackNumber := map[int64]*int64{}, map[int64]*int64{}, map[int64]int32{}
	for _, st := range h.Strategies {
		strategyUnit[st.ID] = st.UnitID
	}
	for _, t := range h.Tracks {
		trackNumber[t.ID], trackUnit[t.ID] = t.Number, strategyUnit[t.StrategyID]
	}
	items, keys := map[string]statusItem{}, []string{}
	add := func(key string, it statusItem) {
		items[key] = it
		if it.allowed {
			keys = append(keys, key)
		}
	}
	plans := map[int64][]domain.ActionPlan{}
	for _, a := range h.ActionPlans {
		plans[a.InitiativeID] = append(plans[a.InitiativeID], a)
	}
	for _, in := range h.Initiatives {
		scope, number, kind := in.UnitID, strconv.Itoa(int(in.Number)), org.LabelLocal
		if in.Kind == domain.InitiativeGeneral {
			scope, number, kind = trackUnit[in.TrackID], c.Itoa(trackNumber[in.TrackID])+"."+number, org.LabelGeneral
		}
		allowed := can(r, writeAction(in.Kind), auth.Resource{OrganisationID: org.ID, Units: chain(scope)})
		unit := ""
		if scope != nil {
			unit = name[*scope]
		}
		add("I"+strconv.FormatInt(in.ID, 10), statusItem{row: importer.StatusRow{Key: "I" + strconv.FormatInt(in.ID, 10),
			Kind: kind, Unit: unit, Number: number, Title: in.Title, Phase: in.StatusPhase, Health: in.Health(),
			Progress: in.StatusProgress}, status: in.Status, unit: unit, allowed: allowed})
		for _, a := range plans[in.ID] {
			key := "H" + strconv.FormatInt(a.ID, 10)
			add(key, statusItem{row: importer.StatusRow{Key: key, Kind: org.LabelActionPlan, Unit: unit, Number: a.Code,
				Title: a.Title, Phase: a.StatusPhase, Health: a.Health(), Progress: a.StatusProgress},
				status: a.Status, unit: unit, allowed: allowed})
		}
	}
	return items, keys, nil
}

// statusSheetPage is a leader's page for status by spreadsheet.
func (s *Server) statusSheetPage(w http.ResponseWriter, r *http.Request) error {
	org, err := s.leaderOrg(r)
	if err != nil {
		return err
	}
	return s.renderStatusSheet(w, r, http.StatusOK, org, pages.StatusSheetView{})
}

func (s *Server) renderStatusSheet(w http.ResponseWriter, r *http.Request, status int, org domain.Organisation,
	v pages.StatusSheetView) error {
	_, keys, err := s.statusItems(r.Context(), r, s.store, org)
	if err != nil {
		return err
	}
	v.Org, v.Items = org, len(keys)
	if u := currentUser(r); u.UnitID != nil {
		if unit, err := s.store.GetUnit(r.Context(), *u.UnitID); err == nil {
			v.UnitName = unit.Name
		}
	}
	p := s.orgPage(r, org, "opgaver", "Status i regneark", c.Crumb{Label: "Status i regneark"})
	return s.render(w, r, status, pages.StatusSheet(p, v))
}

// statusXLSX sends the leader's items with their current status as a workbook.
func (s *Server) statusXLSX(w http.ResponseWriter, r *http.Request) error {
	org, err := s.leaderOrg(r)
	if err != nil {
		return err
	}
	items, keys, err := s.statusItems(r.Context(), r, s.store, org)
	if err != nil {
		return err
	}
	rows := make([]importer.StatusRow, len(keys))
	for i, k := range keys {
		rows[i] = items[k].row
	}
	var buf bytes.Buffer
	if err := importer.WriteStatusXLSX(&buf, "Status – "+org.Name, rows); err != nil {
		return err
	}
	return sendFile(w, r, xlsxType, "status-"+org.Slug+"-"+s.today().Format(time.DateOnly)+".xlsx", buf.Bytes())
}

// planStatus reads an uploaded status workbook and returns the status updates it makes and their
// preview, or the problems of its rows (a row of an item the person may not update is one).
func (s *Server) planStatus(ctx context.Context, r *http.Request, st *store.Store, org domain.Organisation,
	data []byte) ([]domain.StatusUpdate, []pages.PreviewChange, []pages.SheetProblem, error) {
	today := s.today()
	rows, err := importer.ReadStatusXLSX(data, today)
	if problems, ok := sheetProblems(err); ok {
		return nil, nil, problems, nil
	} else if err != nil {
		return nil, nil, nil, err
	}
	items, _, err := s.statusItems(ctx, r, st, org)
	if err != nil {
		return nil, nil, nil, err
	}
	var updates []domain.StatusUpdate
	var preview []pages.PreviewChange
	var problems []pages.SheetProblem
	seen := map[string]bool{}
	for _, row := range rows {
		su, change, msg := statusUpdateOf(row, items, seen, today)
		switch {
		case msg != "":
			problems = append(problems, pages.SheetProblem{Sheet: importer.SheetStatus, Row: row.Row, Message: msg})
		case su != nil:
			updates, preview = append(updates, *su), append(preview, change)
		}
	}
	return updates, preview, problems, nil
}

// importStatus previews an uploaded status workbook (or lists its problems, 422).
func (s *Server) importStatus(w http.ResponseWriter, r *http.Request) error {
	org, err := s.leaderOrg(r)
	if err != nil {
		return err
	}
	up := readSheetUpload(r)
	if up.Msg != "" {
		return s.renderStatusSheet(w, r, up.Status, org, pages.StatusSheetView{Problems: []pages.SheetProblem{{Message: up.Msg}}})
	}
	data, name := up.Data, up.Name
	updates, preview, problems, err := s.planStatus(r.Context(), r, s.store, org, data)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return s.renderStatusSheet(w, r, http.StatusUnprocessableEntity, org, pages.StatusSheetView{Problems: problems})
	}
	token, err := s.store.SavePreview(r.Context(), org.ID, currentUser(r).ID, store.PreviewStatus, name, data)
	if err != nil {
		return err
	}
	here := templURL("/org/" + org.Slug + "/status")
	v := &pages.ImportPreview{FileName: name, Changed: preview, Token: token, Confirm: here + "/import/bekraeft",
		Cancel: here, Summary: fmt.Sprintf("%d statusopdateringer gemmes.", len(updates))}
	return s.renderStatusSheet(w, r, http.StatusOK, org, pages.StatusSheetView{Preview: v})
}

// confirmStatusImport posts the previewed status updates in one transaction, or none.
func (s *Server) confirmStatusImport(w http.ResponseWriter, r *http.Request) error {
	org, err := s.leaderOrg(r)
	if err != nil {
		return err
	}
	actor := currentUser(r).ID
	var problems []pages.SheetProblem
	var n int
	err = s.store.InTx(r.Context(), func(tx *store.Store) error {
		_, data, err := tx.TakePreview(r.Context(), org.ID, actor, store.PreviewStatus, r.PostFormValue("token"))
		if errors.Is(err, store.ErrNotFound) {
			return errPreviewGone
		} else if err != nil {
			return err
		}
		updates, _, p, err := s.planStatus(r.Context(), r, tx, org, data)
		if err != nil || len(p) > 0 {
			problems = p
			return errors.Join(err, errPreviewGone)
		}
		for _, su := range updates {
			su.AuthorID = actor
			if _, err := tx.PostStatusUpdate(r.Context(), su); err != nil {
				return err
			}
		}
		n = len(updates)
		return nil
	})
	if len(problems) > 0 {
		return s.renderStatusSheet(w, r, http.StatusUnprocessableEntity, org, pages.StatusSheetView{Problems: problems})
	}
	if errors.Is(err, errPreviewGone) {
		return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/status", "Indlæsningen er udløbet eller allerede gemt. Indlæs regnearket igen.")
	} else if err != nil {
		return err
	}
	s.log.Info("status imported", "by", currentUser(r).Email, "org", org.Slug, "updates", n)
	return s.redirectWithFlash(w, r, "/org/"+org.Slug+"/status", fmt.Sprintf("%d statusopdateringer er gemt.", n))
}
