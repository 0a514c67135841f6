package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// A person's calendar feed: an iCalendar of the deadlines and reporting dates of Mine opgaver,
// behind a secret address that a calendar (Outlook, Google, Apple) subscribes to without
// signing in. The address is made and reset on /profil/kalender (linked from Min profil) and
// shown once; only the SHA-256 of its secret is stored (store/calendar_feeds.go).

const (
	calendarSecretPrefix = "kal_"
	calendarPeriods      = 4 // reporting dates: the current follow-up period's end and the next three
)

// calendarPage shows the state of the signed-in person's calendar feed.
func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCalendarPage(w, r, http.StatusOK, "")
}

// renderCalendarPage is the page shared by GET and the POST that makes an address (address is
// the new address, shown this once; "" otherwise).
func (s *Server) renderCalendarPage(w http.ResponseWriter, r *http.Request, status int, address string) error {
	u := currentUser(r)
	org, err := s.readableOrg(r, u.OrganisationID)
	if err != nil {
		return err
	}
	v := pages.CalendarView{Address: address, Leader: leaderUnit(u) != nil}
	feed, err := s.store.GetCalendarFeed(r.Context(), u.ID)
	switch {
	case err == nil:
		v.Feed = &feed
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	p := s.orgPage(r, org, "", "Kalenderabonnement", c.Crumb{Label: "Min profil", Href: "/profil"}, c.Crumb{Label: "Kalenderabonnement"})
	if address != "" {
		w.Header().Set("Cache-Control", "no-store")
	}
	return s.render(w, r, status, pages.Calendar(p, v))
}

// resetCalendar makes a new secret address for the signed-in person's feed (the old one stops
// working at once) and shows it, once.
func (s *Server) resetCalendar(w http.ResponseWriter, r *http.Request) error {
	secret, hash := auth.NewSecret(calendarSecretPrefix)
	if err := s.store.SetCalendarFeed(r.Context(), currentUser(r).ID, hash); err != nil {
		return err
	}
	return s.renderCalendarPage(w, r, http.StatusCreated, s.cfg.BaseURL+"/kalender/"+secret)
}

// deleteCalendar turns the signed-in person's feed off: its address stops working.
func (s *Server) deleteCalendar(w http.ResponseWriter, r *http.Request) error {
	if err := s.store.DeleteCalendarFeed(r.Context(), currentUser(r).ID); err != nil {
		return err
	}
	return s.redirectWithFlash(w, r, "/profil/kalender", "Kalenderabonnementet er slået fra. Adressen virker ikke længere.")
}

// calendarFeed answers the feed behind a secret address: the person's open items with a
// deadline and the end of each follow-up period, as all-day events. An unknown or reset
// address, or a deactivated person, is 404. Two queries for a leader.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) error {
	u, err := s.store.UseCalendarFeed(r.Context(), auth.HashSecret(chi.URLParam(r, "secret")))
	if err != nil {
		return err
	}
	if !auth.Can(&u, auth.Read, auth.InOrganisation(u.OrganisationID)) {
		return store.ErrNotFound
	}
	var events []icsEvent
	if unitID := leaderUnit(&u); unitID != nil {
		items, err := s.store.ListTaskItems(r.Context(), *unitID)
		if err != nil {
			return err
		}
		events = s.calendarEvents(items)
	}
	return withBuffer(func(buf *bytes.Buffer) error {
		writeICS(buf, "Sporbar: "+u.Name, s.now(), events)
		return writeBody(w, r, http.StatusOK, "text/calendar; charset=utf-8", buf)
	})
}

// calendarEvents are the deadlines of the items (as Mine opgaver lists them) and, for each
// follow-up rhythm among them, the ends of the follow-up periods with the items that still lack
// a status this period.
func (s *Server) calendarEvents(items []store.TaskItem) []icsEvent {
	today := s.today()
	host := hostOf(s.cfg.BaseURL)
	var events []icsEvent
	missing := map[int32][]string{} // rhythm → the items without a status this period
	rhythms := []int32{}
	for _, it := range items {
		name := it.Title
		if it.Code != "" {
			name = it.Code + " " + it.Title
		}
		if it.Deadline != nil {
			events = append(events, icsEvent{
				UID:         fmt.Sprintf("frist-%s-%d@%s", it.Entity, it.ID, host),
				Day:         *it.Deadline,
				Summary:     "Frist: " + name,
				Description: taskPlace(it),
				URL:         s.cfg.BaseURL + string(c.EntityURL(it.Entity, it.ID)),
			})
		}
		if _, ok := missing[it.FollowUpMonths]; !ok {
			missing[it.FollowUpMonths] = nil
			rhythms = append(rhythms, it.FollowUpMonths)
		}
		if domain.MissingFollowUp(it.StatusPhase, it.StatusAsOf, today, int(it.FollowUpMonths)) {
			missing[it.FollowUpMonths] = append(missing[it.FollowUpMonths], name)
		}
	}
	for _, months := range rhythms {
		for i, end := range domain.FollowUpPeriodEnds(today, int(months), calendarPeriods) {
			e := icsEvent{UID: fmt.Sprintf("opfoelgning-%d-%s@%s", months, end.Format("20060102"), host), Day: end,
				Summary: "Opfølgning: statusopdatering senest i dag", URL: s.cfg.BaseURL + "/mine-opgaver",
				Description: "Opfølgningsperioden slutter. Giv status på de elementer, du følger op på."}
			if i == 0 && len(missing[months]) > 0 {
				e.Description += fmt.Sprintf("\nMangler status i perioden (%d):", len(missing[months]))
				for _, n := range missing[months] {
					e.Description += "\n- " + n
				}
			}
			events = append(events, e)
		}
	}
	return events
}

// taskPlace says where an item belongs: its unit and the initiative it is under.
func taskPlace(it store.TaskItem) string {
	if it.ParentTitle == "" {
		return it.UnitName
	}
	return it.UnitName + "\n" + it.ParentTitle
}

// hostOf is the host of BASE_URL, the domain of the events' UIDs.
func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return "sporbar"
}
