package server

import (
	"net/http"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// page returns the layout data for a page outside any organisation.
func (s *Server) page(r *http.Request, title string) c.Page {
	flash, _ := r.Context().Value(ctxFlash).(string)
	return c.Page{Title: title, User: layoutUser(r), Flash: flash}
}

// orgPage returns the layout data for a page of org: the breadcrumb starts at the organisation
// and its vision and ends with the page itself (crumbs after the organisation, the last being
// this page).
func (s *Server) orgPage(r *http.Request, org domain.Organisation, nav, title string, crumbs ...c.Crumb) c.Page {
	p := s.page(r, title)
	p.Org = &org
	p.Nav = nav
	p.Crumbs = append([]c.Crumb{c.OrgCrumb(org)}, crumbs...)
	return p
}

// layoutUser is the signed-in person for the layout, or nil.
func layoutUser(r *http.Request) *c.User {
	u := currentUser(r)
	if u == nil {
		return nil
	}
	return &c.User{Name: u.Name, Email: u.Email, Role: u.Role}
}
