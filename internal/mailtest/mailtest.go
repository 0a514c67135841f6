// Package mailtest starts a real SMTP server for tests: Mailpit (github.com/axllent/mailpit, a
// Go tool of this module, the same mail catcher `make run` starts), on free loopback ports with
// a database of its own, and reads the mails it caught back through its HTTP API. It can refuse
// mail (Mailpit's chaos triggers) and be stopped and started again on the same port.
package mailtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a running Mailpit.
type Server struct {
	SMTPPort int
	WebURL   string // the web inbox and API, http://127.0.0.1:port
	dir      string
	webAddr  string
	cmd      *exec.Cmd
	t        testing.TB
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary returns the path of the mailpit tool, built by `go tool` (cached) once per process.
func binary() (string, error) {
	binOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, "go", "tool", "-n", "mailpit").Output()
		if err != nil {
			binErr = fmt.Errorf("mailtest: go tool -n mailpit: %w", err)
			return
		}
		binPath = strings.TrimSpace(string(out))
	})
	return binPath, binErr
}

// Start starts Mailpit and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{SMTPPort: freePort(t), dir: t.TempDir(), t: t}
	s.webAddr = fmt.Sprintf("127.0.0.1:%d", freePort(t))
	s.WebURL = "http://" + s.webAddr
	s.start()
	t.Cleanup(s.Stop)
	return s
}

// SMTPURL is the SMTP_URL that sends to this server.
func (s *Server) SMTPURL() string {
	return fmt.Sprintf("smtp://127.0.0.1:%d?tls=none", s.SMTPPort)
}

func (s *Server) start() {
	s.t.Helper()
	bin, err := binary()
	if err != nil {
		s.t.Fatal(err)
	}
	s.cmd = exec.Command(bin, "--smtp", fmt.Sprintf("127.0.0.1:%d", s.SMTPPort), "--listen", s.webAddr,
		"--database", filepath.Join(s.dir, "mailpit.db"), "--enable-chaos", "--disable-version-check",
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--smtp-disable-rdns", "--quiet")
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, io.Discard
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("mailtest: start mailpit: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(s.WebURL + "/api/v1/info"); err == nil {
			resp.Body.Close()
			if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", s.SMTPPort), time.Second); err == nil {
				c.Close()
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatal("mailtest: mailpit did not answer within 30 s")
}

// Stop stops the server (its port then refuses connections); Restart starts it again.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
		s.cmd = nil
	}
}

// Restart starts a stopped server on the same ports, with the mails it had.
func (s *Server) Restart() {
	s.t.Helper()
	s.start()
}

// Refuse makes the server answer every recipient with a permanent-looking 451 (on) or accept
// mail again (off).
func (s *Server) Refuse(on bool) {
	s.t.Helper()
	body := `{"Recipient":{"ErrorCode":451,"Probability":0}}`
	if on {
		body = `{"Recipient":{"ErrorCode":451,"Probability":100}}`
	}
	req, _ := http.NewRequest(http.MethodPut, s.WebURL+"/api/v1/chaos", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("mailtest: chaos: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("mailtest: chaos: %s", resp.Status)
	}
}

// Mail is a caught mail.
type Mail struct {
	ID      string
	To      []string
	Subject string
	Text    string
	HTML    string
	Headers map[string][]string
}

// Mails returns every mail caught so far, oldest first, with bodies and headers.
func (s *Server) Mails() []Mail {
	s.t.Helper()
	var list struct {
		Messages []struct {
			ID string
			To []struct{ Address string }
		}
	}
	s.getJSON("/api/v1/messages?limit=1000", &list)
	out := make([]Mail, 0, len(list.Messages))
	for i := len(list.Messages) - 1; i >= 0; i-- { // the API lists newest first
		m := list.Messages[i]
		var full struct {
			Subject, Text, HTML string
		}
		s.getJSON("/api/v1/message/"+m.ID, &full)
		mail := Mail{ID: m.ID, Subject: full.Subject, Text: strings.ReplaceAll(full.Text, "\r\n", "\n"), HTML: full.HTML}
		for _, to := range m.To {
			mail.To = append(mail.To, to.Address)
		}
		s.getJSON("/api/v1/message/"+m.ID+"/headers", &mail.Headers)
		out = append(out, mail)
	}
	return out
}

// MailsTo returns the mails caught for the address.
func (s *Server) MailsTo(addr string) []Mail {
	s.t.Helper()
	var out []Mail
	for _, m := range s.Mails() {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				out = append(out, m)
			}
		}
	}
	return out
}

// WaitFor waits (up to timeout) until at least n mails are caught, and returns them all.
func (s *Server) WaitFor(n int, timeout time.Duration) []Mail {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := s.Mails()
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Server) getJSON(path string, v any) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.WebURL+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("mailtest: GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		s.t.Fatalf("mailtest: GET %s: %v", path, err)
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
