package domain

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// item is a PlanItem for the tests: id, code, phase, text, markers.
func item(id int64, code, phase, text string, isNew, ol bool, note string) PlanItem {
	it := PlanItem{}
	it.ID, it.ActionPlanID, it.Code, it.Phase, it.Implementation = id, id*10, code, phase, text
	it.IsNew, it.OL, it.OLNote, it.Position = isNew, ol, note, int32(id)
	return it
}

func sameAs(it PlanItem, target PlanItem) PlanItem {
	it.SameAsID, it.SameAsCode, it.Implementation = &target.ID, target.Code, ""
	return it
}

func ptr[T any](v T) *T { return &v }

func TestCarryOver(t *testing.T) {
	a10 := item(1, "10-A", PhasePreparatory, "Der nedsættes en arbejdsgruppe.", true, true, "beslutter at nedsætte en arbejdsgruppe")
	b10 := sameAs(item(2, "10-B", PhasePreparatory, "", false, false, ""), a10)
	d12 := item(3, "12-D", PhaseActive, "Oplægget drøftes i OL.", true, true, "behandler arbejdsgruppens oplæg")
	treated := d12
	treated.OLTreatedOn, treated.OLDecision = ptr(time.Date(2016, 5, 12, 0, 0, 0, 0, time.UTC)), "Oplægget er godkendt."
	implemented := a10
	implemented.ActionPlanPhase = PhaseImplemented
	archived := d12
	archived.ActionPlanArchived = true
	y := ptr(int32(2016))

	tests := []struct {
		name     string
		items    []PlanItem
		want     []CarriedItem
		wantLeft []LeftOut
	}{
		{
			name:  "open items: phase kept, INITIATIV cleared, OL kept while untreated, texts marked 2016, shared text kept",
			items: []PlanItem{a10, b10, d12},
			want: []CarriedItem{
				{From: 1, AnnualPlanItem: AnnualPlanItem{ActionPlanID: 10, Phase: PhasePreparatory, Implementation: a10.Implementation,
					OL: true, OLNote: a10.OLNote, Position: 1}, TextFromYear: y},
				{From: 2, AnnualPlanItem: AnnualPlanItem{ActionPlanID: 20, Phase: PhasePreparatory, SameAsID: ptr(int64(1)), Position: 2}},
				{From: 3, AnnualPlanItem: AnnualPlanItem{ActionPlanID: 30, Phase: PhaseActive, Implementation: d12.Implementation,
					OL: true, OLNote: d12.OLNote, Position: 3}, TextFromYear: y},
			},
		},
		{
			name:  "treated by OL: OL and its note cleared",
			items: []PlanItem{treated},
			want: []CarriedItem{{From: 3, AnnualPlanItem: AnnualPlanItem{ActionPlanID: 30, Phase: PhaseActive,
				Implementation: d12.Implementation, Position: 3}, TextFromYear: y}},
		},
		{
			name:  "implemented and archived handleplaner left out; the shared text goes to 10-B",
			items: []PlanItem{implemented, b10, archived},
			want: []CarriedItem{{From: 2, AnnualPlanItem: AnnualPlanItem{ActionPlanID: 20, Phase: PhasePreparatory,
				Implementation: a10.Implementation, Position: 2}, TextFromYear: y}},
			wantLeft: []LeftOut{{Code: "10-A", Reason: LeftOutImplemented}, {Code: "12-D", Reason: LeftOutArchived}},
		},
		{name: "an empty plan", items: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, left := CarryOver(2016, tt.items)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("carried (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantLeft, left); diff != "" {
				t.Errorf("left out (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckNewPlanYear(t *testing.T) {
	tests := []struct {
		year  int32
		taken bool
		want  string
	}{
		{2017, false, ""},
		{2017, true, "Der findes allerede en indsatsplan for 2017."},
		{2018, false, "Strategien gælder 2014–2017, så der kan ikke laves en indsatsplan for 2018."},
		{2013, false, "Strategien gælder 2014–2017, så der kan ikke laves en indsatsplan for 2013."},
	}
	for _, tt := range tests {
		if got := CheckNewPlanYear(tt.year, 2014, 2017, tt.taken); got != tt.want {
			t.Errorf("CheckNewPlanYear(%d, taken %v) = %q, want %q", tt.year, tt.taken, got, tt.want)
		}
	}
}

func TestNextPlanTitle(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Social Strategi – Indsatsplan 2016", "Social Strategi – Indsatsplan 2017"},
		{"Indsatsplan 2016 (revideret 2016)", "Indsatsplan 2016 (revideret 2017)"},
		{"Årets plan", "Social Strategi – Indsatsplan 2017"},
	}
	for _, tt := range tests {
		if got := NextPlanTitle(tt.title, 2016, 2017, "Social Strategi"); got != tt.want {
			t.Errorf("NextPlanTitle(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestMarkersText(t *testing.T) {
	tests := []struct {
		it   AnnualPlanItem
		want string
	}{
		{AnnualPlanItem{Phase: PhaseActive}, "Aktiv indsats"},
		{AnnualPlanItem{Phase: PhasePreparatory, IsNew: true, OL: true, OLNote: "beslutter"}, "Forberedende indsats; INITIATIV; OL: beslutter"},
		{AnnualPlanItem{Phase: PhaseActive, OL: true}, "Aktiv indsats; OL"},
	}
	for _, tt := range tests {
		if got := tt.it.MarkersText(); got != tt.want {
			t.Errorf("MarkersText(%+v) = %q, want %q", tt.it, got, tt.want)
		}
	}
}

func TestValidateItem(t *testing.T) {
	a10 := item(1, "10-A", PhasePreparatory, "Tekst.", false, false, "")
	b10 := sameAs(item(2, "10-B", PhasePreparatory, "", false, false, ""), a10)
	c10 := item(3, "10-C", PhaseActive, "Tekst.", false, false, "")
	items := []PlanItem{a10, b10, c10}
	with := func(base PlanItem, change func(*AnnualPlanItem)) AnnualPlanItem {
		it := base.AnnualPlanItem
		change(&it)
		return it
	}
	tests := []struct {
		name string
		it   AnnualPlanItem
		want Errors
	}{
		{"valid", with(c10, func(*AnnualPlanItem) {}), Errors{}},
		{"no phase, no text", with(c10, func(it *AnnualPlanItem) { it.Phase, it.Implementation = "grøn", " " }), Errors{
			"phase":          "Vælg, om handleplanen er en forberedende eller en aktiv indsats i året.",
			"implementation": "Skriv årets implementering, eller vælg den handleplan, hvis tekst også dækker denne."}},
		{"OL without a note", with(c10, func(it *AnnualPlanItem) { it.OL = true }), Errors{
			"ol_note": "Skriv, hvad områdelederkredsen (OL) skal gøre med handleplanen i året."}},
		{"a note without OL", with(c10, func(it *AnnualPlanItem) { it.OLNote = "drøfter" }), Errors{
			"ol_note": "Sæt kryds ved OL, eller slet teksten om, hvad OL skal gøre."}},
		{"shared text and a text", with(c10, func(it *AnnualPlanItem) { it.SameAsID = &a10.ID }), Errors{
			"implementation": "Teksten står under en anden handleplan: slet teksten her, eller vælg «Egen tekst»."}},
		{"shared with a shared one", with(c10, func(it *AnnualPlanItem) { it.SameAsID, it.Implementation = &b10.ID, "" }), Errors{
			"same_as": "Vælg en handleplan med sin egen tekst: 10-B henviser selv til 10-A."}},
		{"others share its text", with(a10, func(it *AnnualPlanItem) { it.SameAsID, it.Implementation = &c10.ID, "" }), Errors{
			"same_as": "Andre handleplaner henviser til denne handleplans tekst (10-B), så den skal have sin egen."}},
		{"shared with itself", with(c10, func(it *AnnualPlanItem) { it.SameAsID, it.Implementation = &c10.ID, "" }), Errors{
			"same_as": "Vælg en anden handleplan i årets plan."}},
		{"too long", with(c10, func(it *AnnualPlanItem) { it.Implementation = string(make([]byte, MaxItemText+1)) }), Errors{
			"implementation": "Implementeringen må højst være 8000 tegn (der er 8001)."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Errors{}
			ValidateItem(tt.it, items, errs)
			if diff := cmp.Diff(tt.want, errs); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
		})
	}
}
