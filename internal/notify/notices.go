package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
)

// noticeCatchUp is how far back a run looks for notices not yet mailed (after a restart, say).
const noticeCatchUp = 24 * time.Hour

// RunNotices queues the notices due at now: to each områdeleder and fagchef, what others did on
// the items of their unit (a comment, a status set to kritisk, an approval), gathered per
// finished hour (frequency "now") or per finished Danish day ("daily"): a busy hour is one
// mail. The key is the person and the hour or day, so a window is mailed once however many runs
// and instances see it. "weekly" goes in the weekly digest; "never" gets nothing. It returns
// the number of mails queued.
func (n *Notifier) RunNotices(ctx context.Context, now time.Time) (int, error) {
	if !n.Enabled() {
		return 0, nil
	}
	queued := 0
	for _, role := range []string{domain.RoleOmraadeleder, domain.RoleFagchef} {
		people, err := n.st.ListMailRecipients(ctx, role, domain.MailNotice, domain.DefaultFrequency(domain.MailNotice))
		if err != nil {
			return queued, fmt.Errorf("run notices: %w", err)
		}
		for _, p := range people {
			c, err := n.noticesFor(ctx, p, now)
			if err != nil {
				return queued, fmt.Errorf("run notices for user %d: %w", p.ID, err)
			}
			queued += c
		}
	}
	return queued, nil
}

// noticesFor queues one mail per finished window (hour or day) in the catch-up span that has
// something to tell the person.
func (n *Notifier) noticesFor(ctx context.Context, p store.MailRecipient, now time.Time) (int, error) {
	window, layout := time.Hour, "2006-01-02T15"
	switch p.Frequency {
	case domain.FrequencyDaily:
		window, layout = 24*time.Hour, time.DateOnly
	case domain.FrequencyNow:
	default:
		return 0, nil
	}
	end := n.windowStart(now, window)
	rows, err := n.st.ListNoticeActivity(ctx, p.ID, p.UnitID, end.Add(-noticeCatchUp), end)
	if err != nil {
		return 0, err
	}
	byWindow := map[time.Time][]LetterItem{}
	var order []time.Time
	for _, e := range rows {
		detail, ok := noticeDetail(e)
		if !ok {
			continue
		}
		w := n.windowStart(e.At, window)
		if _, seen := byWindow[w]; !seen {
			order = append(order, w)
		}
		byWindow[w] = append(byWindow[w], LetterItem{Title: e.Title, Detail: detail,
			URL: n.url(string(components.EntityURL(e.Entity, e.EntityID)))})
	}
	var mails []domain.OutboxMail
	for _, w := range order {
		l := n.noticeLetter(p, byWindow[w])
		key := fmt.Sprintf("%s:%d:%s", domain.MailNotice, p.ID, w.In(n.loc).Format(layout))
		m, err := outbox(l, domain.MailNotice, key, p.OrganisationID, p.ID, p.Email, p.Name)
		if err != nil {
			return 0, err
		}
		mails = append(mails, m)
	}
	return n.Queue(ctx, n.st, mails...)
}

// windowStart is the start of the hour, or of the Danish day, that t falls in.
func (n *Notifier) windowStart(t time.Time, window time.Duration) time.Time {
	t = t.In(n.loc)
	if window == time.Hour {
		return t.Truncate(time.Hour)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, n.loc)
}

// noticeDetail says what happened, for the actions a notice is about: a comment, a status set
// to kritisk, an approval.
func noticeDetail(e domain.AuditEntry) (string, bool) {
	switch e.Action {
	case domain.AuditComment:
		return e.ActorName + " har skrevet en kommentar", true
	case domain.AuditApprove:
		return e.ActorName + " har godkendt aftalen", true
	case domain.AuditStatus:
		if e.Changes["Helbred"].New == domain.HealthLabel(domain.HealthCritical) {
			return e.ActorName + " har sat status til " + domain.HealthLabel(domain.HealthCritical), true
		}
	}
	return "", false
}

func (n *Notifier) noticeLetter(p store.MailRecipient, items []LetterItem) Letter {
	return Letter{Subject: "Sporbar: " + count(len(items), "ny hændelse", "nye hændelser") + " på dine elementer",
		Greeting:   "Hej " + p.Name,
		Paragraphs: []string{"Andre har gjort følgende på elementer, der hører til din enhed:"},
		Items:      items, ActionLabel: "Se dine opgaver i Sporbar", ActionURL: n.url("/mine-opgaver"),
		Why:         "Du får denne mail, fordi elementerne hører til din enhed, og du har valgt beskeder om kommentarer, kritisk status og godkendelser.",
		SettingsURL: n.url("/profil"), Unsubscribe: n.UnsubscribeURL(p.ID, domain.MailNotice)}
}
