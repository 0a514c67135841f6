package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/mail"
	"github.com/sporbar/sporbar/internal/mailtest"
)

// TestSend sends real SMTP to Mailpit and reads the mail back: both parts, the headers, and
// the errors of a refusing and of a stopped server.
func TestSend(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t)
	settings, err := mail.ParseURL(srv.SMTPURL(), "Sporbar <sporbar@kommune.example>")
	if err != nil {
		t.Fatal(err)
	}
	s := mail.NewSender(settings, 10*time.Second)
	m := mail.Message{To: "leder@kommune.example", ToName: "Åse Ørsted", Subject: "Påmindelse: status mangler",
		Text: "Hej Åse\n\nStatus mangler.", HTML: "<p>Hej Åse</p><p>Status mangler.</p>",
		Unsubscribe: "http://localhost:8080/afmeld/abc"}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := s.Send(ctx, m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.WaitFor(1, 10*time.Second)
	if len(got) != 1 {
		t.Fatalf("mails = %d, want 1", len(got))
	}
	checks := []struct{ name, got, want string }{
		{"to", strings.Join(got[0].To, ","), m.To},
		{"subject", got[0].Subject, m.Subject},
		{"text", strings.TrimSpace(got[0].Text), "Hej Åse\n\nStatus mangler."},
		{"html", got[0].HTML, m.HTML},
		{"list-unsubscribe", strings.Join(got[0].Headers["List-Unsubscribe"], ""), "<" + m.Unsubscribe + ">"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}

	srv.Refuse(true)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel2()
	if err := s.Send(ctx2, m); err == nil || !strings.Contains(err.Error(), "451") {
		t.Errorf("Send to a refusing server = %v, want a 451 error", err)
	}
	srv.Stop()
	ctx3, cancel3 := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel3()
	if err := s.Send(ctx3, m); err == nil {
		t.Error("Send to a stopped server = nil, want an error")
	}
	if err := mail.NewSender(mail.Settings{}, time.Second).Send(ctx3, m); err != mail.ErrOff {
		t.Errorf("Send without SMTP = %v, want ErrOff", err)
	}
}
