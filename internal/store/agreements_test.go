package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

// agreementRows are agreements in short: "kind: upper → lower period".
func agreementRows(rows []domain.AgreementRow) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.Kind+": "+r.UpperUnitName+" → "+r.LowerUnitName)
	}
	return out
}

func TestListAgreements(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	direktionID := idOf(t, pool, `SELECT id FROM units WHERE name = 'Direktion'`)

	overordnet := "overordnet: Direktion → Sundhed og Omsorg"
	omraader := []string{
		"omraade: Sundhed og Omsorg → Faglig Drift og Udvikling og Sekretariatet",
		"omraade: Sundhed og Omsorg → Myndighed",
		"omraade: Sundhed og Omsorg → Hjemmepleje og akutaflastning",
		"omraade: Sundhed og Omsorg → Ældrecentre",
		"omraade: Sundhed og Omsorg → Sundhedscenter Vest",
	}
	all := concat([]string{overordnet}, omraader)

	tests := []struct {
		name string
		list func() ([]domain.AgreementRow, error)
		want []string
	}{
		{"the kommune's 6: the overordnede first, then by the lower unit's position",
			func() ([]domain.AgreementRow, error) { return st.ListAgreementsByOrganisation(ctx, id.kommune) }, all},
		{"the region has none",
			func() ([]domain.AgreementRow, error) { return st.ListAgreementsByOrganisation(ctx, id.region) }, []string{}},
		{"Sundhed og Omsorg is lower party of one and upper party of five",
			func() ([]domain.AgreementRow, error) { return st.ListAgreementsByUnit(ctx, id.sundhedOgOmsorg) }, all},
		{"Hjemmepleje og akutaflastning has its own",
			func() ([]domain.AgreementRow, error) { return st.ListAgreementsByUnit(ctx, id.hjemmepleje) }, omraader[2:3]},
		{"Direktion is upper party of the overordnede",
			func() ([]domain.AgreementRow, error) { return st.ListAgreementsByUnit(ctx, direktionID) }, []string{overordnet}},
		{"all six hold spor 1's first generel indsats",
			func() ([]domain.AgreementRow, error) {
				return st.ListAgreementsByInitiative(ctx, id.kommuneInitiative11)
			}, all},
		{"no agreement holds a regional indsatsområde",
			func() ([]domain.AgreementRow, error) { return st.ListAgreementsByInitiative(ctx, id.regionArea12) }, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := tt.list()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, agreementRows(rows)); diff != "" {
				t.Errorf("agreements (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGetAgreementRow(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	got, err := st.GetAgreementRow(context.Background(), id.hjemmeplejeAgreement)
	if err != nil {
		t.Fatal(err)
	}
	type short struct {
		Title, Kind, UpperUnitName, UpperTitle, LowerUnitName, LowerTitle, DocumentRef, StrategyTitle string
		PeriodStart, PeriodEnd                                                                        int32
		ParentID, StrategyID                                                                          *int64
		OrganisationID                                                                                int64
	}
	want := short{
		Title: "Dialogbaseret aftale – Hjemmepleje og akutaflastning 2023-2026", Kind: domain.AgreementOmraade,
		UpperUnitName: "Sundhed og Omsorg", UpperTitle: "Fagchef for Sundhed og Omsorg",
		LowerUnitName: "Hjemmepleje og akutaflastning", LowerTitle: "Områdeleder",
		DocumentRef: "23-010718", StrategyTitle: "Strategi for Sundhed og Omsorg",
		PeriodStart: 2023, PeriodEnd: 2026, ParentID: &id.overordnet, StrategyID: &id.kommuneStrategy,
		OrganisationID: id.kommune,
	}
	if diff := cmp.Diff(want, short{got.Title, got.Kind, got.UpperUnitName, got.UpperTitle, got.LowerUnitName,
		got.LowerTitle, got.DocumentRef, got.StrategyTitle, got.PeriodStart, got.PeriodEnd, got.ParentID,
		got.StrategyID, got.OrganisationID}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
