package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The data versions move past any they had on `sporbar cache reset` and when the start sees
// that the database was restored (the anchor row written anew, as pg_restore does) or copied
// (another database: the tests' databases are copies of a template).
func TestCheckRestoredAndReset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := seeded(t)
	highest := func() int64 {
		t.Helper()
		return idOf(t, pool, `SELECT max(data_version) FROM organisations`)
	}
	lowest := func() int64 {
		t.Helper()
		return idOf(t, pool, `SELECT min(data_version) FROM organisations`)
	}
	steps := []struct {
		name         string
		do           func(context.Context) (restored bool, err error)
		wantRestored bool
		wantMoved    bool // every version now above every earlier one
	}{
		{"the first start on a copied database", st.CheckRestored, true, true},
		{"the next start", st.CheckRestored, false, false},
		{"a restore writes the anchor anew", func(ctx context.Context) (bool, error) {
			if _, err := pool.Exec(ctx, `DELETE FROM restore_marks WHERE name = 'anchor';
				INSERT INTO restore_marks (name) VALUES ('anchor');
				UPDATE organisations SET data_version = 1`); err != nil {
				return false, err
			}
			return st.CheckRestored(ctx)
		}, true, true},
		{"sporbar cache reset", func(ctx context.Context) (bool, error) {
			_, err := st.ResetDataVersions(ctx)
			return false, err
		}, false, true},
		{"and the start after it", st.CheckRestored, false, false},
	}
	type result struct{ Restored, Moved bool }
	for _, s := range steps {
		before := highest()
		restored, err := s.do(ctx)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got := result{restored, lowest() > before}
		if diff := cmp.Diff(result{s.wantRestored, s.wantMoved}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", s.name, diff)
		}
	}
}
