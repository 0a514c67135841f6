package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/store"
)

// Throttle counts sign-in attempts per address and per account and slows them down under the
// sign-in policy (policy.go). It never locks an account.
type Throttle struct {
	st *store.Store
}

// NewThrottle returns a Throttle over st.
func NewThrottle(st *store.Store) *Throttle { return &Throttle{st: st} }

// Attempt counts an attempt to prove the password of email from address and decides it in
// one statement. It returns 0 when the attempt may check the password, otherwise how long
// the client must wait before its next attempt. Every attempt is counted, let through or not,
// so parallel attempts cannot slip past the count. After a successful check call Succeeded.
func (t *Throttle) Attempt(ctx context.Context, email, address string) (time.Duration, error) {
	gate, then := signInRules(email, address)
	results, err := t.st.AttemptSignIn(ctx, gate, then, ThrottleForget)
	if err != nil {
		return 0, fmt.Errorf("throttle attempt: %w", err)
	}
	var wait time.Duration
	for _, r := range results {
		if !r.Allowed {
			wait = max(wait, r.Wait, time.Second)
		}
	}
	if wait == 0 && len(results) != len(gate)+len(then) {
		return 0, fmt.Errorf("throttle attempt: %d results for %d keys", len(results), len(gate)+len(then))
	}
	return wait, nil
}

// Succeeded forgets the failures of email (everywhere and at address) after the right password
// and gives back the count of this attempt on the address.
func (t *Throttle) Succeeded(ctx context.Context, email, address string) error {
	gate, then := signInRules(email, address)
	return t.st.SignInSucceeded(ctx, []string{gate[1].Key, then[0].Key}, []string{gate[0].Key}, ThrottleForget)
}

// State is what the throttle holds against email's account now.
func (t *Throttle) State(ctx context.Context, email string) (store.AccountThrottle, error) {
	return t.st.GetAccountThrottle(ctx, normalEmail(email), ThrottleForget)
}

// Unlock forgets every failure counted against email's account, from every address (the
// admin's "Nulstil log ind-forsøg"). It reports whether there was anything to forget.
func (t *Throttle) Unlock(ctx context.Context, email string) (bool, error) {
	n, err := t.st.ClearAccountThrottle(ctx, normalEmail(email))
	return n > 0, err
}

func normalEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// AttemptReset counts a request for a password-reset link to email from address under the
// sign-in policy, in keys of their own (so asking for links never slows anyone's sign-in), and
// returns 0 when the link may be sent, otherwise how long the client must wait. Every request
// counts: a reset link is never a "right password" that gives its count back.
func (t *Throttle) AttemptReset(ctx context.Context, email, address string) (time.Duration, error) {
	return t.Attempt(ctx, "reset:"+email, "reset:"+address)
}
