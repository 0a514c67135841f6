package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
)

// mentionExcerpt is how many characters of a comment a mention mail quotes.
const mentionExcerpt = 200

// RunMentions queues the mails to people mentioned in comments ("@Navn" or "@e-mail",
// domain.ParseMentions): to each active user of the comment's organisation who was mentioned
// by someone else, one mail per finished hour ("now"), Danish day ("daily") or week ("weekly")
// with every mention in it; "never" gets nothing. Only the comment's own organisation is
// searched for names, so no one hears of an item they cannot read. The key is the person and
// the window, so a window is mailed once however many runs and instances see it. It returns
// the number of mails queued.
func (n *Notifier) RunMentions(ctx context.Context, now time.Time) (int, error) {
	if !n.Enabled() {
		return 0, nil
	}
	since := n.periodStart(now, domain.FrequencyWeekly).AddDate(0, 0, -7)
	if day := n.periodStart(now, domain.FrequencyDaily).Add(-noticeCatchUp); day.Before(since) {
		since = day
	}
	comments, err := n.st.ListMentionComments(ctx, since, n.periodStart(now, domain.FrequencyNow))
	if err != nil {
		return 0, fmt.Errorf("run mentions: %w", err)
	}
	byOrg := map[int64][]domain.AuditEntry{}
	var orgs []int64
	for _, c := range comments {
		if _, seen := byOrg[c.OrganisationID]; !seen {
			orgs = append(orgs, c.OrganisationID)
		}
		byOrg[c.OrganisationID] = append(byOrg[c.OrganisationID], c)
	}
	queued := 0
	for _, org := range orgs {
		c, err := n.mentionsIn(ctx, org, byOrg[org], now)
		queued += c
		if err != nil {
			return queued, fmt.Errorf("run mentions in organisation %d: %w", org, err)
		}
	}
	return queued, nil
}

// mentionsIn queues the mention mails of one organisation's comments.
func (n *Notifier) mentionsIn(ctx context.Context, orgID int64, comments []domain.AuditEntry, now time.Time) (int, error) {
	people, err := n.st.ListOrgMailRecipients(ctx, orgID, domain.MailMention, domain.DefaultFrequency(domain.MailMention))
	if err != nil {
		return 0, err
	}
	mentionable := store.Mentionables(people)
	byPerson := map[int64][]domain.AuditEntry{}
	for _, c := range comments {
		for _, id := range domain.MentionedIDs(c.Changes["Kommentar"].New, mentionable) {
			if c.ActorID == nil || *c.ActorID != id {
				byPerson[id] = append(byPerson[id], c)
			}
		}
	}
	queued := 0
	for _, p := range people {
		if len(byPerson[p.ID]) == 0 {
			continue
		}
		c, err := n.mentionsFor(ctx, p, byPerson[p.ID], now)
		queued += c
		if err != nil {
			return queued, err
		}
	}
	return queued, nil
}

// mentionsFor queues one mail per finished window of the person's frequency that has mentions
// of them, looking back one window (at least a day, for catching up after a restart).
func (n *Notifier) mentionsFor(ctx context.Context, p store.MailRecipient, comments []domain.AuditEntry, now time.Time) (int, error) {
	if p.Frequency == domain.FrequencyNever {
		return 0, nil
	}
	end := n.periodStart(now, p.Frequency)
	from := n.periodStart(end.Add(-time.Minute), p.Frequency)
	if day := end.Add(-noticeCatchUp); day.Before(from) {
		from = day
	}
	byWindow := map[time.Time][]LetterItem{}
	var order []time.Time
	for _, c := range comments {
		if c.At.Before(from) || !c.At.Before(end) {
			continue
		}
		w := n.periodStart(c.At, p.Frequency)
		if _, seen := byWindow[w]; !seen {
			order = append(order, w)
		}
		byWindow[w] = append(byWindow[w], LetterItem{Title: c.Title,
			Detail: c.ActorName + " har nævnt dig: “" + excerpt(c.Changes["Kommentar"].New, mentionExcerpt) + "”",
			URL:    n.url(string(components.EntityURL(c.Entity, c.EntityID)) + "#dialog")})
	}
	var mails []domain.OutboxMail
	for _, w := range order {
		key := fmt.Sprintf("%s:%d:%s", domain.MailMention, p.ID, w.In(n.loc).Format(time.RFC3339))
		m, err := outbox(n.mentionLetter(p, byWindow[w]), domain.MailMention, key, p.OrganisationID, p.ID, p.Email, p.Name)
		if err != nil {
			return 0, err
		}
		mails = append(mails, m)
	}
	return n.Queue(ctx, n.st, mails...)
}

// periodStart is the start of the hour ("now"), Danish day ("daily") or Danish week from
// Monday ("weekly") that t falls in.
func (n *Notifier) periodStart(t time.Time, frequency string) time.Time {
	switch frequency {
	case domain.FrequencyDaily:
		return n.windowStart(t, 24*time.Hour)
	case domain.FrequencyWeekly:
		day := n.windowStart(t, 24*time.Hour)
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	}
	return n.windowStart(t, time.Hour)
}

func (n *Notifier) mentionLetter(p store.MailRecipient, items []LetterItem) Letter {
	return Letter{Subject: "Sporbar: Du er nævnt i " + count(len(items), "kommentar", "kommentarer"),
		Greeting:   "Hej " + p.Name,
		Paragraphs: []string{"Andre har nævnt dig i dialogen på disse elementer:"},
		Items:      items, ActionLabel: "Se dine opgaver i Sporbar", ActionURL: n.url("/mine-opgaver"),
		Why:         "Du får denne mail, fordi nogen har skrevet @ og dit navn i en kommentar, og du har valgt beskeder, når du bliver nævnt.",
		SettingsURL: n.url("/profil"), Unsubscribe: n.UnsubscribeURL(p.ID, domain.MailMention)}
}

// excerpt is s cut to at most max characters, with "…" where it was cut.
func excerpt(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
