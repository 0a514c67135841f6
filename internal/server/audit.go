package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// auditLogLimit is the most history entries the administration's log shows at once.
const auditLogLimit = 200

// auditLog is the organisation's whole change history for its admins, newest first, at most
// auditLogLimit entries (with a note when there are more). The GET form filters it by person
// ("person": a user id of the organisation), kind of item ("type"), the item's title ("titel",
// a case-insensitive part of it) or id ("id"), and a date range ("fra" and "til", both
// inclusive, Danish dates). A wrong filter value gives the page with a message beside the
// field and status 400, never a 500. Three queries (four with the session's).
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request) error {
	org, err := s.adminOrg(r)
	if err != nil {
		return err
	}
	users, err := s.store.ListUsersByOrganisation(r.Context(), org.ID)
	if err != nil {
		return err
	}
	v := pages.AuditLogView{Org: org, Users: users, Limit: auditLogLimit}
	filter := s.decodeAuditFilter(r.URL.Query(), org, users, &v.Filter)
	status := http.StatusOK
	if v.Filter.Errors.Any() {
		status = http.StatusBadRequest
	} else {
		filter.Limit = auditLogLimit + 1
		if v.Entries, err = s.store.ListAudit(r.Context(), filter); err != nil {
			return err
		}
		if len(v.Entries) > auditLogLimit {
			v.Entries, v.Truncated = v.Entries[:auditLogLimit], true
		}
	}
	p := s.orgPage(r, org, "admin", "Historik", c.Crumb{Label: "Administration", Href: "/admin/brugere"},
		c.Crumb{Label: "Historik"})
	return s.render(w, r, status, pages.AuditLog(p, v))
}

// decodeAuditFilter reads the log's filter from the query into f (values kept as typed, made
// valid UTF-8 for showing) and returns the store's filter; f.Errors says what is wrong.
func (s *Server) decodeAuditFilter(q url.Values, org domain.Organisation, users []domain.UserRow,
	f *pages.AuditLogFilter) store.AuditFilter {
	get := func(name string) (raw, shown string) {
		raw = strings.TrimSpace(q.Get(name))
		return raw, strings.ReplaceAll(strings.ToValidUTF8(raw, "\uFFFD"), "\x00", "\uFFFD")
	}
	var person, entity, title, id, from, to string
	person, f.Person = get("person")
	entity, f.Entity = get("type")
	title, f.Title = get("titel")
	id, f.ID = get("id")
	from, f.From = get("fra")
	to, f.To = get("til")
	f.Errors = domain.Errors{}
	filter := store.AuditFilter{OrganisationID: org.ID}

	if person != "" {
		n, err := strconv.ParseInt(person, 10, 64)
		if err != nil || !slices.ContainsFunc(users, func(u domain.UserRow) bool { return u.ID == n }) {
			f.Errors.Add("person", "Vælg en person fra listen.")
		}
		filter.ActorID = n
	}
	if !slices.ContainsFunc(pages.AuditEntityOptions(org), func(o c.Option) bool { return o.Value == entity }) {
		f.Errors.Add("type", "Vælg en type fra listen.")
	}
	filter.Entity = entity
	f.Errors.MaxLength("titel", title, "Søgeteksten", 200)
	if strings.ContainsRune(title, 0) {
		f.Errors.Add("titel", "Søgeteksten indeholder ugyldige tegn.")
	}
	filter.Title = title
	if id != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(id, "#"), 10, 64)
		if err != nil || n <= 0 {
			f.Errors.Add("id", "Skriv id'et som et helt tal, fx 42.")
		}
		filter.EntityID = n
	}
	filter.From = s.filterDate(f, "fra", from)
	if end := s.filterDate(f, "til", to); end != nil {
		next := end.AddDate(0, 0, 1) // "til" is inclusive; the store's To is not
		filter.To = &next
		if filter.From != nil && end.Before(*filter.From) {
			f.Errors.Add("til", "Til-datoen må ikke ligge før fra-datoen.")
		}
	}
	return filter
}

// filterDate reads a date field ("" is no date) as the start of that day in Danish time.
func (s *Server) filterDate(f *pages.AuditLogFilter, field, v string) *time.Time {
	if v == "" {
		return nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, s.loc)
	if err != nil || !utf8.ValidString(v) || t.Year() < 1 {
		f.Errors.Add(field, "Skriv datoen som åååå-mm-dd, fx 2026-03-01.")
		return nil
	}
	return &t
}
