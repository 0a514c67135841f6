package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// sendArgs is the River job that sends one outbox row.
type sendArgs struct {
	MailID int64 `json:"mail_id"`
}

// Kind names the job in river_job.
func (sendArgs) Kind() string { return "send_mail" }

// InsertOpts: one job per mail, ever.
func (sendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Queue writes the mails to the outbox and queues a job for each, in st's transaction (or a new
// one): the mails go out only if the transaction commits. A mail whose dedupe key was queued
// before is skipped. It returns how many it queued; with mail off it does nothing.
func (n *Notifier) Queue(ctx context.Context, st *store.Store, mails ...domain.OutboxMail) (int, error) {
	if !n.Enabled() || len(mails) == 0 {
		return 0, nil
	}
	count := 0
	err := st.InTx(ctx, func(tx *store.Store) error {
		count = 0
		ptx, _ := tx.Tx()
		for _, m := range mails {
			id, queued, err := tx.QueueMail(ctx, m)
			if err != nil {
				return err
			}
			if !queued {
				continue
			}
			if _, err := n.river.InsertTx(ctx, ptx, sendArgs{MailID: id}, nil); err != nil {
				return fmt.Errorf("queue mail %s: %w", m.DedupeKey, err)
			}
			count++
		}
		return nil
	})
	return count, err
}

// sendWorker sends one outbox row; a failure is recorded on the row and the job retried with
// backoff until its last attempt, when the row is marked failed.
type sendWorker struct {
	river.WorkerDefaults[sendArgs]
	n *Notifier
}

// Work sends the mail unless it went out already.
func (w *sendWorker) Work(ctx context.Context, job *river.Job[sendArgs]) error {
	m, err := w.n.st.GetMail(ctx, job.Args.MailID)
	if err != nil {
		return err
	}
	if m.State != domain.MailQueued {
		return nil
	}
	err = w.n.o.Sender.Send(ctx, mailMessage(m))
	if err == nil {
		return w.n.st.MarkMailSent(ctx, m.ID)
	}
	final := job.Attempt >= job.MaxAttempts
	w.n.o.Log.Warn("mail not sent", "mail", m.ID, "kind", m.Kind, "attempt", job.Attempt, "final", final, "err", err)
	if merr := w.n.st.MarkMailFailed(ctx, m.ID, err.Error(), final); merr != nil {
		return merr
	}
	return err
}

// NextRetry waits RetryBase, doubled for each attempt, at most six hours.
func (w *sendWorker) NextRetry(job *river.Job[sendArgs]) time.Time {
	wait := w.n.o.RetryBase << min(job.Attempt-1, 20)
	return time.Now().Add(min(wait, 6*time.Hour))
}
