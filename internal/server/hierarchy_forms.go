package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// The administration forms of the hierarchy (issue 6) share one shape: a list of fields that
// is shown, decoded and checked the same way, a create or an edit with the hidden version, 422
// with the typed values kept, 409 with the stored values beside the typed ones, and a redirect
// with a flash message.

// hierarchyOrg returns the organisation with id if the signed-in person may edit its hierarchy.
func (s *Server) hierarchyOrg(r *http.Request, orgID int64) (domain.Organisation, error) {
	if err := s.authorize(r, auth.EditHierarchy, auth.InOrganisation(orgID)); err != nil {
		return domain.Organisation{}, err
	}
	return s.store.GetOrganisation(r.Context(), orgID)
}

// hierarchyOrgBySlug is hierarchyOrg for the organisation named in the path.
func (s *Server) hierarchyOrgBySlug(r *http.Request) (domain.Organisation, error) {
	org, err := s.store.GetOrganisationBySlug(r.Context(), chi.URLParam(r, "org"))
	if err != nil {
		return org, err
	}
	return org, s.authorize(r, auth.EditHierarchy, auth.InOrganisation(org.ID))
}

// field is one field of an administration form.
type field struct {
	name, label, hint string
	subject           string // the label as a sentence's subject, "Titlen" ("" for the label)
	kind              string // "text" (the default), "textarea", "select", "checks" or "number"
	required          bool
	max               int // characters (text: 300 when 0; textarea: 10000)
	min, most         int // a number's range
	options           []c.Option
	groups            []pages.CheckGroup
}

// formValues are a form's values by field name, as typed; checkboxes are joined with ",".
type formValues map[string]string

func (f field) what() string {
	if f.subject != "" {
		return f.subject
	}
	return f.label
}

// decodeFields reads and checks the posted fields.
func decodeFields(form url.Values, fields []field) (formValues, domain.Errors) {
	vals, errs := formValues{}, domain.Errors{}
	for _, f := range fields {
		switch f.kind {
		case "textarea":
			vals[f.name] = multilineField(form, f.name, f.what(), cmpOr(f.max, 10000), errs)
			if f.required {
				errs.Required(f.name, vals[f.name], f.what())
			}
		case "select":
			v := strings.TrimSpace(form.Get(f.name))
			if !slices.ContainsFunc(f.options, func(o c.Option) bool { return o.Value == v }) {
				errs.Add(f.name, "Vælg "+strings.ToLower(f.label)+" fra listen.")
			}
			vals[f.name] = v
		case "checks":
			typed, _ := idsField(form, f.name, "Vælg fra listen.", errs)
			for _, v := range typed {
				if !offered(f.groups, v) {
					errs.Add(f.name, "Vælg fra listen.")
				}
			}
			vals[f.name] = strings.Join(typed, ",")
		case "number":
			v := strings.TrimSpace(form.Get(f.name))
			if n, err := strconv.Atoi(v); err != nil || n < f.min || n > f.most {
				errs.Add(f.name, fmt.Sprintf("%s skal være et helt tal fra %d til %d.", f.what(), f.min, f.most))
			}
			vals[f.name] = v
		default:
			vals[f.name] = textField(form, f.name, f.what(), cmpOr(f.max, 300), f.required, errs)
		}
	}
	return vals, errs
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func offered(groups []pages.CheckGroup, v string) bool {
	for _, g := range groups {
		for _, o := range g.Options {
			if o.Value == v {
				return true
			}
		}
	}
	return false
}

// formFields are the fields as the page shows them, with their values and messages.
func formFields(fields []field, vals formValues, errs domain.Errors) []pages.FormField {
	out := make([]pages.FormField, len(fields))
	for i, f := range fields {
		fd := pages.FormField{Kind: f.kind, Options: f.options, Field: c.Field{Name: f.name, Label: f.label, Hint: f.hint,
			Value: vals[f.name], Error: errs[f.name], Required: f.required || f.kind == "number"}}
		if f.kind == "checks" {
			checked := strings.Split(vals[f.name], ",")
			for _, g := range f.groups {
				grp := pages.CheckGroup{Legend: g.Legend}
				for _, o := range g.Options {
					o.Checked = slices.Contains(checked, o.Value)
					grp.Options = append(grp.Options, o)
				}
				fd.Groups = append(fd.Groups, grp)
			}
		}
		out[i] = fd
	}
	return out
}

// shown is a field's value as a person reads it: a choice's label, checkboxes' labels.
func (f field) shown(v string) string {
	switch f.kind {
	case "select":
		for _, o := range f.options {
			if o.Value == v {
				return o.Label
			}
		}
	case "checks":
		var labels []string
		for _, g := range f.groups {
			for _, o := range g.Options {
				if slices.Contains(strings.Split(v, ","), o.Value) {
					labels = append(labels, o.Label)
				}
			}
		}
		return strings.Join(labels, "; ")
	}
	return v
}

// conflictOf lists the fields where the stored and the typed values differ.
func conflictOf(fields []field, stored, typed formValues) []pages.ConflictRow {
	var rows []pages.ConflictRow
	for _, f := range fields {
		if theirs, yours := f.shown(stored[f.name]), f.shown(typed[f.name]); theirs != yours {
			rows = append(rows, pages.ConflictRow{Label: f.label, Theirs: theirs, Yours: yours})
		}
	}
	return rows
}

// hierarchyForm is one administration form with its page.
type hierarchyForm struct {
	org    domain.Organisation
	title  string    // the page's title and last crumb
	crumbs []c.Crumb // between the organisation and the page
	view   pages.HierarchyForm
	fields []field
	unique string                          // the field whose value must be unique among the item's siblings ("" for none)
	taken  string                          // the message when it is not
	check  func(formValues, domain.Errors) // checks between fields, after each field's own (nil for none)
}

// showForm renders the form with vals and errs at version; a conflict's rows make it the 409 view.
func (s *Server) showForm(w http.ResponseWriter, r *http.Request, hf hierarchyForm, vals formValues, errs domain.Errors,
	version int32, conflict []pages.ConflictRow, status int) error {
	v := hf.view
	v.Fields, v.Errors, v.Version = formFields(hf.fields, vals, errs), errs, version
	v.Conflict, v.Conflicted = conflict, status == http.StatusConflict
	if v.Controls != nil {
		v.Controls.Version = version
	}
	p := s.orgPage(r, hf.org, "admin", hf.title, append(slices.Clone(hf.crumbs), c.Crumb{Label: hf.title})...)
	return s.render(w, r, status, pages.HierarchyEdit(p, v))
}

// errNumberTaken tells saveForm that the unique field's value is taken.
var errNumberTaken = errors.New("taken")

// fieldError tells saveForm to show msg beside the field name (422).
type fieldError struct{ name, msg string }

func (e *fieldError) Error() string { return e.name + ": " + e.msg }

// saveForm decodes the posted form and, when it is right, has save store it at the posted
// version (0 when creating). With messages the form comes back (422). ErrConflict from save is
// someone else's change (the stored values beside the typed ones, 409, at the stored version),
// or, when the item did not change, a taken number or name (422); errNumberTaken is the
// latter. On success it redirects to the address save returns, with msg.
func (s *Server) saveForm(w http.ResponseWriter, r *http.Request, hf hierarchyForm, stored func() (formValues, int32, error),
	save func(formValues, int32) (string, error), msg string) error {
	vals, errs := decodeFields(r.PostForm, hf.fields)
	if hf.check != nil {
		hf.check(vals, errs)
	}
	var version int32
	if stored != nil {
		v, err := decodeVersion(r.PostForm)
		if err != nil {
			return err
		}
		version = v
	}
	if errs.Any() {
		return s.showForm(w, r, hf, vals, errs, version, nil, http.StatusUnprocessableEntity)
	}
	to, err := save(vals, version)
	if fe := (*fieldError)(nil); errors.As(err, &fe) {
		errs.Add(fe.name, fe.msg)
		return s.showForm(w, r, hf, vals, errs, version, nil, http.StatusUnprocessableEntity)
	}
	if errors.Is(err, store.ErrConflict) && stored != nil {
		theirs, v, err := stored()
		if err != nil {
			return err
		}
		if v != version || hf.unique == "" {
			return s.showForm(w, r, hf, vals, errs, v, conflictOf(hf.fields, theirs, vals), http.StatusConflict)
		}
		errs.Add(hf.unique, hf.taken)
		return s.showForm(w, r, hf, vals, errs, version, nil, http.StatusUnprocessableEntity)
	}
	if (errors.Is(err, store.ErrConflict) || errors.Is(err, errNumberTaken)) && hf.unique != "" {
		errs.Add(hf.unique, hf.taken)
		return s.showForm(w, r, hf, vals, errs, version, nil, http.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, to, msg)
}

// atoi32 reads a number that decodeFields has checked.
func atoi32(s string) int32 {
	n, _ := strconv.Atoi(s)
	return int32(n)
}

// idList reads checked ids that decodeFields has checked.
func idList(s string) []int64 {
	var ids []int64
	for _, p := range strings.Split(s, ",") {
		if id, ok := parseID(p); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// optionalID reads a select's id ("" is none).
func optionalID(s string) *int64 {
	if id, ok := parseID(s); ok {
		return &id
	}
	return nil
}

// idText writes an optional id as a select's value.
func idText(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// canEditHierarchy reports whether the signed-in person may edit the organisation's hierarchy
// (for the Rediger and Ny links on the pages that show it).
func canEditHierarchy(r *http.Request, orgID int64) bool {
	return can(r, auth.EditHierarchy, auth.InOrganisation(orgID))
}
