package mailtest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/mail"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/store"
)

// StartNotifier returns a started Notifier over st whose links start with baseURL and whose
// mail goes to srv (nil: no SMTP server, mail off), with short waits for tests: a retry after
// 200 ms (doubling), up to maxAttempts attempts (0: the default). It stops when the test ends.
func StartNotifier(t testing.TB, st *store.Store, baseURL string, srv *Server, maxAttempts int) *notify.Notifier {
	t.Helper()
	var sender *mail.Sender
	if srv != nil {
		settings, err := mail.ParseURL(srv.SMTPURL(), "Sporbar <sporbar@kommune.test>")
		if err != nil {
			t.Fatal(err)
		}
		sender = mail.NewSender(settings, 10*time.Second)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n, err := notify.New(ctx, st, notify.Options{Sender: sender, BaseURL: baseURL,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxAttempts: maxAttempts, RetryBase: 200 * time.Millisecond,
		PollInterval: 50 * time.Millisecond, RunEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = n.Stop(ctx)
	})
	return n
}
