package server

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/web/pages"
)

// Form decoding: pure functions from url.Values to typed values plus Danish messages keyed by
// field name. They touch neither the database nor the request, so the fuzz tests can feed them
// anything; whatever arrives, they return messages, never panic and never an internal error.

// The longest texts the forms accept, in characters.
const (
	maxTitle       = 300
	maxDescription = 4000
	maxResponsible = 200
	maxCode        = 20
	maxChoices     = 200  // checkboxes of one field
	maxDialogue    = 4000 // a comment in the dialogue or on a status update
	maxName        = 200  // a person's name
)

// The years a date may fall in.
const (
	minYear = 1900
	maxYear = 2200
)

// msgVersion is the bad request of a form without a usable version.
const msgVersion = "Formularen mangler sin version. Hent siden igen."

// The messages of choices that are not among the offered ones.
const (
	msgUnit  = "Vælg et område fra listen."
	msgStep  = "Vælg et trin fra listen."
	msgTerms = "Vælg begreber fra listen."
)

// initiativeForm is a decoded initiative form: the fields as typed (to show again) and their values.
type initiativeForm struct {
	Fields                          pages.InitiativeFields
	Title, Description, Responsible string
	Start, End                      *time.Time
	Weight                          float64
	UnitID                          *int64 // the chosen unit of a new local initiative, if a number
}

// decodeInitiativeForm reads and checks the fields of the initiative form.
func decodeInitiativeForm(v url.Values) (initiativeForm, domain.Errors) {
	errs := domain.Errors{}
	var f initiativeForm
	f.Title = textField(v, "title", "Titlen", maxTitle, true, errs)
	f.Description = multilineField(v, "description", "Beskrivelsen", maxDescription, errs)
	f.Responsible = textField(v, "responsible", "Ansvarlig", maxResponsible, false, errs)
	start, startDate := dateField(v, "start", "Startdatoen", errs)
	end, endDate := dateField(v, "end", "Slutdatoen", errs)
	dateOrder(startDate, endDate, "end", "Slutdatoen kan ikke ligge før start.", errs)
	weight, w := weightField(v, "weight", errs)
	unit, unitID := idField(v, "unit", msgUnit, errs)
	f.Start, f.End, f.Weight, f.UnitID = startDate, endDate, w, unitID
	f.Fields = pages.InitiativeFields{Title: f.Title, Description: f.Description, Responsible: f.Responsible,
		Start: start, End: end, Weight: weight, Unit: unit}
	return f, errs
}

// actionPlanForm is a decoded action plan form: the fields as typed and their values.
type actionPlanForm struct {
	Fields                                pages.ActionPlanFields
	Code, Title, Description, Responsible string
	Start, Deadline                       *time.Time
	LadderStepID                          *int64
	TermIDs                               []int64
	Weight                                float64
}

// decodeActionPlanForm reads and checks the fields of the action plan form. Whether the
// ladder step and the begreber are the organisation's is checkChoices' job.
func decodeActionPlanForm(v url.Values) (actionPlanForm, domain.Errors) {
	errs := domain.Errors{}
	var f actionPlanForm
	f.Code = textField(v, "code", "Nummeret", maxCode, false, errs)
	f.Title = textField(v, "title", "Titlen", maxTitle, true, errs)
	f.Description = multilineField(v, "description", "Beskrivelsen", maxDescription, errs)
	f.Responsible = textField(v, "responsible", "Ansvarlig", maxResponsible, false, errs)
	start, startDate := dateField(v, "start", "Startdatoen", errs)
	deadline, deadlineDate := dateField(v, "deadline", "Fristen", errs)
	dateOrder(startDate, deadlineDate, "deadline", "Fristen kan ikke ligge før start.", errs)
	step, stepID := idField(v, "ladder_step", msgStep, errs)
	terms, termIDs := idsField(v, "terms", msgTerms, errs)
	weight, w := weightField(v, "weight", errs)
	f.Start, f.Deadline, f.LadderStepID, f.TermIDs, f.Weight = startDate, deadlineDate, stepID, termIDs, w
	f.Fields = pages.ActionPlanFields{Code: f.Code, Title: f.Title, Description: f.Description,
		Responsible: f.Responsible, Start: start, Deadline: deadline, LadderStep: step, Weight: weight, Terms: terms}
	return f, errs
}

// checkChoices checks that the chosen ladder step and begreber are among the organisation's.
func (f actionPlanForm) checkChoices(steps []domain.LadderStep, terms []domain.Term, errs domain.Errors) {
	if f.LadderStepID != nil && !slices.ContainsFunc(steps, func(s domain.LadderStep) bool { return s.ID == *f.LadderStepID }) {
		errs.Add("ladder_step", msgStep)
	}
	for _, id := range f.TermIDs {
		if !slices.ContainsFunc(terms, func(t domain.Term) bool { return t.ID == id }) {
			errs.Add("terms", msgTerms)
		}
	}
}

// conflictRows pairs each label with the stored and the typed value, keeping those that differ.
func conflictRows(labels, theirs, yours []string) []pages.ConflictRow {
	var out []pages.ConflictRow
	for i, l := range labels {
		if theirs[i] != yours[i] {
			out = append(out, pages.ConflictRow{Label: l, Theirs: theirs[i], Yours: yours[i]})
		}
	}
	return out
}

// badChars reports whether s holds a character no form field should: a control character other
// than tab (and, when multiline, newline), or invalid UTF-8. PostgreSQL refuses NUL in text.
func badChars(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r == '\t' || (multiline && r == '\n') {
			continue
		}
		if r < 0x20 || r == 0x7f {
			return true
		}
	}
	return false
}

// markBadChars is s as a form shows it again after badChars refused it: every character badChars
// objects to (and every invalid byte) replaced by U+FFFD, so the person sees where they were and
// the page stays valid HTML.
func markBadChars(s string, multiline bool) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && (!multiline || r != '\n') || r == 0x7f {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}

// textField reads a one-line text field: trimmed, free of control characters, at most max
// characters, and present when required. It returns the trimmed value either way (with the
// characters it refuses marked: markBadChars).
func textField(v url.Values, name, label string, max int, required bool, errs domain.Errors) string {
	s := strings.TrimSpace(v.Get(name))
	if badChars(s, false) {
		errs.Add(name, label+" indeholder ugyldige tegn.")
		return markBadChars(s, false)
	}
	if required {
		errs.Required(name, s, label)
	}
	errs.MaxLength(name, s, label, max)
	return s
}

// multilineField reads a textarea: line breaks made "\n" (browsers send "\r\n"), trimmed,
// free of control characters and at most max characters.
func multilineField(v url.Values, name, label string, max int, errs domain.Errors) string {
	s := strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(v.Get(name), "\r\n", "\n"), "\r", "\n"))
	if badChars(s, true) {
		errs.Add(name, label+" indeholder ugyldige tegn.")
		return markBadChars(s, true)
	}
	errs.MaxLength(name, s, label, max)
	return s
}

var (
	isoDate    = regexp.MustCompile(`^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$`)
	danishDate = regexp.MustCompile(`^([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4})$`)
)

// dateField reads an optional date: åååå-mm-dd (what <input type="date"> sends) or the Danish
// dd-mm-åååå / dd.mm.åååå. It returns the text to show again (the date as åååå-mm-dd when it
// is one, else the trimmed input) and the date (nil when empty or wrong).
// label is the field's name as the subject of a sentence, e.g. "Startdatoen".
func dateField(v url.Values, name, label string, errs domain.Errors) (string, *time.Time) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return s, nil
	}
	var y, m, d string
	if p := isoDate.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := danishDate.FindStringSubmatch(s); p != nil {
		d, m, y = p[1], p[2], p[3]
	} else {
		errs.Add(name, label+" skal skrives som åååå-mm-dd, fx 2026-03-31.")
		return s, nil
	}
	year, _ := strconv.Atoi(y) // the patterns admit digits only, at most four
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || day < 1 || t.Day() != day {
		errs.Add(name, label+" findes ikke i kalenderen.")
		return s, nil
	}
	if year < minYear || year > maxYear {
		errs.Add(name, label+" skal ligge mellem år 1900 og 2200.")
		return s, nil
	}
	return t.Format(time.DateOnly), &t // as <input type="date"> shows it
}

// dateOrder checks that the later date (field name) is not before start.
func dateOrder(start, later *time.Time, name, msg string, errs domain.Errors) {
	if start != nil && later != nil && later.Before(*start) {
		errs.Add(name, msg)
	}
}

var decimal = regexp.MustCompile(`^[0-9]{1,6}(?:[.,]([0-9]{1,6}))?$`)

// weightField reads the optional weight: a decimal number from 0,1 to 100 with at most two
// decimals, comma or point; empty is the default 1.
func weightField(v url.Values, name string, errs domain.Errors) (string, float64) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return s, 1
	}
	p := decimal.FindStringSubmatch(s)
	if p == nil {
		errs.Add(name, "Vægten skal være et tal, fx 1 eller 2,5.")
		return s, 1
	}
	w, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	switch {
	case err != nil || w < 0.1 || w > 100:
		errs.Add(name, "Vægten skal være et tal mellem 0,1 og 100.")
	case len(strings.TrimRight(p[1], "0")) > 2:
		errs.Add(name, "Vægten må højst have to decimaler.")
	default:
		return s, w
	}
	return s, 1
}

// formatWeight shows a weight the Danish way, as the form takes it: "1", "2,5".
func formatWeight(w float64) string {
	if w == 0 {
		w = 1
	}
	return strings.Replace(strconv.FormatFloat(w, 'f', -1, 64), ".", ",", 1)
}

// formatDate shows a date as the date field takes it: "2026-03-31", "" for none.
func formatDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// parseID reads a positive id.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}

// idField reads an optional choice of one id (a select); msg is its message when it is no id.
func idField(v url.Values, name, msg string, errs domain.Errors) (string, *int64) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return s, nil
	}
	id, ok := parseID(s)
	if !ok {
		errs.Add(name, msg)
		return s, nil
	}
	return s, &id
}

// idsField reads a set of ids (checkboxes), without repeats; msg is its message when a value
// is no id or there are more than maxChoices.
func idsField(v url.Values, name, msg string, errs domain.Errors) ([]string, []int64) {
	raw := v[name]
	if len(raw) > maxChoices {
		errs.Add(name, msg)
		return nil, nil
	}
	var typed []string
	var ids []int64
	seen := map[int64]bool{}
	for _, s := range raw {
		id, ok := parseID(s)
		if !ok {
			errs.Add(name, msg)
			continue
		}
		if !seen[id] {
			seen[id] = true
			typed = append(typed, strconv.FormatInt(id, 10))
			ids = append(ids, id)
		}
	}
	return typed, ids
}

// decodeVersion reads the hidden version of an edit form; without one the form cannot be
// saved safely, which is a bad request.
func decodeVersion(v url.Values) (int32, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(v.Get("version")), 10, 32)
	if err != nil || n < 1 {
		return 0, badRequest(msgVersion)
	}
	return int32(n), nil
}
