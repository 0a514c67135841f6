package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
)

// APITokenPrefix starts every API token, so that one pasted in the wrong place is recognisable.
const APITokenPrefix = "sporbar_"

// NewSecret returns a new random secret (256 bits, URL-safe text) with prefix in front, and the
// SHA-256 of the whole, which is what the database keeps.
func NewSecret(prefix string) (secret string, hash []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (it panics if the system cannot give randomness)
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret)
}

// HashSecret is the SHA-256 of a secret (an API token or a calendar address), the form it is
// looked up in.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// BearerToken returns the token of an "Authorization: Bearer …" header ("" when there is none).
func BearerToken(header string) string {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// TokenCan decides whether an API token may do a to res: an active token reads its own
// organisation's data and does nothing else. Like Can, it is where the rule lives; the read
// API asks it for every request.
func TokenCan(t *domain.APIToken, a Action, res Resource) bool {
	return t != nil && t.Active() && a == Read && t.OrganisationID == res.OrganisationID
}
