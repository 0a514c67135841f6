package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestOrganisations(t *testing.T) {
	t.Parallel()
	st, _ := seeded(t)
	ctx := context.Background()

	type short struct {
		Slug, Name, Kind, Vision string
		domain.Labels
	}
	tests := []struct {
		slug string
		want short
	}{
		{"ringkobing-skjern", short{"ringkobing-skjern", "Ringkøbing-Skjern Kommune", "kommune", "Naturens Rige",
			domain.DefaultLabels()}},
		{"region-midtjylland", short{"region-midtjylland", "Region Midtjylland", "region",
			"Nødvendig viden – målrettet indsats – bedre liv – til flere",
			domain.Labels{LabelTrack: "Tema", LabelTracks: "Temaer", LabelGeneral: "Indsatsområde",
				LabelGenerals: "Indsatsområder", LabelLocal: "Lokal indsats", LabelLocals: "Lokale indsatser",
				LabelActionPlan: "Handleplan", LabelActionPlans: "Handleplaner"}}},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			o, err := st.GetOrganisationBySlug(ctx, tt.slug)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, short{o.Slug, o.Name, o.Kind, o.Vision, o.Labels}); diff != "" {
				t.Errorf("GetOrganisationBySlug (-want +got):\n%s", diff)
			}
			byID, err := st.GetOrganisation(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(o, byID); diff != "" {
				t.Errorf("GetOrganisation differs from GetOrganisationBySlug (-slug +id):\n%s", diff)
			}
		})
	}

	t.Run("listed by name", func(t *testing.T) {
		orgs, err := st.ListOrganisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range orgs {
			got = append(got, o.Name)
		}
		if diff := cmp.Diff([]string{"Region Midtjylland", "Ringkøbing-Skjern Kommune"}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestUnits(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()
	names := func(us []domain.Unit) []string {
		out := make([]string, 0, len(us))
		for _, u := range us {
			out = append(out, u.Name)
		}
		return out
	}
	omraader := []string{"Faglig Drift og Udvikling og Sekretariatet", "Myndighed", "Hjemmepleje og akutaflastning",
		"Ældrecentre", "Sundhedscenter Vest"}

	all, err := st.ListUnitsByOrganisation(ctx, id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(all), 7; got != want {
		t.Errorf("ListUnitsByOrganisation: %d units %v, want %d", got, names(all), want)
	}
	kids, err := st.ListChildUnits(ctx, id.sundhedOgOmsorg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(omraader, names(kids)); diff != "" {
		t.Errorf("ListChildUnits (-want +got):\n%s", diff)
	}
	u, err := st.GetUnitByName(ctx, id.kommune, "Hjemmepleje og akutaflastning")
	if err != nil {
		t.Fatal(err)
	}
	byID, err := st.GetUnit(ctx, id.hjemmepleje)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(byID, u); diff != "" {
		t.Errorf("GetUnitByName differs from GetUnit (-id +name):\n%s", diff)
	}
	if u.ParentID == nil || *u.ParentID != id.sundhedOgOmsorg || u.Kind != domain.UnitOmraade {
		t.Errorf("Hjemmepleje og akutaflastning: parent %v kind %q, want %d omraade", u.ParentID, u.Kind, id.sundhedOgOmsorg)
	}
}

func TestTermsAndLadder(t *testing.T) {
	t.Parallel()
	st, pool := seeded(t)
	id := lookupIDs(t, pool)
	ctx := context.Background()

	terms, err := st.ListTermsByOrganisation(ctx, id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	type short struct {
		Name  string
		Links int
	}
	var got []short
	for _, tm := range terms {
		got = append(got, short{tm.Name, len(tm.Links)})
	}
	want := []short{
		{"Indsatstrappen", 0}, {"Organisatorisk sundhedskompetence", 1},
		{"Strukturer, som understøtter de gode overgange (forløbstækning)", 0},
		{"Kvalitetsprogram i Sundhed og Omsorg", 0},
		{"Strategi for rekruttering og tilknytning i Sundhed og Omsorg", 0},
		{"Bæredygtighed", 1}, {"Relationel koordinering", 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ListTermsByOrganisation (-want +got):\n%s", diff)
	}
	one, err := st.GetTerm(ctx, terms[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(terms[1], one); diff != "" {
		t.Errorf("GetTerm differs from the list (-list +get):\n%s", diff)
	}
	for _, l := range one.Links {
		if l.URL == "" {
			t.Errorf("term %q has a link without URL", one.Name)
		}
	}

	steps, err := st.ListLadderSteps(ctx, id.kommune)
	if err != nil {
		t.Fatal(err)
	}
	var gotSteps []string
	for _, s := range steps {
		gotSteps = append(gotSteps, s.Name+" "+s.Colour)
	}
	wantSteps := []string{"Sundhedsfremme og forebyggelse #cfe8c8", "Tidlig indsats og rehabilitering #4caf50",
		"Hjælp i eget hjem #f2c94c", "Sygepleje og akutaflastning #f2994a", "Ældrecenter #eb5757"}
	if diff := cmp.Diff(wantSteps, gotSteps); diff != "" {
		t.Errorf("ListLadderSteps (-want +got):\n%s", diff)
	}
	regionTerms, err := st.ListTermsByOrganisation(ctx, id.region)
	if err != nil || len(regionTerms) != 0 {
		t.Errorf("the region's terms: %d, %v; want none", len(regionTerms), err)
	}
}
