package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestParseFlags(t *testing.T) {
	var stderr bytes.Buffer
	cfg, err := parseFlags([]string{"devdb", "-db", "app", "-env", "A", "-env", "B=other", "--", "make", "x"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	want := []envVar{{"A", "app"}, {"B", "other"}}
	if len(cfg.envs) != 2 || cfg.envs[0] != want[0] || cfg.envs[1] != want[1] {
		t.Errorf("envs = %v, want %v", cfg.envs, want)
	}
	if len(cfg.command) != 2 || cfg.command[0] != "make" {
		t.Errorf("command = %q, want [make x]", cfg.command)
	}
	cfg, err = parseFlags([]string{"devdb"}, &stderr)
	if err != nil || len(cfg.envs) != 1 || cfg.envs[0] != (envVar{"DATABASE_URL", "sporbar"}) {
		t.Errorf("defaults: envs = %v, %v; want [{DATABASE_URL sporbar}]", cfg.envs, err)
	}
	if _, err := parseFlags([]string{"devdb", "-stop", "--", "true"}, &stderr); err == nil {
		t.Error("-stop with a command: no error")
	}
	if _, err := parseFlags([]string{"devdb", "-env", "=x"}, &stderr); err == nil {
		t.Error("-env =x: no error")
	}
}

func TestExitCode(t *testing.T) {
	for script, want := range map[string]int{"exit 0": 0, "exit 3": 3, "kill -TERM $$": 128 + 15} {
		if got := exitCode(exec.Command("sh", "-c", script).Run()); got != want {
			t.Errorf("exitCode(sh -c %q) = %d, want %d", script, got, want)
		}
	}
}

// TestRun runs a command against a fresh cluster and checks its environment and that its
// exit status is passed on.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	if bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb"); len(bins) == 0 {
		if _, err := exec.LookPath("initdb"); err != nil {
			t.Skip("PostgreSQL is not installed")
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	script := `test "$DATABASE_URL" = "postgres://postgres@127.0.0.1:` + port + `/sporbar?sslmode=disable" || exit 1
test "$T_URL" = "postgres://postgres@127.0.0.1:` + port + `/t?sslmode=disable" || exit 2
exit 3`
	args := []string{"devdb", "-dir", filepath.Join(t.TempDir(), "pg"), "-port", port, "-fast",
		"-env", "DATABASE_URL", "-env", "T_URL=t", "--", "sh", "-c", script}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, os.Environ(), nil, &stdout, &stderr); code != 3 {
		t.Errorf("run = %d, want 3; stderr:\n%s", code, stderr.String())
	}
}
