package store

import (
	"context"
	"strings"

	"github.com/sporbar/sporbar/internal/domain"
)

// Search finds the organisation's items matching s: policies, objectives, goals, tracks,
// general and local initiatives, action plans, agreements and comments that are not archived.
// An item matches when its title and description hold every word of s (Danish full text, each
// word also as the beginning of a longer one: "indsats" finds "indsatser") or its title
// contains s's text (trigram). Each level gives at most perLevel hits, best first, each with
// its place in the chain. One query, whatever is found; the indexes are in
// migrations/00028_search.sql, whose expressions searchLevels repeats exactly.
func (s *Store) Search(ctx context.Context, orgID int64, q domain.Search, perLevel int) ([]domain.SearchHit, error) {
	var contains any // NULL when the query is too short for trigram matching
	if q.Contains != "" {
		contains = "%" + likeEscaper.Replace(q.Contains) + "%"
	}
	return list[domain.SearchHit](ctx, s.db, "search", searchSQL, orgID, q.TSQuery(), contains, q.Text, perLevel, q.Level)
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// searchLevel is one level's part of searchSQL: the columns of a hit and the rows searched.
type searchLevel struct {
	level, id, title, excerpt, path string
	tsv                             string // the indexed full-text expression
	trgm                            string // the indexed column matched by trigram
	target                          string // what the link opens, for comments: "level, id"; "" for the item itself
	from                            string // FROM … WHERE, scoped to the organisation ($1)
	at                              string // when a comment was written; "" for the other levels
}

// tsvOf is the full-text expression of a table whose title and description are searched.
func tsvOf(alias string) string {
	return `to_tsvector('danish'::regconfig, ` + alias + `.title || ' ' || ` + alias + `.description)`
}

var searchLevels = []searchLevel{
	{level: domain.SearchPolicies, id: "p.id", title: "p.title", excerpt: "p.description", path: `ARRAY[]::text[]`,
		tsv: tsvOf("p"), trgm: "p.title",
		from: `FROM policies p WHERE p.organisation_id = $1 AND p.archived_at IS NULL`},
	{level: domain.SearchObjectives, id: "o.id", title: "o.title", excerpt: "o.description", path: `ARRAY[p.title]`,
		tsv: tsvOf("o"), trgm: "o.title",
		from: `FROM objectives o JOIN policies p ON p.id = o.policy_id
		 WHERE p.organisation_id = $1 AND o.archived_at IS NULL AND p.archived_at IS NULL`},
	{level: domain.SearchGoals, id: "g.id", title: "g.title", excerpt: "g.description",
		path: `ARRAY[p.title, o.number || '. ' || o.title]`, tsv: tsvOf("g"), trgm: "g.title",
		from: `FROM goals g JOIN objectives o ON o.id = g.objective_id JOIN policies p ON p.id = o.policy_id
		 WHERE p.organisation_id = $1 AND g.archived_at IS NULL AND o.archived_at IS NULL AND p.archived_at IS NULL`},
	{level: domain.SearchTracks, id: "t.id", title: "t.number || '. ' || t.title", excerpt: "t.description",
		path: `ARRAY[st.title]`, tsv: tsvOf("t"), trgm: "t.title",
		from: `FROM tracks t JOIN strategies st ON st.id = t.strategy_id
		 WHERE st.organisation_id = $1 AND t.archived_at IS NULL AND st.archived_at IS NULL`},
	{level: domain.SearchGenerals, id: "i.id", title: "i.title", excerpt: "i.description",
		path: `ARRAY[st.title, t.number || '. ' || t.title]`, tsv: tsvOf("i"), trgm: "i.title",
		from: `FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
		 WHERE st.organisation_id = $1 AND i.kind = 'general' AND i.archived_at IS NULL AND t.archived_at IS NULL`},
	{level: domain.SearchLocals, id: "i.id", title: "i.title", excerpt: "i.description",
		path: `ARRAY[st.title, t.number || '. ' || t.title, gi.title, u.name]`, tsv: tsvOf("i"), trgm: "i.title",
		from: `FROM initiatives i JOIN initiatives gi ON gi.id = i.parent_id JOIN units u ON u.id = i.unit_id
		 JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
		 WHERE st.organisation_id = $1 AND i.kind = 'local' AND i.archived_at IS NULL AND gi.archived_at IS NULL`},
	{level: domain.SearchActionPlans, id: "a.id", title: "CASE WHEN a.code = '' THEN a.title ELSE a.code || ' ' || a.title END",
		excerpt: "a.description",
		path: `ARRAY_REMOVE(ARRAY[st.title, t.number || '. ' || t.title, COALESCE(gi.title, i.title),
		       CASE WHEN gi.id IS NULL THEN NULL ELSE i.title END, u.name], NULL)`,
		tsv: `to_tsvector('danish'::regconfig, a.code || ' ' || a.title || ' ' || a.description)`, trgm: "a.title",
		from: `FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id LEFT JOIN initiatives gi ON gi.id = i.parent_id
		 LEFT JOIN units u ON u.id = i.unit_id JOIN tracks t ON t.id = i.track_id JOIN strategies st ON st.id = t.strategy_id
		 WHERE st.organisation_id = $1 AND a.archived_at IS NULL AND i.archived_at IS NULL`},
	{level: domain.SearchAgreements, id: "ag.id", title: "ag.title", excerpt: "ag.framework",
		path: `ARRAY[lu.name, ag.period_start || '–' || ag.period_end]`,
		tsv:  `to_tsvector('danish'::regconfig, ag.title || ' ' || ag.framework)`, trgm: "ag.title",
		from: `FROM agreements ag JOIN units lu ON lu.id = ag.lower_unit_id
		 WHERE ag.organisation_id = $1 AND ag.archived_at IS NULL`},
	{level: domain.SearchComments, id: "c.id", title: "COALESCE(cag.title, ci.title, ca.title)", excerpt: "c.body",
		path: `ARRAY[au.name]`, at: "c.created_at",
		tsv: `to_tsvector('danish'::regconfig, c.body)`, trgm: "c.body",
		target: `CASE WHEN c.agreement_id IS NOT NULL THEN 'aftaler' WHEN c.initiative_id IS NOT NULL THEN 'generelle'
		         ELSE 'handleplaner' END, COALESCE(c.agreement_id, c.initiative_id, c.action_plan_id)`,
		from: `FROM comments c JOIN users au ON au.id = c.author_id
		 LEFT JOIN agreements cag ON cag.id = c.agreement_id LEFT JOIN initiatives ci ON ci.id = c.initiative_id
		 LEFT JOIN action_plans ca ON ca.id = c.action_plan_id
		 WHERE c.organisation_id = $1`},
}

// searchSQL: $1 organisation, $2 the tsquery text, $3 the ILIKE pattern or NULL, $4 the query
// as typed (for similarity), $5 hits per level, $6 one level or ”.
var searchSQL = func() string {
	parts := make([]string, len(searchLevels))
	for i, l := range searchLevels {
		target := l.target
		if target == "" {
			target = `'', 0::bigint`
		}
		at := l.at
		if at == "" {
			at = "NULL::timestamptz"
		}
		parts[i] = `(SELECT '` + l.level + `' AS level, ` + l.id + ` AS id, ` + l.title + ` AS title, ` + l.excerpt + ` AS excerpt,
		        ` + l.path + ` AS path, ` + target + `, ` + at + `
		` + l.from + `
		  AND ($6 = '' OR $6 = '` + l.level + `')
		  AND (` + l.tsv + ` @@ (SELECT tsq FROM q) OR ` + l.trgm + ` ILIKE $3)
		ORDER BY ts_rank(` + l.tsv + `, (SELECT tsq FROM q)) + similarity(` + l.trgm + `, $4) DESC, ` + l.id + `
		LIMIT $5)`
	}
	return `WITH q AS (SELECT to_tsquery('danish'::regconfig, $2) AS tsq)
	SELECT level, id, title, excerpt, path, target_level, target_id, at FROM (
	` + strings.Join(parts, "\nUNION ALL\n") + `) hits (level, id, title, excerpt, path, target_level, target_id, at)`
}()
