package components

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// Block is a paragraph of text or a bulleted list.
type Block struct {
	Text    string
	Items   []string
	Ordered bool // the items were numbered "1.", "2.", … in the text
}

// Blocks splits text into paragraphs at blank lines; lines that start with "-" or "•" become
// a bulleted list, lines that start with "1.", "2.", … a numbered one. Text before the list
// lines becomes its own paragraph.
func Blocks(text string) []Block {
	var out []Block
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		var lead []string
		var items []string
		ordered := false
		for _, line := range strings.Split(para, "\n") {
			line = strings.TrimSpace(line)
			if rest, ok := cutBullet(line); ok {
				items = append(items, rest)
			} else if rest, ok := cutNumber(line); ok {
				items = append(items, rest)
				ordered = true
			} else if len(items) == 0 {
				lead = append(lead, line)
			} else {
				items[len(items)-1] += " " + line
			}
		}
		if len(lead) > 0 {
			out = append(out, Block{Text: strings.Join(lead, " ")})
		}
		if len(items) > 0 {
			out = append(out, Block{Items: items, Ordered: ordered})
		}
	}
	return out
}

func cutBullet(line string) (string, bool) {
	for _, p := range []string{"- ", "-", "• ", "•"} {
		if rest, ok := strings.CutPrefix(line, p); ok && rest != "" {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// cutNumber cuts a leading "12. " from a line.
func cutNumber(line string) (string, bool) {
	i := 0
	for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 0 || !strings.HasPrefix(line[i:], ". ") {
		return "", false
	}
	return strings.TrimSpace(line[i+2:]), true
}

func itoa(n int) string { return strconv.Itoa(n) }

// Itoa formats an integer.
func Itoa[T ~int | ~int32 | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

var danishMonths = [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli",
	"august", "september", "oktober", "november", "december"}

// Date formats a date the Danish way: "3. marts 2024". A nil date is "–".
func Date(t *time.Time) string {
	if t == nil {
		return "–"
	}
	return strconv.Itoa(t.Day()) + ". " + danishMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Period formats a span of years: "2023–2026".
func Period(from, to int32) string {
	if from == to {
		return Itoa(from)
	}
	return Itoa(from) + "–" + Itoa(to)
}

// danishTime is Europe/Copenhagen (UTC where the time zone database is missing).
var danishTime = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
})

// DateTime formats a moment in Danish time: "3. marts 2024 kl. 14.05".
func DateTime(t time.Time) string {
	t = t.In(danishTime())
	return Date(&t) + " kl. " + t.Format("15.04")
}
