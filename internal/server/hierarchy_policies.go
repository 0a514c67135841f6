package server

import (
	"net/http"
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of policies (hierarchy_*.go): create and edit; moving, archiving and deleting
// go through hierarchy_actions.go.

// adminCrumb leads from a form back to the administration of the hierarchy.
func adminCrumb(org domain.Organisation) c.Crumb {
	return c.Crumb{Label: "Politikker og strategier", Href: c.HierarchyAdminURL(org.Slug)}
}

var yesNoOptions = []c.Option{{Value: "ja", Label: "Ja"}, {Value: "nej", Label: "Nej"}}

func policyFields() []field {
	return []field{
		{name: "title", label: "Titel", subject: "Titlen", required: true, max: 300},
		{name: "kind", label: "Type", kind: "select", options: []c.Option{
			{Value: domain.PolicyPolitik, Label: "Politik"}, {Value: domain.PolicyStrategiplan, Label: "Strategiplan"}}},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
		{name: "numbered", label: "Nummererede målsætninger", kind: "select", options: yesNoOptions,
			hint: "Nummererer dokumentet målsætningerne (1, 2, 3)? Direktionens strategiplan gør ikke."},
	}
}

func policyValues(p domain.Policy) formValues {
	return formValues{"title": p.Title, "kind": p.Kind, "description": p.Description, "numbered": store.YesNo(p.Numbered)}
}

// policyForm is the form for a new policy (p nil) or for editing p.
func policyForm(org domain.Organisation, p *domain.Policy) hierarchyForm {
	hf := hierarchyForm{org: org, title: "Ny politik", crumbs: []c.Crumb{adminCrumb(org)}, fields: policyFields(),
		view: pages.HierarchyForm{Heading: "Ny politik", What: "politikken", Context: org.Name,
			Action: templURL("/org/" + org.Slug + "/admin/politikker/ny"), Cancel: c.HierarchyAdminURL(org.Slug)}}
	if p != nil {
		hf.title, hf.view.Heading = "Rediger politik", p.Title
		hf.crumbs = append(hf.crumbs, c.Crumb{Label: p.Title, Href: c.PolicyURL(p.ID)})
		hf.view.Action, hf.view.Cancel = pages.EditURL(c.PolicyURL(p.ID)), c.PolicyURL(p.ID)
		hf.view.Controls = &pages.ItemControls{Archive: c.PolicyURL(p.ID) + "/arkiver", Delete: c.PolicyURL(p.ID) + "/slet"}
	}
	return hf
}

// adminPolicy loads the policy in the path if the signed-in person may edit it.
func (s *Server) adminPolicy(r *http.Request) (domain.Organisation, domain.Policy, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.Policy{}, err
	}
	p, err := s.store.GetPolicy(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, p, err
	}
	org, err := s.hierarchyOrg(r, p.OrganisationID)
	if err == nil && p.ArchivedAt != nil {
		err = store.ErrNotFound
	}
	return org, p, err
}

// policyItem is the policy in the path for the generic move, archive and delete.
func (s *Server) policyItem(r *http.Request) (adminItem, error) {
	org, p, err := s.adminPolicy(r)
	return adminItem{org: org, lv: store.LevelPolicy, id: p.ID, title: p.Title, the: "Politikken",
		edit: pages.EditURL(c.PolicyURL(p.ID)), back: c.HierarchyAdminURL(org.Slug)}, err
}

// newPolicy shows the empty form for a policy.
func (s *Server) newPolicy(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, policyForm(org, nil), formValues{"kind": domain.PolicyPolitik, "numbered": "ja"},
		domain.Errors{}, 0, nil, http.StatusOK)
}

// createPolicy adds a policy after the organisation's others.
func (s *Server) createPolicy(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, policyForm(org, nil), nil, func(v formValues, _ int32) (string, error) {
		id, err := s.store.AddPolicy(r.Context(), currentUser(r).ID, domain.Policy{OrganisationID: org.ID, Kind: v["kind"],
			Title: v["title"], Description: v["description"], Numbered: v["numbered"] == "ja"})
		return string(c.PolicyURL(id)), err
	}, "Politikken er oprettet.")
}

// editPolicy shows a policy's edit form.
func (s *Server) editPolicy(w http.ResponseWriter, r *http.Request) error {
	org, p, err := s.adminPolicy(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, policyForm(org, &p), policyValues(p), domain.Errors{}, p.Version, nil, http.StatusOK)
}

// updatePolicy saves a policy's fields.
func (s *Server) updatePolicy(w http.ResponseWriter, r *http.Request) error {
	org, p, err := s.adminPolicy(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetPolicy(r.Context(), p.ID)
		return policyValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, policyForm(org, &p), stored, func(v formValues, version int32) (string, error) {
		next := p
		next.Kind, next.Title, next.Description, next.Numbered = v["kind"], v["title"], v["description"], v["numbered"] == "ja"
		next.Version = version
		_, err := s.store.UpdatePolicy(r.Context(), currentUser(r).ID, next)
		return string(c.PolicyURL(p.ID)), err
	}, "Ændringerne er gemt.")
}

func objectiveFields(editing bool) []field {
	fields := []field{
		{name: "title", label: "Titel", subject: "Titlen", required: true, max: 500},
		{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
	}
	if editing {
		fields = append([]field{{name: "number", label: "Nr.", subject: "Nummeret", kind: "number", min: 1, most: 999,
			hint: "Målsætningens plads i politikken. De øvrige målsætninger rykker, så numrene forbliver 1, 2, 3 …"}}, fields...)
	}
	return fields
}

func objectiveValues(o domain.Objective) formValues {
	return formValues{"number": strconv.Itoa(int(o.Number)), "title": o.Title, "description": o.Description}
}

// objectiveForm is the form for a new objective of the policy (o nil) or for editing o.
func objectiveForm(org domain.Organisation, policyID int64, policyTitle string, o *domain.Objective) hierarchyForm {
	hf := hierarchyForm{org: org, title: "Ny målsætning", fields: objectiveFields(o != nil),
		crumbs: []c.Crumb{adminCrumb(org), {Label: policyTitle, Href: c.PolicyURL(policyID)}},
		view: pages.HierarchyForm{Heading: "Ny målsætning", Context: "Målsætning i " + policyTitle, What: "målsætningen",
			Action: c.PolicyURL(policyID) + "/maalsaetninger/ny", Cancel: c.PolicyURL(policyID)}}
	if o != nil {
		u := c.ObjectiveURL(o.ID)
		hf.title, hf.view.Heading = "Rediger målsætning", o.Title
		hf.crumbs = append(hf.crumbs, c.Crumb{Label: o.Title, Href: u})
		hf.view.Action, hf.view.Cancel = pages.EditURL(u), u
		hf.view.Controls = &pages.ItemControls{Archive: u + "/arkiver", Delete: u + "/slet"}
	}
	return hf
}

// newObjective shows the empty form for an objective of the policy in the path.
func (s *Server) newObjective(w http.ResponseWriter, r *http.Request) error {
	org, p, err := s.adminPolicy(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, objectiveForm(org, p.ID, p.Title, nil), formValues{}, domain.Errors{}, 0, nil, http.StatusOK)
}

// createObjective adds an objective numbered after the policy's others.
func (s *Server) createObjective(w http.ResponseWriter, r *http.Request) error {
	org, p, err := s.adminPolicy(r)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, objectiveForm(org, p.ID, p.Title, nil), nil, func(v formValues, _ int32) (string, error) {
		id, err := s.store.AddObjective(r.Context(), currentUser(r).ID, domain.Objective{PolicyID: p.ID, Title: v["title"],
			Description: v["description"]})
		return string(c.ObjectiveURL(id)), err
	}, "Målsætningen er oprettet. Tilføj dens mål herunder.")
}
