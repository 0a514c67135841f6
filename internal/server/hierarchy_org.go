package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of the organisation's settings: its name, kind, vision and its own words for
// the levels of the chain ("Strategispor" in the kommune, "Tema" in the region).

// labelFields are the organisation's labels: name, label (singular and plural per level).
var labelFields = [][2]string{
	{"label_track", "Spor (ental)"}, {"label_tracks", "Spor (flertal)"},
	{"label_general", "Generel indsats (ental)"}, {"label_generals", "Generelle indsatser (flertal)"},
	{"label_local", "Lokal indsats (ental)"}, {"label_locals", "Lokale indsatser (flertal)"},
	{"label_action_plan", "Handleplan (ental)"}, {"label_action_plans", "Handleplaner (flertal)"},
}

func organisationFields() []field {
	fields := []field{
		{name: "name", label: "Navn", subject: "Navnet", required: true, max: 200},
		{name: "kind", label: "Type", kind: "select", options: []c.Option{{Value: "kommune", Label: "Kommune"},
			{Value: "region", Label: "Region"}}},
		{name: "vision", label: "Vision", subject: "Visionen", max: 500},
		{name: "vision_description", label: "Visionens beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
	}
	for _, l := range labelFields {
		fields = append(fields, field{name: l[0], label: "Betegnelse: " + l[1], subject: "Betegnelsen", required: true,
			max: 100})
	}
	fields[4].hint = "Organisationens egne ord for niveauerne, fx «Strategispor» eller «Tema». De bruges på alle sider."
	return append(fields, field{name: "public_page", label: "Offentlig side for borgere", kind: "select",
		options: []c.Option{{Value: "nej", Label: "Slået fra"}, {Value: "ja", Label: "Slået til"}},
		hint: "Slået til viser visionen, politikkerne, målene og de indsatser, der er markeret som offentlige, " +
			"uden log ind på /offentlig/ og organisationens adresse. Ingen medarbejdernavne vises."})
}

func organisationValues(o domain.Organisation) formValues {
	l := o.Labels
	return formValues{"name": o.Name, "kind": o.Kind, "vision": o.Vision, "vision_description": o.VisionDescription,
		"label_track": l.LabelTrack, "label_tracks": l.LabelTracks, "label_general": l.LabelGeneral,
		"label_generals": l.LabelGenerals, "label_local": l.LabelLocal, "label_locals": l.LabelLocals,
		"label_action_plan": l.LabelActionPlan, "label_action_plans": l.LabelActionPlans,
		"public_page": map[bool]string{true: "ja", false: "nej"}[o.PublicPage]}
}

func settingsForm(org domain.Organisation) hierarchyForm {
	return hierarchyForm{org: org, title: "Indstillinger", fields: organisationFields(),
		crumbs: []c.Crumb{{Label: "Administration", Href: "/admin/brugere"}},
		view: pages.HierarchyForm{Heading: "Indstillinger for " + org.Name, What: "indstillingerne",
			Action: pages.SettingsURL(org.Slug), Cancel: c.OrganisationURL(org.Slug)}}
}

// editOrganisation shows the organisation's settings.
func (s *Server) editOrganisation(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, settingsForm(org), organisationValues(org), domain.Errors{}, org.Version, nil, http.StatusOK)
}

// updateOrganisation saves the organisation's settings (never its address).
func (s *Server) updateOrganisation(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetOrganisation(r.Context(), org.ID)
		return organisationValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, settingsForm(org), stored, func(v formValues, version int32) (string, error) {
		next := org
		next.Name, next.Kind, next.Vision, next.VisionDescription = v["name"], v["kind"], v["vision"], v["vision_description"]
		next.Labels = domain.Labels{LabelTrack: v["label_track"], LabelTracks: v["label_tracks"],
			LabelGeneral: v["label_general"], LabelGenerals: v["label_generals"], LabelLocal: v["label_local"],
			LabelLocals: v["label_locals"], LabelActionPlan: v["label_action_plan"], LabelActionPlans: v["label_action_plans"]}
		next.PublicPage = v["public_page"] == "ja"
		next.Version = version
		_, err := s.store.UpdateOrganisation(r.Context(), currentUser(r).ID, next)
		return string(pages.SettingsURL(org.Slug)), err
	}, "Indstillingerne er gemt.")
}
