package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/mail"
	"github.com/sporbar/sporbar/internal/notify"
	"github.com/sporbar/sporbar/internal/store"
)

// startMail starts the mail queue of `serve`: the River workers that send the outbox and the
// periodic job that works out reminders. Without SMTP_URL nothing is started and no mail is sent.
func startMail(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger) (*notify.Notifier, error) {
	n, err := notify.New(ctx, st, notify.Options{Sender: mail.NewSender(cfg.Mail, 30*time.Second),
		BaseURL: cfg.BaseURL, Log: log, DigestAt: &cfg.DigestAt})
	if err != nil {
		return nil, err
	}
	if !n.Enabled() {
		log.Warn("no SMTP server (SMTP_URL is not set): no mail is sent")
		return n, nil
	}
	// The queue outlives the request context until stopMail stops it softly after the HTTP server.
	if err := n.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, fmt.Errorf("start mail: %w", err)
	}
	log.Info("mail queue started", "smtp", cfg.Mail.String(), "from", cfg.Mail.From)
	return n, nil
}

// stopMail lets mails being sent finish, for up to 10 seconds; the rest stay queued in the
// database for the next start.
func stopMail(n *notify.Notifier, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := n.Stop(ctx); err != nil {
		log.Warn("mail queue did not stop cleanly", "err", err)
	}
}
