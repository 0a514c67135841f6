package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/dbtest"
	"github.com/sporbar/sporbar/internal/store"
)

// seeded returns a store on a fresh database holding both seed documents, and its pool for
// looking up ids.
func seeded(t *testing.T) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	pool := dbtest.NewSeeded(t)
	return store.New(pool), pool
}

// idOf runs a query that returns one id (e.g. SELECT id FROM goals WHERE title = $1), so
// that tests never hard-code the numeric ids the database hands out.
func idOf(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		t.Fatalf("look up id (%s %v): %v", sql, args, err)
	}
	return id
}

// ids are the seeded items the tests refer to, looked up by name.
type ids struct {
	kommune, region                              int64
	aeldrepolitik, strategiplan                  int64
	aeldreObjective1                             int64
	selvbestemmelse                              int64 // the goal "At der er selvbestemmelse …"
	kommuneStrategy, regionStrategy              int64
	kommuneTrack2                                int64
	kommuneInitiative11                          int64 // Spor 1's first generel indsats
	regionArea10, regionArea12                   int64 // indsatsområde 10 and 12
	plan12D                                      int64
	annualPlan2016                               int64
	sundhedOgOmsorg, hjemmepleje, socialomraadet int64
	overordnet, hjemmeplejeAgreement             int64
}

func lookupIDs(t *testing.T, pool *pgxpool.Pool) ids {
	t.Helper()
	org := `SELECT id FROM organisations WHERE slug = $1`
	strategy := `SELECT id FROM strategies WHERE title = $1`
	unit := `SELECT id FROM units WHERE name = $1`
	agreement := `SELECT id FROM agreements WHERE title = $1`
	initiative := `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
		WHERE s.title = $1 AND t.number = $2 AND i.number = $3 AND i.kind = 'general'`
	return ids{
		kommune:          idOf(t, pool, org, "ringkobing-skjern"),
		region:           idOf(t, pool, org, "region-midtjylland"),
		aeldrepolitik:    idOf(t, pool, `SELECT id FROM policies WHERE title = 'Ældrepolitik'`),
		strategiplan:     idOf(t, pool, `SELECT id FROM policies WHERE title = 'Direktionens Strategiplan'`),
		aeldreObjective1: idOf(t, pool, `SELECT o.id FROM objectives o JOIN policies p ON p.id = o.policy_id WHERE p.title = 'Ældrepolitik' AND o.number = 1`),
		selvbestemmelse:  idOf(t, pool, `SELECT id FROM goals WHERE title = $1`, "At der er selvbestemmelse i form af til- og fravalg i hverdagslivet"),
		kommuneStrategy:  idOf(t, pool, strategy, "Strategi for Sundhed og Omsorg"),
		regionStrategy:   idOf(t, pool, strategy, "Social Strategi"),
		kommuneTrack2: idOf(t, pool, `SELECT t.id FROM tracks t JOIN strategies s ON s.id = t.strategy_id
			WHERE s.title = 'Strategi for Sundhed og Omsorg' AND t.number = 2`),
		kommuneInitiative11:  idOf(t, pool, initiative, "Strategi for Sundhed og Omsorg", 1, 1),
		regionArea10:         idOf(t, pool, initiative, "Social Strategi", 3, 10),
		regionArea12:         idOf(t, pool, initiative, "Social Strategi", 3, 12),
		plan12D:              idOf(t, pool, `SELECT id FROM action_plans WHERE code = '12-D'`),
		annualPlan2016:       idOf(t, pool, `SELECT id FROM annual_plans WHERE year = 2016`),
		sundhedOgOmsorg:      idOf(t, pool, unit, "Sundhed og Omsorg"),
		hjemmepleje:          idOf(t, pool, unit, "Hjemmepleje og akutaflastning"),
		socialomraadet:       idOf(t, pool, unit, "Socialområdet"),
		overordnet:           idOf(t, pool, agreement, "Overordnet dialogbaseret aftale – Sundhed og Omsorg 2023-2026"),
		hjemmeplejeAgreement: idOf(t, pool, agreement, "Dialogbaseret aftale – Hjemmepleje og akutaflastning 2023-2026"),
	}
}
