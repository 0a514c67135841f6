package importer_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/store"
)

// exported returns the organisation's current hierarchy as a document.
func exported(t *testing.T, st *store.Store, orgID int64) importer.Document {
	t.Helper()
	h, err := st.LoadHierarchy(context.Background(), orgID)
	if err != nil {
		t.Fatal(err)
	}
	return importer.FromHierarchy(h)
}

// viaXLSX writes doc as a samlet skema and reads it back, as an upload would be read.
func viaXLSX(t *testing.T, doc importer.Document) importer.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := importer.WriteXLSX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	got, err := importer.ReadXLSX(buf.Bytes(), doc.Organisation.Slug)
	if err != nil {
		var se *importer.SheetError
		if errors.As(err, &se) {
			for _, p := range se.Problems {
				t.Error(p)
			}
		}
		t.Fatal(err)
	}
	return got
}

// withoutIDs compares documents by content only.
var withoutIDs = cmp.Options{
	cmpopts.IgnoreFields(importer.Organisation{}, "Slug"),
	cmpopts.IgnoreFields(importer.Unit{}, "ID"), cmpopts.IgnoreFields(importer.LadderStep{}, "ID"),
	cmpopts.IgnoreFields(importer.Term{}, "ID"), cmpopts.IgnoreFields(importer.Strategy{}, "ID"),
	cmpopts.IgnoreFields(importer.Track{}, "ID"), cmpopts.IgnoreFields(importer.Initiative{}, "ID"),
	cmpopts.IgnoreFields(importer.Local{}, "ID"), cmpopts.IgnoreFields(importer.ActionPlan{}, "ID"),
	cmpopts.IgnoreFields(importer.Policy{}, "ID"), cmpopts.IgnoreFields(importer.Objective{}, "ID"),
	cmpopts.IgnoreFields(importer.Goal{}, "ID"),
}

// newOrganisation creates an empty organisation with an admin and returns their ids.
func newOrganisation(t *testing.T, pool *pgxpool.Pool, slug string) (orgID, adminID int64) {
	t.Helper()
	ctx := context.Background()
	st := store.New(pool)
	orgID, err := st.CreateOrganisation(ctx, domain.Organisation{Slug: slug, Name: "Tom", Kind: "kommune",
		Labels: domain.DefaultLabels()})
	if err != nil {
		t.Fatal(err)
	}
	adminID, err = st.CreateUser(ctx, domain.User{OrganisationID: orgID, Email: "admin@" + slug + ".test", Name: "Admin",
		Role: domain.RoleAdmin, PasswordHash: "x", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return orgID, adminID
}

func orgID(t *testing.T, pool *pgxpool.Pool, slug string) int64 {
	t.Helper()
	var id int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM organisations WHERE slug = $1`, slug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestRoundTripIntoEmptyOrganisation exports each seeded organisation to a samlet skema,
// imports it into an empty organisation and exports that: the hierarchies are the same. An
// import of the unchanged file into the organisation it came from changes nothing.
func TestRoundTripIntoEmptyOrganisation(t *testing.T) {
	t.Parallel()
	pool := dbtest.NewSeeded(t)
	st := store.New(pool)
	ctx := context.Background()
	for _, slug := range []string{"ringkobing-skjern", "region-midtjylland"} {
		t.Run(slug, func(t *testing.T) {
			source := exported(t, st, orgID(t, pool, slug))
			file := viaXLSX(t, source)
			copyID, admin := newOrganisation(t, pool, "kopi-"+slug)
			changes, err := importer.Update(ctx, st, copyID, admin, file, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range changes {
				if c.Action == domain.AuditArchive {
					t.Errorf("import into an empty organisation archived %s %q", c.Level, c.Title)
				}
			}
			if diff := cmp.Diff(source, exported(t, st, copyID), withoutIDs); diff != "" {
				t.Errorf("copy differs from the source (-source +copy):\n%s", diff)
			}
			_, sourceAdmin := newOrganisation(t, pool, "admin-"+slug)
			again, err := importer.Update(ctx, st, orgID(t, pool, slug), sourceAdmin, file, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(again) != 0 {
				t.Errorf("importing the unchanged export changes %d things, want none: %+v", len(again), again)
			}
		})
	}
}

// TestUpdateCreatesChangesArchives applies a changed document and checks the changes it
// reports, the hierarchy that results and the history it writes.
func TestUpdateCreatesChangesArchives(t *testing.T) {
	t.Parallel()
	pool := dbtest.NewSeeded(t)
	st := store.New(pool)
	ctx := context.Background()
	kommune := orgID(t, pool, "ringkobing-skjern")
	var admin int64
	if err := pool.QueryRow(ctx, `INSERT INTO users (organisation_id, email, name, role, password_hash)
		VALUES ($1, 'a@k.test', 'Anne Admin', 'admin', 'x') RETURNING id`, kommune).Scan(&admin); err != nil {
		t.Fatal(err)
	}
	doc := exported(t, st, kommune)
	sundhed := &doc.Policies[1]
	sundhed.Objectives[0].Title = "At borgerne trives"            // change
	sundhed.Objectives[2].Goals = sundhed.Objectives[2].Goals[:1] // archive the second goal
	sundhed.Objectives[1], sundhed.Objectives[0] = sundhed.Objectives[0], sundhed.Objectives[1]
	sundhed.Objectives[0].Number, sundhed.Objectives[1].Number = 1, 2 // swap numbers 1 and 2
	sundhed.Objectives = append(sundhed.Objectives, importer.Objective{Number: 4, Title: "Ny målsætning",
		Goals: []importer.Goal{{Title: "Nyt mål", Tracks: []int{2, 3}}}})

	preview, err := importer.Update(ctx, st, kommune, admin, doc, true)
	if err != nil {
		t.Fatal(err)
	}
	applied, err := importer.Update(ctx, st, kommune, admin, doc, false)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(preview, applied); diff != "" {
		t.Errorf("the preview differs from what was done (-preview +done):\n%s", diff)
	}
	type brief struct{ Action, Level, Title string }
	var got []brief
	for _, c := range applied {
		got = append(got, brief{c.Action, c.Level, c.Title})
	}
	want := []brief{
		{domain.AuditUpdate, "Målsætning", "1. At borgere i Ringkøbing-Skjern Kommune oplever digital trivsel med viden om, tryghed i og bevidsthed om medieforbrug"},
		{domain.AuditUpdate, "Målsætning", "2. At borgerne trives"},
		{domain.AuditCreate, "Målsætning", "4. Ny målsætning"},
		{domain.AuditCreate, "Mål", "Nyt mål"},
		{domain.AuditArchive, "Mål", "At der opnås større grad af lighed i sundhed, således at den enkeltes frihed til at vælge sundhed til i mindre grad er betinget af forudgående viden, social baggrund og aktuelle livskriser"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(doc, exported(t, st, kommune), cmpopts.IgnoreFields(importer.Objective{}, "ID"),
		cmpopts.IgnoreFields(importer.Goal{}, "ID")); diff != "" {
		t.Errorf("hierarchy after the import (-want +got):\n%s", diff)
	}
	var rows int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE actor_id = $1`, admin).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != len(want) {
		t.Errorf("%d history rows, want %d (one per change)", rows, len(want))
	}
}

// TestRoundTripWithLocalInitiatives: local initiatives and their action plans (which the seed
// documents do not have) survive the samlet skema too.
func TestRoundTripWithLocalInitiatives(t *testing.T) {
	t.Parallel()
	pool := dbtest.NewSeeded(t)
	st := store.New(pool)
	ctx := context.Background()
	kommune := orgID(t, pool, "ringkobing-skjern")
	_, admin := newOrganisation(t, pool, "hjaelp")
	var parent, unit int64
	if err := pool.QueryRow(ctx, `SELECT min(i.id) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1`, kommune).Scan(&parent); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `SELECT id FROM units WHERE name = 'Myndighed'`).Scan(&unit); err != nil {
		t.Fatal(err)
	}
	local, err := st.CreateInitiativeFull(ctx, domain.Initiative{Kind: domain.InitiativeLocal, ParentID: &parent,
		UnitID: &unit, Number: 1, Title: "Hurtigere visitation", Responsible: "Teamleder", Weight: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i, code := range []string{"A", "B"} {
		if _, err := st.AddActionPlan(ctx, admin, domain.ActionPlan{InitiativeID: local, Code: code,
			Title: "Plan " + code, Position: int32(i + 1)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	source := exported(t, st, kommune)
	if n := len(source.Strategies[0].Tracks[0].Initiatives[0].Locals); n != 1 {
		t.Fatalf("the export has %d local initiatives, want 1", n)
	}
	copyID, copyAdmin := newOrganisation(t, pool, "kopi")
	if _, err := importer.Update(ctx, st, copyID, copyAdmin, viaXLSX(t, source), false); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(source, exported(t, st, copyID), withoutIDs); diff != "" {
		t.Errorf("copy differs from the source (-source +copy):\n%s", diff)
	}
}
