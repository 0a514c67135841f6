package store

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"strings"
	"time"
)

// ThrottleRule is one key of a sign-in attempt and the rule it is counted under (the policy is
// internal/auth/policy.go): the first Free failures within Forget of each other pass at once;
// after that each attempt waits 1 s, 2 s, 4 s … up to MaxDelay after the last failure that
// was let through.
type ThrottleRule struct {
	Key      string
	Account  string // the account's e-mail address, "" for a key of an address alone
	Free     int
	MaxDelay time.Duration
}

// ThrottleResult is the decision on one key.
type ThrottleResult struct {
	Key     string
	Allowed bool
	Wait    time.Duration // how long until the key lets the next attempt through (0: now)
}

// throttleUpsert counts one attempt on the rows of a select list (key, account, free, max delay
// in ms, attempt, forget in ms) and decides it under the row's lock: a key whose last failure
// is older than forget starts again at 1; an attempt goes through when the key's failures are
// under free or its delay has passed since the last failure that went through, and then marks
// the row with its attempt id and moves last_failure (keeping the one before in
// previous_failure). A refused attempt only adds to failures.
// excluded.last_failure is the clock when the row was reached (not the transaction's start,
// which may lie before another attempt's last_failure).
const throttleUpsert = `
	INSERT INTO login_throttle AS t (key, account, failures, last_failure, free_failures, max_delay, attempt)
	SELECT k, NULLIF(a, ''), 1, clock_timestamp(), f, d * interval '1 millisecond', $5 FROM %s
	ON CONFLICT (key) DO UPDATE SET
		account = excluded.account, free_failures = excluded.free_failures, max_delay = excluded.max_delay,
		failures = CASE WHEN t.last_failure < excluded.last_failure - $6 * interval '1 millisecond' THEN 1
		                ELSE t.failures + 1 END,
		last_failure = CASE WHEN ` + throttlePasses + ` THEN excluded.last_failure ELSE t.last_failure END,
		previous_failure = CASE WHEN ` + throttlePasses + ` THEN t.last_failure ELSE t.previous_failure END,
		attempt = CASE WHEN ` + throttlePasses + ` THEN excluded.attempt ELSE t.attempt END
	RETURNING key, attempt = $5 AS allowed,
		greatest(last_failure + ` + throttleDelay + ` - clock_timestamp(), interval '0') AS wait`

// throttlePasses is true when the existing row t lets the attempt through.
const throttlePasses = `(t.last_failure < excluded.last_failure - $6 * interval '1 millisecond'
	OR t.failures < excluded.free_failures
	OR excluded.last_failure >= t.last_failure + least(excluded.max_delay,
		interval '1 second' * power(2, least(t.failures - excluded.free_failures, 30))))`

// throttleDelay is the wait after last_failure that a row's failures call for.
const throttleDelay = `CASE WHEN failures < free_failures THEN interval '0'
	ELSE least(max_delay, interval '1 second' * power(2, least(failures - free_failures, 30))) END`

// AttemptSignIn counts one sign-in attempt on every key and decides it in one statement, so
// that parallel attempts are each counted and each see the others: the keys of gate are
// decided first; the keys of then are counted and decided only when every key of gate let the
// attempt through (a refused attempt must not count against an account everywhere). Failures
// older than forget are forgotten. The attempt went through when every result is Allowed and
// there is one for every key.
func (s *Store) AttemptSignIn(ctx context.Context, gate, then []ThrottleRule, forget time.Duration) ([]ThrottleResult, error) {
	var id [8]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, wrap("attempt sign-in", err)
	}
	attempt := int64(binary.BigEndian.Uint64(id[:]) >> 1)
	g, t := throttleColumns(gate), throttleColumns(then)
	sql := `WITH gate AS (` + fromRows(`unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) AS x(k, a, f, d)`) + `),
	account_keys AS (` + fromRows(`unnest($7::text[], $8::text[], $9::int[], $10::bigint[]) AS x(k, a, f, d)
		WHERE NOT EXISTS (SELECT 1 FROM gate WHERE NOT gate.allowed)`) + `)
	SELECT key, allowed, wait FROM gate UNION ALL SELECT key, allowed, wait FROM account_keys`
	rows, _ := s.db.Query(ctx, sql, g.keys, g.accounts, g.free, g.delays, attempt, forget.Milliseconds(),
		t.keys, t.accounts, t.free, t.delays)
	out, err := collectByName[ThrottleResult](rows)
	return out, wrap("attempt sign-in", err)
}

// fromRows is throttleUpsert reading its rows from from.
func fromRows(from string) string { return strings.Replace(throttleUpsert, "%s", from, 1) }

type throttleArrays struct {
	keys, accounts []string
	free           []int32
	delays         []int64
}

func throttleColumns(rules []ThrottleRule) throttleArrays {
	var a throttleArrays
	for _, r := range rules {
		a.keys = append(a.keys, r.Key)
		a.accounts = append(a.accounts, r.Account)
		a.free = append(a.free, int32(r.Free))
		a.delays = append(a.delays, r.MaxDelay.Milliseconds())
	}
	return a
}

// SignInSucceeded forgets the failures of the clear keys, and on the refund keys takes back
// what the successful attempt was counted with: one failure, and the time of the failure
// before it (a row with none looks forgotten), so that the right password never adds to a
// shared address's count or keeps it from being forgotten.
func (s *Store) SignInSucceeded(ctx context.Context, clear, refund []string, forget time.Duration) error {
	_, err := s.db.Exec(ctx, `
		WITH cleared AS (DELETE FROM login_throttle WHERE key = ANY($1))
		UPDATE login_throttle SET failures = greatest(failures - 1, 0),
			last_failure = COALESCE(previous_failure, last_failure - $3 * interval '1 millisecond' - interval '1 second'),
			previous_failure = NULL
		WHERE key = ANY($2)`, clear, refund, forget.Milliseconds())
	return wrap("sign-in succeeded", err)
}

// AccountThrottle is what the throttle holds against one account.
type AccountThrottle struct {
	Failures    int32         // attempts counted against the account at each address, summed
	Wait        time.Duration // the longest wait one of its keys imposes now
	LastFailure *time.Time
}

// GetAccountThrottle sums the account's keys that are not yet forgotten: the attempts at each
// address (the key of the account everywhere counts a part of the same attempts again), and
// the longest wait of any of its keys.
func (s *Store) GetAccountThrottle(ctx context.Context, account string, forget time.Duration) (AccountThrottle, error) {
	var a AccountThrottle
	err := s.db.QueryRow(ctx, `
		SELECT COALESCE(sum(failures) FILTER (WHERE key <> 'acct:' || account), 0)::int,
		       COALESCE(max(greatest(last_failure + `+throttleDelay+` - clock_timestamp(), interval '0')), interval '0'),
		       max(last_failure)
		FROM login_throttle
		WHERE account = $1 AND last_failure >= now() - $2 * interval '1 millisecond'`,
		account, forget.Milliseconds()).Scan(&a.Failures, &a.Wait, &a.LastFailure)
	return a, wrap("get account throttle", err)
}

// ClearAccountThrottle forgets every failure counted against the account, from every address,
// and returns how many keys it held.
func (s *Store) ClearAccountThrottle(ctx context.Context, account string) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM login_throttle WHERE account = $1`, account)
	return tag.RowsAffected(), wrap("clear account throttle", err)
}
