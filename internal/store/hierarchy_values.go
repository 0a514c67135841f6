package store

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
)

// The fields of the hierarchy's items as the history (and the import preview) shows them, by
// their Danish names. domain.Diff of two such maps is a change's list of fields.

// UnitKindLabel is a unit kind's Danish name.
func UnitKindLabel(kind string) string {
	switch kind {
	case domain.UnitDirektion:
		return "Direktion"
	case domain.UnitFagomraade:
		return "Fagområde"
	case domain.UnitOmraade:
		return "Område"
	case domain.UnitSpecialomraade:
		return "Specialområde"
	case domain.UnitEnhed:
		return "Enhed"
	}
	return kind
}

// PolicyKindLabel is a policy kind's Danish name.
func PolicyKindLabel(kind string) string {
	if kind == domain.PolicyStrategiplan {
		return "Strategiplan"
	}
	return "Politik"
}

// YesNo is "ja" or "nej".
func YesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}

// OrganisationValues are the organisation's settings.
func OrganisationValues(o domain.Organisation) map[string]string {
	return map[string]string{
		"Navn": o.Name, "Type": o.Kind, "Vision": o.Vision, "Visionens beskrivelse": o.VisionDescription,
		"Betegnelse for spor": o.LabelTrack, "Betegnelse for spor (flertal)": o.LabelTracks,
		"Betegnelse for generel indsats": o.LabelGeneral, "Betegnelse for generelle indsatser": o.LabelGenerals,
		"Betegnelse for lokal indsats": o.LabelLocal, "Betegnelse for lokale indsatser": o.LabelLocals,
		"Betegnelse for handleplan": o.LabelActionPlan, "Betegnelse for handleplaner": o.LabelActionPlans,
		"Offentlig side": YesNo(o.PublicPage),
	}
}

// UnitValues are the unit's fields; parent is the name of the unit above it ("" for none).
func UnitValues(u domain.Unit, parent string) map[string]string {
	return map[string]string{"Navn": u.Name, "Type": UnitKindLabel(u.Kind), "Overordnet enhed": parent,
		"Ledertitel": u.LeaderTitle, "Beskrivelse": u.Description}
}

// PolicyValues are the policy's fields.
func PolicyValues(p domain.Policy) map[string]string {
	return map[string]string{"Titel": p.Title, "Type": PolicyKindLabel(p.Kind), "Beskrivelse": p.Description,
		"Nummererede målsætninger": YesNo(p.Numbered)}
}

// ObjectiveValues are the objective's fields.
func ObjectiveValues(o domain.Objective) map[string]string {
	return map[string]string{"Nr.": strconv.Itoa(int(o.Number)), "Titel": o.Title, "Beskrivelse": o.Description}
}

// GoalValues are the goal's fields; tracks names the tracks that realise it (see TracksText).
func GoalValues(g domain.Goal, tracks string) map[string]string {
	return map[string]string{"Titel": g.Title, "Beskrivelse": g.Description, "Spor": tracks}
}

// TracksText names tracks by number, e.g. "1, 4".
func TracksText(numbers []int32) string {
	parts := make([]string, len(numbers))
	for i, n := range numbers {
		parts[i] = strconv.Itoa(int(n))
	}
	return strings.Join(parts, ", ")
}

// StrategyValues are the strategy's fields; unit is its unit's name ("" for none).
func StrategyValues(s domain.Strategy, unit string) map[string]string {
	return map[string]string{"Titel": s.Title, "Enhed": unit,
		"Periode": fmt.Sprintf("%d–%d", s.PeriodStart, s.PeriodEnd), "Vision": s.Vision, "Beskrivelse": s.Description}
}

// TrackValues are the track's fields.
func TrackValues(t domain.Track) map[string]string {
	return map[string]string{"Nr.": strconv.Itoa(int(t.Number)), "Titel": t.Title, "Beskrivelse": t.Description}
}

// GeneralValues are a general initiative's fields: its number and what the initiative forms edit.
func GeneralValues(i domain.Initiative) map[string]string {
	v := i.AuditValues()
	v["Nr."] = strconv.Itoa(int(i.Number))
	return v
}

// TermValues are the term's fields; its links one a line, "adresse tekst".
func TermValues(t domain.Term) map[string]string {
	return map[string]string{"Navn": t.Name, "Beskrivelse": t.Description, "Mere info": t.MoreInfo,
		"Links": LinksText(t.Links)}
}

// LinksText writes links one a line, the address first: "https://… Tekst".
func LinksText(links []domain.TermLink) string {
	lines := make([]string, len(links))
	for i, l := range links {
		lines[i] = strings.TrimSpace(l.URL + " " + l.Label)
	}
	return strings.Join(lines, "\n")
}

// LadderValues are the ladder step's fields.
func LadderValues(l domain.LadderStep) map[string]string {
	return map[string]string{"Trin": strconv.Itoa(int(l.Position)), "Navn": l.Name, "Farve": l.Colour,
		"Beskrivelse": l.Description}
}
