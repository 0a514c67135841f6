package server

import (
	"net/http"
	"strconv"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// "Mine opgaver": a leader's own page. No GET changes anything; opening an entry of "Nyt fra
// andre" is a POST that marks it read and redirects to its item.

const (
	taskDueDays       = 30 // "due soon" looks this many days ahead
	taskActivityLimit = 50 // the most unread entries shown at once
)

// leaderUnit returns the unit whose work the signed-in person leads: a fagchef's or an
// områdeleder's unit; nil for everyone else.
func leaderUnit(u *domain.User) *int64 {
	if u == nil || u.UnitID == nil || (u.Role != domain.RoleFagchef && u.Role != domain.RoleOmraadeleder) {
		return nil
	}
	return u.UnitID
}

// myTasks shows the signed-in leader their agreements (those their unit is a party to: an
// områdeleder's område agreement; a fagchef's overordnet agreement and the områder's under
// it), the items of their unit and the units under it with a deadline in the next 30 days (or
// past it) and not implemented, the items without a status update this follow-up period, and
// what others did on those items that they have not read. Anyone else gets an explanation and
// a link to the agreements. Five queries for a leader and one for anyone else (plus the session's),
// whatever the data.
func (s *Server) myTasks(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := currentUser(r)
	org, err := s.readableOrg(r, u.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.TasksView{Org: org, Role: u.Role, DueDays: taskDueDays}
	if unitID := leaderUnit(u); unitID != nil {
		v.Leader = true
		unit, err := s.store.GetUnit(ctx, *unitID)
		if err != nil {
			return err
		}
		v.UnitName = unit.Name
		if v.Agreements, err = s.store.ListAgreementsByUnit(ctx, unit.ID); err != nil {
			return err
		}
		items, err := s.store.ListTaskItems(ctx, unit.ID)
		if err != nil {
			return err
		}
		v.DueSoon, v.Missing = s.sortTasks(items)
		if v.Activity, v.ActivityTotal, err = s.store.ListUnreadActivity(ctx, u.ID, unit.ID, taskActivityLimit); err != nil {
			return err
		}
		for _, e := range v.Activity {
			v.ActivityUpTo = max(v.ActivityUpTo, e.ID)
		}
	}
	p := s.orgPage(r, org, "opgaver", "Mine opgaver", c.Crumb{Label: "Mine opgaver"})
	return s.render(w, r, http.StatusOK, pages.Tasks(p, v))
}

// sortTasks picks from the open items (in deadline order) those due within taskDueDays of today
// or overdue, and those missing their follow-up this period (domain.MissingFollowUp with the
// rhythm of the item's agreement).
func (s *Server) sortTasks(items []store.TaskItem) (due, missing []pages.TaskItem) {
	today := s.today()
	horizon := today.AddDate(0, 0, taskDueDays)
	for _, it := range items {
		t := pages.TaskItem{Entity: it.Entity, ID: it.ID, Kind: it.Kind, Code: it.Code, Title: it.Title,
			ParentTitle: it.ParentTitle, UnitName: it.UnitName,
			Status: c.StatusOf{Status: it.Status, Deadline: it.Deadline, FollowUpMonths: it.FollowUpMonths, Today: today}}
		if it.Deadline != nil && !it.Deadline.After(horizon) {
			due = append(due, t)
		}
		if domain.MissingFollowUp(it.StatusPhase, it.StatusAsOf, today, int(it.FollowUpMonths)) {
			missing = append(missing, t)
		}
	}
	return due, missing
}

// openActivity marks the history entry read for the signed-in person and redirects (303) to
// the item it is about. An entry of another organisation answers as a missing one: 404, not marked.
func (s *Server) openActivity(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	u := currentUser(r)
	org, entity, entityID, err := s.store.MarkActivityRead(r.Context(), u.ID, u.OrganisationID, id)
	if err != nil {
		return err
	}
	if err := s.authorize(r, auth.Read, auth.InOrganisation(org)); err != nil {
		return err
	}
	to := string(c.EntityURL(entity, entityID))
	if to == "#" {
		to = "/mine-opgaver"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// markAllActivityRead marks read every unread entry of the signed-in leader up to "upto" (the
// newest the page showed, so that what arrived since stays unread) and goes back to Mine
// opgaver with a message.
func (s *Server) markAllActivityRead(w http.ResponseWriter, r *http.Request) error {
	upTo, err := strconv.ParseInt(r.PostFormValue("upto"), 10, 64)
	if err != nil || upTo < 0 {
		return badRequest("Formularen mangler oplysningen om, hvad du har set. Hent siden igen.")
	}
	u := currentUser(r)
	unitID := leaderUnit(u)
	if unitID == nil {
		return s.redirectWithFlash(w, r, "/mine-opgaver", "Der er ingen hændelser at markere som læst.")
	}
	n, err := s.store.MarkAllActivityRead(r.Context(), u.ID, *unitID, upTo)
	if err != nil {
		return err
	}
	msg := "Alle hændelser er markeret som læst."
	if n == 1 {
		msg = "Hændelsen er markeret som læst."
	}
	return s.redirectWithFlash(w, r, "/mine-opgaver", msg)
}
