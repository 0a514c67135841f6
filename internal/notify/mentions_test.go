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
// run sends nothing more; a person who chose weekly mentions gets nothing for the hour.
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
	later := time.Now().Add(time.Hour)
	for i, want := range []int{1, 0} {
		got, err := n.RunMentions(ctx, later)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("run %d: queued %d, want %d", i+1, got, want)
		}
	}
	mails := srv.WaitFor(1, 20*time.Second)
	if got := mails[0].To[0]; got != a.email {
		t.Fatalf("the mention went to %s, want %s", got, a.email)
	}
	if got := strings.Count(mails[0].Text, "har nævnt dig: "); got != 2 {
		t.Errorf("%d mentions told, want 2:\n%s", got, mails[0].Text)
	}
	if !strings.Contains(mails[0].Subject, "nævnt i 2 kommentarer") {
		t.Errorf("subject %q", mails[0].Subject)
	}

	if err := st.SetMailPreference(ctx, a.id, domain.MailMention, domain.FrequencyWeekly); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddComment(ctx, domain.Comment{InitiativeID: &item, AuthorID: b.id, Body: "@" + aName}); err != nil {
		t.Fatal(err)
	}
	if got, err := n.RunMentions(ctx, time.Now().Add(time.Hour)); err != nil || got != 0 {
		t.Errorf("weekly chosen: queued %d, %v; want 0 until the week has ended", got, err)
	}
}
