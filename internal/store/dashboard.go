package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/domain"
)

// The follow-up views (the samlet skema, the list of all items and their exports) read an
// organisation in two batches, whatever its size: FollowUpScope (what a filter may choose) and
// FollowUpItems (every item of the chosen strategy, or of the whole organisation). Each batch is
// one round trip; every statement in it is set-based. Current status is read from the items'
// own columns, which the status update's transaction keeps current.

// FollowUpScope is what the follow-up views choose among: the organisation's current
// strategies (in order), the tracks of those strategies (by strategy, then number) and its
// current units (by position).
type FollowUpScope struct {
	Strategies []domain.Strategy
	Tracks     []domain.Track
	Units      []domain.Unit
}

// FollowUpActionPlan is an action plan with where it sits: its track, its initiative's unit
// (nil for a plan under a general initiative) and the general initiative it falls under.
type FollowUpActionPlan struct {
	domain.ActionPlanRow
	TrackID          int64
	InitiativeUnitID *int64
	GeneralID        int64 // the initiative's parent for a local initiative, else the initiative itself
}

// GoalTrack says that a goal is realised through a track (one row of goal_tracks), with the
// goal's title and policy for the page.
type GoalTrack struct {
	GoalID      int64
	GoalTitle   string
	PolicyTitle string
	TrackID     int64
}

// FollowUpData is every current item of a strategy (or of the whole organisation): initiatives
// in chain order (each general one before its local ones), action plans by initiative and
// position, and, when asked for, the goals the tracks realise and the recent activity.
// Only what the views show is read: an initiative's row lacks its Description, StartDate,
// StatusUpdatedAt and Meta, and ActionPlanCount and LocalCount; an action plan carries its ID,
// InitiativeID, Position, Code, Title, Responsible, Deadline, Weight, status (but
// StatusUpdatedAt), UnitName and FollowUpMonths, and the FollowUpActionPlan fields.
type FollowUpData struct {
	Initiatives []domain.InitiativeRow
	ActionPlans []FollowUpActionPlan
	GoalTracks  []GoalTrack
	Activity    []domain.AuditEntry // newest first
}

// FollowUpScope returns the organisation's strategies, tracks and units in one batch (three statements).
func (s *Store) FollowUpScope(ctx context.Context, orgID int64) (FollowUpScope, error) {
	var out FollowUpScope
	b := &pgx.Batch{}
	b.Queue(`SELECT `+strategyColumns+` FROM strategies s
		WHERE s.organisation_id = $1 AND s.archived_at IS NULL ORDER BY s.position, s.id`, orgID)
	b.Queue(`SELECT `+trackColumns+` FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		WHERE s.organisation_id = $1 AND s.archived_at IS NULL AND t.archived_at IS NULL
		ORDER BY s.position, s.id, t.number`, orgID)
	b.Queue(`SELECT `+unitColumns+` FROM units u
		WHERE u.organisation_id = $1 AND u.archived_at IS NULL ORDER BY u.position, u.name, u.id`, orgID)
	br := s.db.SendBatch(ctx, b)
	defer br.Close()
	var err error
	if out.Strategies, err = batchList[domain.Strategy](br, "follow-up strategies"); err != nil {
		return out, err
	}
	if out.Tracks, err = batchList[domain.Track](br, "follow-up tracks"); err != nil {
		return out, err
	}
	out.Units, err = batchList[domain.Unit](br, "follow-up units")
	return out, err
}

// followUpAgreements is each unit's follow-up rhythm: that of its current agreement with the
// latest period (as ListInitiatives reads it), computed once for the organisation.
const followUpAgreements = `fu AS (
	SELECT DISTINCT ON (lower_unit_id) lower_unit_id, follow_up_months FROM agreements
	WHERE organisation_id = $1 AND archived_at IS NULL ORDER BY lower_unit_id, period_end DESC)`

// The item columns the follow-up views read (see FollowUpData). A large skema reads a thousand
// items on every request; sending the columns no view shows (long texts, timestamps) and
// scanning them cost more than the joins did. The action plans' sort keys come first: to
// compare two rows on a key, the sort walks each row up to that column.
const (
	followUpInitiativeColumns = `i.id, i.track_id, i.kind, i.parent_id, i.unit_id, i.number, i.title, i.end_date,
	i.responsible, i.weight::float8 AS weight, i.status_phase, i.status_health, i.status_progress, i.status_as_of`
	followUpActionPlanColumns = `a.initiative_id, a.position, a.code, a.id, a.title, a.responsible, a.deadline,
	a.weight::float8 AS weight, a.status_phase, a.status_health, a.status_progress, a.status_as_of`
)

// followUpItems restricts initiatives i (with parent p, track t, strategy sx) to the current
// ones of organisation $1 and strategy $2 (0: every strategy).
const followUpItems = `sx.organisation_id = $1 AND ($2 = 0 OR sx.id = $2) AND sx.archived_at IS NULL
	AND t.archived_at IS NULL AND i.archived_at IS NULL AND (p.id IS NULL OR p.archived_at IS NULL)`

// FollowUpItems returns the current items of strategy strategyID of the organisation (every
// strategy when 0) in one batch: two statements, and two more (the goals the strategy's
// tracks realise, and the newest activityLimit status updates and comments of the
// organisation) when activityLimit > 0.
func (s *Store) FollowUpItems(ctx context.Context, orgID, strategyID int64, activityLimit int) (FollowUpData, error) {
	var out FollowUpData
	b := &pgx.Batch{}
	b.Queue(`WITH `+followUpAgreements+`
		SELECT `+followUpInitiativeColumns+`, t.number AS track_number, t.title AS track_title, t.strategy_id,
		       COALESCE(p.title, '') AS parent_title, COALESCE(u.name, '') AS unit_name,
		       COALESCE(i.unit_id, sx.unit_id) AS scope_unit_id, COALESCE(fu.follow_up_months, 3) AS follow_up_months
		FROM initiatives i
		JOIN tracks t ON t.id = i.track_id
		JOIN strategies sx ON sx.id = t.strategy_id
		LEFT JOIN initiatives p ON p.id = i.parent_id
		LEFT JOIN units u ON u.id = i.unit_id
		LEFT JOIN fu ON fu.lower_unit_id = COALESCE(i.unit_id, sx.unit_id)
		WHERE `+followUpItems+`
		ORDER BY sx.position, sx.id, t.number, COALESCE(p.number, i.number), COALESCE(i.parent_id, i.id), i.kind,
		         u.position, u.name, i.number, i.id`, orgID, strategyID)
	b.Queue(`WITH `+followUpAgreements+`
		SELECT `+followUpActionPlanColumns+`, COALESCE(u.name, '') AS unit_name,
		       COALESCE(fu.follow_up_months, 3) AS follow_up_months,
		       i.track_id, i.unit_id AS initiative_unit_id, COALESCE(i.parent_id, i.id) AS general_id
		FROM action_plans a
		JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id
		JOIN strategies sx ON sx.id = t.strategy_id
		LEFT JOIN initiatives p ON p.id = i.parent_id
		LEFT JOIN units u ON u.id = i.unit_id
		LEFT JOIN fu ON fu.lower_unit_id = COALESCE(i.unit_id, sx.unit_id)
		WHERE `+followUpItems+` AND a.archived_at IS NULL
		ORDER BY a.initiative_id, a.position, a.code, a.id`, orgID, strategyID)
	if activityLimit > 0 {
		b.Queue(`SELECT g.id AS goal_id, g.title AS goal_title, po.title AS policy_title, gt.track_id
			FROM goal_tracks gt
			JOIN goals g ON g.id = gt.goal_id
			JOIN objectives o ON o.id = g.objective_id
			JOIN policies po ON po.id = o.policy_id
			JOIN tracks t ON t.id = gt.track_id
			JOIN strategies sx ON sx.id = t.strategy_id
			WHERE sx.organisation_id = $1 AND ($2 = 0 OR sx.id = $2) AND t.archived_at IS NULL
			  AND g.archived_at IS NULL AND o.archived_at IS NULL AND po.archived_at IS NULL
			ORDER BY po.position, po.id, o.number, g.position, g.id, t.number`, orgID, strategyID)
		// The organisation is a hidden value and the limit a literal (see where.go): otherwise
		// PostgreSQL planned a large organisation's activity anew on every request.
		b.Queue(`SELECT a.id, a.organisation_id, a.actor_id, COALESCE(u.name, 'Sporbar') AS actor_name, a.at, a.action,
			       a.entity, a.entity_id, a.unit_id, a.title, a.changes
			FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
			WHERE a.organisation_id = (SELECT $1::bigint) AND a.action IN ('status', 'comment')
			ORDER BY a.at DESC, a.id DESC LIMIT `+strconv.Itoa(activityLimit), orgID)
	}
	br := s.db.SendBatch(ctx, b)
	defer br.Close()
	var err error
	if out.Initiatives, err = batchList[domain.InitiativeRow](br, "follow-up initiatives"); err != nil {
		return out, err
	}
	if out.ActionPlans, err = batchList[FollowUpActionPlan](br, "follow-up action plans"); err != nil {
		return out, err
	}
	if activityLimit <= 0 {
		return out, nil
	}
	if out.GoalTracks, err = batchList[GoalTrack](br, "follow-up goals"); err != nil {
		return out, err
	}
	out.Activity, err = batchList[domain.AuditEntry](br, "follow-up activity")
	return out, err
}

// batchList reads the next result of a batch into T by column name.
func batchList[T any](br pgx.BatchResults, op string) ([]T, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	v, err := collectByName[T](rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return v, nil
}
