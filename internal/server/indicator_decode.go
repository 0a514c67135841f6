package server

import (
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/web/pages"
)

// Decoding the indicator and measurement forms: pure functions from url.Values to typed values
// and Danish messages by field, like forms.go (never a panic, never an internal error).

// The limits of an indicator's texts and numbers.
const (
	maxIndicatorUnit = 40
	maxComment       = 1000
	maxMilestones    = 50
	maxDecimals      = 4
)

// Why a text is not a number (see parseNumber).
const (
	numberOK = iota
	numberNotANumber
	numberTooPrecise
)

var numberPattern = regexp.MustCompile(`^[-−]?[0-9]{1,12}(?:[.,]([0-9]+))?$`)

// parseNumber reads a number as people type it: an optional minus, at most 12 digits, and a
// decimal comma or point with at most four decimals ("42", "-3,5", "0.25"). Spaces are ignored.
func parseNumber(s string) (float64, int) {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), "")
	p := numberPattern.FindStringSubmatch(s)
	if p == nil {
		return 0, numberNotANumber
	}
	if len(p[1]) > maxDecimals {
		return 0, numberTooPrecise
	}
	v, err := strconv.ParseFloat(strings.NewReplacer(",", ".", "−", "-").Replace(s), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, numberNotANumber
	}
	return v, numberOK
}

// numberField reads a required number field; label is its name as the subject of a sentence.
func numberField(v url.Values, name, label string, errs domain.Errors) (string, float64) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		errs.Add(name, label+" skal udfyldes.")
		return s, 0
	}
	n, why := parseNumber(s)
	switch why {
	case numberNotANumber:
		errs.Add(name, label+" skal være et tal, fx 42 eller 42,5.")
	case numberTooPrecise:
		errs.Add(name, label+" må højst have fire decimaler.")
	}
	return s, n
}

// requiredDate reads a required date field (see dateField).
func requiredDate(v url.Values, name, label string, errs domain.Errors) (string, *time.Time) {
	if strings.TrimSpace(v.Get(name)) == "" {
		errs.Add(name, label+" skal udfyldes.")
	}
	return dateField(v, name, label, errs)
}

var milestoneLine = regexp.MustCompile(`^([0-9]{4})(?:\s*[:=]\s*|\s+)(\S.*)$`)

// milestonesField reads the yearly milestones, one per line as "2025: 40", each strictly
// between the baseline and target dates (when those are known) and one per year.
func milestonesField(v url.Values, baseline, target *time.Time, errs domain.Errors) (string, []domain.Milestone) {
	s := multilineField(v, "milestones", "Delmålene", maxDescription, errs)
	var out []domain.Milestone
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		p := milestoneLine.FindStringSubmatch(line)
		if p == nil || len(out) >= maxMilestones {
			errs.Add("milestones", "Linje "+strconv.Itoa(i+1)+": skriv år og værdi, fx «2025: 40».")
			return s, nil
		}
		year, _ := strconv.Atoi(p[1])
		n, why := parseNumber(p[2])
		d := domain.MilestoneDate(year)
		switch {
		case why != numberOK:
			errs.Add("milestones", "Linje "+strconv.Itoa(i+1)+": «"+p[2]+"» er ikke et tal med højst fire decimaler.")
		case slices.ContainsFunc(out, func(m domain.Milestone) bool { return m.Year == year }):
			errs.Add("milestones", "Der er to delmål for "+p[1]+".")
		case baseline != nil && target != nil && (!d.After(*baseline) || !d.Before(*target)):
			errs.Add("milestones", "Delmålet for "+p[1]+" skal ligge mellem udgangspunktet og målet (31. december "+p[1]+").")
		}
		out = append(out, domain.Milestone{Year: year, Value: n})
	}
	slices.SortFunc(out, func(a, b domain.Milestone) int { return a.Year - b.Year })
	return s, out
}

// indicatorForm is a decoded indicator form: the fields as typed and the indicator (without its item).
type indicatorForm struct {
	Fields    pages.IndicatorFields
	Indicator domain.Indicator
}

// decodeIndicatorForm reads and checks the indicator form; the responsible unit must be one of units.
func decodeIndicatorForm(v url.Values, units []domain.Unit) (indicatorForm, domain.Errors) {
	errs := domain.Errors{}
	var f indicatorForm
	ind := &f.Indicator
	ind.Name = textField(v, "name", "Navnet", maxTitle, true, errs)
	ind.Definition = multilineField(v, "definition", "Definitionen", maxDescription, errs)
	ind.Unit = textField(v, "unit", "Enheden", maxIndicatorUnit, false, errs)
	ind.Direction, ind.Frequency = v.Get("direction"), v.Get("frequency")
	if ind.Direction != domain.DirectionHigher && ind.Direction != domain.DirectionLower {
		errs.Add("direction", "Vælg, om højere eller lavere er bedre.")
	}
	if !slices.Contains(domain.AllFrequencies(), ind.Frequency) {
		errs.Add("frequency", "Vælg, hvor ofte der måles.")
	}
	bv, baseValue := numberField(v, "baseline_value", "Udgangspunktets værdi", errs)
	bd, baseDate := requiredDate(v, "baseline_date", "Udgangspunktets dato", errs)
	tv, targetValue := numberField(v, "target_value", "Målets værdi", errs)
	td, targetDate := requiredDate(v, "target_date", "Målets dato", errs)
	if baseDate != nil && targetDate != nil && !targetDate.After(*baseDate) {
		errs.Add("target_date", "Målets dato skal ligge efter udgangspunktets.")
		targetDate = nil
	}
	ms, milestones := milestonesField(v, baseDate, targetDate, errs)
	unit, unitID := idField(v, "responsible_unit", msgUnit, errs)
	if unitID != nil && !slices.ContainsFunc(units, func(u domain.Unit) bool { return u.ID == *unitID }) {
		errs.Add("responsible_unit", msgUnit)
	}
	ind.BaselineValue, ind.TargetValue, ind.Milestones, ind.ResponsibleUnitID = baseValue, targetValue, milestones, unitID
	if baseDate != nil {
		ind.BaselineDate = *baseDate
	}
	if targetDate != nil {
		ind.TargetDate = *targetDate
	}
	f.Fields = pages.IndicatorFields{Name: ind.Name, Definition: ind.Definition, Unit: ind.Unit, Direction: ind.Direction,
		BaselineValue: bv, BaselineDate: bd, TargetValue: tv, TargetDate: td, Milestones: ms, Frequency: ind.Frequency,
		ResponsibleUnit: unit}
	return f, errs
}

// indicatorFields are a stored indicator's values as the form shows them.
func indicatorFields(ind domain.Indicator) pages.IndicatorFields {
	var ms []string
	for _, m := range ind.Milestones {
		ms = append(ms, strconv.Itoa(m.Year)+": "+domain.FormatNumber(m.Value))
	}
	f := pages.IndicatorFields{Name: ind.Name, Definition: ind.Definition, Unit: ind.Unit, Direction: ind.Direction,
		BaselineValue: domain.FormatNumber(ind.BaselineValue), BaselineDate: ind.BaselineDate.Format(time.DateOnly),
		TargetValue: domain.FormatNumber(ind.TargetValue), TargetDate: ind.TargetDate.Format(time.DateOnly),
		Milestones: strings.Join(ms, "\n"), Frequency: ind.Frequency}
	if ind.ResponsibleUnitID != nil {
		f.ResponsibleUnit = strconv.FormatInt(*ind.ResponsibleUnitID, 10)
	}
	return f
}

// indicatorConflict lists the fields where the stored indicator and the person's input differ.
func indicatorConflict(stored, typed pages.IndicatorFields, units []domain.Unit) []pages.ConflictRow {
	unit := func(id string) string {
		if i := slices.IndexFunc(units, func(u domain.Unit) bool { return strconv.FormatInt(u.ID, 10) == id }); i >= 0 {
			return units[i].Name
		}
		return id
	}
	row := func(f pages.IndicatorFields) []string {
		return []string{f.Name, f.Definition, f.Unit, domain.DirectionLabel(f.Direction), f.BaselineValue, f.BaselineDate,
			f.TargetValue, f.TargetDate, f.Milestones, domain.FrequencyLabel(f.Frequency), unit(f.ResponsibleUnit)}
	}
	return conflictRows([]string{"Navn", "Definition", "Enhed", "Retning", "Udgangspunkt: værdi", "Udgangspunkt: dato",
		"Mål: værdi", "Mål: dato", "Delmål", "Måles", "Ansvarlig enhed"}, row(stored), row(typed))
}

// decodeMeasurementForm reads and checks a measurement: a date that is not in the future, a
// value and an optional comment, and the version of the measurement it replaces (a malformed
// one is a bad request).
func decodeMeasurementForm(v url.Values, today time.Time) (domain.Measurement, pages.MeasurementForm, error) {
	f := pages.MeasurementForm{Errors: domain.Errors{}}
	var m domain.Measurement
	var d *time.Time
	f.AsOf, d = requiredDate(v, "as_of", "Datoen", f.Errors)
	if d != nil && d.After(today) {
		f.Errors.Add("as_of", "En måling kan ikke gælde for en dato i fremtiden.")
	} else if d != nil {
		m.AsOf = *d
	}
	f.Value, m.Value = numberField(v, "value", "Værdien", f.Errors)
	f.Comment = multilineField(v, "comment", "Kommentaren", maxComment, f.Errors)
	m.Comment = f.Comment
	if s := strings.TrimSpace(v.Get("replace")); s != "" {
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil || n < 1 {
			return m, f, badRequest(msgVersion)
		}
		f.Replace = int32(n)
	}
	return m, f, nil
}
