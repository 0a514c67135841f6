package domain

import (
	"strconv"
	"strings"
	"time"
)

// Quarter is a follow-up period of three months, as the meeting screen ("Status til mødet")
// picks it: Q 1 is January to March.
type Quarter struct {
	Year, Q int
}

// QuarterOf is the quarter day falls in.
func QuarterOf(day time.Time) Quarter { return Quarter{day.Year(), (int(day.Month())-1)/3 + 1} }

// ParseQuarter reads a quarter as Param writes it ("2026-3"); ok is false for anything else or
// a year outside 2000–2100.
func ParseQuarter(s string) (q Quarter, ok bool) {
	y, n, found := strings.Cut(s, "-")
	year, err1 := strconv.Atoi(y)
	qn, err2 := strconv.Atoi(n)
	if !found || err1 != nil || err2 != nil || year < 2000 || year > 2100 || qn < 1 || qn > 4 {
		return Quarter{}, false
	}
	return Quarter{year, qn}, true
}

// Param is the quarter as the address writes it: "2026-3".
func (q Quarter) Param() string { return strconv.Itoa(q.Year) + "-" + strconv.Itoa(q.Q) }

// Label is the quarter's Danish name: "3. kvartal 2026".
func (q Quarter) Label() string { return strconv.Itoa(q.Q) + ". kvartal " + strconv.Itoa(q.Year) }

// Start is the quarter's first day.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*q.Q-2), 1, 0, 0, 0, 0, time.UTC)
}

// End is the quarter's last day.
func (q Quarter) End() time.Time { return q.Start().AddDate(0, 3, -1) }

// Prev is the quarter before q.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

// NeedsAttention says an item belongs on the meeting's list of what to talk about: its health
// is kritisk, or it is overdue (Overdue) on today.
func NeedsAttention(s Status, end *time.Time, today time.Time) bool {
	return s.Health() == HealthCritical || Overdue(s.StatusPhase, end, today)
}
