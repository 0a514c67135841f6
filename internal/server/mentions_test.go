package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mailtest"
	"github.com/sporbar/sporbar/internal/store"
)

// TestCommentMention: the fagchef writes a comment mentioning the områdeleder (in other case)
// and themself; the dialogue shows both as highlighted "@Navn" (the leader's own as a link to
// Min profil when the leader reads it), the stored text is unchanged, and the mail schedule
// queues exactly one mention mail, to the leader, read back from the SMTP server.
func TestCommentMention(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t)
	ts := startServerWith(t, slog.New(slog.NewTextHandler(io.Discard, nil)), smtp)
	leder := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	fagchef := ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg")
	own := itoa(ts.localInitiative(t, "Hjemmepleje og akutaflastning", "Hverdagsrehabilitering"))
	var lederName, fagchefName string
	if err := ts.db.QueryRow(context.Background(), `SELECT (SELECT name FROM users WHERE email = $1),
		(SELECT name FROM users WHERE email = $2)`, leder, fagchef).Scan(&lederName, &fagchefName); err != nil {
		t.Fatal(err)
	}
	body := "Hej @" + strings.ToLower(lederName) + " – og @" + fagchefName + " følger op."

	ts.signIn(t, fagchef)
	if status, _ := ts.post(t, "/indsatser/"+own+"/kommentarer", url.Values{"body": {body}}); status != http.StatusOK {
		t.Fatalf("post comment: status %d", status)
	}
	var stored string
	if err := ts.db.QueryRow(context.Background(), `SELECT body FROM comments ORDER BY id DESC LIMIT 1`).Scan(&stored); err != nil || stored != body {
		t.Errorf("stored body %q (%v), want the plain text %q", stored, err, body)
	}

	ts.signIn(t, leder)
	_, doc := ts.get(t, "/indsatser/"+own)
	mentions := doc.Find("#dialog .sporbar-comments > li p:not(.sporbar-meta) .sporbar-mention")
	if got, want := texts(mentions), []string{"@" + lederName, "@" + fagchefName}; !cmp.Equal(got, want) {
		t.Fatalf("mentions shown %q, want %q", got, want)
	}
	shown := "Hej @" + lederName + " – og @" + fagchefName + " følger op."
	if got := text(mentions.Eq(0).Closest("p")); got != shown {
		t.Errorf("the comment reads %q, want %q", got, shown)
	}
	if got := mentions.Eq(0).AttrOr("href", ""); got != "/profil" {
		t.Errorf("the reader's own mention links to %q, want /profil", got)
	}
	if !mentions.Eq(1).Is("strong") || mentions.Eq(1).AttrOr("href", "") != "" {
		t.Error("another person's mention is not a bold span without a link")
	}

	n := mailtest.StartNotifier(t, store.New(ts.db), ts.srv.URL, smtp, 0)
	for i, want := range []int{1, 0} {
		got, err := n.RunMentions(context.Background(), time.Now().Add(time.Hour))
		if err != nil || got != want {
			t.Errorf("run %d: queued %d (%v), want %d", i+1, got, err, want)
		}
	}
	m := waitMail(t, smtp, leder, 1)
	if m.Subject != "Sporbar: Du er nævnt i 1 kommentar" || mailLink(t, m, "/indsatser/"+own) == "" {
		t.Errorf("the mention mail: subject %q, text:\n%s", m.Subject, m.Text)
	}
	if got := len(smtp.MailsTo(fagchef)); got != 0 {
		t.Errorf("the author got %d mails about mentioning themself, want 0", got)
	}
	if got := len(smtp.MailsTo(leder)); got != 1 {
		t.Errorf("the leader got %d mails, want 1", got)
	}
}
