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
