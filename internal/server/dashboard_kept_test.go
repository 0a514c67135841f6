package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// The samlet skema's body is kept rendered while the organisation's data stands still
// (pagecache.go): a second request reads only the session and the organisation, and every
// change made through the store shows on the next request.
func TestDashboardKeptUntilDataChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ts := newTestServer(t)
	d := ts.addFollowUpData(t)
	ts.signIn(t, ts.addUser(t, kommune, domain.RoleFagchef, "Sundhed og Omsorg"))
	path := "/org/" + kommune + "/oversigt"
	st := store.New(ts.db)
	admin := ts.id(t, `SELECT id FROM users WHERE email = $1`, userEmail(kommune, domain.RoleAdmin))

	skema := func() (*goquery.Document, int64) {
		t.Helper()
		ts.resetQueries()
		status, doc := ts.get(t, path)
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, status)
		}
		return doc, ts.queries()
	}
	// Signing in lands the fagchef on the skema; a change of nothing in particular makes the
	// next request build it anew.
	if err := st.MarkChanged(ctx, ts.id(t, `SELECT id FROM organisations WHERE slug = $1`, kommune)); err != nil {
		t.Fatal(err)
	}
	first, built := skema()
	again, kept := skema()
	if kept >= built || kept > 2 {
		t.Errorf("the kept skema took %d queries (built: %d), want at most 2 (the session and the organisation)", kept, built)
	}
	if a, b := first.Find("main").Text(), again.Find("main").Text(); a != b {
		t.Error("the kept skema differs from the one built")
	}

	changes := []struct {
		name   string
		change func() error
		check  func(doc *goquery.Document) string // "" when the change shows
	}{
		{
			name: "a status update",
			change: func() error {
				_, err := st.PostStatusUpdate(ctx, domain.StatusUpdate{InitiativeID: &d.a, Phase: domain.PhaseImplementing,
					Health: domain.HealthCritical, Progress: 45, AsOf: danishToday(), AuthorID: admin, Comment: "Ny status"})
				return err
			},
			check: func(doc *goquery.Document) string {
				if got := matrixCells(doc)[titleA]; got != "Hjemmepleje og akutaflastning: Under implementering Kritisk 45 %" {
					return "A's cell: " + got
				}
				return ""
			},
		},
		{
			name: "a comment",
			change: func() error {
				_, err := st.AddComment(ctx, domain.Comment{InitiativeID: &d.c, AuthorID: admin, Body: "Flot arbejde på ældrecentrene"})
				return err
			},
			check: func(doc *goquery.Document) string {
				if got := text(doc.Find("#aktivitet li").First()); !strings.Contains(got, "Flot arbejde på ældrecentrene") {
					return "newest activity: " + got
				}
				return ""
			},
		},
		{
			name: "a renamed author",
			change: func() error {
				u, err := st.GetUser(ctx, admin)
				if err != nil {
					return err
				}
				u.Name = "Aase Omdøbt"
				_, err = st.UpdateUser(ctx, u)
				return err
			},
			check: func(doc *goquery.Document) string {
				if got := text(doc.Find("#aktivitet li").First()); !strings.Contains(got, "Aase Omdøbt") {
					return "newest activity: " + got
				}
				return ""
			},
		},
	}
	for _, c := range changes {
		if err := c.change(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		doc, n := skema()
		if msg := c.check(doc); msg != "" {
			t.Errorf("after %s the skema is stale: %s", c.name, msg)
		}
		if n != built {
			t.Errorf("after %s the skema took %d queries, want %d (built anew)", c.name, n, built)
		}
	}
}
