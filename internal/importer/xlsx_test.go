package importer_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/importer"
)

// hierarchyOnly is doc as the samlet skema holds it: no agreements or yearly plans, every
// policy's numbering spelled out.
func hierarchyOnly(doc importer.Document) importer.Document {
	doc.Agreements = nil
	strategies := append([]importer.Strategy(nil), doc.Strategies...)
	for i := range strategies {
		strategies[i].AnnualPlans = nil
	}
	doc.Strategies = strategies
	policies := append([]importer.Policy(nil), doc.Policies...)
	for i := range policies {
		n := policies[i].Numbered == nil || *policies[i].Numbered
		policies[i].Numbered = &n
	}
	doc.Policies = policies
	return doc
}

// fullLabels spells out the document's labels (the sheet writes every label).
func fullLabels(l importer.Labels) importer.Labels {
	d := importer.Labels{Track: "Strategispor", Tracks: "Strategispor", General: "Generel indsats",
		Generals: "Generelle indsatser", Local: "Lokal indsats", Locals: "Lokale indsatser",
		ActionPlan: "Handleplan", ActionPlans: "Handleplaner"}
	for _, p := range []struct{ dst, v *string }{{&d.Track, &l.Track}, {&d.Tracks, &l.Tracks}, {&d.General, &l.General},
		{&d.Generals, &l.Generals}, {&d.Local, &l.Local}, {&d.Locals, &l.Locals}, {&d.ActionPlan, &l.ActionPlan},
		{&d.ActionPlans, &l.ActionPlans}} {
		if *p.v != "" {
			*p.dst = *p.v
		}
	}
	return d
}

func TestXLSXRoundTripOfSeeds(t *testing.T) {
	t.Parallel()
	docs, err := importer.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		t.Run(doc.Organisation.Slug, func(t *testing.T) {
			t.Parallel()
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
			want := hierarchyOnly(doc)
			want.Organisation.Labels = fullLabels(want.Organisation.Labels)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("read back (-want +got):\n%s", diff)
			}
		})
	}
}
