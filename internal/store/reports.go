package store

import (
	"context"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
)

// The queries of the dashboards that look across a whole organisation: who has reported, the
// direktion's overview, coverage, status over time and the tidsplan. Each is one set-based
// statement, whatever the size of the organisation; the current status is read from the items
// (kept there by PostStatusUpdate), the history only where a past date is asked for.

// Item kinds of a ReportItem.
const (
	ReportGeneral    = domain.InitiativeGeneral
	ReportLocal      = domain.InitiativeLocal
	ReportActionPlan = "action_plan"
)

// ReportItem is a current (not archived) initiative or action plan with what the dashboards
// show of it and of its place in the chain.
type ReportItem struct {
	Kind           string // ReportGeneral, ReportLocal or ReportActionPlan
	ID             int64
	Code           string // an action plan's code
	Title          string
	InitiativeID   int64 // an action plan's initiative; the initiative itself otherwise
	GeneralID      int64 // the general initiative at the top of the item's branch
	TrackID        int64
	TrackNumber    int32
	TrackTitle     string
	StrategyID     int64
	StrategyTitle  string
	UnitID         *int64 // the unit it belongs to: a local initiative's (and its plans'), else its strategy's
	UnitName       string
	Responsible    string
	Weight         float64
	StartDate      *time.Time
	EndDate        *time.Time // an initiative's end date, an action plan's deadline
	FollowUpMonths int32      // the rhythm of the agreement of the item's unit (3 when it has none)
	CreatedOn      time.Time  // the day it was created, in Danish time
	domain.Status
}

// itemsSQL selects the organisation's current initiatives and, unless $2 is false, their
// action plans, in chain order: by strategy and track, each general initiative followed by its
// plans and then by its local initiatives (by unit), each with its plans.
const itemsSQL = `
WITH fu AS (
	SELECT DISTINCT ON (lower_unit_id) lower_unit_id, follow_up_months FROM agreements
	WHERE organisation_id = $1 AND archived_at IS NULL ORDER BY lower_unit_id, period_end DESC, id DESC),
ini AS (
	SELECT i.*, t.number AS track_number, t.title AS track_title, st.id AS strategy_id, st.title AS strategy_title,
	       st.position AS strategy_position, COALESCE(i.unit_id, st.unit_id) AS scope_unit_id,
	       COALESCE(i.parent_id, i.id) AS general_id, COALESCE(p.number, i.number) AS general_number,
	       COALESCE(lu.position, -1) AS unit_position
	FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
	LEFT JOIN initiatives p ON p.id = i.parent_id LEFT JOIN units lu ON lu.id = i.unit_id
	WHERE st.organisation_id = $1 AND i.archived_at IS NULL AND t.archived_at IS NULL AND st.archived_at IS NULL),
x AS (
	SELECT kind, id, '' AS code, title, id AS initiative_id, general_id, track_id, track_number, track_title,
	       strategy_id, strategy_title, scope_unit_id, responsible, weight, start_date, end_date, created_at,
	       status_phase, status_health, status_progress, status_as_of, status_updated_at,
	       strategy_position, general_number, kind = 'local' AS is_local, unit_position, number AS item_number,
	       -1 AS plan_position
	FROM ini
	UNION ALL
	SELECT 'action_plan', a.id, a.code, a.title, a.initiative_id, ini.general_id, ini.track_id, ini.track_number,
	       ini.track_title, ini.strategy_id, ini.strategy_title, ini.scope_unit_id, a.responsible, a.weight,
	       a.start_date, a.deadline, a.created_at, a.status_phase, a.status_health, a.status_progress,
	       a.status_as_of, a.status_updated_at, ini.strategy_position, ini.general_number, ini.kind = 'local',
	       ini.unit_position, ini.number, a.position
	FROM action_plans a JOIN ini ON ini.id = a.initiative_id
	WHERE $2 AND a.archived_at IS NULL)
SELECT x.kind, x.id, x.code, x.title, x.initiative_id, x.general_id, x.track_id, x.track_number, x.track_title,
       x.strategy_id, x.strategy_title, x.scope_unit_id AS unit_id, COALESCE(u.name, '') AS unit_name,
       x.responsible, x.weight::float8 AS weight, x.start_date, x.end_date,
       COALESCE(fu.follow_up_months, 3) AS follow_up_months,
       (x.created_at AT TIME ZONE 'Europe/Copenhagen')::date AS created_on,
       x.status_phase, x.status_health, x.status_progress, x.status_as_of, x.status_updated_at
FROM x LEFT JOIN units u ON u.id = x.scope_unit_id LEFT JOIN fu ON fu.lower_unit_id = x.scope_unit_id
ORDER BY x.strategy_position, x.strategy_id, x.track_number, x.general_number, x.general_id,
         x.is_local, x.unit_position, x.item_number, x.initiative_id, x.plan_position, x.kind, x.id`

// ListReportItems returns the organisation's current initiatives and, withPlans, their action
// plans, in chain order (see itemsSQL). One query.
func (s *Store) ListReportItems(ctx context.Context, orgID int64, withPlans bool) ([]ReportItem, error) {
	return list[ReportItem](ctx, s.db, "list report items", itemsSQL, orgID, withPlans)
}

// ReportUnit is a unit of the organisation with its place in the tree, the names of its
// leaders (the active fagchefs of a fagområde, the direktion of the direktion, the
// områdeledere of any other unit) and the agreement it is the lower party of.
type ReportUnit struct {
	ID             int64
	ParentID       *int64
	Name           string
	Kind           string
	LeaderTitle    string
	Depth          int32
	Leaders        []string
	AgreementID    *int64
	FollowUpMonths int32 // the agreement's rhythm, 3 without one
}

// ListReportUnits returns the organisation's current units in tree order (each unit before the
// units under it, siblings by position). One query.
func (s *Store) ListReportUnits(ctx context.Context, orgID int64) ([]ReportUnit, error) {
	return list[ReportUnit](ctx, s.db, "list report units", `
		WITH RECURSIVE tree AS (
			SELECT id, ARRAY[position, id] AS path, 0 AS depth FROM units
			WHERE organisation_id = $1 AND parent_id IS NULL AND archived_at IS NULL
			UNION ALL
			SELECT u.id, tree.path || ARRAY[u.position, u.id], tree.depth + 1
			FROM units u JOIN tree ON u.parent_id = tree.id WHERE u.archived_at IS NULL)
		SELECT u.id, u.parent_id, u.name, u.kind, u.leader_title, tree.depth,
		       COALESCE((SELECT json_agg(us.name ORDER BY us.name) FROM users us
		                 WHERE us.unit_id = u.id AND us.active AND us.role = CASE u.kind WHEN 'fagomraade' THEN 'fagchef'
		                       WHEN 'direktion' THEN 'direktion' ELSE 'omraadeleder' END), '[]') AS leaders,
		       ag.id AS agreement_id, COALESCE(ag.follow_up_months, 3) AS follow_up_months
		FROM tree JOIN units u ON u.id = tree.id
		LEFT JOIN LATERAL (SELECT id, follow_up_months FROM agreements
		                   WHERE lower_unit_id = u.id AND archived_at IS NULL
		                   ORDER BY period_end DESC, id DESC LIMIT 1) ag ON true
		ORDER BY tree.path`, orgID)
}

// ReportTrack is a track of the organisation with its strategy and the strategy's unit; a
// strategy without tracks has one row with TrackID 0.
type ReportTrack struct {
	StrategyID    int64
	StrategyTitle string
	UnitID        *int64
	UnitName      string
	TrackID       int64
	TrackNumber   int32
	TrackTitle    string
}

// ListReportTracks returns the organisation's current strategies and their tracks, by
// strategy position and track number. One query.
func (s *Store) ListReportTracks(ctx context.Context, orgID int64) ([]ReportTrack, error) {
	return list[ReportTrack](ctx, s.db, "list report tracks", `
		SELECT st.id AS strategy_id, st.title AS strategy_title, st.unit_id, COALESCE(u.name, '') AS unit_name,
		       COALESCE(t.id, 0) AS track_id, COALESCE(t.number, 0) AS track_number, COALESCE(t.title, '') AS track_title
		FROM strategies st LEFT JOIN units u ON u.id = st.unit_id
		LEFT JOIN tracks t ON t.strategy_id = st.id AND t.archived_at IS NULL
		WHERE st.organisation_id = $1 AND st.archived_at IS NULL
		ORDER BY st.position, st.id, t.number`, orgID)
}

// TrackCoverage is the number of active initiatives of a track: not archived, and neither
// implemented nor on hold.
type TrackCoverage struct {
	TrackID        int64
	General, Local int32
}

// ListTrackCoverage returns the tracks of the organisation that have active initiatives, with
// their numbers. One query.
func (s *Store) ListTrackCoverage(ctx context.Context, orgID int64) ([]TrackCoverage, error) {
	return list[TrackCoverage](ctx, s.db, "list track coverage", `
		SELECT i.track_id, count(*) FILTER (WHERE i.kind = 'general')::int AS general,
		       count(*) FILTER (WHERE i.kind = 'local')::int AS local
		FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
		WHERE st.organisation_id = $1 AND i.archived_at IS NULL
		  AND i.status_phase NOT IN ('implementeret', 'sat_i_bero')
		GROUP BY i.track_id`, orgID)
}

// latestStatus is a lateral subquery: the latest status update (by date, then entry) of the
// item it (col is initiative_id or action_plan_id) that speaks for a day at or before asOf. It is
// one lookup in the item's index.
func latestStatus(col, asOf string) string {
	return `(SELECT su.phase, su.health, su.progress FROM status_updates su WHERE su.` + col + ` = it.id
		AND su.as_of <= ` + asOf + ` ORDER BY su.as_of DESC, su.id DESC LIMIT 1)`
}

// reportedItemsSQL starts a query with the CTEs ini and plans: the ids and archiving time of the
// initiatives and action plans of organisation $1 that have had a status update, in the track $2
// and under the unit $3 and the units below it (0: anywhere).
const reportedItemsSQL = `
WITH RECURSIVE scope_units AS (
	SELECT id FROM units WHERE id = $3 AND organisation_id = $1
	UNION ALL
	SELECT u.id FROM units u JOIN scope_units s ON u.parent_id = s.id),
ini AS (
	SELECT i.id, i.archived_at
	FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
	WHERE st.organisation_id = $1 AND i.status_as_of IS NOT NULL AND ($2 = 0 OR i.track_id = $2)
	  AND ($3 = 0 OR COALESCE(i.unit_id, st.unit_id) IN (SELECT id FROM scope_units))),
plans AS (
	SELECT a.id, COALESCE(a.archived_at, i.archived_at) AS archived_at
	FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id JOIN tracks t ON t.id = i.track_id
	JOIN strategies st ON st.id = t.strategy_id
	WHERE st.organisation_id = $1 AND a.status_as_of IS NOT NULL AND ($2 = 0 OR i.track_id = $2)
	  AND ($3 = 0 OR COALESCE(i.unit_id, st.unit_id) IN (SELECT id FROM scope_units)))`

// PeriodStatus is an item's status as it stood at the end of two periods (nil where it had no
// status update yet); Kind is "initiative" or ReportActionPlan.
type PeriodStatus struct {
	Kind                          string
	ID                            int64
	BeforePhase, AfterPhase       *string
	BeforeHealth, AfterHealth     *string
	BeforeProgress, AfterProgress *int16
}

// ListPeriodStatus returns, for each current item of the organisation that had a status update
// by after, its latest status as of before and as of after (both days included). One query.
func (s *Store) ListPeriodStatus(ctx context.Context, orgID int64, before, after time.Time) ([]PeriodStatus, error) {
	branch := func(kind, items, col string) string {
		return `SELECT '` + kind + `' AS kind, it.id, b.phase AS before_phase, b.health AS before_health,
			b.progress AS before_progress, a.phase AS after_phase, a.health AS after_health, a.progress AS after_progress
			FROM ` + items + ` it
			LEFT JOIN LATERAL ` + latestStatus(col, "$4::date") + ` b ON true
			JOIN LATERAL ` + latestStatus(col, "$5::date") + ` a ON true
			WHERE it.archived_at IS NULL`
	}
	return list[PeriodStatus](ctx, s.db, "list period status", reportedItemsSQL+`
		`+branch("initiative", "ini", "initiative_id")+`
		UNION ALL
		`+branch(ReportActionPlan, "plans", "action_plan_id"), orgID, 0, 0, before, after)
}

// TrendFilter chooses the items and months of ListStatusTrend: the organisation's items, or
// those of a track or of a unit and the units under it (0: all), for Months months from the
// month that From falls in.
type TrendFilter struct {
	OrganisationID, TrackID, UnitID int64
	From                            time.Time
	Months                          int
}

// TrendCount is the number of items that stood in a phase (Dimension "phase") or had a health
// (Dimension "health") at the end of a month.
type TrendCount struct {
	MonthEnd  time.Time
	Dimension string
	Value     string
	Count     int32
}

// ListStatusTrend counts, for each month end, the items in each phase and with each health, by
// their latest status update as of that day. An item counts from its first status update
// until it is archived. Months and values without items have no row. One query.
func (s *Store) ListStatusTrend(ctx context.Context, f TrendFilter) ([]TrendCount, error) {
	from := time.Date(f.From.Year(), f.From.Month(), 1, 0, 0, 0, 0, time.UTC)
	alive := ` WHERE it.archived_at IS NULL OR (it.archived_at AT TIME ZONE 'Europe/Copenhagen')::date > m.month_end`
	return list[TrendCount](ctx, s.db, "list status trend", reportedItemsSQL+`,
		months AS (
			SELECT ($4::date + (n + 1) * interval '1 month' - interval '1 day')::date AS month_end
			FROM generate_series(0, $5::int - 1) n),
		latest AS (
			SELECT m.month_end, s.phase, s.health FROM months m CROSS JOIN ini it
			CROSS JOIN LATERAL `+latestStatus("initiative_id", "m.month_end")+` s`+alive+`
			UNION ALL
			SELECT m.month_end, s.phase, s.health FROM months m CROSS JOIN plans it
			CROSS JOIN LATERAL `+latestStatus("action_plan_id", "m.month_end")+` s`+alive+`)
		SELECT month_end, CASE WHEN GROUPING(phase) = 0 THEN 'phase' ELSE 'health' END AS dimension,
		       COALESCE(phase, health) AS value, count(*)::int AS count
		FROM latest
		GROUP BY GROUPING SETS ((month_end, phase), (month_end, health))
		ORDER BY 1, 2, 3`, f.OrganisationID, f.TrackID, f.UnitID, from, max(f.Months, 1))
}
