package benchdata

import (
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// build makes every row but the status history, which tables() streams.
func (g *gen) build() {
	for i := range g.opt.Organisations {
		g.organisation(i)
	}
}

// unitInfo is what an organisation's later rows need of a unit.
type unitInfo struct {
	id, leader int64 // leader: the user who reports for the unit
}

func (g *gen) organisation(i int) {
	kind, label := "kommune", "Kommune"
	if i >= g.opt.Organisations-5 && g.opt.Organisations > 5 {
		kind, label = "region", "Region"
	}
	org := g.next("organisations")
	slug := fmt.Sprintf("bench-%s-%03d", kind, i+1)
	g.add("organisations", org, slug, fmt.Sprintf("Bench %s %03d", label, i+1), kind, "Vision for "+slug)

	nStrategies := g.between(3, 5)
	direktion := g.unit(org, nil, "Direktion", "direktion", "Direktionen", 0)
	dirUser := g.user(org, &direktion.id, "direktion", slug, 0)
	direktion.leader = dirUser
	for k := range 2 {
		g.user(org, nil, "admin", slug, k)
	}
	g.goalsAndTracks(org, nStrategies, slug, direktion)
	for k := range 180 {
		g.user(org, nil, "laeser", slug, k)
	}
}

// goalsAndTracks makes the policies, the strategies with their fagområder, områder, tracks,
// initiatives, action plans and agreements, and links goals to tracks.
func (g *gen) goalsAndTracks(org int64, nStrategies int, slug string, direktion unitInfo) {
	var tracks []int64
	for s := range nStrategies {
		fag := g.unit(org, &direktion.id, fmt.Sprintf("Fagområde %d", s+1), "fagomraade", "Fagchef", s+1)
		fag.leader = g.user(org, &fag.id, "fagchef", slug, s)
		strategy := g.next("strategies")
		g.add("strategies", strategy, org, fag.id, fmt.Sprintf("Strategi for fagområde %d", s+1), 2023, 2026, s)
		var omraader []unitInfo
		for o := range g.between(1, 3) {
			u := g.unit(org, &fag.id, fmt.Sprintf("Område %d.%d", s+1, o+1), "omraade", "Områdeleder", o)
			u.leader = g.user(org, &u.id, "omraadeleder", slug, s*10+o)
			omraader = append(omraader, u)
		}
		top := g.agreement(org, strategy, nil, direktion, fag, "overordnet", fmt.Sprintf("Overordnet aftale – fagområde %d", s+1))
		lower := make([]int64, len(omraader))
		for o, u := range omraader {
			lower[o] = g.agreement(org, strategy, &top, fag, u, "omraade", fmt.Sprintf("Aftale – område %d.%d", s+1, o+1))
		}
		nTracks := g.between(4, 6)
		stTracks := make([]int64, nTracks)
		for t := range nTracks {
			stTracks[t] = g.next("tracks")
			g.add("tracks", stTracks[t], strategy, t+1, fmt.Sprintf("Vi vil styrke område %d", t+1))
		}
		tracks = append(tracks, stTracks...)
		for n := range 10 {
			track := stTracks[n%nTracks]
			general := g.initiative(org, track, nil, nil, n+1, fmt.Sprintf("Generel indsats %d.%d", s+1, n+1), fag)
			g.add("agreement_initiatives", top, general)
			for o, u := range omraader {
				g.add("agreement_initiatives", lower[o], general)
				for l := range g.between(3, 5) {
					local := g.initiative(org, track, &general, &u.id, l+1, fmt.Sprintf("Lokal indsats %d.%d.%d", s+1, n+1, l+1), u)
					g.add("agreement_initiatives", lower[o], local)
					for a := range 5 {
						g.actionPlan(org, local, a, u)
					}
				}
			}
		}
	}
	for p := range g.between(3, 5) {
		policy := g.next("policies")
		g.add("policies", policy, org, "politik", fmt.Sprintf("Politik %d", p+1), true, p)
		for o := range 3 {
			objective := g.next("objectives")
			g.add("objectives", objective, policy, o+1, fmt.Sprintf("Målsætning %d.%d", p+1, o+1))
			for gl := range 3 {
				goal := g.next("goals")
				g.add("goals", goal, objective, gl, fmt.Sprintf("Mål %d.%d.%d", p+1, o+1, gl+1))
				first := tracks[g.rnd.IntN(len(tracks))]
				g.add("goal_tracks", goal, first)
				if second := tracks[g.rnd.IntN(len(tracks))]; second != first && g.rnd.IntN(2) == 0 {
					g.add("goal_tracks", goal, second)
				}
			}
		}
	}
}

func (g *gen) unit(org int64, parent *int64, name, kind, leaderTitle string, pos int) unitInfo {
	id := g.next("units")
	g.add("units", id, org, parent, name, kind, leaderTitle, pos)
	return unitInfo{id: id}
}

func (g *gen) user(org int64, unit *int64, role, slug string, n int) int64 {
	id := g.next("users")
	g.add("users", id, org, unit, fmt.Sprintf("%s%d@%s.bench", role, n+1, slug), fmt.Sprintf("%s %d", role, n+1),
		role, g.opt.PasswordHash, true)
	return id
}

func (g *gen) agreement(org, strategy int64, parent *int64, upper, lower unitInfo, kind, title string) int64 {
	id := g.next("agreements")
	g.add("agreements", id, org, kind, title, strategy, parent, upper.id, "", lower.id, "", 2023, 2026, "23-000000")
	return id
}

func (g *gen) initiative(org, track int64, parent, unit *int64, number int, title string, owner unitInfo) int64 {
	id := g.next("initiatives")
	kind := "general"
	if parent != nil {
		kind = "local"
	}
	start := time.Date(2023, time.Month(g.between(1, 12)), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(g.between(1, 4), 0, 0)
	it := g.statusItem(org, id, 0, owner)
	cur := it.at(g.opt.Seed, months-1)
	g.add("initiatives", id, track, kind, parent, unit, number, title, "Beskrivelse af "+title, start, end,
		"Ansvarlig leder", cur.phase, cur.health, cur.progress, g.monthEnd(months-1), g.monthEnd(months-1))
	g.items = append(g.items, it)
	return id
}

func (g *gen) actionPlan(org, initiative int64, n int, owner unitInfo) {
	id := g.next("action_plans")
	start := time.Date(2023, time.Month(g.between(1, 12)), g.between(1, 28), 0, 0, 0, 0, time.UTC)
	deadline := start.AddDate(0, g.between(6, 48), 0)
	it := g.statusItem(org, 0, id, owner)
	cur := it.at(g.opt.Seed, months-1)
	g.add("action_plans", id, initiative, fmt.Sprintf("%d-%c", initiative%1000, 'A'+n), fmt.Sprintf("Handleplan %d", n+1),
		"Beskrivelse", "Medarbejder", start, deadline, n, cur.phase, cur.health, cur.progress,
		g.monthEnd(months-1), g.monthEnd(months-1))
	g.items = append(g.items, it)
	if n == 0 {
		g.add("comments", g.next("comments"), org, id, owner.leader, "Status drøftet på ledermødet.",
			g.monthEnd(months-1))
	}
}

// tables lists the COPYs in an order that satisfies the foreign keys.
func (g *gen) tables() []table {
	t := func(name string, cols ...string) table { return table{name, cols, rowsOf(g.rows[name])} }
	return []table{
		t("organisations", "id", "slug", "name", "kind", "vision"),
		t("units", "id", "organisation_id", "parent_id", "name", "kind", "leader_title", "position"),
		t("users", "id", "organisation_id", "unit_id", "email", "name", "role", "password_hash", "active"),
		t("policies", "id", "organisation_id", "kind", "title", "numbered", "position"),
		t("objectives", "id", "policy_id", "number", "title"),
		t("goals", "id", "objective_id", "position", "title"),
		t("strategies", "id", "organisation_id", "unit_id", "title", "period_start", "period_end", "position"),
		t("tracks", "id", "strategy_id", "number", "title"),
		t("goal_tracks", "goal_id", "track_id"),
		t("initiatives", "id", "track_id", "kind", "parent_id", "unit_id", "number", "title", "description",
			"start_date", "end_date", "responsible", "status_phase", "status_health", "status_progress",
			"status_as_of", "status_updated_at"),
		t("action_plans", "id", "initiative_id", "code", "title", "description", "responsible", "start_date",
			"deadline", "position", "status_phase", "status_health", "status_progress", "status_as_of",
			"status_updated_at"),
		t("agreements", "id", "organisation_id", "kind", "title", "strategy_id", "parent_id", "upper_unit_id",
			"upper_title", "lower_unit_id", "lower_title", "period_start", "period_end", "document_ref"),
		t("agreement_initiatives", "agreement_id", "initiative_id"),
		t("comments", "id", "organisation_id", "action_plan_id", "author_id", "body", "created_at"),
		{"status_updates", []string{"id", "organisation_id", "initiative_id", "action_plan_id", "phase", "health",
			"progress", "comment", "as_of", "author_id", "created_at"}, g.statusRows()},
		{"audit_log", []string{"id", "organisation_id", "actor_id", "at", "action", "entity", "entity_id", "unit_id",
			"title", "changes"}, g.auditRows()},
	}
}

var (
	_ pgx.CopyFromSource = (*statusSource)(nil)
	_ pgx.CopyFromSource = (*auditSource)(nil)
)
