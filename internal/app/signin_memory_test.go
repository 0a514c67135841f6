package app

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sporbar/sporbar/internal/dbtest"
)

// serveHelperEnv makes this test binary a Sporbar server (TestServeHelper), so that a test can
// measure the memory of a process that is nothing but the server.
const serveHelperEnv = "SPORBAR_TEST_SERVE"

// TestServeHelper is `sporbar serve` when the test binary runs as TestSignInMemoryStaysFlat's
// server; otherwise it does nothing.
func TestServeHelper(t *testing.T) {
	if os.Getenv(serveHelperEnv) == "" {
		t.Skip("the server of TestSignInMemoryStaysFlat, started by it")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := Run(ctx, []string{"sporbar", "serve"}, os.Getenv, nil, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// TestSignInMemoryStaysFlat sends 500 sign-ins at once to a real server process (each costs a
// 19 MiB argon2id hash) and checks the process's peak memory: the bounded hash pool keeps it
// under 300 MB, where unbounded hashing reached 2.4 GB. What cannot be hashed in time is
// answered 503 with Retry-After, never 500 or a dropped connection.
func TestSignInMemoryStaysFlat(t *testing.T) {
	t.Parallel()
	const signIns, peakLimit = 500, 300 << 20
	db := dbtest.NewSeeded(t)
	dbURL := dbtest.URL(t, db)
	const email, password = "laeser@ringkobing-skjern.test", "en-god-adgangskode-1"
	var out bytes.Buffer
	err := Run(context.Background(), []string{"sporbar", "user", "add", "--email", email, "--role", "laeser", "--org", "ringkobing-skjern"},
		func(k string) string { return map[string]string{"DATABASE_URL": dbURL}[k] }, strings.NewReader(password+"\n"), &out)
	if err != nil {
		t.Fatalf("user add: %v\n%s", err, out.String())
	}
	base, pid := startServerProcess(t, dbURL)

	statuses, failed := signInAtOnce(t, base, signIns, func(i int) url.Values {
		if i%25 == 0 { // 20 right passwords: fewer than the account's free failures (auth.AccountFreeFailures)
			return url.Values{"email": {email}, "password": {password}}
		}
		return url.Values{"email": {"gaet" + strconv.Itoa(i) + "@ringkobing-skjern.test"}, "password": {"forkert-kodeord"}}
	})
	if failed > 0 || statuses[http.StatusSeeOther] == 0 || statuses[http.StatusUnauthorized] == 0 ||
		statuses[http.StatusSeeOther]+statuses[http.StatusUnauthorized]+statuses[http.StatusServiceUnavailable] != signIns {
		t.Errorf("answers to %d sign-ins at once: %v and %d failed requests; want only 303, 401 and 503, some of each of the first two",
			signIns, statuses, failed)
	}
	peak, err := peakMemory(pid)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d sign-ins at once: %v; the server's peak memory %d MB", signIns, statuses, peak>>20)
	if peak > peakLimit {
		t.Errorf("the server's peak memory is %d MB, want under %d MB", peak>>20, peakLimit>>20)
	}
}

// startServerProcess starts this test binary as a Sporbar server on dbURL behind a trusted
// proxy (loopback), waits until it answers and returns its address and process id. The
// server is stopped when the test ends.
func startServerProcess(t *testing.T, dbURL string) (base string, pid int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	base = "http://" + addr
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), serveHelperEnv+"=1", "DATABASE_URL="+dbURL, "ADDR="+addr, "BASE_URL="+base,
		"TRUSTED_PROXIES=127.0.0.1", "LOG_LEVEL=error")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck // it may have exited
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill() //nolint:errcheck // it would not stop
			<-done
		}
		if t.Failed() {
			t.Logf("server's log:\n%s", stderr.String())
		}
	})
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, cmd.Process.Pid
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not answer within a minute: %v\n%s", err, stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// signInAtOnce posts n sign-in forms at the same moment, each from an address of its own (sent
// as X-Forwarded-For) and with a deadline of its own, and counts the statuses; failed counts
// requests that got no answer.
func signInAtOnce(t *testing.T, base string, n int, form func(i int) url.Values) (statuses map[int]int, failed int) {
	t.Helper()
	client := &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: n},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	var mu sync.Mutex
	var wg sync.WaitGroup
	statuses = map[int]int{}
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			status, err := postForm(client, base+"/login", form(i), fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
				t.Logf("sign-in %d: %v", i, err)
				return
			}
			statuses[status]++
		})
	}
	close(start)
	wg.Wait()
	return statuses, failed
}

// postForm posts form from the client address forwardedFor, within two minutes, and returns
// the status; a 503 must say when to retry.
func postForm(client *http.Client, target string, form url.Values, forwardedFor string) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", forwardedFor)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
		return 0, errors.New("503 without Retry-After")
	}
	return resp.StatusCode, nil
}

// peakMemory is the peak resident memory (VmHWM) of process pid, in bytes.
func peakMemory(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("peak memory: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("peak memory: no VmHWM in /proc/%d/status", pid)
}
