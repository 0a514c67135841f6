package bench

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// The EXPLAIN rule of issue 10: every dashboard query uses an index, i.e. its plan reads no
// large table from end to end. Both the store's test (on a small data set) and the benchmark
// (on the national one) check it with the statements the store really sends.

// LargeTables grow with the number of organisations or of status updates.
var LargeTables = []string{"status_updates", "action_plans", "initiatives", "audit_log", "comments", "users"}

// Statement is one SQL statement the store sent, with its arguments.
type Statement struct {
	SQL  string
	Args []any
}

// Recorder is a pgx tracer (install it as ConnConfig.Tracer) that keeps every statement
// sent, the statements of batches included. It is safe for concurrent use.
type Recorder struct {
	mu    sync.Mutex
	stmts []Statement
}

var (
	_ pgx.QueryTracer = (*Recorder)(nil)
	_ pgx.BatchTracer = (*Recorder)(nil)
)

// Take returns the statements recorded since the last Take and forgets them.
func (r *Recorder) Take() []Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stmts
	r.stmts = nil
	return s
}

func (r *Recorder) add(sql string, args []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stmts = append(r.stmts, Statement{sql, args})
}

// TraceQueryStart records a Query, QueryRow or Exec.
func (r *Recorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	r.add(d.SQL, d.Args)
	return ctx
}

// TraceQueryEnd does nothing.
func (r *Recorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TraceBatchStart does nothing; TraceBatchQuery records each statement.
func (r *Recorder) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

// TraceBatchQuery records one statement of a batch.
func (r *Recorder) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	r.add(d.SQL, d.Args)
}

// TraceBatchEnd does nothing.
func (r *Recorder) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// DashboardCall is one store call of a dashboard page.
type DashboardCall struct {
	Name string
	Run  func(ctx context.Context, st *store.Store) error
}

// DashboardCalls are the store calls of the dashboards of organisation orgID (slug) with
// strategy strategyID shown: the session lookup every page makes, the organisation, the
// samlet skema (with its indicators), the item list and its exports, the coverage view, and
// the organisation's search (store/search.go).
func DashboardCalls(orgID int64, slug string, strategyID int64) []DashboardCall {
	return []DashboardCall{
		{"session", func(ctx context.Context, st *store.Store) error {
			_, err := st.GetSession(ctx, make([]byte, 32))
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			return err
		}},
		{"organisation", func(ctx context.Context, st *store.Store) error {
			_, err := st.GetOrganisationBySlug(ctx, slug)
			return err
		}},
		{"skema scope", func(ctx context.Context, st *store.Store) error { _, err := st.FollowUpScope(ctx, orgID); return err }},
		{"skema items", func(ctx context.Context, st *store.Store) error {
			_, err := st.FollowUpItems(ctx, orgID, strategyID, 20)
			return err
		}},
		{"skema indicators", func(ctx context.Context, st *store.Store) error {
			_, err := st.ListIndicators(ctx, store.IndicatorFilter{OrganisationID: orgID})
			return err
		}},
		{"item list and exports", func(ctx context.Context, st *store.Store) error {
			_, err := st.FollowUpItems(ctx, orgID, 0, 0)
			return err
		}},
		{"coverage goals", func(ctx context.Context, st *store.Store) error {
			_, err := st.ListGoalChain(ctx, store.GoalChainFilter{OrganisationID: orgID})
			return err
		}},
		{"coverage counts", func(ctx context.Context, st *store.Store) error {
			_, err := st.ListTrackCoverage(ctx, orgID)
			return err
		}},
		{"coverage indicators", func(ctx context.Context, st *store.Store) error {
			_, err := st.ListIndicators(ctx, store.IndicatorFilter{OrganisationID: orgID, GoalsOnly: true})
			return err
		}},
		{"search", func(ctx context.Context, st *store.Store) error {
			q, _ := domain.ParseSearch("indsats", "")
			_, err := st.Search(ctx, orgID, q, domain.SearchPerLevel+1)
			return err
		}},
	}
}

// PlanModes are the plans a prepared statement can get: the one made for its values, and the
// generic one PostgreSQL switches to after five executions when it looks no worse.
var PlanModes = []string{"force_custom_plan", "force_generic_plan"}

// SeqScans explains s as a prepared statement on pool under plan_cache_mode mode and returns
// the large tables its plan scans sequentially. With seqscanOff, sequential scans are
// disabled first, so that the plan shows what the indexes allow even where the tables are
// small enough for a scan to be cheapest: a scan that remains means no index serves the query.
func SeqScans(ctx context.Context, pool *pgxpool.Pool, s Statement, mode string, seqscanOff bool) ([]string, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	simple := pgx.QueryExecModeSimpleProtocol
	setup := "SET plan_cache_mode = " + pgx.Identifier{mode}.Sanitize()
	if seqscanOff {
		setup += "; SET enable_seqscan = off"
	}
	if _, err := conn.Exec(ctx, setup+"; PREPARE explained AS "+s.SQL, simple); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	defer conn.Exec(ctx, "DEALLOCATE explained; RESET plan_cache_mode; RESET enable_seqscan", simple) //nolint:errcheck // released either way
	// A utility statement takes no parameters: the values go into EXECUTE as literals.
	explain := "EXPLAIN (FORMAT JSON) EXECUTE explained"
	if len(s.Args) > 0 {
		lits := make([]string, len(s.Args))
		for i, a := range s.Args {
			if lits[i], err = literal(a); err != nil {
				return nil, err
			}
		}
		explain += "(" + strings.Join(lits, ", ") + ")"
	}
	var out []byte
	if err := conn.QueryRow(ctx, explain, simple).Scan(&out); err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	return seqScansOf(out)
}

// planNode is the part of a plan node of EXPLAIN (FORMAT JSON) that SeqScans reads.
type planNode struct {
	NodeType string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Plans    []planNode `json:"Plans"`
}

// seqScansOf returns the large tables an EXPLAIN (FORMAT JSON) output scans sequentially.
func seqScansOf(explained []byte) ([]string, error) {
	var plans []struct{ Plan planNode }
	if err := json.Unmarshal(explained, &plans); err != nil {
		return nil, fmt.Errorf("read the plan: %w", err)
	}
	var found []string
	var walk func(n planNode)
	walk = func(n planNode) {
		if n.NodeType == "Seq Scan" && isLarge(n.Relation) {
			found = append(found, n.Relation)
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	for _, p := range plans {
		walk(p.Plan)
	}
	return found, nil
}

func isLarge(table string) bool {
	for _, t := range LargeTables {
		if t == table {
			return true
		}
	}
	return false
}

// literal is a as an SQL literal, for the argument types the store's queries use.
func literal(a any) (string, error) {
	switch v := a.(type) {
	case nil:
		return "NULL", nil
	case int:
		return strconv.Itoa(v), nil
	case int32:
		return strconv.FormatInt(int64(v), 10), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'", nil
	case []byte:
		return `'\x` + hex.EncodeToString(v) + `'`, nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	return "", fmt.Errorf("no SQL literal for %T", a)
}

// PlanCheck is the EXPLAIN rule checked on the benchmark's database.
type PlanCheck struct {
	Statements int      `json:"statements"` // statements explained, each in both PlanModes
	SeqScans   []string `json:"seq_scans"`  // "call #n (mode): table" for each sequential scan of a large table
}

// checkPlans runs the dashboard calls for the targets on the database at databaseURL and
// explains each statement with the planner's own choices.
func checkPlans(ctx context.Context, databaseURL string, t Targets) (PlanCheck, error) {
	var pc PlanCheck
	rec := &Recorder{}
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return pc, err
	}
	cfg.ConnConfig.Tracer = rec
	traced, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return pc, err
	}
	defer traced.Close()
	plain, err := pgxpool.New(ctx, databaseURL)
	if err != nil {
		return pc, err
	}
	defer plain.Close()
	st := store.New(traced)
	for _, call := range DashboardCalls(t.OrgID, t.Org, t.Strategy) {
		if err := call.Run(ctx, st); err != nil {
			return pc, fmt.Errorf("%s: %w", call.Name, err)
		}
		for i, s := range rec.Take() {
			pc.Statements++
			for _, mode := range PlanModes {
				scans, err := SeqScans(ctx, plain, s, mode, false)
				if err != nil {
					return pc, fmt.Errorf("%s #%d: %w", call.Name, i+1, err)
				}
				for _, table := range scans {
					pc.SeqScans = append(pc.SeqScans, fmt.Sprintf("%s #%d (%s): %s", call.Name, i+1, mode, table))
				}
			}
		}
	}
	return pc, nil
}
