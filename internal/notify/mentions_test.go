package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestMentions: two comments in one hour that mention a leader (by name and by e-mail) are one
// mail to that leader quoting both; the author who mentions themself gets nothing; a second
// run sends nothing more. A person who chose weekly mentions gets nothing for the hour, nor
// one whose organisation's default is never; with the default "now" they get their mail.
func TestMentions(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.NewSeeded(t))
	srv := mailtest.Start(t)
	n := newNotifier(t, st, srv, 3)
	leaders := seedLeaders(t, st)
	a, b := leaders[0], leaders[1]
	ctx := context.Background()
	var aName, bName string
	if err := st.Pool().QueryRow(ctx, `SELECT (SELECT name FROM users WHERE id = $1), (SELECT name FROM users WHERE id = $2)`,
		a.id, b.id).Scan(&aName, &bName); err != nil {
		t.Fatal(err)
	}
	item := itemID(t, missingURLs(t, st, a.unitID, time.Now())[0])
	for _, body := range []string{"@" + strings.ToUpper(aName) + " og @" + bName + ": se her.", "cc @" + a.email} {
		if _, err := st.AddComment(ctx, domain.Comment{InitiativeID: &item, AuthorID: b.id, Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	var hours int // the comments may fall on both sides of an hour on a slow machine
	if err := st.Pool().QueryRow(ctx, `SELECT count(DISTINCT date_trunc('hour', at)) FROM audit_log
		WHERE action = 'comment' AND actor_id = $1`, b.id).Scan(&hours); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	for i, want := range []int{hours, 0} {
		got, err := n.RunMentions(ctx, later)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("run %d: queued %d, want %d", i+1, got, want)
		}
	}
	var text string
	for _, m := range srv.WaitFor(hours, 20*time.Second) {
		if m.To[0] != a.email {
			t.Fatalf("the mention went to %s, want %s", m.To[0], a.email)
		}
		text += m.Text
	}
	if got := strings.Count(text, "har nævnt dig: "); got != 2 {
		t.Errorf("%d mentions told, want 2:\n%s", got, text)
	}

	// b, not mailed yet, is mentioned by a: their choices decide.
	if err := st.SetMailPreference(ctx, b.id, domain.MailMention, domain.FrequencyWeekly); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddComment(ctx, domain.Comment{InitiativeID: &item, AuthorID: a.id, Body: "@" + bName}); err != nil {
		t.Fatal(err)
	}
	if got, err := n.RunMentions(ctx, time.Now().Add(time.Hour)); err != nil || got != 0 {
		t.Errorf("weekly chosen: queued %d, %v; want 0 until the week has ended", got, err)
	}

	var orgID int64
	if err := st.Pool().QueryRow(ctx, `SELECT organisation_id FROM users WHERE id = $1`, b.id).Scan(&orgID); err != nil {
		t.Fatal(err)
	}
	if err := st.SetMailPreference(ctx, b.id, domain.MailMention, ""); err != nil {
		t.Fatal(err)
	}
	if err := st.SetMailDefault(ctx, orgID, domain.MailMention, domain.FrequencyNever); err != nil {
		t.Fatal(err)
	}
	if got, err := n.RunMentions(ctx, time.Now().Add(time.Hour)); err != nil || got != 0 {
		t.Errorf("the organisation's default never: queued %d, %v; want 0", got, err)
	}
	if err := st.SetMailDefault(ctx, orgID, domain.MailMention, domain.FrequencyNow); err != nil {
		t.Fatal(err)
	}
	if got, err := n.RunMentions(ctx, time.Now().Add(time.Hour)); err != nil || got != 1 {
		t.Errorf("the organisation's default now: queued %d, %v; want 1", got, err)
	}
}
