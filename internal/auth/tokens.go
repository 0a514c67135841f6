package auth

import (
	"fmt"
	"time"
)

// One-time links in mails: an invitation to set one's first password, and "Glemt
// adgangskode". The link carries a random token; only its SHA-256 is stored (user_tokens), so a
// copy of the database opens no account. A token works once, and only for its purpose.
const (
	PurposeInvitation    = "invitation"
	PurposePasswordReset = "password_reset"

	InvitationValidity    = 7 * 24 * time.Hour
	PasswordResetValidity = time.Hour
)

// NewLinkToken returns a new random token for a link and the hash to store.
func NewLinkToken() (token string, hash []byte, err error) {
	token, err = newID()
	if err != nil {
		return "", nil, fmt.Errorf("new link token: %w", err)
	}
	return token, hashID(token), nil
}

// LinkTokenHash is the stored hash of a link's token.
func LinkTokenHash(token string) []byte { return hashID(token) }
