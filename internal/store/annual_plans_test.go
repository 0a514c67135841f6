package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

func TestListAnnualPlanItems(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()

	// item is an item in short: "code phase markers [same as]".
	item := func(r domain.AnnualPlanItemRow) string {
		s := r.Code + " " + r.Phase
		if r.IsNew {
			s += " INITIATIV"
		}
		if r.OL {
			s += " OL"
		}
		if r.SameAsCode != "" {
			s += " se " + r.SameAsCode
		}
		return s
	}
	tests := []struct {
		name   string
		filter store.AnnualPlanItemFilter
		want   []string
	}{
		{"the 2016 plan's 19 handleplaner in the document's order", store.AnnualPlanItemFilter{AnnualPlanID: id.annualPlan2016}, []string{
			"1-A aktiv OL", "1-B aktiv se 1-A", "2-A aktiv OL", "4-A aktiv OL", "4-E aktiv OL", "5-C aktiv OL",
			"6-A aktiv OL", "6-B aktiv OL", "7-D aktiv", "8-C aktiv INITIATIV OL", "8-D aktiv se 8-C", "8-E aktiv se 8-C",
			"9-E aktiv OL", "10-A forberedende INITIATIV OL", "10-B forberedende se 10-A", "10-C forberedende se 10-A",
			"10-D forberedende se 10-A", "12-D aktiv INITIATIV OL", "13-A aktiv OL",
		}},
		{"12-D's years", store.AnnualPlanItemFilter{ActionPlanID: id.plan12D}, []string{"12-D aktiv INITIATIV OL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := st.ListAnnualPlanItems(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]string, 0, len(rows))
			for _, r := range rows {
				got = append(got, item(r))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("12-D's 2016 text and OL note", func(t *testing.T) {
		rows, err := st.ListAnnualPlanItems(ctx, store.AnnualPlanItemFilter{ActionPlanID: id.plan12D})
		if err != nil || len(rows) != 1 {
			t.Fatalf("got %d rows, %v; want 1", len(rows), err)
		}
		r := rows[0]
		type short struct {
			Year                 int32
			PlanTitle, OLNote    string
			ImplementationPrefix bool
			InitiativeID         int64
		}
		got := short{r.Year, r.PlanTitle, r.OLNote,
			strings.HasPrefix(r.Implementation, "Der nedsættes en arbejdsgruppe"), r.InitiativeID}
		want := short{2016, "Social Strategi – Indsatsplan 2016",
			"behandler arbejdsgruppens oplæg og træffer beslutning om den videre opfølgning.", true, id.regionArea12}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestListAnnualPlanAreas(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	rows, err := st.ListAnnualPlanAreas(context.Background(), id.annualPlan2016)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s/%d", r.TrackTitle, r.Number))
	}
	want := []string{"Nødvendig viden/1", "Nødvendig viden/2", "Nødvendig viden/3", "Nødvendig viden/4",
		"Målrettet indsats/5", "Målrettet indsats/6", "Målrettet indsats/7",
		"Bedre liv/8", "Bedre liv/9", "Bedre liv/10", "Bedre liv/11", "Bedre liv/12",
		"Til flere/13", "Til flere/14", "Tværgående indsatsområder/15"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("areas (-want +got):\n%s", diff)
	}
	for _, r := range rows {
		if r.Assessment == "" {
			t.Errorf("area %d has no assessment", r.Number)
		}
	}
}

func TestAnnualPlanRows(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	type short struct {
		Title, StrategyTitle string
		Year, ItemCount      int32
		OrganisationID       int64
	}
	want := short{"Social Strategi – Indsatsplan 2016", "Social Strategi", 2016, 19, id.region}

	got, err := st.GetAnnualPlanRow(ctx, id.annualPlan2016)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, short{got.Title, got.StrategyTitle, got.Year, got.ItemCount, got.OrganisationID}); diff != "" {
		t.Errorf("GetAnnualPlanRow (-want +got):\n%s", diff)
	}
	plans, err := st.ListAnnualPlansByStrategy(ctx, id.regionStrategy)
	if err != nil {
		t.Fatal(err)
	}
	var gotList []short
	for _, p := range plans {
		gotList = append(gotList, short{p.Title, p.StrategyTitle, p.Year, p.ItemCount, p.OrganisationID})
	}
	if diff := cmp.Diff([]short{want}, gotList); diff != "" {
		t.Errorf("ListAnnualPlansByStrategy (-want +got):\n%s", diff)
	}
}
