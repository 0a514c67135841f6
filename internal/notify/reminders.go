package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
)

// scheduleArgs is the periodic River job that works out the reminders due (every RunEvery,
// inserted by the leading instance only; the dedupe keys make a second run harmless).
type scheduleArgs struct{}

// Kind names the job in river_job.
func (scheduleArgs) Kind() string { return "mail_schedule" }

type scheduleWorker struct {
	river.WorkerDefaults[scheduleArgs]
	n *Notifier
}

// Work queues the reminders, escalations, notices, mentions and the weekly digest due now.
func (w *scheduleWorker) Work(ctx context.Context, _ *river.Job[scheduleArgs]) error {
	now := w.n.now()
	for _, run := range []func(context.Context, time.Time) (int, error){w.n.RunReminders, w.n.RunNotices, w.n.RunMentions, w.n.RunDigest} {
		if _, err := run(ctx, now); err != nil {
			return err
		}
	}
	return nil
}

// RunReminders queues, for the Danish date of now, one reminder per områdeleder listing
// exactly their items whose follow-up is due (domain.ReminderDue), and one escalation per
// fagchef listing the items in their area that are overdue long enough. The dedupe key is the
// person and the date, so another run the same day (here or on another instance) queues
// nothing. It returns the number of mails it queued (not those queued before).
func (n *Notifier) RunReminders(ctx context.Context, now time.Time) (int, error) {
	if !n.Enabled() {
		return 0, nil
	}
	today := n.danishDate(now)
	queued := 0
	for _, r := range []struct {
		role, kind string
		escalate   bool
	}{{domain.RoleOmraadeleder, domain.MailReminder, false}, {domain.RoleFagchef, domain.MailEscalation, true}} {
		people, err := n.st.ListMailRecipients(ctx, r.role, domain.MailReminder, domain.DefaultFrequency(domain.MailReminder))
		if err != nil {
			return queued, fmt.Errorf("run reminders: %w", err)
		}
		for _, p := range people {
			if p.Frequency == domain.FrequencyNever {
				continue
			}
			ok, err := n.remind(ctx, p, today, r.kind, r.escalate)
			if err != nil {
				return queued, fmt.Errorf("run reminders for user %d: %w", p.ID, err)
			}
			if ok {
				queued++
			}
		}
	}
	return queued, nil
}

// remind queues one person's reminder (or escalation) for today if any of their items is due.
func (n *Notifier) remind(ctx context.Context, p store.MailRecipient, today time.Time, kind string, escalate bool) (bool, error) {
	items, err := n.st.ListTaskItems(ctx, p.UnitID)
	if err != nil {
		return false, err
	}
	var due []LetterItem
	for _, it := range items {
		rem, ok := domain.ReminderDue(n.o.Rule, it.StatusPhase, it.StatusAsOf, today, int(it.FollowUpMonths))
		if !ok || (escalate && !rem.Escalate) {
			continue
		}
		due = append(due, LetterItem{Group: it.UnitName, Title: itemTitle(it), Detail: reminderDetail(rem),
			URL: n.url(string(components.EntityURL(it.Entity, it.ID)))})
	}
	if len(due) == 0 {
		return false, nil
	}
	l := n.reminderLetter(p, kind, due)
	m, err := outbox(l, kind, fmt.Sprintf("%s:%d:%s", kind, p.ID, today.Format(time.DateOnly)), p.OrganisationID, p.ID, p.Email, p.Name)
	if err != nil {
		return false, err
	}
	count, err := n.Queue(ctx, n.st, m)
	return count > 0, err
}

func (n *Notifier) reminderLetter(p store.MailRecipient, kind string, due []LetterItem) Letter {
	l := Letter{Greeting: "Hej " + p.Name, SettingsURL: n.url("/profil"),
		Unsubscribe: n.UnsubscribeURL(p.ID, domain.MailReminder), ActionLabel: "Se dine opgaver i Sporbar",
		ActionURL: n.url("/mine-opgaver"), Items: due}
	if kind == domain.MailEscalation {
		l.Subject = "Sporbar: " + count(len(due), "element", "elementer") + " i dit område mangler stadig opfølgning"
		l.Paragraphs = []string{"Disse elementer har ikke fået en statusopdatering for den periode, der er slut. " +
			"Den ansvarlige leder har fået påmindelser."}
		l.Why = "Du får denne mail, fordi du er fagchef for de enheder, elementerne hører til."
		return l
	}
	l.Subject = "Sporbar: " + count(len(due), "element mangler", "elementer mangler") + " statusopdatering"
	l.Paragraphs = []string{"Disse elementer mangler en statusopdatering for perioden i jeres aftales rytme. " +
		"Åbn hvert element, og giv en status."}
	l.Why = "Du får denne mail, fordi elementerne hører til din enhed, og statusopdateringen mangler."
	return l
}

// reminderDetail says which period is due and when it ends or ended.
func reminderDetail(r domain.Reminder) string {
	period := components.Date(&r.PeriodStart) + "–" + components.Date(&r.PeriodEnd)
	switch {
	case r.DaysLeft == 0:
		return "perioden " + period + " slutter i dag"
	case r.DaysLeft > 0:
		return fmt.Sprintf("perioden %s slutter om %d dage", period, r.DaysLeft)
	}
	return fmt.Sprintf("perioden %s sluttede for %d dage siden", period, -r.DaysLeft)
}

func itemTitle(it store.TaskItem) string {
	if it.Code != "" {
		return it.Code + " " + it.Title
	}
	return it.Title
}

// danishDate is the date in Denmark at t, as a UTC midnight.
func (n *Notifier) danishDate(t time.Time) time.Time {
	t = t.In(n.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// count is "1 singular" or "n plural".
func count(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return fmt.Sprintf("%d %s", n, plural)
}
