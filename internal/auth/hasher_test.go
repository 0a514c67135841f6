package auth

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestHasherBoundsAndDummy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := NewHasher(Params{Memory: 1024, Time: 1, Threads: 1}, 1, 50*time.Millisecond)
	encoded, err := h.Hash(ctx, "en god adgangskode")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, password, encoded string
		want                    error
	}{
		{"right", "en god adgangskode", encoded, nil},
		{"wrong", "en anden", encoded, ErrMismatch},
		{"no hash (unknown account)", "en god adgangskode", "", ErrMismatch},
		{"malformed hash", "en god adgangskode", "$argon2id$garbage", ErrMismatch},
	}
	for _, tt := range tests {
		if got := h.Check(ctx, tt.password, tt.encoded); !errors.Is(got, tt.want) {
			t.Errorf("%s: Check = %v, want %v", tt.name, got, tt.want)
		}
	}

	release, err := h.acquire(ctx) // the one slot is taken
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Hash(ctx, "x"); !errors.Is(err, ErrBusy) {
		t.Errorf("Hash with every slot taken = %v, want ErrBusy after the wait", err)
	}
	release()
	if _, err := h.Hash(ctx, "x"); err != nil {
		t.Errorf("Hash after the slot came back = %v", err)
	}
	if got := h.RetryAfter(); got != time.Second {
		t.Errorf("RetryAfter = %v, want at least a second", got)
	}
}
