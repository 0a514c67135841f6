package server

import (
	"fmt"
	"testing"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// TestBadBytesFromPostgres: PostgreSQL's refusal of a NUL in a text, however deep it is
// wrapped, is what handle answers 400 (badBytes); other errors are not.
func TestBadBytesFromPostgres(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	for in, want := range map[string]bool{"a\x00b": true, "æøå": false} {
		var out string
		err := pool.QueryRow(t.Context(), `SELECT $1::text`, in).Scan(&out)
		if got := badBytes(fmt.Errorf("get organisation: %w", err)); got != want {
			t.Errorf("%q: badBytes(%v) = %v, want %v", in, err, got, want)
		}
	}
}

// TestMarkBadChars: a refused text comes back with each bad character shown as U+FFFD and the
// rest kept, so the page stays valid HTML; tab, and in a textarea line breaks, stay.
func TestMarkBadChars(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in        string
		multiline bool
		want      string
	}{
		{"Hej\x00med\x1bstyretegn", true, "Hej\uFFFDmed\uFFFDstyretegn"},
		{"linje 1\nlinje\t2", true, "linje 1\nlinje\t2"},
		{"linje 1\nlinje 2", false, "linje 1\uFFFDlinje 2"},
		{"ugyldig \xff\xfe", false, "ugyldig \uFFFD"},
		{"slet\x7f", false, "slet\uFFFD"},
		{"æøå", false, "æøå"},
	}
	for _, tt := range tests {
		if got := markBadChars(tt.in, tt.multiline); got != tt.want {
			t.Errorf("markBadChars(%q, %v) = %q, want %q", tt.in, tt.multiline, got, tt.want)
		}
	}
}
