package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// TestIdempotentPosts posts status updates and comments several times, some at once, with the
// same form key: each key stores one row and one history row, every post answers with that
// row's id, and posts without a key are all stored.
func TestIdempotentPosts(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	author, err := st.CreateUser(ctx, domain.User{OrganisationID: id.kommune, Email: "k@example.test", Name: "Kaj Krog",
		Role: domain.RoleAdmin, PasswordHash: "x", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	local := withLocal(t, st, id)
	asOf := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	post := map[string]func(key string) (int64, error){
		"status_updates": func(key string) (int64, error) {
			return st.PostStatusUpdate(ctx, domain.StatusUpdate{InitiativeID: &local, Phase: domain.PhaseImplementing,
				Health: domain.HealthOnTrack, Progress: 20, AsOf: asOf, AuthorID: author, IdempotencyKey: key})
		},
		"comments": func(key string) (int64, error) {
			return st.AddComment(ctx, domain.Comment{InitiativeID: &local, AuthorID: author, Body: "Hej", IdempotencyKey: key})
		},
	}
	tests := []struct {
		table, key string
		posts      int
		wantRows   int64
	}{
		{"status_updates", "Zm9ybS1rZXktMQ", 6, 1},
		{"status_updates", "", 2, 2},
		{"comments", "Zm9ybS1rZXktMg", 6, 1},
		{"comments", "", 2, 2},
	}
	for _, tt := range tests {
		before := rowsOf(t, st, tt.table, author)
		audits := idOf(t, pool, `SELECT count(*) FROM audit_log WHERE entity_id = $1`, local)
		ids := make(chan int64, tt.posts)
		var wg sync.WaitGroup
		for range tt.posts {
			wg.Go(func() {
				id, err := post[tt.table](tt.key)
				if err != nil {
					t.Errorf("%s %q: %v", tt.table, tt.key, err)
				}
				ids <- id
			})
		}
		wg.Wait()
		close(ids)
		distinct := map[int64]bool{}
		for id := range ids {
			distinct[id] = true
		}
		if got := rowsOf(t, st, tt.table, author) - before; got != tt.wantRows {
			t.Errorf("%s %q × %d: %d rows stored, want %d", tt.table, tt.key, tt.posts, got, tt.wantRows)
		}
		if got := idOf(t, pool, `SELECT count(*) FROM audit_log WHERE entity_id = $1`, local) - audits; got != tt.wantRows {
			t.Errorf("%s %q × %d: %d history rows, want %d", tt.table, tt.key, tt.posts, got, tt.wantRows)
		}
		if want := min(tt.wantRows, int64(tt.posts)); tt.key != "" && int64(len(distinct)) != want {
			t.Errorf("%s %q: the posts answered ids %v, want one", tt.table, tt.key, distinct)
		}
	}
}

func rowsOf(t *testing.T, st *store.Store, table string, author int64) int64 {
	t.Helper()
	var n int64
	if err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM `+table+` WHERE author_id = $1`, author).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
