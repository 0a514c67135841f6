package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/domain"
)

// newProxiedServer is newTestServer behind a trusted proxy: the tests' own address (loopback)
// is a trusted proxy, so X-Forwarded-For names the client.
func newProxiedServer(t *testing.T) *testServer {
	t.Helper()
	return startServer(t, slog.New(slog.NewTextHandler(io.Discard, nil)), func(c *config.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	})
}

// signInFrom posts the sign-in form for email with password as a fresh client (no cookies),
// from address (sent as X-Forwarded-For; "" sends none), and returns the final status (200
// after the redirect to the front page) and the final path.
func (ts *testServer) signInFrom(t *testing.T, address, email, password string) (int, string) {
	t.Helper()
	form := url.Values{"email": {email}, "password": {password}}
	req, err := http.NewRequest(http.MethodPost, ts.srv.URL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req = req.WithContext(ctx)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if address != "" {
		req.Header.Set("X-Forwarded-For", address)
	}
	resp, err := newClient(t).Do(req)
	if err != nil {
		t.Errorf("sign in as %s from %s: %v", email, address, err)
		return 0, ""
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the status matters
	if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
		t.Errorf("sign in as %s from %s: 429 without Retry-After", email, address)
	}
	return resp.StatusCode, resp.Request.URL.Path
}

// inParallel runs n sign-ins at once (attempt(i) for each i) and counts the statuses.
func inParallel(n int, attempt func(i int) int) map[int]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := map[int]int{}
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			status := attempt(i)
			mu.Lock()
			counts[status]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	return counts
}

// failures is what the throttle counted on key (0 when it has no row).
func (ts *testServer) failures(t *testing.T, key string) int {
	t.Helper()
	var n int
	if err := ts.db.QueryRow(context.Background(),
		`SELECT COALESCE((SELECT failures FROM login_throttle WHERE key = $1), 0)`, key).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestParallelWrongPasswordsAreEachCounted(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	email := userEmail(kommune, domain.RoleLaeser)
	const n = 40
	got := inParallel(n, func(int) int {
		status, _ := ts.signInFrom(t, "", email, "forkert-kodeord")
		return status
	})
	// The free ones are checked (401), or on a very busy machine find every hash busy (503).
	free := auth.AccountAtAddressFreeFailures
	if got[401]+got[503] != free || got[429] != n-free {
		t.Errorf("answers to %d parallel wrong passwords = %v, want %d × 401 (or 503) and %d × 429", n, got, free, n-free)
	}
	if got := ts.failures(t, "acct:"+email+" addr:127.0.0.1"); got != n {
		t.Errorf("the account at the address counted %d attempts, want %d", got, n)
	}
	if got := ts.failures(t, "acct:"+email); got != auth.AccountAtAddressFreeFailures {
		t.Errorf("the account everywhere counted %d checked attempts, want %d", got, auth.AccountAtAddressFreeFailures)
	}
}

func TestBadSignInsFromOneAddressLockNobodyOut(t *testing.T) {
	t.Parallel()
	ts := newProxiedServer(t)
	const attacker, n = "203.0.113.9", 50
	victims := []string{userEmail(kommune, domain.RoleLaeser), userEmail(kommune, domain.RoleAdmin),
		userEmail(region, domain.RoleLaeser), userEmail(region, domain.RoleAdmin)}
	got := inParallel(n, func(i int) int {
		email := "gaet" + itoa(int64(i)) + "@ringkobing-skjern.test"
		if i < len(victims)*3 {
			email = victims[i%len(victims)]
		}
		status, _ := ts.signInFrom(t, attacker, email, "forkert-kodeord")
		return status
	})
	// A few may find every hash busy (503) on a slow machine: they are counted, not checked.
	if got[401]+got[503] > auth.AddressFreeFailures || got[401]+got[503]+got[429] != n {
		t.Errorf("answers to %d bad sign-ins from one address = %v, want at most %d checked (401 or 503), the rest 429",
			n, got, auth.AddressFreeFailures)
	}
	for i, email := range victims {
		if status, path := ts.signInFrom(t, "198.51.100."+itoa(int64(i+1)), email, testPassword); status != 200 || path == "/login" {
			t.Errorf("%s from another address: status %d on %s, want signed in", email, status, path)
		}
	}
	// At the attacker's address everyone waits, until the address's slow-down has passed.
	if status, _ := ts.signInFrom(t, attacker, victims[0], testPassword); status != http.StatusTooManyRequests {
		t.Errorf("right password at the hammered address: status %d, want 429 while it is slowed", status)
	}
	if _, err := ts.db.Exec(context.Background(), `UPDATE login_throttle SET last_failure = last_failure - $2 * interval '1 second'
		WHERE key LIKE '%addr:' || $1`, attacker, max(auth.AddressMaxDelay, auth.AccountAtAddressMaxDelay).Seconds()); err != nil {
		t.Fatal(err)
	}
	if status, path := ts.signInFrom(t, attacker, victims[0], testPassword); status != 200 || path == "/login" {
		t.Errorf("right password at the hammered address after its slow-down: status %d on %s, want signed in", status, path)
	}
}

func TestForwardedForOnlyFromTrustedProxies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		trusted bool
		header  string
		wantKey string
	}{
		{"untrusted peer: header ignored", false, "203.0.113.5", "addr:127.0.0.1"},
		{"trusted peer: client named", true, "203.0.113.5", "addr:203.0.113.5"},
		{"trusted peer: a forged first entry does not count", true, "10.9.9.9, 203.0.113.6", "addr:203.0.113.6"},
	}
	for _, tt := range tests {
		ts := newTestServer(t)
		if tt.trusted {
			ts = newProxiedServer(t)
		}
		ts.signInFrom(t, tt.header, userEmail(kommune, domain.RoleLaeser), "forkert-kodeord")
		if got := ts.failures(t, tt.wantKey); got != 1 {
			t.Errorf("%s: %d failures on %s, want 1", tt.name, got, tt.wantKey)
		}
	}
}

func TestProfilePasswordCheckIsThrottled(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	wrong := url.Values{"current": {"gaet-igen-1"}, "new": {"en-helt-ny-kode"}, "repeat": {"en-helt-ny-kode"}}
	var statuses []int
	for len(statuses) < 10 && !slices.Contains(statuses, http.StatusTooManyRequests) {
		status, _ := ts.post(t, "/profil/adgangskode", wrong)
		statuses = append(statuses, status)
	}
	free := auth.AccountAtAddressFreeFailures
	if len(statuses) <= free || slices.ContainsFunc(statuses[:free], func(s int) bool { return s != 422 }) ||
		statuses[len(statuses)-1] != http.StatusTooManyRequests {
		t.Fatalf("statuses of wrong current passwords = %v, want %d × 422 and then 429", statuses, free)
	}
	right := url.Values{"current": {testPassword}, "new": {"en-helt-ny-kode"}, "repeat": {"en-helt-ny-kode"}}
	status, doc := ts.post(t, "/profil/adgangskode", right)
	if status != http.StatusTooManyRequests || !strings.HasPrefix(text(doc.Find("#current-error")), "Fejl: For mange mislykkede forsøg") {
		t.Errorf("right password after %d wrong: status %d, message %q; want 429 beside the field",
			auth.AccountAtAddressFreeFailures, status, text(doc.Find("#current-error")))
	}
	var changed bool
	if err := ts.db.QueryRow(context.Background(), `SELECT password_changed_at > created_at + interval '1 second' FROM users
		WHERE email = $1`, ts.user).Scan(&changed); err != nil || changed {
		t.Errorf("the password was changed while throttled (%v)", err)
	}
}

// TestSignInTimingSaysNothing compares the medians of the answers for an unknown account, a
// deactivated one (with its right password) and an active one with a wrong password: each
// costs one hash, so they lie within a generous factor of each other (before, a deactivated
// account answered 16 times faster).
func TestSignInTimingSaysNothing(t *testing.T) {
	t.Parallel()
	ts := newProxiedServer(t)
	inactive := ts.addUser(t, kommune, domain.RoleLaeser, "")
	hash, err := testPasswordHash() // the cost every real hash has
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.db.Exec(context.Background(), `UPDATE users SET active = false, password_hash = $2 WHERE email = $1`,
		inactive, hash); err != nil {
		t.Fatal(err)
	}
	kinds := []struct{ name, email, password string }{
		{"unknown", "ingen.her@ringkobing-skjern.test", testPassword},
		{"deactivated", inactive, testPassword},
		{"active, wrong password", userEmail(kommune, domain.RoleLaeser), "forkert-kodeord"},
	}
	const rounds = 9
	took := make([][]time.Duration, len(kinds))
	for round := range rounds {
		for k, kind := range kinds {
			address := "192.0.2." + itoa(int64(round*len(kinds)+k+1)) // every attempt from an address of its own
			start := time.Now()
			if status, _ := ts.signInFrom(t, address, kind.email, kind.password); status != http.StatusUnauthorized {
				t.Fatalf("%s: status %d, want 401", kind.name, status)
			}
			took[k] = append(took[k], time.Since(start))
		}
	}
	medians := make([]time.Duration, len(kinds))
	for k := range kinds {
		medians[k] = median(took[k])
	}
	lo, hi := medians[0], medians[0]
	for _, m := range medians {
		lo, hi = min(lo, m), max(hi, m)
	}
	if hi > 3*lo {
		t.Errorf("median answer times %v (unknown, deactivated, active) differ by more than a factor 3", medians)
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func TestRightPasswordsNeverSlowAnAddress(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	people := []string{userEmail(kommune, domain.RoleLaeser), userEmail(kommune, domain.RoleAdmin)}
	ts.signInFrom(t, "", people[0], "en-tastefejl") // one typing error earlier that hour
	typo := ts.addressThrottle(t, "127.0.0.1")
	for i := range auth.AddressFreeFailures + 5 {
		if status, path := ts.signInFrom(t, "", people[i%2], testPassword); status != 200 || path == "/login" {
			t.Fatalf("sign-in %d of an office behind one address: status %d on %s", i+1, status, path)
		}
	}
	// The address still counts only the typing error, from its time: it is forgotten an hour after it.
	if got := ts.addressThrottle(t, "127.0.0.1"); got != typo {
		t.Errorf("after many right passwords the address holds %+v, want %+v (the typing error alone)", got, typo)
	}
}

type addressCount struct {
	Failures    int
	LastFailure time.Time
}

func (ts *testServer) addressThrottle(t *testing.T, address string) addressCount {
	t.Helper()
	var c addressCount
	if err := ts.db.QueryRow(context.Background(), `SELECT failures, last_failure FROM login_throttle WHERE key = $1`,
		"addr:"+address).Scan(&c.Failures, &c.LastFailure); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDeactivatedAccountsRightPasswordLooksWrong(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	email := userEmail(kommune, domain.RoleLaeser)
	if _, err := ts.db.Exec(context.Background(), `UPDATE users SET active = false WHERE email = $1`, email); err != nil {
		t.Fatal(err)
	}
	for _, password := range []string{"forkert-kodeord", testPassword} {
		if status, _ := ts.signInFrom(t, "", email, password); status != http.StatusUnauthorized {
			t.Errorf("deactivated account, password %q: status %d, want 401", password, status)
		}
	}
	// The right password of a deactivated account forgets nothing: that would tell a guesser.
	if got := ts.failures(t, "acct:"+email+" addr:127.0.0.1"); got != 2 {
		t.Errorf("the account counts %d attempts, want 2", got)
	}
}
