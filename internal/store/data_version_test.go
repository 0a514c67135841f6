package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// Every audited change bumps its organisation's data version once per transaction, at the
// commit; a rolled-back transaction and the other organisation leave theirs alone.
func TestDataVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := seeded(t)
	kommune := idOf(t, pool, `SELECT id FROM organisations WHERE kind = 'kommune'`)
	region := idOf(t, pool, `SELECT id FROM organisations WHERE kind = 'region'`)
	versions := func() [2]int64 {
		t.Helper()
		var v [2]int64
		for i, id := range []int64{kommune, region} {
			o, err := st.GetOrganisation(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			v[i] = o.DataVersion
		}
		return v
	}
	audit := func(s *store.Store, org int64) error {
		return s.Audit(ctx, domain.AuditEntry{OrganisationID: org, Action: domain.AuditUpdate, Entity: "organisation", EntityID: org})
	}
	errRollback := errors.New("rollback")
	tests := []struct {
		name   string
		change func() error
		want   [2]int64 // the increase of each organisation's version
	}{
		{"one audit row outside a transaction", func() error { return audit(st, kommune) }, [2]int64{1, 0}},
		{"three audit rows in one transaction", func() error {
			return st.InTx(ctx, func(tx *store.Store) error {
				for range 3 {
					if err := audit(tx, kommune); err != nil {
						return err
					}
				}
				return audit(tx, region)
			})
		}, [2]int64{1, 1}},
		{"a transaction rolled back", func() error {
			err := st.InTx(ctx, func(tx *store.Store) error {
				if err := audit(tx, region); err != nil {
					return err
				}
				return errRollback
			})
			if errors.Is(err, errRollback) {
				return nil
			}
			return err
		}, [2]int64{0, 0}},
		{"MarkChanged outside a transaction", func() error { return st.MarkChanged(ctx, region) }, [2]int64{0, 1}},
	}
	for _, tt := range tests {
		before := versions()
		if err := tt.change(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		after := versions()
		got := [2]int64{after[0] - before[0], after[1] - before[1]}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: version increase (-want +got):\n%s", tt.name, diff)
		}
	}
}
