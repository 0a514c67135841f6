package importer

import (
	"fmt"
	"strings"
)

// The samlet skema: one workbook with a sheet per level of the hierarchy. Each sheet has a
// header row and one item per row below it; the first column (hidden) holds the item's ID in
// Sporbar, empty on new rows. Rows refer to each other by what people write: a unit's name, a
// strategy's or policy's title, a track's, objective's or general initiative's number.

// Sheet names.
const (
	SheetGuide        = "Vejledning"
	SheetOrganisation = "Organisation"
	SheetUnits        = "Enheder"
	SheetPolicies     = "Politikker"
	SheetObjectives   = "Målsætninger"
	SheetGoals        = "Mål"
	SheetStrategies   = "Strategi og spor"
	SheetGenerals     = "Generelle indsatser"
	SheetLocals       = "Lokale indsatser"
	SheetActionPlans  = "Handleplaner"
	SheetTerms        = "Begreber"
	SheetLadder       = "Indsatstrappen"
)

// Column headers (the reader finds columns by these, so their order may change).
const (
	colID          = "ID"
	colField       = "Felt"
	colValue       = "Værdi"
	colName        = "Navn"
	colKind        = "Type"
	colParentUnit  = "Overordnet enhed"
	colLeader      = "Ledertitel"
	colDescription = "Beskrivelse"
	colTitle       = "Titel"
	colNumbered    = "Nummererede målsætninger"
	colStrategy    = "Strategi"
	colPolicy      = "Politik"
	colNumber      = "Nr."
	colObjective   = "Målsætning nr."
	colTracks      = "Spor"
	colTrack       = "Spor nr."
	colUnit        = "Enhed"
	colFrom        = "Periode fra"
	colTo          = "Periode til"
	colVision      = "Vision"
	colResponsible = "Ansvarlig"
	colGeneral     = "Generel indsats nr."
	colArea        = "Område"
	colLocal       = "Lokal indsats"
	colCode        = "Kode"
	colMoreInfo    = "Mere info"
	colLinks       = "Links"
	colStep        = "Trin"
	colColour      = "Farve"
)

// column is a column of a sheet: its header, width and, for a choice, the values allowed.
type column struct {
	head   string
	width  float64
	values []string
}

// sheetSpec is a sheet of the samlet skema.
type sheetSpec struct {
	name    string
	columns []column
}

// The Danish values of the choices.
var (
	orgKinds    = []string{"Kommune", "Region"}
	unitKinds   = []string{"Direktion", "Fagområde", "Område", "Specialområde", "Enhed"}
	policyKinds = []string{"Politik", "Strategiplan"}
	yesNo       = []string{"ja", "nej"}
)

// hierarchySheets are the sheets of the samlet skema after the guide and the organisation, in order.
var hierarchySheets = []sheetSpec{
	{SheetUnits, []column{{head: colID}, {head: colName, width: 40}, {head: colKind, width: 16, values: unitKinds},
		{head: colParentUnit, width: 40}, {head: colLeader, width: 30}, {head: colDescription, width: 60}}},
	{SheetPolicies, []column{{head: colID}, {head: colTitle, width: 40}, {head: colKind, width: 16, values: policyKinds},
		{head: colDescription, width: 60}, {head: colNumbered, width: 14, values: yesNo}, {head: colStrategy, width: 40}}},
	{SheetObjectives, []column{{head: colID}, {head: colPolicy, width: 30}, {head: colNumber, width: 6},
		{head: colTitle, width: 70}, {head: colDescription, width: 50}}},
	{SheetGoals, []column{{head: colID}, {head: colPolicy, width: 30}, {head: colObjective, width: 10},
		{head: colTitle, width: 70}, {head: colDescription, width: 40}, {head: colTracks, width: 10}}},
	{SheetStrategies, []column{{head: colID}, {head: colStrategy, width: 36}, {head: colTrack, width: 8},
		{head: colTitle, width: 60}, {head: colDescription, width: 60}, {head: colUnit, width: 30},
		{head: colFrom, width: 10}, {head: colTo, width: 10}, {head: colVision, width: 40}}},
	{SheetGenerals, []column{{head: colID}, {head: colStrategy, width: 30}, {head: colTrack, width: 8},
		{head: colNumber, width: 6}, {head: colTitle, width: 70}, {head: colDescription, width: 40},
		{head: colResponsible, width: 24}}},
	{SheetLocals, []column{{head: colID}, {head: colStrategy, width: 30}, {head: colTrack, width: 8},
		{head: colGeneral, width: 10}, {head: colArea, width: 32}, {head: colNumber, width: 6},
		{head: colTitle, width: 60}, {head: colDescription, width: 40}, {head: colResponsible, width: 24}}},
	{SheetActionPlans, []column{{head: colID}, {head: colStrategy, width: 30}, {head: colTrack, width: 8},
		{head: colGeneral, width: 10}, {head: colArea, width: 30}, {head: colLocal, width: 40},
		{head: colCode, width: 8}, {head: colTitle, width: 60}, {head: colDescription, width: 40},
		{head: colResponsible, width: 24}}},
	{SheetTerms, []column{{head: colID}, {head: colName, width: 36}, {head: colDescription, width: 70},
		{head: colMoreInfo, width: 40}, {head: colLinks, width: 50}}},
	{SheetLadder, []column{{head: colID}, {head: colStep, width: 6}, {head: colName, width: 36},
		{head: colColour, width: 10}, {head: colDescription, width: 70}}},
}

// organisationFields are the rows of the Organisation sheet (Felt, Værdi), in order.
var organisationFields = []string{"Navn", "Type", "Vision", "Visionens beskrivelse",
	"Betegnelse for spor", "Betegnelse for spor (flertal)", "Betegnelse for generel indsats",
	"Betegnelse for generelle indsatser", "Betegnelse for lokal indsats", "Betegnelse for lokale indsatser",
	"Betegnelse for handleplan", "Betegnelse for handleplaner"}

// MaxRows is the most data rows a sheet may have.
const MaxRows = 5000

// Problem is a mistake in an uploaded spreadsheet and where it is: Sheet is "" for the file as
// a whole, Row 0 for the sheet as a whole, Column "" for the whole row.
type Problem struct {
	Sheet   string
	Row     int
	Column  string // the column's letter, e.g. "C"
	Header  string // the column's header, e.g. "Spor"
	Message string // a Danish sentence
}

// String places the message, e.g. `Arket "Mål", række 5, kolonne F (Spor): Spor 7 findes ikke …`.
func (p Problem) String() string {
	switch {
	case p.Sheet == "":
		return p.Message
	case p.Row == 0:
		return fmt.Sprintf("Arket %q: %s", p.Sheet, p.Message)
	case p.Column == "":
		return fmt.Sprintf("Arket %q, række %d: %s", p.Sheet, p.Row, p.Message)
	}
	return fmt.Sprintf("Arket %q, række %d, kolonne %s (%s): %s", p.Sheet, p.Row, p.Column, p.Header, p.Message)
}

// SheetError lists every problem found in an uploaded spreadsheet.
type SheetError struct {
	Problems []Problem
}

func (e *SheetError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.String()
	}
	return "regnearket har fejl: " + strings.Join(msgs, "; ")
}

// choiceValue maps a Danish choice to the code the database stores.
func choiceValue(values []string, codes []string, s string) (string, bool) {
	for i, v := range values {
		if strings.EqualFold(v, s) {
			return codes[i], true
		}
	}
	return "", false
}

// choiceText maps a stored code to its Danish choice.
func choiceText(values []string, codes []string, code string) string {
	for i, c := range codes {
		if c == code {
			return values[i]
		}
	}
	return code
}

// The codes behind the choices, parallel to the values above.
var (
	orgKindCodes    = []string{"kommune", "region"}
	unitKindCodes   = []string{"direktion", "fagomraade", "omraade", "specialomraade", "enhed"}
	policyKindCodes = []string{"politik", "strategiplan"}
)
