package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// Config configures Benchmark. Zero durations choose the defaults noted.
type Config struct {
	DatabaseURL string        // the national data set (make bench-data)
	Server      string        // the sporbar binary to start
	ServerEnv   []string      // extra "NAME=value" environment for the server
	Password    string        // every bench user's password
	Seed        uint64        // the seed the data was generated with (for the report)
	Duration    time.Duration // each fixed-rate run: 10 s
	Capacity    time.Duration // each closed-loop capacity run: 5 s
	Step        time.Duration // each rate of the dashboard's knee search: 8 s
	MaxKnee     float64       // the knee search stops after this rate: 3 000 req/s
	Log         io.Writer     // progress and the final table
	ServerLog   io.Writer     // the server's own output
}

// The offered rates (requests per second).
const (
	readRate   = 200 // every page but the export
	exportRate = 20  // the XLSX export: a rarer, heavier request
	postRate   = 50  // status updates
	kneeStep   = 200 // the knee search steps up by this
	kneeP99    = 100 // ms: the knee is the highest rate whose p99 stays within this
)

// page is one scenario: a request kind with its rate and the status a good answer has.
type page struct {
	name   string
	path   string // for the report; the requests may rotate over several
	rate   float64
	expect int
	reqs   []Request
}

func (p page) stream() Stream {
	return Stream{Name: p.name, Requests: p.reqs, Rate: p.rate, Expect: p.expect}
}

// Benchmark runs the benchmark of issue 10 against the database of cfg: it finds the targets,
// starts the server, signs the fagchef and the områdeleder in, and measures each page at its
// fixed rate and at capacity, the status update POST mixed with the reads, and the
// dashboard's knee; then, on a second server that keeps nothing, the dashboard built on every
// request. Each server is stopped again before it returns.
func Benchmark(ctx context.Context, cfg Config) (*Report, error) {
	cfg = cfg.withDefaults()
	conn, err := pgx.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("connect to the bench database: %w", err)
	}
	targets, err := findTargets(ctx, conn)
	pgVersion := ""
	_ = conn.QueryRow(ctx, `SHOW server_version`).Scan(&pgVersion)
	conn.Close(ctx)
	if err != nil {
		return nil, err
	}
	rep := &Report{Date: time.Now().UTC().Format(time.RFC3339), Machine: ThisMachine(), Targets: targets,
		Seed: cfg.Seed, Settings: cfg.settings()}
	rep.Machine.Postgres = pgVersion
	if rep.Plans, err = checkPlans(ctx, cfg.DatabaseURL, targets); err != nil {
		return nil, fmt.Errorf("explain the dashboard queries: %w", err)
	}
	logf(cfg.Log, "EXPLAIN: %d dashboard statements, %d sequential scans of large tables %v",
		rep.Plans.Statements, len(rep.Plans.SeqScans), rep.Plans.SeqScans)
	logf(cfg.Log, "Organisation %s: strategy %d (%d action plans) as %s; agreement %d; action plan %d (%d updates); POSTs as %s",
		targets.Org, targets.Strategy, targets.StrategyAPs, targets.Fagchef, targets.Agreement, targets.ActionPlan,
		targets.History, targets.Leader)

	if err := measure(ctx, cfg, targets, rep); err != nil {
		return nil, err
	}
	if rep.Built, err = builtDashboard(ctx, cfg, targets); err != nil {
		return nil, err
	}
	rep.Machine.LoadEnd = LoadAverage()
	rep.finish()
	return rep, nil
}

// measure runs every scenario of the floors against a server started with cfg.ServerEnv, into rep.
func measure(ctx context.Context, cfg Config, targets Targets, rep *Report) error {
	return onServer(ctx, cfg, targets, cfg.ServerEnv, func(r runner, pages []page) error {
		if err := r.warm(ctx, pages); err != nil {
			return err
		}
		for _, p := range pages {
			pr, err := r.page(ctx, p)
			if err != nil {
				return err
			}
			rep.Pages = append(rep.Pages, pr)
		}
		var err error
		if rep.Mixed, err = r.mixed(ctx, pages); err != nil {
			return err
		}
		if rep.Knee, err = r.knee(ctx, pages[1]); err != nil {
			return err
		}
		rep.PeakRSS = r.mem.Peak()
		return nil
	})
}

// builtDashboard measures the dashboard with nothing kept (PAGE_CACHE_MB=0 on a server of its
// own): what a request costs when the organisation's data changed since the last one. It is
// reported beside the floors, not as one.
func builtDashboard(ctx context.Context, cfg Config, targets Targets) (*Page, error) {
	var built *Page
	env := append(slices.Clone(cfg.ServerEnv), "PAGE_CACHE_MB=0")
	err := onServer(ctx, cfg, targets, env, func(r runner, pages []page) error {
		dashboard := pages[1]
		dashboard.name = "dashboard, built every time"
		if err := r.warm(ctx, []page{dashboard}); err != nil {
			return err
		}
		p, err := r.page(ctx, dashboard)
		built = &p
		return err
	})
	return built, err
}

// onServer starts Sporbar with env added to its environment, samples its memory, signs the
// fagchef and the områdeleder in and builds the scenarios' requests, runs fn with them, and
// stops the server when fn returns.
func onServer(ctx context.Context, cfg Config, targets Targets, env []string, fn func(r runner, pages []page) error) error {
	srv, err := startSporbar(ctx, cfg.Server, cfg.DatabaseURL, append(slices.Clone(env), apiLimitEnv), cfg.ServerLog)
	if err != nil {
		return err
	}
	defer srv.stop()
	mem := sampleMemory(srv.pid(), 50*time.Millisecond)
	defer mem.Stop()
	token, removeToken, err := apiToken(ctx, cfg.DatabaseURL, targets.OrgID)
	if err != nil {
		return err
	}
	defer removeToken()
	pages, err := buildPages(srv.addr, targets, cfg.Password, token)
	if err != nil {
		return err
	}
	return fn(runner{cfg: cfg, addr: srv.addr, mem: mem, log: cfg.Log}, pages)
}

func (cfg Config) withDefaults() Config {
	if cfg.Duration <= 0 {
		cfg.Duration = 10 * time.Second
	}
	if cfg.Capacity <= 0 {
		cfg.Capacity = 5 * time.Second
	}
	if cfg.Step <= 0 {
		cfg.Step = 8 * time.Second
	}
	if cfg.MaxKnee <= 0 {
		cfg.MaxKnee = 3000
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.ServerLog == nil {
		cfg.ServerLog = io.Discard
	}
	return cfg
}

// buildPages signs the two users in and pre-builds every scenario's requests (the read API's
// with apiToken). The order is the report's: /healthz first, the dashboard second.
func buildPages(addr string, t Targets, password, apiToken string) ([]page, error) {
	fagchef, err := signIn(addr, t.Fagchef, password)
	if err != nil {
		return nil, err
	}
	leader, err := signIn(addr, t.Leader, password)
	if err != nil {
		return nil, err
	}
	get := func(name, path string, rate float64, cookie ...string) page {
		return page{name: name, path: path, rate: rate, expect: 200, reqs: []Request{NewRequest("GET", addr, path, cookie, "")}}
	}
	pages := []page{
		get("healthz", "/healthz", readRate),
		get("dashboard", "/org/"+t.Org+"/oversigt", readRate, fagchef),
		get("agreement", fmt.Sprintf("/aftaler/%d", t.Agreement), readRate, fagchef),
		get("action plan", fmt.Sprintf("/handleplaner/%d", t.ActionPlan), readRate, fagchef),
		get("coverage", "/org/"+t.Org+"/sporbarhed", readRate, fagchef),
		get("search", "/org/"+t.Org+"/soeg?q=indsats", readRate, fagchef),
		get("xlsx export", "/org/"+t.Org+"/oversigt.xlsx", exportRate, fagchef),
		get("api action plans", "/api/v1/action-plans?limit=1000", apiRate, "Authorization: Bearer "+apiToken),
	}
	post := page{name: "status POST", path: "/handleplaner/{id}/status", rate: postRate, expect: 303}
	today := time.Now().In(copenhagen()).Format(time.DateOnly)
	for i, id := range t.PostPlans {
		body := fmt.Sprintf("phase=under_implementering&health=paa_sporet&progress=%d&as_of=%s&status_comment=Benchmark", 40+i%60, today)
		post.reqs = append(post.reqs, NewRequest("POST", addr, fmt.Sprintf("/handleplaner/%d/status", id),
			[]string{leader, "Content-Type: application/x-www-form-urlencoded"}, body))
	}
	pages = append(pages, post)
	for _, p := range pages {
		status, err := check(addr, p.reqs[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.name, err)
		}
		if status != p.expect {
			return nil, fmt.Errorf("%s (%s): status %d, want %d", p.name, p.path, status, p.expect)
		}
	}
	return pages, nil
}

// copenhagen is the server's time zone (its "today"), or UTC where it is unknown.
func copenhagen() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
}

func logf(w io.Writer, format string, a ...any) { fmt.Fprintf(w, format+"\n", a...) }
