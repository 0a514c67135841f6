// Package notify is Sporbar's e-mail: what the mails say (letter.go), the queue they go through
// (River over PostgreSQL, queue.go), and the mails Sporbar sends of its own accord: reminders
// and escalations from the agreement's rhythm (reminders.go), invitations and password resets
// (accounts.go), and the signed unsubscribe links (unsubscribe.go).
//
// Every mail is a row in mail_outbox with a dedupe key (kind, recipient, period) and a River
// job that sends it; two instances, a re-run or a retry never send the same key twice. Without
// an SMTP server (SMTP_URL) nothing is queued and Sporbar runs as before.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
	_ "time/tzdata" // Europe/Copenhagen even on a machine without a time zone database

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mail"
	"github.com/sporbar/sporbar/internal/store"
)

// Options configure a Notifier. Zero values take the defaults named.
type Options struct {
	Sender       *mail.Sender     // nil or without a host: no mail is sent
	BaseURL      string           // links in mails start here
	Log          *slog.Logger     // required
	Now          func() time.Time // the clock (time.Now)
	Workers      int              // mails sent at once per instance (4)
	MaxAttempts  int              // attempts per mail before it is marked failed (10)
	RetryBase    time.Duration    // the first retry's wait, doubled per attempt (30s)
	PollInterval time.Duration    // how often an instance looks for due jobs (1s)
	RunEvery     time.Duration    // how often reminders and digests are worked out (15m)
	Rule         domain.ReminderRule
	DigestAt     *domain.WeeklyTime // the weekly digest's time, Danish (nil: Monday 07:00)
}

// Notifier queues and sends Sporbar's mails. Its methods are safe for concurrent use.
type Notifier struct {
	st     *store.Store
	o      Options
	river  *river.Client[pgx.Tx] // nil when mail is off
	secret []byte                // signs unsubscribe links
	loc    *time.Location        // Danish time
}

// New returns a Notifier over st. With mail off it queues nothing and Start does nothing, but
// it still checks the unsubscribe links of mails sent before.
func New(ctx context.Context, st *store.Store, o Options) (*Notifier, error) {
	o = withDefaults(o)
	n := &Notifier{st: st, o: o, loc: copenhagen()}
	secret, err := st.InstallationSecret(ctx, "unsubscribe") // links in mails sent earlier work with mail off too
	if err != nil {
		return nil, err
	}
	n.secret = secret
	if !n.Enabled() {
		return n, nil
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &sendWorker{n: n})
	river.AddWorker(workers, &scheduleWorker{n: n})
	n.river, err = river.NewClient(riverpgxv5.New(st.Pool()), &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.Workers}},
		Workers:           workers,
		FetchPollInterval: o.PollInterval,
		FetchCooldown:     min(o.PollInterval, 100*time.Millisecond),
		MaxAttempts:       o.MaxAttempts,
		JobTimeout:        2 * time.Minute,
		Logger:            o.Log,
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(o.RunEvery),
			func() (river.JobArgs, *river.InsertOpts) { return scheduleArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true})},
	})
	if err != nil {
		return nil, fmt.Errorf("notify: river client: %w", err)
	}
	return n, nil
}

func withDefaults(o Options) Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 10
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 30 * time.Second
	}
	if o.PollInterval <= 0 {
		o.PollInterval = time.Second
	}
	if o.RunEvery <= 0 {
		o.RunEvery = 15 * time.Minute
	}
	if o.DigestAt == nil {
		d := domain.DefaultDigestTime()
		o.DigestAt = &d
	}
	if o.Rule.DaysBefore == nil {
		o.Rule = domain.DefaultReminderRule()
	}
	return o
}

// Enabled reports whether mail is sent (an SMTP server is configured).
func (n *Notifier) Enabled() bool {
	return n != nil && n.o.Sender != nil && n.o.Sender.Settings().Enabled()
}

// Settings describes the SMTP server for the operator's page.
func (n *Notifier) Settings() mail.Settings {
	if !n.Enabled() {
		return mail.Settings{}
	}
	return n.o.Sender.Settings()
}

// Start starts sending and scheduling until Stop; with mail off it does nothing.
func (n *Notifier) Start(ctx context.Context) error {
	if !n.Enabled() {
		return nil
	}
	if err := n.river.Start(ctx); err != nil {
		return fmt.Errorf("notify: start: %w", err)
	}
	return nil
}

// Stop lets mails being sent finish (until ctx ends) and stops.
func (n *Notifier) Stop(ctx context.Context) error {
	if !n.Enabled() {
		return nil
	}
	if err := n.river.Stop(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("notify: stop: %w", err)
	}
	return nil
}

// now is the notifier's clock.
func (n *Notifier) now() time.Time { return n.o.Now() }

// url is an absolute link to path.
func (n *Notifier) url(path string) string { return n.o.BaseURL + path }

// copenhagen is Danish time, or UTC where the time zone database is missing.
func copenhagen() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
}
