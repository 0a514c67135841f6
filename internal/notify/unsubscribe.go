package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
)

// ErrBadToken is returned for an unsubscribe token that is malformed or not signed by us.
var ErrBadToken = errors.New("notify: ugyldigt afmeldingslink")

// UnsubscribeToken signs "unsubscribe user from kind": it does only that, never expires, and
// needs no sign-in. It is "<user>.<kind>.<mac>" with the MAC over purpose, user and kind.
func (n *Notifier) UnsubscribeToken(userID int64, kind string) string {
	payload := strconv.FormatInt(userID, 10) + "." + kind
	return payload + "." + n.mac(payload)
}

// UnsubscribeURL is the absolute link of UnsubscribeToken.
func (n *Notifier) UnsubscribeURL(userID int64, kind string) string {
	return n.url("/afmeld/" + n.UnsubscribeToken(userID, kind))
}

// ParseUnsubscribeToken checks token and returns the user and the kind of mail it turns off.
func (n *Notifier) ParseUnsubscribeToken(token string) (int64, string, error) {
	if n == nil || n.secret == nil {
		return 0, "", ErrBadToken
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return 0, "", ErrBadToken
	}
	want := n.mac(parts[0] + "." + parts[1])
	if !hmac.Equal([]byte(want), []byte(parts[2])) {
		return 0, "", ErrBadToken
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || !isPreferenceKind(parts[1]) {
		return 0, "", fmt.Errorf("%w: %q", ErrBadToken, parts[1])
	}
	return id, parts[1], nil
}

func (n *Notifier) mac(payload string) string {
	h := hmac.New(sha256.New, n.secret)
	h.Write([]byte("unsubscribe:" + payload))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

func isPreferenceKind(kind string) bool {
	for _, k := range domain.MailPreferenceKinds() {
		if k == kind {
			return true
		}
	}
	return false
}
