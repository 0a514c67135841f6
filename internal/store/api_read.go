package store

import (
	"context"
	"fmt"
	"time"
)

// The read API (/api/v1/…, see server/api.go) lists one organisation's rows of a collection in
// id order, a page at a time. Every collection is one query whatever the page: the rows of the
// organisation ($1) with an id above the cursor ($2), changed at or after updated_since ($3,
// NULL for all), optionally one id ($4, 0 for all), at most limit ($5) rows. Paging by id is
// stable while rows are inserted or changed: ids only grow, so a row is never seen twice and
// a row that existed when the walk began is never skipped.

// APIQuery selects a page of an API collection.
type APIQuery struct {
	OrganisationID int64
	After          int64      // ids above this one (0: from the start)
	UpdatedSince   *time.Time // rows changed at or after this time (nil: all)
	ID             int64      // only this row (0: all)
	Limit          int        // at most this many rows
}

// APIPage is a page of an API collection: the column names, in order, and the rows' values
// (int64, string, bool, float64, time.Time, a date as "2006-01-02" text, []any for id lists,
// or nil).
type APIPage struct {
	Columns []string
	Rows    [][]any
}

// ListAPI returns the page q selects of the collection named name; an unknown collection is
// ErrNotFound. One query.
func (s *Store) ListAPI(ctx context.Context, name string, q APIQuery) (APIPage, error) {
	c, ok := apiCollections[name]
	if !ok {
		return APIPage{}, fmt.Errorf("list api %s: %w", name, ErrNotFound)
	}
	sql := `SELECT ` + c.columns + ` FROM ` + c.from + `
		AND ` + c.id + ` > $2 AND ($3::timestamptz IS NULL OR ` + c.updated + ` >= $3)
		AND ($4::bigint = 0 OR ` + c.id + ` = $4)
		ORDER BY ` + c.id + ` LIMIT $5`
	var since any // as text, so that every argument has a SQL literal (bench.SeqScans explains them)
	if q.UpdatedSince != nil {
		since = q.UpdatedSince.UTC().Format(time.RFC3339Nano)
	}
	rows, err := s.db.Query(ctx, sql, q.OrganisationID, q.After, since, q.ID, q.Limit)
	if err != nil {
		return APIPage{}, wrap("list api "+name, err)
	}
	defer rows.Close()
	var page APIPage
	for _, f := range rows.FieldDescriptions() {
		page.Columns = append(page.Columns, f.Name)
	}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return APIPage{}, wrap("list api "+name, err)
		}
		page.Rows = append(page.Rows, vals)
	}
	return page, wrap("list api "+name, rows.Err())
}

// APICollections names the collections of the read API, in the order the documentation lists them.
func APICollections() []string {
	return []string{"organisation", "units", "policies", "objectives", "goals", "strategies", "tracks",
		"initiatives", "action-plans", "status-updates", "indicators", "measurements", "agreements"}
}

// apiCollection is the SQL of one collection: the select list (id first), the FROM … WHERE that
// keeps the organisation $1's rows, the id column and the time the row last changed.
type apiCollection struct {
	columns, from, id, updated string
}

// day renders a date column as "2006-01-02" text.
func day(col, name string) string { return `to_char(` + col + `, 'YYYY-MM-DD') AS ` + name }

// stamps are the created, updated and archived times of an editable row aliased x.
func stamps(x string) string {
	return x + `.created_at, ` + x + `.updated_at, ` + x + `.archived_at`
}

// status is the current status kept on an initiative or action plan aliased x.
func status(x string) string {
	return x + `.status_phase, ` + x + `.status_health, ` + x + `.status_progress::bigint AS status_progress, ` +
		day(x+`.status_as_of`, `status_as_of`) + `, ` + x + `.status_updated_at, ` + x + `.weight::float8 AS weight`
}

// changedWithStatus is when an item last changed, its status included.
func changedWithStatus(x string) string {
	return `GREATEST(` + x + `.updated_at, COALESCE(` + x + `.status_updated_at, ` + x + `.updated_at))`
}

var apiCollections = map[string]apiCollection{
	"organisation": {
		columns: `o.id, o.slug, o.name, o.kind, o.vision, o.label_track, o.label_tracks, o.label_general,
			o.label_generals, o.label_local, o.label_locals, o.label_action_plan, o.label_action_plans, ` + stamps("o"),
		from: `organisations o WHERE o.id = $1`, id: `o.id`, updated: `o.updated_at`,
	},
	"units": {
		columns: `u.id, u.parent_id, u.name, u.kind, u.leader_title, u.position::bigint AS position, ` + stamps("u"),
		from:    `units u WHERE u.organisation_id = $1`, id: `u.id`, updated: `u.updated_at`,
	},
	"policies": {
		columns: `p.id, p.kind, p.title, p.description, p.position::bigint AS position, ` + stamps("p"),
		from:    `policies p WHERE p.organisation_id = $1`, id: `p.id`, updated: `p.updated_at`,
	},
	"objectives": {
		columns: `o.id, o.policy_id, o.number::bigint AS number, o.title, o.description, ` + stamps("o"),
		from:    `objectives o JOIN policies p ON p.id = o.policy_id WHERE p.organisation_id = $1`,
		id:      `o.id`, updated: `o.updated_at`,
	},
	"goals": {
		columns: `g.id, g.objective_id, g.position::bigint AS position, g.title, g.description,
			ARRAY(SELECT gt.track_id FROM goal_tracks gt WHERE gt.goal_id = g.id ORDER BY gt.track_id) AS track_ids, ` + stamps("g"),
		from: `goals g JOIN objectives o ON o.id = g.objective_id JOIN policies p ON p.id = o.policy_id
			WHERE p.organisation_id = $1`,
		id: `g.id`, updated: `g.updated_at`,
	},
	"strategies": {
		columns: `s.id, s.unit_id, s.title, s.period_start::bigint AS period_start, s.period_end::bigint AS period_end,
			s.vision, s.description, s.position::bigint AS position, ` + stamps("s"),
		from: `strategies s WHERE s.organisation_id = $1`, id: `s.id`, updated: `s.updated_at`,
	},
	"tracks": {
		columns: `t.id, t.strategy_id, t.number::bigint AS number, t.title, t.description, ` + stamps("t"),
		from:    `tracks t JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1`,
		id:      `t.id`, updated: `t.updated_at`,
	},
	"initiatives": {
		columns: `i.id, i.kind, i.parent_id, i.track_id, i.unit_id, i.number::bigint AS number, i.title, i.description,
			i.responsible, ` + day("i.start_date", "start_date") + `, ` + day("i.end_date", "end_date") + `, ` +
			status("i") + `, ` + stamps("i"),
		from: `initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
			WHERE s.organisation_id = $1`,
		id: `i.id`, updated: changedWithStatus("i"),
	},
	"action-plans": {
		columns: `a.id, a.initiative_id, a.code, a.title, a.description, a.responsible, ` +
			day("a.start_date", "start_date") + `, ` + day("a.deadline", "deadline") + `, ` + status("a") + `, ` + stamps("a"),
		from: `action_plans a JOIN initiatives i ON i.id = a.initiative_id JOIN tracks t ON t.id = i.track_id
			JOIN strategies s ON s.id = t.strategy_id WHERE s.organisation_id = $1`,
		id: `a.id`, updated: changedWithStatus("a"),
	},
	"status-updates": {
		columns: `su.id, su.initiative_id, su.action_plan_id, su.phase, su.health, su.progress::bigint AS progress,
			su.comment, ` + day("su.as_of", "as_of") + `, su.author_id, su.created_at`,
		from: `status_updates su WHERE su.organisation_id = $1`, id: `su.id`, updated: `su.created_at`,
	},
	"indicators": {
		columns: `n.id, n.goal_id, n.initiative_id, n.action_plan_id, n.name, n.definition, n.unit, n.direction,
			n.baseline_value::float8 AS baseline_value, ` + day("n.baseline_date", "baseline_date") + `,
			n.target_value::float8 AS target_value, ` + day("n.target_date", "target_date") + `,
			n.frequency, n.responsible_unit_id, ` + stamps("n"),
		from: `indicators n WHERE n.organisation_id = $1`, id: `n.id`, updated: `n.updated_at`,
	},
	"measurements": {
		columns: `m.id, m.indicator_id, ` + day("m.as_of", "as_of") + `, m.value::float8 AS value, m.comment,
			m.created_at, m.updated_at`,
		from: `indicator_measurements m JOIN indicators n ON n.id = m.indicator_id WHERE n.organisation_id = $1`,
		id:   `m.id`, updated: `m.updated_at`,
	},
	"agreements": {
		columns: `g.id, g.kind, g.title, g.strategy_id, g.parent_id, g.upper_unit_id, g.upper_title, g.lower_unit_id,
			g.lower_title, g.period_start::bigint AS period_start, g.period_end::bigint AS period_end, g.document_ref,
			g.follow_up_months::bigint AS follow_up_months,
			ARRAY(SELECT ai.initiative_id FROM agreement_initiatives ai WHERE ai.agreement_id = g.id
			      ORDER BY ai.initiative_id) AS initiative_ids, ` + stamps("g"),
		from: `agreements g WHERE g.organisation_id = $1`, id: `g.id`, updated: `g.updated_at`,
	},
}
