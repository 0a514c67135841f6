package notify_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestTwoSchedulers: two notifiers (two River clients, as two instances of Sporbar) on one
// database work out the same day's reminders at once; each mail is sent once.
func TestTwoSchedulers(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.NewSeeded(t))
	srv := mailtest.Start(t)
	one, two := newNotifier(t, st, srv, 3), newNotifier(t, st, srv, 3)
	leaders := seedLeaders(t, st)
	at := day("2026-03-17")
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i, n := range []interface {
		RunReminders(context.Context, time.Time) (int, error)
	}{one, two} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, err := n.RunReminders(ctx, at)
			if err != nil {
				t.Errorf("scheduler %d: %v", i+1, err)
			}
			counts[i] = c
		}()
	}
	wg.Wait()
	if got := counts[0] + counts[1]; got != len(leaders) {
		t.Errorf("queued %d in all (%v), want %d", got, counts, len(leaders))
	}
	srv.WaitFor(len(leaders)+1, 5*time.Second) // waits the full time: a duplicate would arrive by then
	for _, l := range leaders {
		if got := len(srv.MailsTo(l.email)); got != 1 {
			t.Errorf("%s got %d mails, want 1", l.email, got)
		}
	}
}

// TestDeliveryFailures: a server that refuses is retried and the reason is kept on the mail
// until it is sent; a server that stays down leaves the mail failed with its reason, visible
// to the operator (store.ListMails); nothing is lost.
func TestDeliveryFailures(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.NewSeeded(t))
	srv := mailtest.Start(t)
	n := newNotifier(t, st, srv, 3)
	leaders := seedLeaders(t, st)
	ctx := context.Background()

	srv.Refuse(true)
	if _, err := n.RunReminders(ctx, day("2026-03-17")); err != nil {
		t.Fatal(err)
	}
	mails := waitMails(t, st, func(ms []domain.OutboxMail) bool {
		for _, m := range ms {
			if m.Attempts == 0 || !strings.Contains(m.LastError, "451") {
				return false
			}
		}
		return len(ms) == len(leaders)
	})
	for _, m := range mails {
		if m.State != domain.MailQueued {
			t.Errorf("refused mail %d: state %s, want queued (to be retried)", m.ID, m.State)
		}
	}
	srv.Refuse(false)
	waitMails(t, st, func(ms []domain.OutboxMail) bool {
		for _, m := range ms {
			if m.State != domain.MailSent {
				return false
			}
		}
		return true
	})
	if got := len(srv.Mails()); got != len(leaders) {
		t.Errorf("mails caught after the server took them again: %d, want %d", got, len(leaders))
	}

	srv.Stop()
	if _, err := n.RunReminders(ctx, day("2026-03-28")); err != nil {
		t.Fatal(err)
	}
	failed := waitMails(t, st, func(ms []domain.OutboxMail) bool {
		for _, m := range ms {
			if m.State == domain.MailQueued {
				return false
			}
		}
		return true
	})
	var down int
	for _, m := range failed {
		if m.State == domain.MailFailed {
			down++
			if m.Attempts != 3 || m.LastError == "" || m.Subject == "" {
				t.Errorf("failed mail %d: attempts %d, reason %q, subject %q", m.ID, m.Attempts, m.LastError, m.Subject)
			}
		}
	}
	if down != len(leaders) {
		t.Errorf("failed mails = %d, want %d", down, len(leaders))
	}
}

// waitMails polls the outbox (each poll its own short deadline) until ok or 60 s have passed.
func waitMails(t *testing.T, st *store.Store, ok func([]domain.OutboxMail) bool) []domain.OutboxMail {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		ms, err := st.ListMails(ctx, 0, 100)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if ok(ms) {
			return ms
		}
		if time.Now().After(deadline) {
			for _, m := range ms {
				t.Logf("mail %d %s attempts %d: %s", m.ID, m.State, m.Attempts, m.LastError)
			}
			t.Fatal("the outbox did not reach the state waited for within 60 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestEscalation: a week after the period ended with statuses still missing, each leader gets
// a reminder and the fagchef over them one escalation listing the items of both units.
func TestEscalation(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.NewSeeded(t))
	srv := mailtest.Start(t)
	n := newNotifier(t, st, srv, 3)
	leaders := seedLeaders(t, st)
	ctx := context.Background()
	var orgID, parentID int64
	if err := st.Pool().QueryRow(ctx, `SELECT organisation_id, parent_id FROM units WHERE id = $1`, leaders[0].unitID).
		Scan(&orgID, &parentID); err != nil {
		t.Fatal(err)
	}
	const fagchef = "fagchef@kommune.test"
	if _, err := st.CreateUser(ctx, domain.User{OrganisationID: orgID, UnitID: &parentID, Email: fagchef, Name: "Fagchef",
		Role: domain.RoleFagchef, PasswordHash: "x", Active: true}); err != nil {
		t.Fatal(err)
	}
	at := day("2026-04-07") // 7 days after 31 March
	queued, err := n.RunReminders(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	if queued != 3 {
		t.Errorf("queued %d, want 3 (two leaders and the fagchef)", queued)
	}
	srv.WaitFor(3, 20*time.Second)
	got := srv.MailsTo(fagchef)
	if len(got) != 1 {
		t.Fatalf("the fagchef got %d mails, want 1", len(got))
	}
	links := mailLinks(t, got[0])
	for _, l := range leaders {
		for _, u := range missingURLs(t, st, l.unitID, day("2026-03-31")) {
			if !slices.Contains(links, u) {
				t.Errorf("the escalation lacks %s of unit %d", u, l.unitID)
			}
		}
	}
	if !strings.Contains(got[0].Text, "sluttede for 7 dage siden") {
		t.Errorf("the escalation does not say how long ago the period ended:\n%s", got[0].Text)
	}
}
