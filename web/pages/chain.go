package pages

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/sporbar/sporbar/internal/domain"
)

// chainRow is a goal row with the row spans of its policy and objective cells (0: covered by a
// row above).
type chainRow struct {
	domain.GoalRow
	PolicySpan, ObjectiveSpan int
}

func groupChain(rows []domain.GoalRow) []chainRow {
	out := make([]chainRow, len(rows))
	for i, r := range rows {
		out[i].GoalRow = r
		if i == 0 || rows[i-1].PolicyID != r.PolicyID {
			n := 0
			for j := i; j < len(rows) && rows[j].PolicyID == r.PolicyID; j++ {
				n++
			}
			out[i].PolicySpan = n
		}
		if i == 0 || rows[i-1].ObjectiveID != r.ObjectiveID {
			n := 0
			for j := i; j < len(rows) && rows[j].ObjectiveID == r.ObjectiveID; j++ {
				n++
			}
			out[i].ObjectiveSpan = n
		}
	}
	return out
}

// objectiveLabel is "1. title" for numbered objectives and the title alone otherwise.
func objectiveLabel(numbered bool, number int32, title string) string {
	if !numbered {
		return title
	}
	return strconv.Itoa(int(number)) + ". " + title
}

// lower lower-cases the first letter: "Strategispor" → "strategispor" in running text.
func lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// upper upper-cases the first letter.
func upper(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
