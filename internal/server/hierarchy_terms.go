package server

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// Administration of begreber (Bilag 2) with their links.

var termFields = []field{
	{name: "name", label: "Navn", subject: "Navnet", required: true, max: 300},
	{name: "description", label: "Beskrivelse", subject: "Beskrivelsen", kind: "textarea"},
	{name: "more_info", label: "Yderligere info", subject: "Den yderligere info", kind: "textarea"},
	{name: "links", label: "Links", subject: "Linkene", kind: "textarea", max: 4000,
		hint: "Ét link pr. linje: adressen først, så teksten, fx «https://sst.dk Sundhedsstyrelsen»."},
}

var webAddress = regexp.MustCompile(`^https?://\S+$`)

// termLinks reads the links field, one link a line: the address, then its text.
func termLinks(text string) []domain.TermLink {
	var links []domain.TermLink
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			links = append(links, domain.TermLink{URL: f[0], Label: strings.Join(f[1:], " ")})
		}
	}
	return links
}

func checkLinks(v formValues, errs domain.Errors) {
	for _, l := range termLinks(v["links"]) {
		if !webAddress.MatchString(l.URL) {
			errs.Add("links", "Hvert link skal begynde med http:// eller https://, fx «https://sst.dk Sundhedsstyrelsen».")
		}
	}
}

func termValues(t domain.Term) formValues {
	return formValues{"name": t.Name, "description": t.Description, "more_info": t.MoreInfo, "links": store.LinksText(t.Links)}
}

func termOf(t domain.Term, v formValues) domain.Term {
	t.Name, t.Description, t.MoreInfo, t.Links = v["name"], v["description"], v["more_info"], termLinks(v["links"])
	return t
}

// termForm is the form for a new term (t nil) or for editing t.
func termForm(org domain.Organisation, t *domain.Term) hierarchyForm {
	list := pages.TermsAdminURL(org.Slug)
	hf := hierarchyForm{org: org, title: "Nyt begreb", fields: termFields, check: checkLinks, unique: "name",
		taken: "Der findes allerede et begreb med det navn.", crumbs: []c.Crumb{{Label: "Begreber", Href: list}},
		view: pages.HierarchyForm{Heading: "Nyt begreb", Context: org.Name, What: "begrebet", Action: list + "/ny", Cancel: list}}
	if t != nil {
		u := c.TermURL(t.ID)
		hf.title, hf.view.Heading = "Rediger begreb", t.Name
		hf.crumbs = append(hf.crumbs, c.Crumb{Label: t.Name, Href: u})
		hf.view.Action, hf.view.Cancel = pages.EditURL(u), u
		hf.view.Controls = &pages.ItemControls{Archive: u + "/arkiver", Delete: u + "/slet"}
	}
	return hf
}

// adminTerm loads the term in the path if the signed-in person may edit it.
func (s *Server) adminTerm(r *http.Request) (domain.Organisation, domain.Term, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return domain.Organisation{}, domain.Term{}, err
	}
	t, err := s.store.GetTerm(r.Context(), id)
	if err != nil {
		return domain.Organisation{}, t, err
	}
	org, err := s.hierarchyOrg(r, t.OrganisationID)
	if err == nil && t.ArchivedAt != nil {
		err = store.ErrNotFound
	}
	return org, t, err
}

// termItem is the term in the path for the generic move, archive and delete.
func (s *Server) termItem(r *http.Request) (adminItem, error) {
	org, t, err := s.adminTerm(r)
	return adminItem{org: org, lv: store.LevelTerm, id: t.ID, title: t.Name, the: "Begrebet", neuter: true,
		edit: pages.EditURL(c.TermURL(t.ID)), back: pages.TermsAdminURL(org.Slug)}, err
}

// newTerm shows the empty form for a term.
func (s *Server) newTerm(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, termForm(org, nil), formValues{}, domain.Errors{}, 0, nil, http.StatusOK)
}

// createTerm adds a term after the organisation's others; a name already in use is refused.
func (s *Server) createTerm(w http.ResponseWriter, r *http.Request) error {
	org, err := s.hierarchyOrgBySlug(r)
	if err != nil {
		return err
	}
	return s.saveForm(w, r, termForm(org, nil), nil, func(v formValues, _ int32) (string, error) {
		id, err := s.store.AddTerm(r.Context(), currentUser(r).ID, termOf(domain.Term{OrganisationID: org.ID}, v))
		return string(c.TermURL(id)), err
	}, "Begrebet er oprettet.")
}

// editTerm shows a term's edit form.
func (s *Server) editTerm(w http.ResponseWriter, r *http.Request) error {
	org, t, err := s.adminTerm(r)
	if err != nil {
		return err
	}
	return s.showForm(w, r, termForm(org, &t), termValues(t), domain.Errors{}, t.Version, nil, http.StatusOK)
}

// updateTerm saves a term's fields and links.
func (s *Server) updateTerm(w http.ResponseWriter, r *http.Request) error {
	org, t, err := s.adminTerm(r)
	if err != nil {
		return err
	}
	stored := func() (formValues, int32, error) {
		cur, err := s.store.GetTerm(r.Context(), t.ID)
		return termValues(cur), cur.Version, err
	}
	return s.saveForm(w, r, termForm(org, &t), stored, func(v formValues, version int32) (string, error) {
		next := termOf(t, v)
		next.Version = version
		_, err := s.store.UpdateTerm(r.Context(), currentUser(r).ID, next)
		return string(c.TermURL(t.ID)), err
	}, "Ændringerne er gemt.")
}
