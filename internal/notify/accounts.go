package notify

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// Invite queues an invitation to u: a link, valid 7 days and usable once, where u chooses
// their password. It runs in st's transaction when st is in one. By names who invited.
func (n *Notifier) Invite(ctx context.Context, st *store.Store, u domain.User, orgName, by string) error {
	l := Letter{Subject: "Invitation til Sporbar",
		Greeting: "Hej " + u.Name,
		Paragraphs: []string{
			fmt.Sprintf("%s har oprettet dig som bruger af Sporbar hos %s. Sporbar er stedet, hvor strategien følges helt ud i handling.", by, orgName),
			"Vælg din adgangskode med linket herunder. Linket virker i 7 dage og kun én gang. Dit brugernavn er " + u.Email + ".",
		},
		ActionLabel: "Vælg din adgangskode",
		Why:         "Du får denne mail, fordi en administrator har oprettet dig som bruger. Har du ikke ventet den, kan du se bort fra den.",
	}
	return n.linkMail(ctx, st, u, auth.PurposeInvitation, domain.MailInvitation, auth.InvitationValidity, l)
}

// SendPasswordReset queues a "Glemt adgangskode" mail to u: a link, valid 1 hour and usable
// once, where u chooses a new password.
func (n *Notifier) SendPasswordReset(ctx context.Context, u domain.User) error {
	l := Letter{Subject: "Ny adgangskode til Sporbar",
		Greeting: "Hej " + u.Name,
		Paragraphs: []string{
			"Nogen (forhåbentlig dig) har bedt om en ny adgangskode til Sporbar for " + u.Email + ".",
			"Vælg en ny adgangskode med linket herunder. Linket virker i en time og kun én gang. Din nuværende adgangskode virker, indtil du har valgt en ny.",
		},
		ActionLabel: "Vælg en ny adgangskode",
		Why:         "Du får denne mail, fordi der er bedt om en ny adgangskode på Sporbars login-side. Har du ikke selv bedt om den, kan du se bort fra den.",
	}
	return n.linkMail(ctx, n.st, u, auth.PurposePasswordReset, domain.MailPasswordReset, auth.PasswordResetValidity, l)
}

// linkMail stores a new one-time token for u and queues l with its link, in one transaction.
func (n *Notifier) linkMail(ctx context.Context, st *store.Store, u domain.User, purpose, kind string,
	validity time.Duration, l Letter) error {
	if !n.Enabled() {
		return nil
	}
	token, hash, err := auth.NewLinkToken()
	if err != nil {
		return err
	}
	l.ActionURL = n.url("/adgangskode/" + token)
	m, err := outbox(l, kind, kind+":"+hex.EncodeToString(hash[:8]), u.OrganisationID, u.ID, u.Email, u.Name)
	if err != nil {
		return err
	}
	m.Secret = true
	return st.InTx(ctx, func(tx *store.Store) error {
		expires := n.now().Add(validity)
		if err := tx.CreateUserToken(ctx, hash, u.ID, purpose, expires); err != nil {
			return err
		}
		_, err := n.Queue(ctx, tx, m)
		return err
	})
}
