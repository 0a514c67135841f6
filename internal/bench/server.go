package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// sporbar is a Sporbar server started for the benchmark.
type sporbar struct {
	cmd  *exec.Cmd
	addr string // 127.0.0.1:port
	done chan error
}

// startSporbar starts binary serve on a free loopback port against databaseURL, with plain-HTTP
// cookies and warnings-only logging (written to logw), and waits until /healthz answers.
// extraEnv ("NAME=value") is added to the environment.
func startSporbar(ctx context.Context, binary, databaseURL string, extraEnv []string, logw io.Writer) (*sporbar, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+databaseURL, "ADDR="+addr, "BASE_URL=http://"+addr,
		"SECURE_COOKIES=false", "LOG_LEVEL=warn")
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stdout, cmd.Stderr = logw, logw
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM} // no server outlives the benchmark
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", binary, err)
	}
	s := &sporbar{cmd: cmd, addr: addr, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second) // serve migrates first, if the database is behind
	for {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("sporbar serve exited during start-up: %v", err)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("sporbar serve did not answer /healthz within a minute")
		}
	}
}

// pid is the server's process id.
func (s *sporbar) pid() int { return s.cmd.Process.Pid }

// stop asks the server to shut down (SIGTERM) and waits for it; after 15 s it is killed.
func (s *sporbar) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// signIn signs email in at the server and returns the session cookie as a request header line.
func signIn(addr, email, password string) (string, error) {
	client := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	form := url.Values{"email": {email}, "password": {password}}
	resp, err := client.PostForm("http://"+addr+"/login", form)
	if err != nil {
		return "", fmt.Errorf("sign in %s: %w", email, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("sign in %s: status %d, want 303 (is the password %q?)", email, resp.StatusCode, password)
	}
	var parts []string
	for _, c := range resp.Cookies() {
		if c.Value != "" {
			parts = append(parts, c.Name+"="+c.Value)
		}
	}
	if len(parts) == 0 {
		return "", fmt.Errorf("sign in %s: no session cookie", email)
	}
	return "Cookie: " + strings.Join(parts, "; "), nil
}

// check sends one request on a connection of its own and returns its status, to verify a
// scenario before it is measured.
func check(addr string, req Request) (int, error) {
	c, err := dial(addr, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer c.close()
	status, _, _, err := c.do(req, time.Now().Add(30*time.Second))
	return status, err
}
