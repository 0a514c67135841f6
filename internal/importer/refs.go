package importer

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// initKey names a general initiative by its track's number and its own number.
type initKey struct{ track, number int }

// String is the reference form of k, "track.number".
func (k initKey) String() string { return fmt.Sprintf("%d.%d", k.track, k.number) }

// strategyIndex answers the references a document makes into one strategy: track numbers,
// initiative references and action plan codes.
type strategyIndex struct {
	tracks      map[int]bool
	initiatives map[initKey]bool
	byNumber    map[int][]initKey  // initiative number → the initiatives that carry it
	plans       map[string]initKey // action plan code → its initiative
}

// indexStrategy indexes s. Duplicates are left to validation; the first one wins here.
func indexStrategy(s Strategy) strategyIndex {
	ix := strategyIndex{
		tracks:      map[int]bool{},
		initiatives: map[initKey]bool{},
		byNumber:    map[int][]initKey{},
		plans:       map[string]initKey{},
	}
	for _, t := range s.Tracks {
		ix.tracks[t.Number] = true
		for _, in := range t.Initiatives {
			k := initKey{t.Number, in.Number}
			if !ix.initiatives[k] {
				ix.initiatives[k] = true
				ix.byNumber[in.Number] = append(ix.byNumber[in.Number], k)
			}
			for _, ap := range in.ActionPlans {
				if _, ok := ix.plans[ap.Code]; !ok && ap.Code != "" {
					ix.plans[ap.Code] = k
				}
			}
		}
	}
	return ix
}

// initiative resolves ref: "2.3" is track 2's initiative 3, "3" the only initiative numbered 3.
// The error is a Danish sentence fit for a validation message.
func (ix strategyIndex) initiative(ref string) (initKey, error) {
	ref = strings.TrimSpace(ref)
	if t, n, ok := strings.Cut(ref, "."); ok {
		tn, err1 := strconv.Atoi(t)
		nn, err2 := strconv.Atoi(n)
		if err1 != nil || err2 != nil {
			return initKey{}, fmt.Errorf("indsatsen %q kan ikke læses (skriv \"spor.nummer\", f.eks. \"2.3\")", ref)
		}
		k := initKey{tn, nn}
		if !ix.initiatives[k] {
			return initKey{}, fmt.Errorf("indsatsen %q findes ikke", ref)
		}
		return k, nil
	}
	n, err := strconv.Atoi(ref)
	if err != nil {
		return initKey{}, fmt.Errorf("indsatsen %q kan ikke læses (skriv et nummer eller \"spor.nummer\")", ref)
	}
	switch ks := ix.byNumber[n]; len(ks) {
	case 0:
		return initKey{}, fmt.Errorf("indsatsen %q findes ikke", ref)
	case 1:
		return ks[0], nil
	default:
		return initKey{}, fmt.Errorf("indsatsen %q findes i flere spor; skriv \"spor.nummer\", f.eks. %q", ref, ks[0].String())
	}
}

// strategyFor finds the strategy a policy or agreement refers to by title; an empty title means
// the document's only strategy. It returns -1 when the document has no strategy at all.
func (d Document) strategyFor(title string) (int, error) {
	if title != "" {
		for i, s := range d.Strategies {
			if s.Title == title {
				return i, nil
			}
		}
		return -1, fmt.Errorf("strategien %q findes ikke", title)
	}
	switch len(d.Strategies) {
	case 0:
		return -1, nil
	case 1:
		return 0, nil
	default:
		return -1, fmt.Errorf("dokumentet har flere strategier; angiv hvilken med \"strategy\"")
	}
}

// short cuts a title for use in a message.
func short(s string) string {
	const max = 80
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max])) + "…"
}
