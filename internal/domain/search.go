package domain

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The levels a search covers, in the order the results page shows them. The keys appear in
// the results page's URL (?niveau=…).
const (
	SearchPolicies    = "politikker"
	SearchObjectives  = "maalsaetninger"
	SearchGoals       = "maal"
	SearchTracks      = "spor"
	SearchGenerals    = "generelle"
	SearchLocals      = "lokale"
	SearchActionPlans = "handleplaner"
	SearchAgreements  = "aftaler"
	SearchComments    = "kommentarer"
)

// SearchLevels lists every level of a search in the order the results are shown.
var SearchLevels = []string{SearchPolicies, SearchObjectives, SearchGoals, SearchTracks, SearchGenerals,
	SearchLocals, SearchActionPlans, SearchAgreements, SearchComments}

// Limits of a search: the longest query taken, the words of it used, the hits shown per level
// on the overview, and the most shown when one level is asked for ("vis flere").
const (
	SearchMaxLength   = 200
	SearchMaxWords    = 8
	SearchPerLevel    = 5
	SearchLevelLimit  = 100
	searchMinTrigram  = 3
	searchExcerptRune = 240
	searchPathRune    = 60
)

// Search is a parsed query: the text as typed, the words full-text search looks for (each also
// as the beginning of a longer word) and the text a title must contain, for trigram matching
// ("" when the query is too short for it).
type Search struct {
	Text     string
	Words    []string
	Contains string
	Level    string // one of SearchLevels, or "" for all
}

// ParseSearch reads a query and a level from the search form; the errors name the field "q".
// An empty or too long query is refused with a Danish message; an unknown level means all.
func ParseSearch(q, level string) (Search, Errors) {
	errs := Errors{}
	s := Search{Text: strings.TrimSpace(q)}
	for _, l := range SearchLevels {
		if l == level {
			s.Level = l
		}
	}
	switch {
	case s.Text == "":
		errs.Add("q", "Skriv et eller flere ord, du vil søge efter.")
	case !utf8.ValidString(s.Text) || utf8.RuneCountInString(s.Text) > SearchMaxLength:
		errs.Add("q", "Søgningen må højst være 200 tegn.")
	case strings.IndexFunc(s.Text, unicode.IsControl) >= 0:
		errs.Add("q", "Søgningen må ikke indeholde kontroltegn.")
	}
	if errs.Any() {
		return s, errs
	}
	words := strings.FieldsFunc(strings.ToLower(s.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > SearchMaxWords {
		words = words[:SearchMaxWords]
	}
	s.Words = words
	if utf8.RuneCountInString(s.Text) >= searchMinTrigram {
		s.Contains = s.Text
	}
	if len(words) == 0 && s.Contains == "" {
		errs.Add("q", "Skriv mindst ét bogstav eller tal, du vil søge efter.")
	}
	return s, errs
}

// TSQuery is the query as PostgreSQL's to_tsquery reads it: every word, also as a prefix,
// all required ("indsats:* & weekend:*"). The words hold only letters and digits, so no
// operator can be smuggled in.
func (s Search) TSQuery() string {
	parts := make([]string, len(s.Words))
	for i, w := range s.Words {
		parts[i] = w + ":*"
	}
	return strings.Join(parts, " & ")
}

// SearchHit is one item found: its level, where it lives in the chain (the titles above it,
// top first), and for a comment what it is on (TargetLevel and TargetID, the item the link
// opens, whose title is Title), its author (Path) and when it was written (At).
type SearchHit struct {
	Level       string
	ID          int64
	Title       string
	Excerpt     string
	Path        []string
	TargetLevel string
	TargetID    int64
	At          *time.Time
}

// Excerpt shortens a hit's text to about 240 characters at a word boundary, with "…" when cut.
func Excerpt(text string) string { return shorten(text, searchExcerptRune) }

// PathPart shortens one step of a hit's place in the chain to about 60 characters.
func PathPart(text string) string { return shorten(text, searchPathRune) }

// shorten cuts text to about n characters at a word boundary, with "…" when cut.
func shorten(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := string([]rune(text)[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
