package pgdev

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pidFile is the part of postmaster.pid we use. Its lines are: pid, data directory, start
// time, port, socket directory, listen address, shared memory key, status.
type pidFile struct {
	pid  int
	port int
}

func parsePIDFile(b []byte) (pidFile, error) {
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return pidFile{}, errors.New("postmaster.pid: too short")
	}
	pid, err1 := strconv.Atoi(strings.TrimSpace(lines[0]))
	port, err2 := strconv.Atoi(strings.TrimSpace(lines[3]))
	if err := errors.Join(err1, err2); err != nil {
		return pidFile{}, fmt.Errorf("postmaster.pid: %w", err)
	}
	if pid <= 0 {
		return pidFile{}, fmt.Errorf("postmaster.pid: bad pid %d", pid)
	}
	return pidFile{pid: pid, port: port}, nil
}

// runningServer reports whether a postmaster for dataDir is alive according to its
// postmaster.pid. A pid file whose process is gone, or is something other than a postgres
// for dataDir (the pid was reused), is removed so the new server can start.
func runningServer(dataDir string, log *slog.Logger) (pidFile, bool) {
	path := filepath.Join(dataDir, "postmaster.pid")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return pidFile{}, false
	}
	pf, perr := parsePIDFile(b)
	if err == nil && perr == nil && isPostmaster(pf.pid, dataDir) {
		return pf, true
	}
	log.Warn("pgdev: removing stale postmaster.pid", "path", path, "pid", pf.pid, "err", errors.Join(err, perr))
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		log.Warn("pgdev: remove stale postmaster.pid", "err", err)
	}
	return pidFile{}, false
}

// isPostmaster reports whether pid is a live (not zombie) postgres serving dataDir. On
// Linux this is judged from /proc: a postmaster's working directory is its data directory.
// Elsewhere any live process counts.
func isPostmaster(pid int, dataDir string) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	proc := "/proc/" + strconv.Itoa(pid)
	stat, err := os.ReadFile(proc + "/stat")
	if err != nil {
		return !errors.Is(err, fs.ErrNotExist) || !procMounted()
	}
	// stat is "pid (comm) S ...": the state follows the last ')'.
	if i := strings.LastIndexByte(string(stat), ')'); i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
		return false
	}
	if cwd, err := os.Readlink(proc + "/cwd"); err == nil {
		want, err := filepath.EvalSymlinks(dataDir)
		return err == nil && cwd == want
	}
	comm, err := os.ReadFile(proc + "/comm") // cwd is unreadable for other users' processes
	return err == nil && strings.TrimSpace(string(comm)) == "postgres"
}

func procMounted() bool {
	_, err := os.Stat("/proc/self/stat")
	return err == nil
}

// StopDir stops a server that runs for Dir/data but that this process did not start, such
// as one reused by Start or left behind by a killed launcher: it sends SIGINT (fast
// shutdown, like `pg_ctl stop -m fast`) and waits until the process is gone, at most until
// ctx is done. It returns false, nil if no server was running.
func StopDir(ctx context.Context, dir string, log *slog.Logger) (bool, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return false, fmt.Errorf("pgdev: stop %s: %w", dir, err)
	}
	dataDir := filepath.Join(root, "data")
	pf, ok := runningServer(dataDir, log)
	if !ok {
		return false, nil
	}
	if err := syscall.Kill(pf.pid, syscall.SIGINT); err != nil {
		return false, fmt.Errorf("pgdev: stop %s: signal pid %d: %w", dataDir, pf.pid, err)
	}
	for isPostmaster(pf.pid, dataDir) {
		select {
		case <-ctx.Done():
			return false, fmt.Errorf("pgdev: stop %s: wait for pid %d: %w", dataDir, pf.pid, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
	log.Info("pgdev: stopped server", "dir", dataDir, "pid", pf.pid)
	return true, nil
}
