package server

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestDateField(t *testing.T) {
	tests := []struct {
		in, want, msg string // want is the date as åååå-mm-dd, "" for none
	}{
		{"", "", ""},
		{"2026-03-31", "2026-03-31", ""},
		{" 2026-3-1 ", "2026-03-01", ""},
		{"31-12-2026", "2026-12-31", ""},
		{"1.2.2026", "2026-02-01", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"2026-02-30", "", "Startdatoen findes ikke i kalenderen."},
		{"2025-02-29", "", "Startdatoen findes ikke i kalenderen."},
		{"2026-13-01", "", "Startdatoen findes ikke i kalenderen."},
		{"2026-00-10", "", "Startdatoen findes ikke i kalenderen."},
		{"2026-01-00", "", "Startdatoen findes ikke i kalenderen."},
		{"1899-12-31", "", "Startdatoen skal ligge mellem år 1900 og 2200."},
		{"abc", "", "Startdatoen skal skrives som åååå-mm-dd, fx 2026-03-31."},
		{"2026-03-31T10:00", "", "Startdatoen skal skrives som åååå-mm-dd, fx 2026-03-31."},
		{"+2026-03-31", "", "Startdatoen skal skrives som åååå-mm-dd, fx 2026-03-31."},
		{"２０２６-03-31", "", "Startdatoen skal skrives som åååå-mm-dd, fx 2026-03-31."},
	}
	for _, tt := range tests {
		errs := domain.Errors{}
		shown, got := dateField(url.Values{"start": {tt.in}}, "start", "Startdatoen", errs)
		if g := formatDate(got); g != tt.want || errs["start"] != tt.msg {
			t.Errorf("dateField(%q) = %q, message %q; want %q, %q", tt.in, g, errs["start"], tt.want, tt.msg)
		}
		want := tt.want
		if want == "" {
			want = strings.TrimSpace(tt.in)
		}
		if shown != want {
			t.Errorf("dateField(%q) shows %q again, want %q", tt.in, shown, want)
		}
	}
}

func TestWeightField(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		msg  string
	}{
		{"", 1, ""},
		{"2", 2, ""},
		{"2,5", 2.5, ""},
		{"0.1", 0.1, ""},
		{"100", 100, ""},
		{"1,50", 1.5, ""},
		{"1,250", 1.25, ""},
		{"1,255", 1, "Vægten må højst have to decimaler."},
		{"0", 1, "Vægten skal være et tal mellem 0,1 og 100."},
		{"0,05", 1, "Vægten skal være et tal mellem 0,1 og 100."},
		{"100,01", 1, "Vægten skal være et tal mellem 0,1 og 100."},
		{"abc", 1, "Vægten skal være et tal, fx 1 eller 2,5."},
		{"-1", 1, "Vægten skal være et tal, fx 1 eller 2,5."},
		{"1e2", 1, "Vægten skal være et tal, fx 1 eller 2,5."},
		{"NaN", 1, "Vægten skal være et tal, fx 1 eller 2,5."},
		{"1.000,5", 1, "Vægten skal være et tal, fx 1 eller 2,5."},
	}
	for _, tt := range tests {
		errs := domain.Errors{}
		typed, got := weightField(url.Values{"weight": {tt.in}}, "weight", errs)
		if got != tt.want || errs["weight"] != tt.msg || typed != tt.in {
			t.Errorf("weightField(%q) = %q, %v, message %q; want %v, %q", tt.in, typed, got, errs["weight"], tt.want, tt.msg)
		}
	}
}

func TestDecodeActionPlanForm(t *testing.T) {
	tests := []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"complete", url.Values{"code": {" 1-A "}, "title": {"Titel"}, "description": {"Linje 1\r\n\r\nLinje 2"},
			"start": {"2026-01-01"}, "deadline": {"2026-12-31"}, "ladder_step": {"3"}, "terms": {"1", "2", "1"},
			"weight": {"2,5"}}, map[string]string{}},
		{"only a title", url.Values{"title": {"Titel"}}, map[string]string{}},
		{"nothing", url.Values{}, map[string]string{"title": "Titlen skal udfyldes."}},
		{"blank title", url.Values{"title": {" \t "}}, map[string]string{"title": "Titlen skal udfyldes."}},
		{"too long", url.Values{"title": {strings.Repeat("æ", 301)}, "code": {strings.Repeat("1", 21)},
			"description": {strings.Repeat("x", 4001)}, "responsible": {strings.Repeat("x", 201)}}, map[string]string{
			"title": "Titlen må højst være 300 tegn (der er 301).", "code": "Nummeret må højst være 20 tegn (der er 21).",
			"description": "Beskrivelsen må højst være 4000 tegn (der er 4001).",
			"responsible": "Ansvarlig må højst være 200 tegn (der er 201)."}},
		{"control characters", url.Values{"title": {"A\x00B"}, "code": {"1\n2"}, "description": {"ok\x07"}},
			map[string]string{"title": "Titlen indeholder ugyldige tegn.", "code": "Nummeret indeholder ugyldige tegn.",
				"description": "Beskrivelsen indeholder ugyldige tegn."}},
		{"invalid UTF-8", url.Values{"title": {"\xff\xfe"}}, map[string]string{"title": "Titlen indeholder ugyldige tegn."}},
		{"deadline before start", url.Values{"title": {"T"}, "start": {"2026-05-01"}, "deadline": {"2026-04-30"}},
			map[string]string{"deadline": "Fristen kan ikke ligge før start."}},
		{"wrong types", url.Values{"title": {"T"}, "start": {"abc"}, "deadline": {"2026-02-30"}, "ladder_step": {"abc"},
			"terms": {"1", "x"}, "weight": {"tung"}}, map[string]string{
			"start":       "Startdatoen skal skrives som åååå-mm-dd, fx 2026-03-31.",
			"deadline":    "Fristen findes ikke i kalenderen.",
			"ladder_step": "Vælg et trin fra listen.", "terms": "Vælg begreber fra listen.",
			"weight": "Vægten skal være et tal, fx 1 eller 2,5."}},
		{"negative and huge ids", url.Values{"title": {"T"}, "ladder_step": {"-4"}, "terms": {"99999999999999999999"}},
			map[string]string{"ladder_step": "Vælg et trin fra listen.", "terms": "Vælg begreber fra listen."}},
		{"too many begreber", url.Values{"title": {"T"}, "terms": strings.Fields(strings.Repeat("1 ", maxChoices+1))},
			map[string]string{"terms": "Vælg begreber fra listen."}},
	}
	for _, tt := range tests {
		f, errs := decodeActionPlanForm(tt.form)
		if diff := cmp.Diff(tt.want, map[string]string(errs)); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.name, diff)
		}
		// What was typed is kept, a refused character shown as U+FFFD (markBadChars).
		if f.Fields.Title != markBadChars(strings.TrimSpace(tt.form.Get("title")), false) {
			t.Errorf("%s: typed title %q not kept", tt.name, f.Fields.Title)
		}
	}

	f, _ := decodeActionPlanForm(tests[0].form)
	start, deadline := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	step := int64(3)
	want := actionPlanForm{Code: "1-A", Title: "Titel", Description: "Linje 1\n\nLinje 2", Start: &start, Deadline: &deadline,
		LadderStepID: &step, TermIDs: []int64{1, 2}, Weight: 2.5}
	if diff := cmp.Diff(want, f, cmpopts.IgnoreFields(actionPlanForm{}, "Fields")); diff != "" {
		t.Errorf("decoded values (-want +got):\n%s", diff)
	}
}

func TestCheckChoices(t *testing.T) {
	steps := []domain.LadderStep{{ID: 1}, {ID: 2}}
	terms := []domain.Term{{ID: 7}}
	tests := []struct {
		form url.Values
		want map[string]string
	}{
		{url.Values{"title": {"T"}, "ladder_step": {"2"}, "terms": {"7"}}, map[string]string{}},
		{url.Values{"title": {"T"}, "ladder_step": {"3"}}, map[string]string{"ladder_step": "Vælg et trin fra listen."}},
		{url.Values{"title": {"T"}, "terms": {"7", "8"}}, map[string]string{"terms": "Vælg begreber fra listen."}},
	}
	for _, tt := range tests {
		f, errs := decodeActionPlanForm(tt.form)
		f.checkChoices(steps, terms, errs)
		if diff := cmp.Diff(tt.want, map[string]string(errs)); diff != "" {
			t.Errorf("%v: messages (-want +got):\n%s", tt.form, diff)
		}
	}
}

func TestDecodeVersion(t *testing.T) {
	for in, want := range map[string]int32{"1": 1, " 42 ": 42, "": 0, "0": 0, "-3": 0, "abc": 0, "99999999999": 0} {
		got, err := decodeVersion(url.Values{"version": {in}})
		if got != want || (err != nil) != (want == 0) {
			t.Errorf("decodeVersion(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

// danishMessage matches every message the form decoding may give: Danish sentences made from
// the field's label, never the input itself nor Go's error text.
var danishMessage = regexp.MustCompile(`^(?:` + strings.Join([]string{
	`(?:Titlen|Beskrivelsen|Ansvarlig|Nummeret) (?:skal udfyldes|indeholder ugyldige tegn|må højst være \d+ tegn \(der er \d+\))`,
	`(?:Startdatoen|Slutdatoen|Fristen) (?:skal skrives som åååå-mm-dd, fx 2026-03-31|findes ikke i kalenderen|skal ligge mellem år 1900 og 2200)`,
	`(?:Slutdatoen|Fristen) kan ikke ligge før start`,
	`Vægten (?:skal være et tal, fx 1 eller 2,5|skal være et tal mellem 0,1 og 100|må højst have to decimaler)`,
	`Vælg (?:et område|et trin|begreber) fra listen`,
}, "|") + `)\.$`)

// checkMessages fails unless every message is a Danish sentence for one of fields.
func checkMessages(t *testing.T, errs domain.Errors, fields ...string) {
	t.Helper()
	for field, msg := range errs {
		if !strings.Contains(" "+strings.Join(fields, " ")+" ", " "+field+" ") {
			t.Errorf("message for unknown field %q: %q", field, msg)
		}
		if !utf8.ValidString(msg) || !danishMessage.MatchString(msg) {
			t.Errorf("field %s: message %q is not one of the Danish messages", field, msg)
		}
	}
}

// checkText fails when a value that passed has characters the database or page must not get.
func checkText(t *testing.T, errs domain.Errors, field, value string, max int, multiline bool) {
	t.Helper()
	if _, bad := errs[field]; bad {
		return
	}
	if badChars(value, multiline) || utf8.RuneCountInString(value) > max || value != strings.TrimSpace(value) {
		t.Errorf("field %s passed with %q", field, value)
	}
}

// seeds are realistic and hostile values for every text field of the fuzz tests.
var seeds = []string{"", "1-A", "Hverdagsrehabilitering i hjemmeplejen", "2026-03-31", "31-12-2026", "2026-02-30",
	"abc", "2,5", "0,05", "1e308", "-1", "NaN", "99999999999999999999", "\x00", "\xff\xfe", "A\r\nB", "  ",
	"<script>alert(1)</script>", "'; DROP TABLE action_plans; --", strings.Repeat("ø", 301), "٣", "２０２６-01-01"}

func FuzzDecodeActionPlanForm(f *testing.F) {
	for i, s := range seeds {
		o := seeds[(i+7)%len(seeds)]
		f.Add(s, o, s, o, s, o, s, o, s+","+o)
	}
	f.Add("4-E", "Fælles dokumenthåndtering", "Tekst\n- punkt", "Leder", "2026-01-01", "2026-12-31", "2", "1", "1,2")
	f.Fuzz(func(t *testing.T, code, title, description, responsible, start, deadline, step, weight, terms string) {
		v := url.Values{"code": {code}, "title": {title}, "description": {description}, "responsible": {responsible},
			"start": {start}, "deadline": {deadline}, "ladder_step": {step}, "weight": {weight},
			"terms": strings.Split(terms, ",")}
		d, errs := decodeActionPlanForm(v)
		checkMessages(t, errs, "code", "title", "description", "responsible", "start", "deadline", "ladder_step", "terms", "weight")
		checkText(t, errs, "code", d.Code, maxCode, false)
		checkText(t, errs, "title", d.Title, maxTitle, false)
		checkText(t, errs, "description", d.Description, maxDescription, true)
		checkText(t, errs, "responsible", d.Responsible, maxResponsible, false)
		if !errs.Any() {
			if d.Title == "" || d.Weight < 0.1 || d.Weight > 100 {
				t.Errorf("passed with title %q, weight %v", d.Title, d.Weight)
			}
			if d.Start != nil && d.Deadline != nil && d.Deadline.Before(*d.Start) {
				t.Errorf("passed with deadline %v before start %v", d.Deadline, d.Start)
			}
			if d.LadderStepID != nil && *d.LadderStepID <= 0 || len(d.TermIDs) > maxChoices {
				t.Errorf("passed with step %v, %d terms", d.LadderStepID, len(d.TermIDs))
			}
		}
	})
}

func FuzzDecodeInitiativeForm(f *testing.F) {
	for i, s := range seeds {
		o := seeds[(i+5)%len(seeds)]
		f.Add(s, o, s, o, s, o, s)
	}
	f.Add("Rehabilitering", "Tekst", "Leder", "2026-01-01", "2026-12-31", "1", "11")
	f.Fuzz(func(t *testing.T, title, description, responsible, start, end, weight, unit string) {
		v := url.Values{"title": {title}, "description": {description}, "responsible": {responsible},
			"start": {start}, "end": {end}, "weight": {weight}, "unit": {unit}}
		d, errs := decodeInitiativeForm(v)
		checkMessages(t, errs, "title", "description", "responsible", "start", "end", "weight", "unit")
		checkText(t, errs, "title", d.Title, maxTitle, false)
		checkText(t, errs, "description", d.Description, maxDescription, true)
		checkText(t, errs, "responsible", d.Responsible, maxResponsible, false)
		if !errs.Any() && d.Start != nil && d.End != nil && d.End.Before(*d.Start) {
			t.Errorf("passed with end %v before start %v", d.End, d.Start)
		}
		if d.UnitID != nil && *d.UnitID <= 0 {
			t.Errorf("unit id %d", *d.UnitID)
		}
	})
}
