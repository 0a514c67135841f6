package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/components"
)

// Nudge is a fagchef's "Send påmindelse" to an område's leaders: who sends it, about which
// agreement and unit, the items that miss a status in the period, and a note of their own.
type Nudge struct {
	From        domain.User
	AgreementID int64
	UnitName    string
	Items       []store.TaskItem
	Note        string
}

// NudgeLetter is the mail the leader gets (the preview shows it as it will be sent).
func (n *Notifier) NudgeLetter(nd Nudge, leader store.MailRecipient) Letter {
	l := Letter{Subject: "Påmindelse fra " + nd.From.Name + ": statusopdatering i Sporbar",
		Greeting: "Hej " + leader.Name,
		Paragraphs: []string{fmt.Sprintf("%s minder dig om at give en statusopdatering på disse elementer for %s i denne periode.",
			nd.From.Name, nd.UnitName)},
		ActionLabel: "Se dine opgaver i Sporbar", ActionURL: n.url("/mine-opgaver"),
		Why:         "Du får denne mail, fordi " + nd.From.Name + " har sendt en påmindelse fra Sporbars side Hvem har rapporteret.",
		SettingsURL: n.url("/profil")}
	if nd.Note != "" {
		l.Paragraphs = append(l.Paragraphs, nd.From.Name+" skriver: »"+nd.Note+"«")
	}
	for _, it := range nd.Items {
		l.Items = append(l.Items, LetterItem{Title: itemTitle(it), URL: n.url(string(components.EntityURL(it.Entity, it.ID)))})
	}
	if len(nd.Items) == 0 {
		l.Paragraphs = append(l.Paragraphs, "Alle elementer har en status i perioden. Tak!")
	}
	return l
}

// SendNudge queues the nudge to each leader in st's transaction and returns how many were
// queued; a leader reminded about the agreement earlier the same day is not reminded again.
func (n *Notifier) SendNudge(ctx context.Context, st *store.Store, nd Nudge, leaders []store.MailRecipient, now time.Time) (int, error) {
	var mails []domain.OutboxMail
	for _, l := range leaders {
		key := fmt.Sprintf("%s:%d:%d:%s", domain.MailNudge, l.ID, nd.AgreementID, n.danishDate(now).Format(time.DateOnly))
		m, err := outbox(n.NudgeLetter(nd, l), domain.MailNudge, key, l.OrganisationID, l.ID, l.Email, l.Name)
		if err != nil {
			return 0, err
		}
		mails = append(mails, m)
	}
	return n.Queue(ctx, st, mails...)
}
