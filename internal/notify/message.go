package notify

import (
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mail"
)

// mailMessage is the outbox row as a message to send.
func mailMessage(m domain.OutboxMail) mail.Message {
	return mail.Message{To: m.Recipient, ToName: m.RecipientName, Subject: m.Subject, Text: m.BodyText,
		HTML: m.BodyHTML, Unsubscribe: m.UnsubscribeURL}
}

// outbox makes the outbox row of a letter to one person.
func outbox(l Letter, kind, key string, orgID, userID int64, to, name string) (domain.OutboxMail, error) {
	html, err := l.HTML()
	if err != nil {
		return domain.OutboxMail{}, err
	}
	m := domain.OutboxMail{Recipient: to, RecipientName: name, Kind: kind, DedupeKey: key, Subject: l.Subject,
		BodyText: l.Text(), BodyHTML: html, UnsubscribeURL: l.Unsubscribe}
	if orgID != 0 {
		m.OrganisationID = &orgID
	}
	if userID != 0 {
		m.UserID = &userID
	}
	return m, nil
}
