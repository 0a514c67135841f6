package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// ErrBusy is returned when no password hash could start within the Hasher's wait: the caller
// answers 503 with Retry-After, and the client tries again a little later.
var ErrBusy = errors.New("password hashing is busy")

// Hasher computes argon2id hashes, at most a fixed number at once. Each hash holds
// Params.Memory (19 MiB) while it runs, so an unbounded number of sign-ins at once would use
// unbounded memory; with the Hasher the memory for hashing is at most limit × Params.Memory,
// whatever arrives, and a request that cannot start within the wait gets ErrBusy.
type Hasher struct {
	params Params
	slots  chan struct{}
	wait   time.Duration
	dummy  func() (string, error) // a hash of a password nobody knows, made once with params
}

// NewHasher returns a Hasher making hashes with p, limit at once (0: one per CPU), that lets
// a caller wait at most wait for a turn.
func NewHasher(p Params, limit int, wait time.Duration) *Hasher {
	if limit <= 0 {
		limit = runtime.NumCPU()
	}
	return &Hasher{params: p, slots: make(chan struct{}, limit), wait: wait,
		dummy: sync.OnceValues(func() (string, error) { return HashPassword(GeneratePassword(), p) })}
}

// RetryAfter is what a client that got ErrBusy is told to wait, in whole seconds.
func (h *Hasher) RetryAfter() time.Duration { return max(time.Second, h.wait.Round(time.Second)) }

// Hash returns the encoded hash of pw with the Hasher's parameters (see HashPassword).
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return HashPassword(pw, h.params)
}

// Check reports nil when pw matches encoded and ErrMismatch when it does not. It costs one
// hash whatever encoded is: an unknown account ("") or a malformed hash is checked against a
// dummy hash, so that the answer takes as long as for a real one and says nothing.
func (h *Hasher) Check(ctx context.Context, pw, encoded string) error {
	usable := true
	if _, _, _, err := decodeHash(encoded); err != nil {
		usable = false
		if encoded, err = h.dummy(); err != nil {
			return fmt.Errorf("check password: %w", err)
		}
	}
	release, err := h.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	err = CheckPassword(pw, encoded)
	if err == nil && !usable {
		return ErrMismatch
	}
	return err
}

// NeedsRehash reports whether encoded was made with weaker parameters than the Hasher's.
func (h *Hasher) NeedsRehash(encoded string) bool { return NeedsRehash(encoded, h.params) }

// acquire waits for a free slot, at most h.wait; release gives it back.
func (h *Hasher) acquire(ctx context.Context) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	default:
	}
	timer := time.NewTimer(h.wait)
	defer timer.Stop()
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for password hash: %w", ctx.Err())
	}
}
