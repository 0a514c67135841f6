package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Creating, editing and archiving initiatives: an områdeleder's local initiatives in their own
// område, a fagchef's in the whole fagområde, and the fagchef's (or an admin's) general ones.

// initiativeAction is what it takes to change an initiative of kind, or the action plans
// directly under it: local ones belong to their område, general ones to the fagområde.
func initiativeAction(kind string) auth.Action {
	if kind == domain.InitiativeLocal {
		return auth.EditLocal
	}
	return auth.EditGeneral
}

// editableInitiative loads the initiative in the path and checks that the signed-in person may
// change it (another område's is a 403, another organisation's the 404 page).
func (s *Server) editableInitiative(r *http.Request) (domain.Organisation, domain.InitiativeDetail, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.InitiativeDetail{}, err
	}
	in, err := s.store.GetInitiativeDetail(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, in, err
	}
	org, err := s.readableOrg(r, in.OrganisationID)
	if err != nil {
		return org, in, err
	}
	res, err := s.itemResource(r, org.ID, in.ScopeUnitID)
	if err != nil {
		return org, in, err
	}
	return org, in, s.authorize(r, initiativeAction(in.Kind), res)
}

// initiativeFields are the stored initiative's values as the form shows them.
func initiativeFields(in domain.Initiative) pages.InitiativeFields {
	return pages.InitiativeFields{Title: in.Title, Description: in.Description, Responsible: in.Responsible,
		Start: formatDate(in.StartDate), End: formatDate(in.EndDate), Weight: formatWeight(in.Weight)}
}

// initiativeConflict lists the fields where the stored initiative and the person's input (both
// as the form shows them, so that "31-12-2026" and "2026-12-31" are the same) differ.
func initiativeConflict(stored, typed pages.InitiativeFields) []pages.ConflictRow {
	return conflictRows([]string{"Titel", "Beskrivelse", "Ansvarlig", "Start", "Slut", "Vægt"},
		[]string{stored.Title, stored.Description, stored.Responsible, stored.Start, stored.End, stored.Weight},
		[]string{typed.Title, typed.Description, typed.Responsible, typed.Start, typed.End, typed.Weight})
}

// initiativeFormPage is the layout of a form below the initiative in: its breadcrumb with the
// initiative linked, then last.
func (s *Server) initiativeFormPage(r *http.Request, org domain.Organisation, in domain.InitiativeDetail, last string) c.Page {
	p := s.initiativePage(r, org, in)
	p.Crumbs[len(p.Crumbs)-1].Href = c.InitiativeURL(in.ID)
	p.Crumbs = append(p.Crumbs, c.Crumb{Label: last})
	p.Title = last
	return p
}

// editInitiative shows the edit form of an initiative with its stored values and version.
func (s *Server) editInitiative(w http.ResponseWriter, r *http.Request) error {
	org, in, err := s.editableInitiative(r)
	if err != nil {
		return err
	}
	if in.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, string(c.InitiativeURL(in.ID)), "Indsatsen er arkiveret og kan ikke redigeres.")
	}
	f := pages.InitiativeForm{Version: in.Version, Fields: initiativeFields(in.Initiative), Errors: domain.Errors{}}
	return s.renderInitiativeEdit(w, r, org, in, http.StatusOK, f)
}

// renderInitiativeEdit renders the edit form of in with status.
func (s *Server) renderInitiativeEdit(w http.ResponseWriter, r *http.Request, org domain.Organisation,
	in domain.InitiativeDetail, status int, f pages.InitiativeForm) error {
	label := kindName(org, in.Kind)
	f.Heading = "Rediger " + strings.ToLower(label)
	f.Context = label + ": " + in.Title
	f.Action = c.InitiativeURL(in.ID) + "/rediger"
	f.Cancel = c.InitiativeURL(in.ID)
	return s.render(w, r, status, pages.InitiativeEdit(s.initiativeFormPage(r, org, in, f.Heading), f))
}

// updateInitiative saves an initiative's edit. A stale version changes nothing: the form comes
// back (409) with the stored values beside the typed ones and the stored version, so that
// saving again overwrites deliberately.
func (s *Server) updateInitiative(w http.ResponseWriter, r *http.Request) error {
	org, in, err := s.editableInitiative(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	if in.ArchivedAt != nil {
		return s.redirectWithFlash(w, r, string(c.InitiativeURL(in.ID)), "Indsatsen er arkiveret og kan ikke redigeres.")
	}
	d, errs := decodeInitiativeForm(r.PostForm)
	d.Fields.Unit = ""
	f := pages.InitiativeForm{Version: version, Fields: d.Fields, Errors: errs}
	if errs.Any() {
		return s.renderInitiativeEdit(w, r, org, in, http.StatusUnprocessableEntity, f)
	}
	edit := in.Initiative
	edit.Version, edit.Title, edit.Description, edit.Responsible = version, d.Title, d.Description, d.Responsible
	edit.StartDate, edit.EndDate, edit.Weight = d.Start, d.End, d.Weight
	_, err = s.store.EditInitiative(r.Context(), currentUser(r).ID, edit)
	if errors.Is(err, store.ErrConflict) {
		stored, err := s.store.GetInitiativeDetail(r.Context(), in.ID)
		if err != nil {
			return err
		}
		if stored.ArchivedAt != nil {
			return s.redirectWithFlash(w, r, string(c.InitiativeURL(in.ID)),
				"En anden har arkiveret indsatsen, mens du redigerede. Dine ændringer er ikke gemt.")
		}
		f.Version, f.Conflicted = stored.Version, true
		f.Conflict = initiativeConflict(initiativeFields(stored.Initiative), initiativeFields(edit))
		return s.renderInitiativeEdit(w, r, org, stored, http.StatusConflict, f)
	} else if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, string(c.InitiativeURL(in.ID)), "Indsatsen er gemt.")
}

// archiveInitiative archives an initiative if it is still the version the person saw. A
// general initiative with current local initiatives under it stays until they are archived.
func (s *Server) archiveInitiative(w http.ResponseWriter, r *http.Request) error {
	org, in, err := s.editableInitiative(r)
	if err != nil {
		return err
	}
	version, err := decodeVersion(r.PostForm)
	if err != nil {
		return err
	}
	here := string(c.InitiativeURL(in.ID))
	switch {
	case in.ArchivedAt != nil:
		return s.redirectWithFlash(w, r, here, "Indsatsen er allerede arkiveret.")
	case in.Kind == domain.InitiativeGeneral && in.LocalCount > 0:
		return s.redirectWithFlash(w, r, here, "Indsatsen kan ikke arkiveres, så længe der er "+
			strings.ToLower(org.LabelLocals)+" under den. Arkivér dem først.")
	}
	err = s.store.ArchiveInitiative(r.Context(), currentUser(r).ID, in.ID, version)
	if errors.Is(err, store.ErrConflict) {
		stored, err := s.store.GetInitiativeDetail(r.Context(), in.ID)
		if err != nil {
			return err
		}
		if stored.ArchivedAt != nil {
			return s.redirectWithFlash(w, r, here, "Indsatsen er allerede arkiveret.")
		}
		v := pages.ArchiveConflictView{What: "indsatsen", Title: stored.Title, Item: c.InitiativeURL(in.ID),
			Archive: c.InitiativeURL(in.ID) + "/arkiver", Version: stored.Version}
		return s.render(w, r, http.StatusConflict, pages.ArchiveConflict(s.initiativeFormPage(r, org, stored, "Arkivér"), v))
	} else if err != nil {
		return err
	}
	back := c.TrackURL(in.TrackID)
	if in.ParentID != nil {
		back = c.InitiativeURL(*in.ParentID)
	}
	return s.redirectWithFlash(w, r, string(back), "Indsatsen «"+in.Title+"» er arkiveret.")
}

// kindName is the organisation's word for an initiative of kind.
func kindName(org domain.Organisation, kind string) string {
	if kind == domain.InitiativeLocal {
		return org.LabelLocal
	}
	return org.LabelGeneral
}

// initiativeActions are the controls the initiative's page offers the signed-in person. Someone
// who may change nothing costs no queries.
func (s *Server) initiativeActions(r *http.Request, org domain.Organisation, in domain.InitiativeDetail) (pages.EditActions, error) {
	var a pages.EditActions
	if !editsAnything(currentUser(r)) || in.ArchivedAt != nil {
		return a, nil
	}
	res, err := s.itemResource(r, org.ID, in.ScopeUnitID)
	if err != nil {
		return a, err
	}
	url := c.InitiativeURL(in.ID)
	if can(r, initiativeAction(in.Kind), res) {
		a.Edit, a.Version = url+"/rediger", in.Version
		a.NewActionPlan, a.NewActionPlanLabel = url+"/handleplaner/ny", "Ny "+strings.ToLower(org.LabelActionPlan)
		if in.Kind == domain.InitiativeLocal || in.LocalCount == 0 {
			a.Archive, a.ArchiveLabel = url+"/arkiver", "Arkivér"
		}
	}
	if can(r, auth.Publish, res) {
		a.Publish, a.Public = url+"/offentlig", in.Public
	}
	if in.Kind == domain.InitiativeGeneral {
		ok, err := s.mayAddLocal(r, org, in, res)
		if err != nil {
			return a, err
		}
		if ok {
			a.NewLocal, a.NewLocalLabel = url+"/lokale/ny", "Ny "+strings.ToLower(org.LabelLocal)
		}
	}
	return a, nil
}

// actionPlanActions are the controls the action plan's page offers the signed-in person.
func (s *Server) actionPlanActions(r *http.Request, org domain.Organisation, a domain.ActionPlanDetail) (pages.EditActions, error) {
	var out pages.EditActions
	if !editsAnything(currentUser(r)) || a.ArchivedAt != nil {
		return out, nil
	}
	res, err := s.itemResource(r, org.ID, a.ScopeUnitID)
	if err != nil || !can(r, initiativeAction(a.InitiativeKind), res) {
		return out, err
	}
	url := c.ActionPlanURL(a.ID)
	out.Edit, out.Archive, out.ArchiveLabel, out.Version = url+"/rediger", url+"/arkiver", "Arkivér", a.Version
	return out, nil
}

// editsAnything reports whether u has a role that edits initiatives or action plans anywhere,
// so that the pages ask no more for anyone else.
func editsAnything(u *domain.User) bool {
	return u != nil && (u.Role == domain.RoleAdmin || u.Role == domain.RoleFagchef || u.Role == domain.RoleOmraadeleder)
}
