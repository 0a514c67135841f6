package server

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of Indsatstrappen's steps: a name, a colour as #rrggbb (never the only
// signal: every step has its name) and a description. A step has no page of its own, so its
// forms live under /org/{org}/admin/indsatstrappen and name the step in ?trin= or a hidden field.

var colourCode = regexp.MustCompile(`^#[0-9a-f]{6}$`)

func ladderFields(editing bool) []field {
	fields := []field{
		{name: "name", label: "Navn", subject: "Navnet", required: true, max: 200},
		{name: "colour", label: "Farve", subject: "Farven", required: true, max: 7,
			hint: "Som #rrggbb, fx #4caf50 for grøn. Trinnets navn vises altid sammen med farven."},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
	}
	if editing {
		fields = append([]field{{name: "position", label: "Trin", subject: "Trinnet", kind: "number", min: 0, most: 99,
			hint: "Trinnets plads nedefra (0 er nederst). De øvrige trin rykker."}}, fields...)
	}
	return fields
}

func checkColour(v formValues, errs domain.Errors) {
	v["colour"] = strings.ToLower(v["colour"])
	if errs["colour"] == "" && !colourCode.MatchString(v["colour"]) {
		errs.Add("colour", "Farven skal skrives #rrggbb, fx #4caf50.")
	}
}

func ladderValues(l domain.LadderStep) formValues {
	return formValues{"position": c.Itoa(l.Position), "name": l.Name, "colour": l.Colour, "description": l.Description}
}

// ladderForm is the form for a new step (l nil) or for editing l.
func ladderForm(org domain.Organisation, l *domain.LadderStep) hierarchyForm {
	list := pages.LadderAdminURL(org.Slug)
	hf := hierarchyForm{org: org, title: "Nyt trin", fields: ladderFields(l != nil), check: checkColour,
		crumbs: []c.Crumb{{Label: "Indsatstrappen", Href: list}},
		view: pages.HierarchyForm{Heading: "Nyt trin på Indsatstrappen", Context: org.Name, What: "trinnet",
			Action: list + "/ny", Cancel: list}}
	if l != nil {
		hidden := map[string]string{"trin": strconv.FormatInt(l.ID, 10)}
		hf.title, hf.view.Heading, hf.view.Hidden = "Rediger trin", l.Name, hidden
		hf.view.Action = list + "/rediger"
		hf.view.Controls = &pages.ItemControls{Archive: list + "/arkiver", Delete: list + "/slet", Hidden: hidden}
	}
	return hf
}

// adminLadderStep loads the step named by trin (in the query or the form) if the signed-in
// person may edit the organisation in the path.
func (s *Server) adminLadderStep(r *http.Request) (domain.Organisation, domain.LadderStep, error) {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return org, domain.LadderStep{}, err
	}
	id, ok := parseID(r.FormValue("trin"))
	if !ok {
		return org, domain.LadderStep{}, store.ErrNotFound
	}
	l, err := s.store.GetLadderStep(r.Context(), id)
	if err == nil && (l.OrganisationID != org.ID || l.ArchivedAt != nil) {
		err = store.ErrNotFound
	}
	return org, l, err
}

// ladderItem is the step for the generic move, archive and delete.
func (s *Server) ladderItem(r *http.Request) (adminItem, error) {
	org, l, err := s.adminLadderStep(r)
	list := pages.LadderAdminURL(org.Slug)
	return adminItem{org: org, lv: store.LevelLadder, id: l.ID, title: l.Name, the: "Trinnet", neuter: true,
		edit: list + templURL("/rediger?trin="+strconv.FormatInt(l.ID, 10)), back: list,
		hidden: map[string]string{"trin": strconv.FormatInt(l.ID, 10)}}, err
}

// newLadderStep shows the empty form for a step at the top of the ladder.
func (s *Server) newLadderStep(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, ladderForm(org, nil), formValues{"colour": "#"}, domain.Errors{}, 0, nil, http.StatusOK)
}

// createLadderStep adds a step at the top of the ladder.
func (s *Server) createLadderStep(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, ladderForm(org, nil), nil, func(v formValues, _ int32) (string, error) {
		_, err := s.store.AddLadderStep(r.Context(), currentUser(r).ID, domain.LadderStep{OrganisationID: org.ID,
			Name: v["name"], Colour: v["colour"], Description: v["description"]})
		return string(pages.LadderAdminURL(org.Slug)), err
	}, "Trinnet er oprettet.")
}

// editLadderStep shows a step's edit form.
func (s *Server) editLadderStep(w http.ResponseWriter, r *http.Request) error {
	org, l, err := s.adminLadderStep(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, ladderForm(org, &l), ladderValues(l), domain.Errors{}, l.Version, nil, http.StatusOK)
}

// updateLadderStep saves a step's fields and moves it to the position given.
func (s *Server) updateLadderStep(w http.ResponseWriter, r *http.Request) error {
	org, l, err := s.adminLadderStep(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetLadderStep(r.Context(), l.ID)
		return ladderValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, ladderForm(org, &l), stored, func(v formValues, version int32) (string, error) {
		next := l
		next.Name, next.Colour, next.Description, next.Version = v["name"], v["colour"], v["description"], version
		actor := currentUser(r).ID
		err := s.store.InTx(r.Context(), func(tx *store.Store) error {
			if _, err := tx.UpdateLadderStep(r.Context(), actor, next); err != nil {
				return err
			}
			if n := atoi32(v["position"]); n != l.Position {
				return tx.MoveItemTo(r.Context(), actor, store.LevelLadder, l.ID, n)
			}
			return nil
		})
		return string(pages.LadderAdminURL(org.Slug)), err
	}, "Ændringerne er gemt.")
}
