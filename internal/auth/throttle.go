package auth

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/store"
)

// Throttle slows down and then locks sign-in per account and per client address: after a few
// failures each further attempt must wait longer (1 s, 2 s, 4 s … up to a minute), and after
// many failures the key is locked for a while. Failures are forgotten after an hour without one.
type Throttle struct {
	st  *store.Store
	now func() time.Time
}

// Throttle settings. An address is shared by many people behind one office network, so it
// tolerates more failures than an account.
const (
	delayAfter       = 3
	accountLockAfter = 10
	addressLockAfter = 50
	lockFor          = 15 * time.Minute
	forgetAfter      = time.Hour
	maxDelay         = time.Minute
	accountKeyPrefix = "email:"
	addressKeyPrefix = "addr:"
)

// NewThrottle returns a Throttle over st.
func NewThrottle(st *store.Store) *Throttle { return &Throttle{st: st, now: time.Now} }

func keys(email, address string) (account, addr string) {
	return accountKeyPrefix + strings.ToLower(email), addressKeyPrefix + address
}

// Wait returns how long the next attempt for email from address must wait (0: go ahead).
func (t *Throttle) Wait(ctx context.Context, email, address string) (time.Duration, error) {
	a, b := keys(email, address)
	recs, err := t.st.GetThrottles(ctx, []string{a, b})
	if err != nil {
		return 0, err
	}
	now := t.now()
	var wait time.Duration
	for _, r := range recs {
		if r.LockedUntil != nil && r.LockedUntil.After(now) {
			wait = max(wait, r.LockedUntil.Sub(now))
			continue
		}
		if now.Sub(r.LastFailure) > forgetAfter || r.Failures < delayAfter {
			continue
		}
		delay := time.Duration(math.Pow(2, float64(r.Failures-delayAfter))) * time.Second
		if next := r.LastFailure.Add(min(delay, maxDelay)); next.After(now) {
			wait = max(wait, next.Sub(now))
		}
	}
	return wait, nil
}

// Failure records a failed attempt for email from address.
func (t *Throttle) Failure(ctx context.Context, email, address string) error {
	a, b := keys(email, address)
	if err := t.st.RecordLoginFailure(ctx, []string{a}, accountLockAfter, lockFor, forgetAfter); err != nil {
		return err
	}
	return t.st.RecordLoginFailure(ctx, []string{b}, addressLockAfter, lockFor, forgetAfter)
}

// Success forgets the account's failures after a successful sign-in.
func (t *Throttle) Success(ctx context.Context, email string) error {
	a, _ := keys(email, "")
	return t.st.ClearThrottle(ctx, []string{a})
}
