package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of objectives (målsætninger): editing, with the number as the objective's
// place in its policy. Creating is in hierarchy_policies.go.

// adminObjective loads the objective in the path if the signed-in person may edit it.
func (s *Server) adminObjective(r *http.Request) (domain.Organisation, domain.ObjectiveDetail, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.ObjectiveDetail{}, err
	}
	o, err := s.store.GetObjectiveDetail(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, o, err
	}
	org, err := s.hierarchyOrg(r, o.OrganisationID)
	if err == nil && o.ArchivedAt != nil {
		err = store.ErrNotFound
	}
	return org, o, err
}

// objectiveItem is the objective in the path for the generic move, archive and delete.
func (s *Server) objectiveItem(r *http.Request) (adminItem, error) {
	org, o, err := s.adminObjective(r)
	return adminItem{org: org, lv: store.LevelObjective, id: o.ID, title: o.Title, the: "Målsætningen",
		edit: pages.EditURL(c.ObjectiveURL(o.ID)), back: c.PolicyURL(o.PolicyID)}, err
}

// editObjective shows an objective's edit form.
func (s *Server) editObjective(w http.ResponseWriter, r *http.Request) error {
	org, o, err := s.adminObjective(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, objectiveForm(org, o.PolicyID, o.PolicyTitle, &o.Objective), objectiveValues(o.Objective),
		domain.Errors{}, o.Version, nil, http.StatusOK)
}

// updateObjective saves an objective's title and description and moves it to the number given,
// renumbering the policy's other objectives, in one transaction.
func (s *Server) updateObjective(w http.ResponseWriter, r *http.Request) error {
	org, o, err := s.adminObjective(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetObjective(r.Context(), o.ID)
		return objectiveValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, objectiveForm(org, o.PolicyID, o.PolicyTitle, &o.Objective), stored,
		func(v formValues, version int32) (string, error) {
			next := o.Objective
			next.Title, next.Description, next.Version = v["title"], v["description"], version
			actor := currentUser(r).ID
			err := s.store.InTx(r.Context(), func(tx *store.Store) error {
				if _, err := tx.UpdateObjective(r.Context(), actor, next); err != nil {
					return err
				}
				if n := atoi32(v["number"]); n != o.Number {
					return tx.MoveItemTo(r.Context(), actor, store.LevelObjective, o.ID, n)
				}
				return nil
			})
			return string(c.ObjectiveURL(o.ID)), err
		}, "Ændringerne er gemt.")
}
