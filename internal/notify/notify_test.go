package notify_test

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
)

const baseURL = "http://sporbar.test"

// newNotifier returns a started Notifier sending to srv; it stops when the test ends.
func newNotifier(t *testing.T, st *store.Store, srv *mailtest.Server, maxAttempts int) *notify.Notifier {
	t.Helper()
	return mailtest.StartNotifier(t, st, baseURL, srv, maxAttempts)
}

// leader is an områdeleder made for the test, with the unit they lead.
type leader struct {
	id     int64
	email  string
	unitID int64
}

// seedLeaders makes, for the first two units without units under them that are the lower party
// of an agreement, an
// områdeleder and three local initiatives under the organisation's first general initiative
// (one of them implemented, which needs no follow-up); it returns the leaders.
func seedLeaders(t *testing.T, st *store.Store) []leader {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `SELECT a.lower_unit_id, a.organisation_id,
			(SELECT min(i.id) FROM initiatives i JOIN tracks tr ON tr.id = i.track_id JOIN strategies s ON s.id = tr.strategy_id
			 WHERE s.organisation_id = a.organisation_id AND i.kind = 'general') AS general_id
		FROM agreements a WHERE a.archived_at IS NULL
		  AND NOT EXISTS (SELECT 1 FROM units c WHERE c.parent_id = a.lower_unit_id) ORDER BY a.id LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	type unitOrg struct{ LowerUnitID, OrganisationID, GeneralID int64 }
	units, err := pgx.CollectRows(rows, pgx.RowToStructByName[unitOrg])
	if err != nil || len(units) != 2 {
		t.Fatalf("units: %v, %v", units, err)
	}
	var out []leader
	for i, u := range units {
		email := []string{"ol.a@kommune.test", "ol.b@kommune.test"}[i]
		id, err := st.CreateUser(ctx, domain.User{OrganisationID: u.OrganisationID, UnitID: &u.LowerUnitID,
			Email: email, Name: "Leder " + email[3:4], Role: domain.RoleOmraadeleder, PasswordHash: "x", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		for k, title := range []string{"Tidlig opsporing", "Rehabilitering", "Afsluttet projekt"} {
			iid, err := st.CreateInitiative(ctx, domain.Initiative{Kind: domain.InitiativeLocal, ParentID: &u.GeneralID,
				UnitID: &u.LowerUnitID, Number: int32(k + 1), Title: title})
			if err != nil {
				t.Fatal(err)
			}
			if k == 2 {
				su := domain.StatusUpdate{InitiativeID: &iid, Phase: domain.PhaseImplemented, Health: domain.HealthOnTrack,
					Progress: 100, AsOf: day("2025-06-01"), AuthorID: id}
				if _, err := st.PostStatusUpdate(ctx, su); err != nil {
					t.Fatal(err)
				}
			}
		}
		out = append(out, leader{id: id, email: email, unitID: u.LowerUnitID})
	}
	return out
}

// missingURLs lists the links of the unit's items that lack a status in the period of today,
// worked out with domain.MissingFollowUp.
func missingURLs(t *testing.T, st *store.Store, unitID int64, today time.Time) []string {
	t.Helper()
	items, err := st.ListTaskItems(context.Background(), unitID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		if domain.MissingFollowUp(it.StatusPhase, it.StatusAsOf, today, int(it.FollowUpMonths)) {
			out = append(out, baseURL+string(components.EntityURL(it.Entity, it.ID)))
		}
	}
	sort.Strings(out)
	return out
}

// mailLinks returns the item links of a mail's HTML part, parsed, in order.
func mailLinks(t *testing.T, m mailtest.Mail) []string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(m.HTML))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	doc.Find("li a").Each(func(_ int, a *goquery.Selection) { out = append(out, a.AttrOr("href", "")) })
	sort.Strings(out)
	return out
}

func day(s string) time.Time {
	d, _ := time.ParseInLocation("2006-01-02 15:04", s+" 08:00", time.UTC)
	return d
}

// TestReminders: a period ending in 14 days gives one digest per områdeleder with exactly their
// missing items; the same day again sends nothing; after the status is posted the next run
// sends that leader nothing.
func TestReminders(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.NewSeeded(t))
	srv := mailtest.Start(t)
	n := newNotifier(t, st, srv, 3)
	leaders := seedLeaders(t, st)
	a, b := leaders[0], leaders[1]
	today := day("2026-03-17") // the quarter ends 31 March: 14 days

	steps := []struct {
		name   string
		at     time.Time
		before func(t *testing.T)
		want   []string // who gets a new mail
	}{
		{name: "14 days before", at: today, want: []string{a.email, b.email}},
		{name: "same day again", at: today.Add(3 * time.Hour)},
		{name: "3 days before, A has posted", at: day("2026-03-28"), before: func(t *testing.T) {
			for _, u := range missingURLs(t, st, a.unitID, today) {
				postStatus(t, st, u, a.id, day("2026-03-20"))
			}
		}, want: []string{b.email}},
		{name: "the day after", at: day("2026-03-29")},
	}
	seen := 0
	for _, s := range steps {
		if s.before != nil {
			s.before(t)
		}
		expect := map[string][]string{}
		for _, l := range leaders {
			expect[l.email] = missingURLs(t, st, l.unitID, s.at)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		queued, err := n.RunReminders(ctx, s.at)
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if queued != len(s.want) {
			t.Errorf("%s: queued %d, want %d", s.name, queued, len(s.want))
		}
		all := srv.WaitFor(seen+len(s.want), 20*time.Second)
		if len(s.want) == 0 {
			time.Sleep(time.Second) // anything wrongly queued would arrive by now
			all = srv.Mails()
		}
		fresh := all[seen:]
		seen = len(all)
		var got []string
		for _, m := range fresh {
			got = append(got, m.To[0])
			if diff := cmp.Diff(expect[m.To[0]], mailLinks(t, m)); diff != "" {
				t.Errorf("%s: %s's items (-want +got):\n%s", s.name, m.To[0], diff)
			}
		}
		sort.Strings(got)
		if diff := cmp.Diff(s.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: new mails to (-want +got):\n%s", s.name, diff)
		}
	}
}

// postStatus posts a status on the item behind the link, dated asOf.
func postStatus(t *testing.T, st *store.Store, link string, author int64, asOf time.Time) {
	t.Helper()
	parts := strings.Split(strings.TrimPrefix(link, baseURL), "/") // "", "indsatser", "12"
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		t.Fatalf("%s: %v", link, err)
	}
	su := domain.StatusUpdate{Phase: domain.PhaseImplementing, Health: domain.HealthOnTrack, Progress: 50,
		AsOf: asOf, AuthorID: author}
	if parts[1] == "handleplaner" {
		su.ActionPlanID = &id
	} else {
		su.InitiativeID = &id
	}
	if _, err := st.PostStatusUpdate(context.Background(), su); err != nil {
		t.Fatal(err)
	}
}
