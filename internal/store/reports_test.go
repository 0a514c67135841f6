package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func reportDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// reportFixture is the seeded kommune with a local initiative of Hjemmepleje (with plan H-1)
// and plan G-1 on the first general initiative, an områdeleder of Hjemmepleje, and status
// updates: the general initiative 1.1 forberedende (Jan) → under implementering (Apr); the
// local one forberedende/udfordret (Feb) → implementeret/på sporet (May); H-1 kritisk (May).
type reportFixture struct {
	st                *store.Store
	id                ids
	local, h1, g1     int64
	leder             int64
	general11, track1 int64
}

func newReportFixture(t *testing.T) reportFixture {
	t.Helper()
	ctx := context.Background()
	st, pool := seeded(t)
	f := reportFixture{st: st, id: lookupIDs(t, pool)}
	f.general11 = f.id.kommuneInitiative11
	f.local = withLocal(t, st, f.id)
	f.h1 = idOf(t, pool, `SELECT id FROM action_plans WHERE code = 'H-1'`)
	f.g1 = idOf(t, pool, `SELECT id FROM action_plans WHERE code = 'G-1'`)
	f.track1 = idOf(t, pool, `SELECT track_id FROM initiatives WHERE id = $1`, f.general11)
	unit := f.id.hjemmepleje
	var err error
	if f.leder, err = st.CreateUser(ctx, domain.User{OrganisationID: f.id.kommune, UnitID: &unit, Email: "ol@example.dk",
		Name: "Olga Områdeleder", Role: domain.RoleOmraadeleder, PasswordHash: "x", Active: true}); err != nil {
		t.Fatal(err)
	}
	post := func(initiative, plan *int64, phase, health string, progress int16, asOf string) {
		su := domain.StatusUpdate{InitiativeID: initiative, ActionPlanID: plan, Phase: phase, Health: health,
			Progress: progress, Comment: "Fordi.", AsOf: reportDate(asOf), AuthorID: f.leder}
		if _, err := st.PostStatusUpdate(ctx, su); err != nil {
			t.Fatal(err)
		}
	}
	post(&f.general11, nil, domain.PhasePreparing, domain.HealthOnTrack, 10, "2026-01-15")
	post(&f.general11, nil, domain.PhaseImplementing, domain.HealthOnTrack, 40, "2026-04-10")
	post(&f.local, nil, domain.PhasePreparing, domain.HealthChallenged, 20, "2026-02-20")
	post(&f.local, nil, domain.PhaseImplemented, domain.HealthOnTrack, 100, "2026-05-02")
	post(nil, &f.h1, domain.PhaseImplementing, domain.HealthCritical, 30, "2026-05-31")
	return f
}

func TestListReportItems(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	short := func(items []store.ReportItem) []string {
		var out []string
		for _, it := range items[:5] {
			out = append(out, fmt.Sprintf("%s %d.%s %s %s", it.Kind, it.TrackNumber, it.Code, it.UnitName, it.StatusPhase))
		}
		return out
	}
	items, err := f.st.ListReportItems(ctx, f.id.kommune, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"general 1. Sundhed og Omsorg under_implementering", "action_plan 1.G-1 Sundhed og Omsorg ikke_paabegyndt",
		"local 1. Hjemmepleje og akutaflastning implementeret", "action_plan 1.H-1 Hjemmepleje og akutaflastning under_implementering",
		"general 1. Sundhed og Omsorg ikke_paabegyndt",
	}
	if diff := cmp.Diff(want, short(items)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if len(items) != 10+1+2 {
		t.Errorf("%d items, want 13", len(items))
	}
	h1 := items[3]
	if h1.GeneralID != f.general11 || h1.InitiativeID != f.local || h1.FollowUpMonths != 3 || *h1.UnitID != f.id.hjemmepleje ||
		h1.StatusAsOf == nil || !h1.StatusAsOf.Equal(reportDate("2026-05-31")) || h1.Weight != 1 {
		t.Errorf("H-1: %+v", h1)
	}
	withoutPlans, err := f.st.ListReportItems(ctx, f.id.kommune, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(withoutPlans) != 11 {
		t.Errorf("%d initiatives, want 11", len(withoutPlans))
	}
}

func TestListReportUnitsAndTracks(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	units, err := f.st.ListReportUnits(ctx, f.id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range units {
		got = append(got, fmt.Sprintf("%d %s %s %v %d %v", u.Depth, u.Name, u.Kind, u.Leaders, u.FollowUpMonths, u.AgreementID != nil))
	}
	want := []string{
		"0 Direktion direktion [] 3 false",
		"1 Sundhed og Omsorg fagomraade [] 3 true",
		"2 Faglig Drift og Udvikling og Sekretariatet omraade [] 3 true",
		"2 Myndighed omraade [] 3 true",
		"2 Hjemmepleje og akutaflastning omraade [Olga Områdeleder] 3 true",
		"2 Ældrecentre omraade [] 3 true",
		"2 Sundhedscenter Vest omraade [] 3 true",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
	tracks, err := f.st.ListReportTracks(ctx, f.id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	if len(tracks) != 4 || tracks[0].TrackNumber != 1 || tracks[0].UnitName != "Sundhed og Omsorg" {
		t.Errorf("tracks %+v", tracks)
	}
	coverage, err := f.st.ListTrackCoverage(ctx, f.id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	// Track 1 has two general initiatives and the local one, which is implemented.
	if diff := cmp.Diff(store.TrackCoverage{TrackID: f.track1, General: 2, Local: 0}, coverage[indexOf(coverage, f.track1)]); diff != "" {
		t.Errorf("coverage of track 1 (-want +got):\n%s", diff)
	}
	if len(coverage) != 4 {
		t.Errorf("%d tracks covered, want 4", len(coverage))
	}
}

func indexOf(c []store.TrackCoverage, track int64) int {
	for i, tc := range c {
		if tc.TrackID == track {
			return i
		}
	}
	return -1
}

func TestListPeriodStatus(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	got, err := f.st.ListPeriodStatus(context.Background(), f.id.kommune, reportDate("2026-03-31"), reportDate("2026-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	s := func(v string) *string { return &v }
	p := func(v int16) *int16 { return &v }
	want := []store.PeriodStatus{
		{Kind: "initiative", ID: f.general11, BeforePhase: s(domain.PhasePreparing), BeforeHealth: s(domain.HealthOnTrack),
			BeforeProgress: p(10), AfterPhase: s(domain.PhaseImplementing), AfterHealth: s(domain.HealthOnTrack), AfterProgress: p(40)},
		{Kind: "initiative", ID: f.local, BeforePhase: s(domain.PhasePreparing), BeforeHealth: s(domain.HealthChallenged),
			BeforeProgress: p(20), AfterPhase: s(domain.PhaseImplemented), AfterHealth: s(domain.HealthOnTrack), AfterProgress: p(100)},
		{Kind: "action_plan", ID: f.h1, AfterPhase: s(domain.PhaseImplementing), AfterHealth: s(domain.HealthCritical), AfterProgress: p(30)},
	}
	sortBy := cmpopts.SortSlices(func(a, b store.PeriodStatus) bool { return a.Kind+fmt.Sprint(a.ID) < b.Kind+fmt.Sprint(b.ID) })
	if diff := cmp.Diff(want, got, sortBy); diff != "" {
		t.Errorf("period status (-want +got):\n%s", diff)
	}
}

func TestListStatusTrend(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	// Archiving the local initiative in June takes it out from June on (its plan H-1 with it).
	if _, err := f.st.Pool().Exec(ctx, `UPDATE initiatives SET archived_at = '2026-06-15 12:00+02' WHERE id = $1`, f.local); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		filter store.TrendFilter
		want   []string
	}{
		{"the organisation", store.TrendFilter{From: reportDate("2026-01-20"), Months: 6}, []string{
			"01-31 health paa_sporet 1", "01-31 phase forberedende 1",
			"02-28 health paa_sporet 1", "02-28 health udfordret 1", "02-28 phase forberedende 2",
			"03-31 health paa_sporet 1", "03-31 health udfordret 1", "03-31 phase forberedende 2",
			"04-30 health paa_sporet 1", "04-30 health udfordret 1", "04-30 phase forberedende 1", "04-30 phase under_implementering 1",
			"05-31 health kritisk 1", "05-31 health paa_sporet 2", "05-31 phase implementeret 1", "05-31 phase under_implementering 2",
			"06-30 health paa_sporet 1", "06-30 phase under_implementering 1",
		}},
		{"an område", store.TrendFilter{UnitID: f.id.hjemmepleje, From: reportDate("2026-04-01"), Months: 2}, []string{
			"04-30 health udfordret 1", "04-30 phase forberedende 1",
			"05-31 health kritisk 1", "05-31 health paa_sporet 1", "05-31 phase implementeret 1", "05-31 phase under_implementering 1",
		}},
		{"the fagområde takes in its områder", store.TrendFilter{UnitID: f.id.sundhedOgOmsorg, From: reportDate("2026-02-01"), Months: 1},
			[]string{"02-28 health paa_sporet 1", "02-28 health udfordret 1", "02-28 phase forberedende 2"}},
		{"another track", store.TrendFilter{TrackID: f.id.kommuneTrack2, From: reportDate("2026-01-01"), Months: 12}, nil},
	}
	for _, tt := range tests {
		tt.filter.OrganisationID = f.id.kommune
		rows, err := f.st.ListStatusTrend(ctx, tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, fmt.Sprintf("%s %s %s %d", r.MonthEnd.Format("01-02"), r.Dimension, r.Value, r.Count))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
