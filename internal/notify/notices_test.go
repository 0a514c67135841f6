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

// TestNotices: two comments and a status set to kritisk by someone else on a leader's items in
// one hour are one mail to that leader listing the three, and nothing to the other leader; a
// second run sends nothing more.
func TestNotices(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.NewSeeded(t))
	srv := mailtest.Start(t)
	n := newNotifier(t, st, srv, 3)
	leaders := seedLeaders(t, st)
	a, b := leaders[0], leaders[1]
	ctx := context.Background()
	items := missingURLs(t, st, a.unitID, time.Now())
	first := itemID(t, items[0])
	for _, body := range []string{"Godt arbejde.", "Hvordan går det med rekrutteringen?"} {
		if _, err := st.AddComment(ctx, domain.Comment{InitiativeID: &first, AuthorID: b.id, Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	postStatusAs(t, st, items[1], b.id, domain.HealthCritical)
	postStatusAs(t, st, items[0], a.id, domain.HealthCritical) // the leader's own: no notice

	hours := map[string]bool{}
	rows, err := st.ListNoticeActivity(ctx, a.id, a.unitID, time.Now().Add(-time.Hour), time.Now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		hours[r.At.Truncate(time.Hour).String()] = true
	}
	later := time.Now().Add(time.Hour)
	for i, want := range []int{len(hours), 0} {
		got, err := n.RunNotices(ctx, later)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("run %d: queued %d, want %d", i+1, got, want)
		}
	}
	mails := srv.WaitFor(len(hours), 20*time.Second)
	var text string
	for _, m := range mails {
		if m.To[0] != a.email {
			t.Errorf("a notice went to %s", m.To[0])
		}
		text += m.Text
	}
	for _, want := range []string{"har skrevet en kommentar", "har sat status til Kritisk", "Afmeld denne slags mails"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notices lack %q:\n%s", want, text)
		}
	}
	if got := strings.Count(text, "har skrevet en kommentar"); got != 2 {
		t.Errorf("%d comments told, want 2", got)
	}
}

// TestWeeklyDigest: on Monday after 07:00 (Danish time) each leader gets one digest of their
// items missing a status; a run later that week sends nothing; a leader who turned the digest
// off gets none.
func TestWeeklyDigest(t *testing.T) {
	t.Parallel()
	st := store.New(dbtest.NewSeeded(t))
	srv := mailtest.Start(t)
	n := newNotifier(t, st, srv, 3)
	leaders := seedLeaders(t, st)
	ctx := context.Background()
	if err := st.SetMailPreference(ctx, leaders[1].id, domain.MailDigest, domain.FrequencyNever); err != nil {
		t.Fatal(err)
	}
	copenhagen, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		at   time.Time
		want int
	}{
		{"Monday 06:59", time.Date(2026, 3, 16, 6, 59, 0, 0, copenhagen), 0},
		{"Monday 07:00", time.Date(2026, 3, 16, 7, 0, 0, 0, copenhagen), 1},
		{"Monday 09:15 again", time.Date(2026, 3, 16, 9, 15, 0, 0, copenhagen), 0},
		{"Wednesday", time.Date(2026, 3, 18, 7, 30, 0, 0, copenhagen), 0},
	}
	for _, s := range steps {
		got, err := n.RunDigest(ctx, s.at)
		if err != nil {
			t.Fatal(err)
		}
		if got != s.want {
			t.Errorf("%s: queued %d, want %d", s.name, got, s.want)
		}
	}
	mails := srv.WaitFor(1, 20*time.Second)
	if len(mails) != 1 || mails[0].To[0] != leaders[0].email {
		t.Fatalf("digests: %d, want 1 to %s", len(mails), leaders[0].email)
	}
	want := missingURLs(t, st, leaders[0].unitID, time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC))
	for _, u := range want {
		if !strings.Contains(mails[0].Text, u) {
			t.Errorf("the digest lacks the missing item %s", u)
		}
	}
	if !strings.Contains(mails[0].Text, "Mangler opfølgning") {
		t.Errorf("the digest has no heading for missing follow-up:\n%s", mails[0].Text)
	}
}

// itemID is the id at the end of an item's link.
func itemID(t *testing.T, link string) int64 {
	t.Helper()
	parts := strings.Split(link, "/")
	var id int64
	for _, c := range parts[len(parts)-1] {
		id = id*10 + int64(c-'0')
	}
	return id
}

// postStatusAs posts a status of health on the item behind the link, dated today, as author.
func postStatusAs(t *testing.T, st *store.Store, link string, author int64, health string) {
	t.Helper()
	id := itemID(t, link)
	su := domain.StatusUpdate{InitiativeID: &id, Phase: domain.PhaseImplementing, Health: health, Progress: 10,
		Comment: "Personalemangel", AsOf: time.Now().UTC().Truncate(24 * time.Hour), AuthorID: author}
	if _, err := st.PostStatusUpdate(context.Background(), su); err != nil {
		t.Fatal(err)
	}
}
