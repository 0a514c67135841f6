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
// scan of every initiative. The agreement is a hidden value (see hiddenValue).
const agreementItems = `(SELECT ai.initiative_id FROM agreement_initiatives ai WHERE ai.agreement_id = (SELECT $?::bigint)
	UNION ALL
	SELECT c.id FROM agreement_initiatives ai
	JOIN agreements ag ON ag.id = ai.agreement_id
	JOIN initiatives c ON c.parent_id = ai.initiative_id AND c.unit_id = ag.lower_unit_id
	WHERE ai.agreement_id = (SELECT $?::bigint))`

// Hidden values. PostgreSQL plans a prepared statement for its values five times and then
// keeps its generic plan, unless the plans for the values looked cheaper: then it plans
// every execution anew. For a statement of a dozen tables that planning costs milliseconds,
// more than running it, and a value with statistics of its own (an agreement or organisation
// larger than the average) tips the comparison by a hair. Written as "(SELECT $1::bigint)",
// the value is an InitPlan parameter the planner cannot look into, so both plans cost the
// same, the generic one is kept, and the indexes are used as before. The hot statements
// whose plans do not depend on the value use it (the benchmark found them: docs/benchmarks.md).
