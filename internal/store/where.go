package store

import (
	"strconv"
	"strings"
)

// where builds the WHERE clause of a list query from the filter fields that are set, so that
// each combination is its own statement and PostgreSQL can plan it with the indexes of the
// conditions it holds. (A catch-all "$1 = 0 OR col = $1" forces one generic plan that has to
// read the whole table whatever the filter.)
type where struct {
	conds []string
	args  []any
}

// add appends cond, in which every "$?" stands for arg.
func (w *where) add(cond string, arg any) {
	w.args = append(w.args, arg)
	w.conds = append(w.conds, strings.ReplaceAll(cond, "$?", "$"+strconv.Itoa(len(w.args))))
}

// and is the conditions joined with AND, each preceded by " AND " (empty when none).
func (w *where) and() string {
	var b strings.Builder
	for _, c := range w.conds {
		b.WriteString("\n\t\t  AND ")
		b.WriteString(c)
	}
	return b.String()
}

// agreementItems selects the initiatives an agreement ($?) holds, and the local initiatives of
// its lower unit under them, as a set a semi-join can use: two index lookups instead of a
// scan of every initiative.
const agreementItems = `(SELECT ai.initiative_id FROM agreement_initiatives ai WHERE ai.agreement_id = $?
	UNION ALL
	SELECT c.id FROM agreement_initiatives ai
	JOIN agreements ag ON ag.id = ai.agreement_id
	JOIN initiatives c ON c.parent_id = ai.initiative_id AND c.unit_id = ag.lower_unit_id
	WHERE ai.agreement_id = $?)`
