package importer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/importer"
	"github.com/sporbar/sporbar/internal/store"
)

// counts are the SQL counts per organisation ($1 is the organisation's id) that the tests
// compare against the source documents.
var counts = []struct{ name, sql string }{
	{"units", `SELECT count(*) FROM units WHERE organisation_id = $1`},
	{"policies", `SELECT count(*) FROM policies WHERE organisation_id = $1`},
	{"objectives", `SELECT count(*) FROM objectives o JOIN policies p ON p.id = o.policy_id
		WHERE p.organisation_id = $1`},
	{"goals", `SELECT count(*) FROM goals g JOIN objectives o ON o.id = g.objective_id
		JOIN policies p ON p.id = o.policy_id WHERE p.organisation_id = $1`},
	{"goal tracks", `SELECT count(*) FROM goal_tracks gt JOIN tracks t ON t.id = gt.track_id
		JOIN strategies s ON s.id = t.strategy_id JOIN goals g ON g.id = gt.goal_id
		JOIN objectives o ON o.id = g.objective_id JOIN policies p ON p.id = o.policy_id
		WHERE p.organisation_id = $1 AND s.organisation_id = $1`},
	{"strategies", `SELECT count(*) FROM strategies WHERE organisation_id = $1`},
	{"tracks", `SELECT count(*) FROM tracks t JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1`},
	{"general initiatives", `SELECT count(*) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1 AND i.kind = 'general'`},
	{"local initiatives", `SELECT count(*) FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1 AND i.kind = 'local'`},
	{"action plans", `SELECT count(*) FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1`},
	{"agreements", `SELECT count(*) FROM agreements WHERE organisation_id = $1`},
	{"overordnede agreements", `SELECT count(*) FROM agreements WHERE organisation_id = $1 AND kind = 'overordnet'
		AND parent_id IS NULL`},
	{"agreements holding 10 initiatives", `SELECT count(*) FROM agreements g WHERE g.organisation_id = $1
		AND (SELECT count(*) FROM agreement_initiatives ai WHERE ai.agreement_id = g.id) = 10`},
	{"agreement initiatives", `SELECT count(*) FROM agreement_initiatives ai
		JOIN agreements g ON g.id = ai.agreement_id WHERE g.organisation_id = $1`},
	{"terms", `SELECT count(*) FROM terms WHERE organisation_id = $1`},
	{"term links", `SELECT count(*) FROM term_links l JOIN terms t ON t.id = l.term_id WHERE t.organisation_id = $1`},
	{"ladder steps", `SELECT count(*) FROM ladder_steps WHERE organisation_id = $1`},
	{"annual plans", `SELECT count(*) FROM annual_plans p JOIN strategies s ON s.id = p.strategy_id
		WHERE s.organisation_id = $1`},
	{"annual plan areas", `SELECT count(*) FROM annual_plan_areas a JOIN annual_plans p ON p.id = a.annual_plan_id
		JOIN strategies s ON s.id = p.strategy_id WHERE s.organisation_id = $1`},
	{"annual plan items", itemsWhere(`true`)},
	{"items with OL", itemsWhere(`it.ol`)},
	{"items with OL note", itemsWhere(`it.ol_note <> ''`)},
	{"new items", itemsWhere(`it.is_new`)},
	{"forberedende items", itemsWhere(`it.phase = 'forberedende'`)},
	{"items without text", itemsWhere(`it.implementation = ''`)},
}

func itemsWhere(cond string) string {
	return `SELECT count(*) FROM annual_plan_items it JOIN annual_plans p ON p.id = it.annual_plan_id
		JOIN strategies s ON s.id = p.strategy_id WHERE s.organisation_id = $1 AND ` + cond
}

// countAll runs every count for the organisation with slug.
func countAll(t *testing.T, pool *pgxpool.Pool, slug string) map[string]int {
	t.Helper()
	ctx := context.Background()
	var orgID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM organisations WHERE slug = $1`, slug).Scan(&orgID); err != nil {
		t.Fatalf("organisation %s: %v", slug, err)
	}
	got := map[string]int{}
	for _, c := range counts {
		var n int
		if err := pool.QueryRow(ctx, c.sql, orgID).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", c.name, err)
		}
		got[c.name] = n
	}
	return got
}

// loadSeeds returns a pool on a fresh database with both seed documents loaded.
func loadSeeds(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool := dbtest.New(t)
	loaded, err := importer.LoadSeeds(context.Background(), store.New(pool))
	if err != nil {
		t.Fatalf("LoadSeeds: %v", err)
	}
	if diff := cmp.Diff([]string{"Region Midtjylland", "Ringkøbing-Skjern Kommune"}, loaded); diff != "" {
		t.Fatalf("LoadSeeds loaded (-want +got):\n%s", diff)
	}
	return pool
}

func TestLoadSeedsCounts(t *testing.T) {
	pool := loadSeeds(t)
	tests := []struct {
		slug string
		want map[string]int
	}{
		{"ringkobing-skjern", map[string]int{
			"units": 7, "policies": 3, "objectives": 8, "goals": 23, "goal tracks": 23,
			"strategies": 1, "tracks": 4, "general initiatives": 10, "local initiatives": 0, "action plans": 0,
			"agreements": 6, "overordnede agreements": 1, "agreements holding 10 initiatives": 6,
			"agreement initiatives": 60, "terms": 7, "term links": 3, "ladder steps": 5,
			"annual plans": 0, "annual plan areas": 0, "annual plan items": 0, "items with OL": 0,
			"items with OL note": 0, "new items": 0, "forberedende items": 0, "items without text": 0,
		}},
		{"region-midtjylland", map[string]int{
			"units": 6, "policies": 0, "objectives": 0, "goals": 0, "goal tracks": 0,
			"strategies": 1, "tracks": 5, "general initiatives": 15, "local initiatives": 0, "action plans": 19,
			"agreements": 0, "overordnede agreements": 0, "agreements holding 10 initiatives": 0,
			"agreement initiatives": 0, "terms": 0, "term links": 0, "ladder steps": 0,
			"annual plans": 1, "annual plan areas": 15, "annual plan items": 19, "items with OL": 12,
			"items with OL note": 12, "new items": 3, "forberedende items": 4, "items without text": 6,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, countAll(t, pool, tt.slug)); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadSeedsTwiceCreatesNothing(t *testing.T) {
	pool := loadSeeds(t)
	before := map[string]map[string]int{}
	for _, slug := range []string{"ringkobing-skjern", "region-midtjylland"} {
		before[slug] = countAll(t, pool, slug)
	}
	loaded, err := importer.LoadSeeds(context.Background(), store.New(pool))
	if err != nil {
		t.Fatalf("second LoadSeeds: %v", err)
	}
	if len(loaded) != 0 {
		t.Errorf("second LoadSeeds loaded %v, want nothing", loaded)
	}
	var orgs int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM organisations`).Scan(&orgs); err != nil {
		t.Fatal(err)
	}
	if orgs != 2 {
		t.Errorf("%d organisations after loading twice, want 2", orgs)
	}
	for slug, want := range before {
		if diff := cmp.Diff(want, countAll(t, pool, slug)); diff != "" {
			t.Errorf("%s counts changed by the second load (-before +after):\n%s", slug, diff)
		}
	}
}

func TestLoadSeedsFacts(t *testing.T) {
	pool := loadSeeds(t)
	tests := []struct {
		name string
		sql  string
		want string
	}{
		{"12-D is new, goes to OL", `SELECT it.is_new::text || ' ' || it.ol::text || ' ' || it.phase || ' ' ||
			starts_with(it.ol_note, 'behandler arbejdsgruppens oplæg')::text
			FROM annual_plan_items it JOIN action_plans a ON a.id = it.action_plan_id WHERE a.code = '12-D'`,
			"true true aktiv true"},
		{"12-D implementation drops the INITIATIV marker", `SELECT left(it.implementation, 27)
			FROM annual_plan_items it JOIN action_plans a ON a.id = it.action_plan_id WHERE a.code = '12-D'`,
			"Der nedsættes en arbejdsgru"},
		{"5-C's OI: is read as OL", `SELECT it.ol::text || ' ' || starts_with(it.ol_note, 'vil på et døgnsseminar')::text
			FROM annual_plan_items it JOIN action_plans a ON a.id = it.action_plan_id WHERE a.code = '5-C'`,
			"true true"},
		{"10-C shares 10-A's forberedende phase", `SELECT it.phase || ' ' || it.is_new::text || ' ' || it.ol::text ||
			' [' || it.implementation || ']' FROM annual_plan_items it JOIN action_plans a ON a.id = it.action_plan_id
			WHERE a.code = '10-C'`, "forberedende false false []"},
		{"goal on selvbestemmelse links to spor 1", `SELECT string_agg(t.number::text, ',') FROM goals g
			JOIN goal_tracks gt ON gt.goal_id = g.id JOIN tracks t ON t.id = gt.track_id
			WHERE g.title = 'At der er selvbestemmelse i form af til- og fravalg i hverdagslivet'`, "1"},
		{"goal whose spor cell was lost links to spor 4", `SELECT string_agg(t.number::text, ',') FROM goals g
			JOIN goal_tracks gt ON gt.goal_id = g.id JOIN tracks t ON t.id = gt.track_id
			WHERE g.title LIKE 'At enhver kan opleve meningsfuldhed%'`, "4"},
		{"indsatsområde 12 sits under tema 3", `SELECT t.number || ' ' || t.title FROM initiatives i
			JOIN tracks t ON t.id = i.track_id WHERE i.title = 'Stærkere samarbejde med sundhedsområdet'`, "3 Bedre liv"},
		{"region labels", `SELECT label_track || '/' || label_generals || '/' || label_action_plan
			FROM organisations WHERE slug = 'region-midtjylland'`, "Tema/Indsatsområder/Handleplan"},
		{"kommune labels are the defaults", `SELECT label_track || '/' || label_general FROM organisations
			WHERE slug = 'ringkobing-skjern'`, "Strategispor/Generel indsats"},
		{"only the strategiplan is unnumbered", `SELECT string_agg(title, ',' ORDER BY position) FROM policies
			WHERE NOT numbered`, "Direktionens Strategiplan"},
		{"område agreements hang under the overordnede", `SELECT count(*)::text FROM agreements c
			JOIN agreements p ON p.id = c.parent_id JOIN units u ON u.id = c.upper_unit_id
			WHERE c.kind = 'omraade' AND p.kind = 'overordnet' AND u.name = 'Sundhed og Omsorg'
			AND c.document_ref = '23-010718' AND c.period_start = 2023 AND c.period_end = 2026`, "5"},
		{"områder sit under Sundhed og Omsorg under Direktion", `SELECT string_agg(u.name, ',' ORDER BY u.position)
			FROM units u JOIN units p ON p.id = u.parent_id JOIN units d ON d.id = p.parent_id
			WHERE p.name = 'Sundhed og Omsorg' AND d.name = 'Direktion'`,
			"Faglig Drift og Udvikling og Sekretariatet,Myndighed,Hjemmepleje og akutaflastning,Ældrecentre,Sundhedscenter Vest"},
		{"ladder starts below the first green step", `SELECT string_agg(position || ' ' || colour, ',' ORDER BY position)
			FROM ladder_steps WHERE position <= 1`, "0 #cfe8c8,1 #4caf50"},
		{"term with a list keeps its lines", `SELECT split_part(description, E'\n', 5) FROM terms
			WHERE name = 'Strategi for rekruttering og tilknytning i Sundhed og Omsorg'`,
			"- Styrker arbejdsfællesskabet (kerneopgave, anerkendende kommunikation, fleksibel arbejdstid, karriereveje, rotation)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			if err := pool.QueryRow(context.Background(), tt.sql).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	const valid = `
organisation: {slug: test, name: Test Kommune, kind: kommune}
units:
  - {name: Direktion, kind: direktion}
  - {name: Sundhed, kind: fagomraade}
strategies:
  - title: Strategi
    period_start: 2023
    period_end: 2026
    tracks:
      - number: 1
        title: Vi vil noget
        initiatives:
          - {number: 1, title: En indsats}
policies:
  - title: Ældrepolitik
    kind: politik
    objectives:
      - number: 1
        title: En målsætning
        goals:
          - {title: Et mål, tracks: [1]}
`
	if _, err := importer.Parse(strings.NewReader(valid)); err != nil {
		t.Fatalf("the valid document is rejected: %v", err)
	}
	tests := []struct {
		name, old, new string
		want           []string // parts of the message
	}{
		{"unknown field", "kind: kommune}", "kind: kommune, colour: blå}",
			[]string{`ukendt felt "colour"`}},
		{"goal names a missing track", "tracks: [1]", "tracks: [7]",
			[]string{`politik "Ældrepolitik", målsætning 1: mål "Et mål" nævner spor 7, som ikke findes i strategien "Strategi"`}},
		{"unknown unit kind", "kind: fagomraade", "kind: afdeling",
			[]string{`enhed "Sundhed": kind "afdeling"`}},
		{"strategy names a missing unit", "period_start: 2023", "unit: Ældre\n    period_start: 2023",
			[]string{`strategi "Strategi": enheden "Ældre" findes ikke`}},
		{"text where a number belongs", "number: 1\n        title: Vi", "number: et\n        title: Vi",
			[]string{"linje 11", "forventet et helt tal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(valid, tt.old, tt.new, 1)
			if doc == valid {
				t.Fatalf("test case does not change the document")
			}
			_, err := importer.Parse(strings.NewReader(doc))
			if err == nil {
				t.Fatal("Parse accepted the document")
			}
			var ve *importer.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("error %v is not a *ValidationError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestSeedsParse(t *testing.T) {
	docs, err := importer.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, d := range docs {
		slugs = append(slugs, d.Organisation.Slug)
	}
	if diff := cmp.Diff([]string{"region-midtjylland", "ringkobing-skjern"}, slugs); diff != "" {
		t.Errorf("seed slugs (-want +got):\n%s", diff)
	}
}
