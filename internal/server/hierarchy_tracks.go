package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of tracks (strategispor or temaer) and of the general initiatives under them.
// A general initiative is edited and archived with the forms of initiative_forms.go; here it is
// created, moved and deleted.

func trackFields(org domain.Organisation, editing bool) []field {
	fields := []field{
		{name: "title", label: "Titel", subject: "Titlen", required: true, max: 500, hint: "Fx «Vi vil styrke …»."},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
	}
	if editing {
		fields = append([]field{{name: "number", label: "Nr.", subject: "Nummeret", kind: "number", min: 1, most: 999,
			hint: org.LabelTrack + "ets plads i strategien. De øvrige rykker, så numrene forbliver 1, 2, 3 …"}}, fields...)
	}
	return fields
}

func trackValues(t domain.Track) formValues {
	return formValues{"number": c.Itoa(t.Number), "title": t.Title, "description": t.Description}
}

// trackForm is the form for a new track of the strategy (t nil) or for editing t.
func trackForm(org domain.Organisation, strategyID int64, strategyTitle string, t *domain.Track) hierarchyForm {
	su := c.StrategyURL(strategyID)
	heading := "Nyt " + lowerFirst(org.LabelTrack)
	hf := hierarchyForm{org: org, title: heading, fields: trackFields(org, t != nil),
		crumbs: []c.Crumb{adminCrumb(org), {Label: strategyTitle, Href: su}},
		view: pages.HierarchyForm{Heading: heading, Context: org.LabelTrack + " i " + strategyTitle,
			What: lowerFirst(org.LabelTrack) + "et", Action: su + "/spor/ny", Cancel: su}}
	if t != nil {
		u := c.TrackURL(t.ID)
		hf.title, hf.view.Heading = "Rediger "+lowerFirst(org.LabelTrack), t.Title
		hf.crumbs = append(hf.crumbs, c.Crumb{Label: trackLabel(org, t.Number, t.Title), Href: u})
		hf.view.Action, hf.view.Cancel = pages.EditURL(u), u
		hf.view.Controls = &pages.ItemControls{Archive: u + "/arkiver", Delete: u + "/slet"}
	}
	return hf
}

// newTrack shows the empty form for a track of the strategy in the path.
func (s *Server) newTrack(w http.ResponseWriter, r *http.Request) error {
	org, st, _, err := s.adminStrategy(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, trackForm(org, st.ID, st.Title, nil), formValues{}, domain.Errors{}, 0, nil, http.StatusOK)
}

// createTrack adds a track numbered after the strategy's others.
func (s *Server) createTrack(w http.ResponseWriter, r *http.Request) error {
	org, st, _, err := s.adminStrategy(r)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, trackForm(org, st.ID, st.Title, nil), nil, func(v formValues, _ int32) (string, error) {
		id, err := s.store.AddTrack(r.Context(), currentUser(r).ID, domain.Track{StrategyID: st.ID, Title: v["title"],
			Description: v["description"]})
		return string(c.TrackURL(id)), err
	}, org.LabelTrack+"et er oprettet.")
}

// adminTrack loads the track in the path if the signed-in person may edit it.
func (s *Server) adminTrack(r *http.Request) (domain.Organisation, domain.TrackDetail, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.TrackDetail{}, err
	}
	t, err := s.store.GetTrackDetail(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, t, err
	}
	org, err := s.hierarchyOrg(r, t.OrganisationID)
	if err == nil && t.ArchivedAt != nil {
		err = store.ErrNotFound
	}
	return org, t, err
}

// trackItem is the track in the path for the generic move, archive and delete.
func (s *Server) trackItem(r *http.Request) (adminItem, error) {
	org, t, err := s.adminTrack(r)
	return adminItem{org: org, lv: store.LevelTrack, id: t.ID, title: t.Title, the: org.LabelTrack + "et", neuter: true,
		edit: pages.EditURL(c.TrackURL(t.ID)), back: c.StrategyURL(t.StrategyID)}, err
}

// editTrack shows a track's edit form.
func (s *Server) editTrack(w http.ResponseWriter, r *http.Request) error {
	org, t, err := s.adminTrack(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, trackForm(org, t.StrategyID, t.StrategyTitle, &t.Track), trackValues(t.Track), domain.Errors{},
		t.Version, nil, http.StatusOK)
}

// updateTrack saves a track's fields and moves it to the number given, renumbering the others.
func (s *Server) updateTrack(w http.ResponseWriter, r *http.Request) error {
	org, t, err := s.adminTrack(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetTrack(r.Context(), t.ID)
		return trackValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, trackForm(org, t.StrategyID, t.StrategyTitle, &t.Track), stored,
		func(v formValues, version int32) (string, error) {
			next := t.Track
			next.Title, next.Description, next.Version = v["title"], v["description"], version
			actor := currentUser(r).ID
			err := s.store.InTx(r.Context(), func(tx *store.Store) error {
				if _, err := tx.UpdateTrack(r.Context(), actor, next); err != nil {
					return err
				}
				if n := atoi32(v["number"]); n != t.Number {
					return tx.MoveItemTo(r.Context(), actor, store.LevelTrack, t.ID, n)
				}
				return nil
			})
			return string(c.TrackURL(t.ID)), err
		}, "Ændringerne er gemt.")
}

func generalFields() []field {
	return []field{
		{name: "title", label: "Titel", subject: "Titlen", required: true, max: 1000},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
		{name: "responsible", label: "Ansvarlig", max: 200, hint: "Navn eller funktion, fx «Fagchef»."},
	}
}

// newGeneral shows the empty form for a general initiative of the track in the path.
func (s *Server) newGeneral(w http.ResponseWriter, r *http.Request) error {
	org, t, err := s.adminTrack(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, generalForm(org, t), formValues{}, domain.Errors{}, 0, nil, http.StatusOK)
}

func generalForm(org domain.Organisation, t domain.TrackDetail) hierarchyForm {
	tu := c.TrackURL(t.ID)
	heading := "Ny " + lowerFirst(org.LabelGeneral)
	return hierarchyForm{org: org, title: heading, fields: generalFields(),
		crumbs: []c.Crumb{adminCrumb(org), {Label: t.StrategyTitle, Href: c.StrategyURL(t.StrategyID)},
			{Label: trackLabel(org, t.Number, t.Title), Href: tu}},
		view: pages.HierarchyForm{Heading: heading, Context: org.LabelGeneral + " under " + trackLabel(org, t.Number, t.Title),
			What: "indsatsen", Action: tu + "/indsatser/ny", Cancel: tu}}
}

// createGeneral adds a general initiative at the end of the track; the strategy's numbering
// (within the track or through the strategy) and plan codes stay consistent.
func (s *Server) createGeneral(w http.ResponseWriter, r *http.Request) error {
	org, t, err := s.adminTrack(r)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, generalForm(org, t), nil, func(v formValues, _ int32) (string, error) {
		id, err := s.store.AddGeneral(r.Context(), currentUser(r).ID, domain.Initiative{TrackID: t.ID, Title: v["title"],
			Description: v["description"], Responsible: v["responsible"], Weight: 1})
		return string(c.InitiativeURL(id)), err
	}, org.LabelGeneral+" er oprettet.")
}

// generalItem is the general initiative in the path for the generic move and delete.
func (s *Server) generalItem(r *http.Request) (adminItem, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return adminItem{}, err
	}
	in, err := s.store.GetInitiativeDetail(r.Context(), id)
	if err != nil {
		return adminItem{}, err
	}
	org, err := s.hierarchyOrg(r, in.OrganisationID)
	if err == nil && (in.Kind != domain.InitiativeGeneral || in.ArchivedAt != nil) {
		err = store.ErrNotFound
	}
	return adminItem{org: org, lv: store.LevelGeneral, id: in.ID, title: in.Title, the: "Indsatsen",
		edit: c.InitiativeURL(in.ID) + "/rediger", back: c.TrackURL(in.TrackID)}, err
}
