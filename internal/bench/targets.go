package bench

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Targets are the pages and people the benchmark uses, found in the data by SQL.
type Targets struct {
	Org         string  `json:"organisation"`          // slug of the organisation with the most action plans
	OrgID       int64   `json:"organisation_id"`       //
	Strategy    int64   `json:"strategy_id"`           // its strategy with the most action plans: the fagchef's skema
	StrategyAPs int     `json:"strategy_action_plans"` // action plans in that skema
	Fagchef     string  `json:"fagchef"`               // the fagchef of that strategy's fagområde
	Agreement   int64   `json:"agreement_id"`          // the strategy's agreement holding the most initiatives
	ActionPlan  int64   `json:"action_plan_id"`        // a plan of the strategy with the longest history
	History     int     `json:"action_plan_updates"`   // its status updates
	Leader      string  `json:"omraadeleder"`          // the områdeleder who posts status updates
	PostPlans   []int64 `json:"post_action_plan_ids"`  // the plans of the områdeleder's unit the POSTs go to
	Data        Data    `json:"data"`
}

// Data counts the rows of the data set.
type Data struct {
	Organisations int64 `json:"organisations"`
	Initiatives   int64 `json:"initiatives"`
	ActionPlans   int64 `json:"action_plans"`
	StatusUpdates int64 `json:"status_updates"`
	Users         int64 `json:"users"`
}

// postPlans is how many action plans the status update POSTs rotate over.
const postPlans = 50

// findTargets looks the targets up in the database behind conn.
func findTargets(ctx context.Context, conn *pgx.Conn) (Targets, error) {
	var t Targets
	d := &t.Data
	err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM organisations), (SELECT count(*) FROM initiatives),
		(SELECT count(*) FROM action_plans), (SELECT reltuples::bigint FROM pg_class WHERE relname = 'status_updates'),
		(SELECT count(*) FROM users)`).Scan(&d.Organisations, &d.Initiatives, &d.ActionPlans, &d.StatusUpdates, &d.Users)
	if err != nil {
		return t, fmt.Errorf("count the data: %w", err)
	}
	if d.Organisations == 0 {
		return t, fmt.Errorf("the database holds no organisations; run `make bench-data` first")
	}
	// The organisation and its strategy with the most action plans, and that strategy's fagchef.
	err = conn.QueryRow(ctx, `
		WITH per_strategy AS (
			SELECT sx.id, sx.organisation_id, sx.unit_id, count(*) AS plans
			FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
			JOIN tracks t ON t.id = i.track_id JOIN strategies sx ON sx.id = t.strategy_id
			WHERE a.archived_at IS NULL AND i.archived_at IS NULL AND sx.archived_at IS NULL
			GROUP BY sx.id),
		per_org AS (SELECT organisation_id, sum(plans) AS plans FROM per_strategy GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1)
		SELECT o.id, o.slug, s.id, s.plans, u.email
		FROM per_org po JOIN organisations o ON o.id = po.organisation_id
		JOIN per_strategy s ON s.organisation_id = o.id
		JOIN users u ON u.unit_id = s.unit_id AND u.role = 'fagchef' AND u.active
		ORDER BY s.plans DESC, s.id, u.id LIMIT 1`).Scan(&t.OrgID, &t.Org, &t.Strategy, &t.StrategyAPs, &t.Fagchef)
	if err != nil {
		return t, fmt.Errorf("find the largest organisation and its fagchef: %w", err)
	}
	err = conn.QueryRow(ctx, `SELECT a.id FROM agreements a JOIN agreement_initiatives ai ON ai.agreement_id = a.id
		WHERE a.strategy_id = $1 AND a.archived_at IS NULL
		GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1`, t.Strategy).Scan(&t.Agreement)
	if err != nil {
		return t, fmt.Errorf("find an agreement of strategy %d: %w", t.Strategy, err)
	}
	// The områdeleder of the strategy's first område posts; the plan read is of another unit.
	err = conn.QueryRow(ctx, `SELECT u.email, i.unit_id FROM initiatives i JOIN tracks t ON t.id = i.track_id
		JOIN users u ON u.unit_id = i.unit_id AND u.role = 'omraadeleder' AND u.active
		WHERE t.strategy_id = $1 AND i.kind = 'local' AND i.archived_at IS NULL
		ORDER BY i.unit_id, u.id LIMIT 1`, t.Strategy).Scan(&t.Leader, new(int64))
	if err != nil {
		return t, fmt.Errorf("find an områdeleder of strategy %d: %w", t.Strategy, err)
	}
	rows, err := conn.Query(ctx, `SELECT a.id FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
		JOIN tracks t ON t.id = i.track_id JOIN users u ON u.unit_id = i.unit_id AND u.email = $2
		WHERE t.strategy_id = $1 AND a.archived_at IS NULL AND i.archived_at IS NULL
		ORDER BY a.id LIMIT $3`, t.Strategy, t.Leader, postPlans)
	if err != nil {
		return t, fmt.Errorf("find the områdeleder's plans: %w", err)
	}
	if t.PostPlans, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil || len(t.PostPlans) == 0 {
		return t, fmt.Errorf("find the områdeleder's plans: %d found: %v", len(t.PostPlans), err)
	}
	err = conn.QueryRow(ctx, `SELECT a.id, (SELECT count(*) FROM status_updates s WHERE s.action_plan_id = a.id) AS n
		FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id JOIN tracks t ON t.id = i.track_id
		WHERE t.strategy_id = $1 AND a.archived_at IS NULL AND i.archived_at IS NULL AND a.id <> ALL($2)
		ORDER BY n DESC, a.id DESC LIMIT 1`, t.Strategy, t.PostPlans).Scan(&t.ActionPlan, &t.History)
	if err != nil {
		return t, fmt.Errorf("find an action plan of strategy %d: %w", t.Strategy, err)
	}
	return t, nil
}
