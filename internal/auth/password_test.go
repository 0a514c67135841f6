package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestHashAndCheckPassword(t *testing.T) {
	t.Parallel()
	fast := Params{Memory: 1024, Time: 1, Threads: 1}
	tests := []struct {
		name, password, attempt string
		want                    error
	}{
		{"right", "korrekt hest batteri", "korrekt hest batteri", nil},
		{"wrong", "korrekt hest batteri", "korrekt hest batteri!", ErrMismatch},
		{"æøå", "blåbærgrød æøå", "blåbærgrød æøå", nil},
		{"no truncation at 72 bytes", strings.Repeat("a", 100), strings.Repeat("a", 99), ErrMismatch},
	}
	for _, tt := range tests {
		h, err := HashPassword(tt.password, fast)
		if err != nil {
			t.Fatal(err)
		}
		if got := CheckPassword(tt.attempt, h); !errors.Is(got, tt.want) {
			t.Errorf("%s: CheckPassword = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDefaultParamsMeetTheFloor(t *testing.T) {
	t.Parallel()
	p := DefaultParams()
	if p.Memory < 19*1024 || p.Time < 2 || p.Threads < 1 {
		t.Fatalf("DefaultParams = %+v, want at least m=19 MiB, t=2, p=1", p)
	}
	h, err := HashPassword("en god adgangskode", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not record its parameters", h)
	}
}

func TestNeedsRehash(t *testing.T) {
	t.Parallel()
	weak, _ := HashPassword("pw-pw-pw-pw", Params{Memory: 1024, Time: 1, Threads: 1})
	strong, _ := HashPassword("pw-pw-pw-pw", DefaultParams())
	tests := []struct {
		name, hash string
		want       bool
	}{
		{"weaker", weak, true},
		{"current", strong, false},
		{"garbage", "not a hash", true},
	}
	for _, tt := range tests {
		if got := NeedsRehash(tt.hash, DefaultParams()); got != tt.want {
			t.Errorf("%s: NeedsRehash = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValidatePassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pw     string
		wantOK bool
	}{
		{"kort", false},
		{"1234567", false},
		{"12345678", true},
		{"æøåæøåæø", true}, // 8 characters, 16 bytes
		{strings.Repeat("x", 64), true},
		{strings.Repeat("x", 128), true},
		{strings.Repeat("x", 129), false},
		{"ugyldig\xff1234", false},
	}
	for _, tt := range tests {
		if got := ValidatePassword(tt.pw) == ""; got != tt.wantOK {
			t.Errorf("ValidatePassword(%q) ok = %v, want %v", tt.pw, got, tt.wantOK)
		}
	}
}
