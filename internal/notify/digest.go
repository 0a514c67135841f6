package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
)

// digestDeadlineDays is how far ahead the weekly digest lists deadlines.
const digestDeadlineDays = 14

// RunDigest queues the weekly digest once the week's digest time has come (Options.DigestAt,
// Danish time; Monday 07:00 by default) on that day: to each områdeleder and fagchef who
// has not turned it off, what is due in the next two weeks, what misses a status, and what
// others did on their items in the last seven days. The key is the person and the ISO week. It
// returns the number of mails queued.
func (n *Notifier) RunDigest(ctx context.Context, now time.Time) (int, error) {
	local := now.In(n.loc)
	if !n.Enabled() || !n.o.DigestAt.Reached(local) {
		return 0, nil
	}
	year, week := local.ISOWeek()
	queued := 0
	for _, role := range []string{domain.RoleOmraadeleder, domain.RoleFagchef} {
		people, err := n.st.ListMailRecipients(ctx, role, domain.MailDigest, domain.DefaultFrequency(domain.MailDigest))
		if err != nil {
			return queued, fmt.Errorf("run digest: %w", err)
		}
		for _, p := range people {
			if p.Frequency == domain.FrequencyNever {
				continue
			}
			l, ok, err := n.digestLetter(ctx, p, now)
			if err != nil {
				return queued, fmt.Errorf("digest for user %d: %w", p.ID, err)
			}
			if !ok {
				continue
			}
			m, err := outbox(l, domain.MailDigest, fmt.Sprintf("%s:%d:%d-W%02d", domain.MailDigest, p.ID, year, week),
				p.OrganisationID, p.ID, p.Email, p.Name)
			if err != nil {
				return queued, err
			}
			c, err := n.Queue(ctx, n.st, m)
			if err != nil {
				return queued, err
			}
			queued += c
		}
	}
	return queued, nil
}

// digestLetter is one person's weekly digest; ok is false when there is nothing to tell.
func (n *Notifier) digestLetter(ctx context.Context, p store.MailRecipient, now time.Time) (Letter, bool, error) {
	today := n.danishDate(now)
	items, err := n.st.ListTaskItems(ctx, p.UnitID)
	if err != nil {
		return Letter{}, false, err
	}
	var list []LetterItem
	for _, it := range items {
		url := n.url(string(components.EntityURL(it.Entity, it.ID)))
		switch {
		case domain.Overdue(it.StatusPhase, it.Deadline, today):
			list = append(list, LetterItem{Group: "Overskredet", Title: itemTitle(it), Detail: "frist " + components.Date(it.Deadline), URL: url})
		case it.Deadline != nil && !it.Deadline.After(today.AddDate(0, 0, digestDeadlineDays)):
			list = append(list, LetterItem{Group: "Frist de næste to uger", Title: itemTitle(it), Detail: "frist " + components.Date(it.Deadline), URL: url})
		}
	}
	for _, it := range items {
		if domain.MissingFollowUp(it.StatusPhase, it.StatusAsOf, today, int(it.FollowUpMonths)) {
			list = append(list, LetterItem{Group: "Mangler opfølgning", Title: itemTitle(it), Detail: it.UnitName,
				URL: n.url(string(components.EntityURL(it.Entity, it.ID)))})
		}
	}
	news, err := n.st.ListNoticeActivity(ctx, p.ID, p.UnitID, now.AddDate(0, 0, -7), now)
	if err != nil {
		return Letter{}, false, err
	}
	for _, e := range news {
		list = append(list, LetterItem{Group: "Nyt den seneste uge", Title: e.Title,
			Detail: e.ActorName + ": " + domain.AuditActionLabel(e.Action), URL: n.url(string(components.EntityURL(e.Entity, e.EntityID)))})
	}
	if len(list) == 0 {
		return Letter{}, false, nil
	}
	return Letter{Subject: "Sporbar: ugens overblik", Greeting: "Hej " + p.Name,
		Paragraphs: []string{"Her er ugens overblik over elementerne i din enhed: frister, manglende opfølgning og det nye."},
		Items:      list, ActionLabel: "Se dine opgaver i Sporbar", ActionURL: n.url("/mine-opgaver"),
		Why:         "Du får denne mail hver uge, fordi du er leder af enheden.",
		SettingsURL: n.url("/profil"), Unsubscribe: n.UnsubscribeURL(p.ID, domain.MailDigest)}, true, nil
}
