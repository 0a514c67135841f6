package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// taskWorld is the kommune with a leader in Hjemmepleje and in Myndighed, each with a local
// initiative and action plans, for the Mine opgaver queries.
type taskWorld struct {
	st                       *store.Store
	id                       ids
	leder, myndLeder, chef   int64 // users
	myndighed                int64 // unit
	local, myndLocal         int64
	planSoon, planDone, myPl int64 // Hjemmepleje's H-1 and H-2, Myndighed's M-1
}

func date(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func newTaskWorld(t *testing.T) *taskWorld {
	t.Helper()
	st, pool := seeded(t)
	ctx := context.Background()
	w := &taskWorld{st: st, id: lookupIDs(t, pool)}
	w.myndighed = idOf(t, pool, `SELECT id FROM units WHERE name = 'Myndighed'`)
	user := func(email, role string, unit int64) int64 {
		id, err := st.CreateUser(ctx, domain.User{OrganisationID: w.id.kommune, UnitID: &unit, Email: email, Name: email,
			Role: role, PasswordHash: "x", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w.leder = user("leder@test", domain.RoleOmraadeleder, w.id.hjemmepleje)
	w.myndLeder = user("mynd@test", domain.RoleOmraadeleder, w.myndighed)
	w.chef = user("chef@test", domain.RoleFagchef, w.id.sundhedOgOmsorg)
	local := func(actor, unit int64, title string) int64 {
		id, err := st.AddLocalInitiative(ctx, actor, domain.Initiative{ParentID: &w.id.kommuneInitiative11, UnitID: &unit, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	plan := func(actor, in int64, code, deadline string) int64 {
		id, err := st.AddActionPlan(ctx, actor, domain.ActionPlan{InitiativeID: in, Code: code, Title: "Plan " + code,
			Deadline: date(deadline)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w.local = local(w.leder, w.id.hjemmepleje, "Hjemme")
	w.myndLocal = local(w.myndLeder, w.myndighed, "Mynd")
	w.planSoon = plan(w.leder, w.local, "H-1", "2026-12-01")
	w.planDone = plan(w.leder, w.local, "H-2", "2026-11-01")
	w.myPl = plan(w.myndLeder, w.myndLocal, "M-1", "2026-10-01")
	if _, err := st.PostStatusUpdate(ctx, domain.StatusUpdate{ActionPlanID: &w.planDone, Phase: domain.PhaseImplemented,
		Health: domain.HealthOnTrack, Progress: 100, AsOf: *date("2026-11-01"), AuthorID: w.leder}); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestListTaskItems(t *testing.T) {
	t.Parallel()
	w := newTaskWorld(t)
	ctx := context.Background()
	short := func(items []store.TaskItem) []string {
		var out []string
		for _, it := range items {
			s := it.Entity + " " + it.Code + " " + it.Title + " (" + it.UnitName + ")"
			if it.Deadline != nil {
				s += " " + it.Deadline.Format(time.DateOnly)
			}
			out = append(out, s)
		}
		return out
	}

	got, err := w.st.ListTaskItems(ctx, w.id.hjemmepleje)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"action_plan H-1 Plan H-1 (Hjemmepleje og akutaflastning) 2026-12-01",
		"initiative  Hjemme (Hjemmepleje og akutaflastning)"}
	if diff := cmp.Diff(want, short(got)); diff != "" {
		t.Errorf("Hjemmepleje: implemented and other områder's items left out (-want +got):\n%s", diff)
	}
	if got[0].FollowUpMonths != 3 || got[0].ParentTitle != "Hjemme" || got[0].Kind != domain.InitiativeLocal {
		t.Errorf("H-1: %+v", got[0])
	}

	// The fagchef's unit holds both områder and the general initiatives of its strategy.
	got, err = w.st.ListTaskItems(ctx, w.id.sundhedOgOmsorg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 10+2+2 || got[0].Code != "M-1" || got[1].Code != "H-1" {
		t.Errorf("Sundhed og Omsorg: %d items, first %q", len(got), short(got[:2]))
	}
}

func TestUnreadActivity(t *testing.T) {
	t.Parallel()
	w := newTaskWorld(t)
	ctx := context.Background()
	comment := func(actor int64, plan int64) {
		if _, err := w.st.AddComment(ctx, domain.Comment{ActionPlanID: &plan, AuthorID: actor, Body: "Hej"}); err != nil {
			t.Fatal(err)
		}
	}
	comment(w.chef, w.planSoon)  // others on the leader's item
	comment(w.leder, w.planSoon) // the leader's own
	comment(w.chef, w.myPl)      // another område
	if err := w.st.ApproveAgreement(ctx, w.chef, w.id.hjemmeplejeAgreement); err != nil {
		t.Fatal(err)
	}
	entries := func(user, unit int64, limit int) ([]string, int) {
		t.Helper()
		es, total, err := w.st.ListUnreadActivity(ctx, user, unit, limit)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.ActorName+" "+e.Action+" "+e.Title)
		}
		return out, total
	}

	got, total := entries(w.leder, w.id.hjemmepleje, 10)
	want := []string{"chef@test approve Dialogbaseret aftale – Hjemmepleje og akutaflastning 2023-2026", "chef@test comment Plan H-1"}
	if diff := cmp.Diff(want, got); diff != "" || total != 2 {
		t.Errorf("leader: total %d (-want +got):\n%s", total, diff)
	}
	if got, total := entries(w.leder, w.id.hjemmepleje, 1); len(got) != 1 || total != 2 {
		t.Errorf("limit 1: %q, total %d", got, total)
	}

	// Read one; then mark all up to an id below the newest: the newest stays.
	ids := idsOf(t, w, `SELECT id FROM audit_log WHERE unit_id = $1 AND actor_id = $2 ORDER BY id`, w.id.hjemmepleje, w.chef)
	if org, _, _, err := w.st.MarkActivityRead(ctx, w.leder, w.id.region, ids[0]); err != nil || org != w.id.kommune {
		t.Errorf("mark read as someone of another organisation: %d, %v; want the row's organisation", org, err)
	}
	if got, _ := entries(w.leder, w.id.hjemmepleje, 10); len(got) != 2 {
		t.Errorf("a row was marked read for the wrong organisation: %q", got)
	}
	if _, _, _, err := w.st.MarkActivityRead(ctx, w.leder, w.id.kommune, -1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("mark a missing row read: %v, want ErrNotFound", err)
	}
	for range 2 { // twice is no error
		_, entity, entityID, err := w.st.MarkActivityRead(ctx, w.leder, w.id.kommune, ids[0])
		if err != nil || entity != domain.EntityActionPlan || entityID != w.planSoon {
			t.Errorf("mark read: %s %d %v", entity, entityID, err)
		}
	}
	if got, _ := entries(w.leder, w.id.hjemmepleje, 10); len(got) != 1 {
		t.Errorf("after reading one: %q", got)
	}
	comment(w.chef, w.planSoon)
	n, err := w.st.MarkAllActivityRead(ctx, w.leder, w.id.hjemmepleje, ids[1])
	if err != nil || n != 1 {
		t.Errorf("mark all: %d, %v; want 1", n, err)
	}
	if got, total := entries(w.leder, w.id.hjemmepleje, 10); !cmp.Equal(got, []string{"chef@test comment Plan H-1"}) || total != 1 {
		t.Errorf("after marking all up to the shown: %q", got)
	}

	// The fagchef sees the områdeledere's doings in both områder, not their own.
	got, _ = entries(w.chef, w.id.sundhedOgOmsorg, 100)
	if len(got) != 7 {
		t.Errorf("fagchef: %q, want 7 (2 + 1 initiatives, 3 plans, 1 comment and 1 status)", got)
	}
}

func idsOf(t *testing.T, w *taskWorld, sql string, args ...any) []int64 {
	t.Helper()
	rows, err := w.st.Pool().Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

func TestApproveAgreementSeen(t *testing.T) {
	t.Parallel()
	w := newTaskWorld(t)
	ctx := context.Background()
	agreement := func() domain.AgreementRow {
		a, err := w.st.GetAgreementRow(ctx, w.id.hjemmeplejeAgreement)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	seen := agreement().ContentChangedAt
	if seen == nil {
		t.Fatal("adding items did not mark the agreement changed")
	}
	if _, err := w.st.ApproveAgreementSeen(ctx, w.chef, w.id.hjemmeplejeAgreement, nil); !errors.Is(err, store.ErrConflict) {
		t.Errorf("approve an old version: %v, want ErrConflict", err)
	}
	tests := []struct {
		name string
		want bool
	}{{"first", true}, {"again", false}}
	for _, tt := range tests {
		got, err := w.st.ApproveAgreementSeen(ctx, w.chef, w.id.hjemmeplejeAgreement, seen)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if got := agreement().ApprovalState(); got != domain.ApprovalCurrent {
		t.Errorf("state %q", got)
	}
	approval, err := w.st.LatestApproval(ctx, w.id.hjemmeplejeAgreement)
	if err != nil || approval == nil || len(approval.Snapshot.Items) == 0 {
		t.Fatalf("latest approval: %+v, %v", approval, err)
	}
}

func TestListAuditByTitle(t *testing.T) {
	t.Parallel()
	w := newTaskWorld(t)
	ctx := context.Background()
	for _, title := range []string{"100% klar", "100 procent", "a_b", "axb"} {
		if err := w.st.Audit(ctx, domain.AuditEntry{OrganisationID: w.id.kommune, Action: domain.AuditUpdate,
			Entity: domain.EntityInitiative, EntityID: w.local, Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		search string
		want   []string
	}{
		{"100%", []string{"100% klar"}},
		{"a_b", []string{"a_b"}},
		{"KLAR", []string{"100% klar"}},
		{"", []string{"axb", "a_b", "100 procent", "100% klar"}},
	} {
		es, err := w.st.ListAudit(ctx, store.AuditFilter{OrganisationID: w.id.kommune, Title: tt.search, Entity: domain.EntityInitiative,
			EntityID: w.local, Limit: 4})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Title)
		}
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("title %q (-want +got):\n%s", tt.search, diff)
		}
	}
}
