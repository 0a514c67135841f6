package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// search is the organisation's search (GET /org/{org}/soeg?q=…[&niveau=…]): everyone who
// reads the organisation (auth.Can, Read) searches all of it; the store scopes the search to
// the organisation. Without q it shows the form; an unusable q comes back beside the field
// (422). Three queries: the session, the organisation and the search.
func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	org, err := s.readableOrgBySlug(r, chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	query := r.URL.Query()
	v := pages.SearchView{Org: org, Query: query.Get("q")}
	p := s.orgPage(r, org, "", "Søg", c.Crumb{Label: "Søg"})
	if _, asked := query["q"]; !asked {
		return s.render(w, r, http.StatusOK, pages.Search(p, v))
	}
	q, errs := domain.ParseSearch(v.Query, query.Get("niveau"))
	if errs.Any() {
		v.Error = errs["q"]
		return s.render(w, r, http.StatusUnprocessableEntity, pages.Search(p, v))
	}
	limit := domain.SearchPerLevel
	if q.Level != "" {
		limit = domain.SearchLevelLimit
	}
	hits, err := s.store.Search(r.Context(), org.ID, q, limit+1)
	if err != nil {
		return err
	}
	v.Level = q.Level
	v.Groups, v.Limited = searchGroups(org, q, hits, limit)
	p.Title = "Søg: " + q.Text
	return s.render(w, r, http.StatusOK, pages.Search(p, v))
}

// searchGroups sorts hits into their levels, in the order of domain.SearchLevels, keeping at
// most limit of each; limited tells that a level had more.
func searchGroups(org domain.Organisation, q domain.Search, hits []domain.SearchHit, limit int) (groups []pages.SearchGroup, limited bool) {
	byLevel := map[string][]domain.SearchHit{}
	for _, h := range hits {
		byLevel[h.Level] = append(byLevel[h.Level], h)
	}
	for _, level := range domain.SearchLevels {
		found := byLevel[level]
		if len(found) == 0 {
			continue
		}
		g := pages.SearchGroup{Key: level, Heading: pages.SearchHeading(org.Labels, level), Hits: found}
		if len(found) > limit {
			g.Hits = found[:limit]
			limited = true
			if q.Level == "" {
				g.More, g.MoreURL = true, pages.SearchLevelURL(org.Slug, q.Text, level)
			}
		}
		groups = append(groups, g)
	}
	return groups, limited
}
