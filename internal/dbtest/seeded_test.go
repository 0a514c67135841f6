package dbtest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewSeeded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := NewSeeded(t), NewSeeded(t)

	tests := []struct {
		name string
		sql  string
		want []string
	}{
		{"organisations", `SELECT slug FROM organisations ORDER BY slug`,
			[]string{"region-midtjylland", "ringkobing-skjern"}},
		{"schema is migrated", `SELECT table_name::text FROM information_schema.tables
			WHERE table_schema = 'public' AND table_name IN ('goals', 'users') ORDER BY 1`,
			[]string{"goals", "users"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := a.Query(ctx, tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	t.Run("each test has a database of its own", func(t *testing.T) {
		if _, err := a.Exec(ctx, `UPDATE organisations SET name = 'Ændret' WHERE slug = 'ringkobing-skjern'`); err != nil {
			t.Fatal(err)
		}
		var got string
		if err := b.QueryRow(ctx, `SELECT name FROM organisations WHERE slug = 'ringkobing-skjern'`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := "Ringkøbing-Skjern Kommune"; got != want {
			t.Errorf("the other database has name %q, want %q", got, want)
		}
	})
}

func TestSeedsHashStableAndShort(t *testing.T) {
	t.Parallel()
	h1, err := seedsHash()
	if err != nil {
		t.Fatal(err)
	}
	h2, err := seedsHash()
	if err != nil {
		t.Fatal(err)
	}
	if h1 != h2 {
		t.Errorf("hash changed between calls: %s, %s", h1, h2)
	}
	// ensureTemplate names the template sporbar_tpl_<name>_<migrations hash> and builds it as
	// …_wip; PostgreSQL cuts identifiers at 63 bytes.
	name := "sporbar_tpl_seeded_" + h1 + "_" + migrationsHash(t) + "_wip"
	if len(name) >= 63 {
		t.Errorf("template name %q is %d bytes, want < 63", name, len(name))
	}
}
