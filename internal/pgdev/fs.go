package pgdev

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// account is the OS user initdb and postgres run as.
type account struct {
	name string
	uid  int
	gid  int
	cred *syscall.Credential // nil: run as ourselves
}

// currentAccount returns ourselves, or the "postgres" system user when we are root.
func currentAccount() (account, error) {
	if os.Geteuid() != 0 {
		return account{name: "current user", uid: os.Geteuid(), gid: os.Getegid()}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return account{}, fmt.Errorf("running as root, PostgreSQL needs the unprivileged system user %q (created by the postgresql package, or: adduser --system --group postgres): %w", "postgres", err)
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err := errors.Join(err1, err2); err != nil {
		return account{}, fmt.Errorf("user postgres: %w", err)
	}
	// Groups stays empty: the server gets only the postgres group, none of root's.
	return account{name: "postgres", uid: uid, gid: gid, cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
}

// prepareDirs creates root (0755) and dataDir (0700, owned by acct), and makes sure acct
// can reach dataDir: every ancestor must be searchable by it. Missing search permission is
// added (chmod o+x, which lets others pass through but not list); if that fails the error
// names the directory.
func prepareDirs(root, dataDir string, acct account) error {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", root, err)
	}
	if acct.cred != nil {
		for dir := root; ; dir = filepath.Dir(dir) {
			if err := ensureSearchable(dir, acct); err != nil {
				return err
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
	switch err := os.Mkdir(dataDir, 0o700); {
	case errors.Is(err, fs.ErrExist):
	case err != nil:
		return fmt.Errorf("create %s: %w", dataDir, err)
	}
	if acct.cred == nil {
		return nil
	}
	return chownTree(dataDir, acct)
}

// ensureSearchable makes dir searchable (x) by acct, judged by the permission bits that
// apply to it (owner, group or other).
func ensureSearchable(dir string, acct account) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("check %s: %w", dir, err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	mode := fi.Mode().Perm()
	var bit fs.FileMode = 0o001
	switch {
	case int(st.Uid) == acct.uid:
		bit = 0o100
	case int(st.Gid) == acct.gid:
		bit = 0o010
	}
	if mode&bit != 0 {
		return nil
	}
	if err := os.Chmod(dir, fi.Mode()|bit); err != nil {
		return fmt.Errorf("directory %s (mode %v) is not searchable by user %s and chmod failed: %w; fix with: chmod o+x %s", dir, mode, acct.name, err, dir)
	}
	return nil
}

// chownTree gives dataDir and, if its owner is wrong (a cluster made by another user), all
// it contains to acct. postgres refuses a data directory it does not own.
func chownTree(dataDir string, acct account) error {
	fi, err := os.Stat(dataDir)
	if err != nil {
		return fmt.Errorf("chown %s: %w", dataDir, err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) == acct.uid && int(st.Gid) == acct.gid {
		return nil
	}
	err = filepath.WalkDir(dataDir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, acct.uid, acct.gid)
	})
	if err != nil {
		return fmt.Errorf("chown %s to %s: %w", dataDir, acct.name, err)
	}
	return nil
}

// clusterMajor returns the major version of the cluster in dataDir from its PG_VERSION, or
// 0 if dataDir holds no cluster yet.
func clusterMajor(dataDir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, "PG_VERSION"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read cluster version: %w", err)
	}
	v, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return 0, fmt.Errorf("read cluster version: %s/PG_VERSION: %w", dataDir, err)
	}
	return v, nil
}

// portFree reports an error if something already listens on 127.0.0.1:port.
func portFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("port %d on 127.0.0.1 is in use (another server?); choose another port: %w", port, err)
	}
	return l.Close()
}

// logTail returns the last lines the server log got during this run, formatted to be
// appended to an error message, or "" if there are none.
func (c *Cluster) logTail() string {
	const maxBytes, maxLines = 4096, 20
	f, err := os.Open(c.logPath)
	if err != nil {
		return ""
	}
	defer f.Close()
	off := c.logOff
	if fi, err := f.Stat(); err == nil && fi.Size()-off > maxBytes {
		off = fi.Size() - maxBytes
	}
	b, err := io.ReadAll(io.NewSectionReader(f, off, maxBytes))
	if err != nil || len(bytes.TrimSpace(b)) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > maxLines {
		lines = lines[len(lines)-maxLines:]
	}
	return fmt.Sprintf("\n--- last lines of %s ---\n%s", c.logPath, strings.Join(lines, "\n"))
}
