package pgdev

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ErrNotInstalled is returned (wrapped) by Start when no PostgreSQL server binaries are
// found and they could not be installed.
var ErrNotInstalled = errors.New("PostgreSQL server binaries (initdb, postgres) not found")

// binaries is a directory holding initdb and postgres of one major version.
type binaries struct {
	dir   string
	major int
}

func (b binaries) path(name string) string { return filepath.Join(b.dir, name) }

// findBinaries returns the PostgreSQL installation to use: opt.BinDir if set; otherwise the
// newest of /usr/lib/postgresql/*/bin and the directory of initdb on PATH, or, if an
// existing cluster needs a particular major version (want > 0), that version. When none is
// found and we are root on a system with apt-get, the postgresql package is installed.
func findBinaries(ctx context.Context, opt Options, want int) (binaries, error) {
	found := candidates(ctx, opt.BinDir)
	if len(found) == 0 && opt.BinDir == "" {
		if err := install(ctx, opt); err != nil {
			return binaries{}, err
		}
		found = candidates(ctx, "")
	}
	if len(found) == 0 {
		return binaries{}, fmt.Errorf("%w%s", ErrNotInstalled, installHint(opt.BinDir))
	}
	if want == 0 {
		return slices.MaxFunc(found, func(a, b binaries) int { return cmp.Compare(a.major, b.major) }), nil
	}
	for _, b := range found {
		if b.major == want {
			return b, nil
		}
	}
	return binaries{}, fmt.Errorf("%w: the existing cluster needs PostgreSQL %d (install postgresql-%d, or remove the cluster to recreate it)", ErrNotInstalled, want, want)
}

// candidates lists the usable installations, each once.
func candidates(ctx context.Context, binDir string) []binaries {
	dirs := []string{binDir}
	if binDir == "" {
		dirs, _ = filepath.Glob("/usr/lib/postgresql/*/bin")
		if p, err := exec.LookPath("initdb"); err == nil {
			dirs = append(dirs, filepath.Dir(p))
		}
	}
	var found []binaries
	seen := map[string]bool{}
	for _, dir := range dirs {
		// /usr/local/bin/initdb may be a symlink into the real bin directory.
		if p, err := filepath.EvalSymlinks(filepath.Join(dir, "initdb")); err == nil {
			dir = filepath.Dir(p)
		}
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if !executable(filepath.Join(dir, "initdb")) || !executable(filepath.Join(dir, "postgres")) {
			continue
		}
		if major, err := serverMajor(ctx, filepath.Join(dir, "postgres")); err == nil {
			found = append(found, binaries{dir: dir, major: major})
		}
	}
	return found
}

func executable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

var versionRE = regexp.MustCompile(`\(PostgreSQL\) (\d+)`)

// serverMajor runs `postgres -V`, which prints e.g. "postgres (PostgreSQL) 15.14 (Debian ...)".
func serverMajor(ctx context.Context, postgres string) (int, error) {
	out, err := exec.CommandContext(ctx, postgres, "-V").Output()
	if err != nil {
		return 0, fmt.Errorf("%s -V: %w", postgres, err)
	}
	m := versionRE.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("%s -V: unexpected output %q", postgres, out)
	}
	return strconv.Atoi(string(m[1]))
}

// install installs the postgresql package with apt-get, if we are root and apt-get exists;
// otherwise it returns ErrNotInstalled saying what to install.
func install(ctx context.Context, opt Options) error {
	aptGet, err := exec.LookPath("apt-get")
	if err != nil || os.Geteuid() != 0 {
		return fmt.Errorf("%w%s", ErrNotInstalled, installHint(""))
	}
	fmt.Fprintln(opt.Stdout, "pgdev: PostgreSQL not found; installing it with apt-get (takes a minute)")
	for _, args := range [][]string{{"update"}, {"install", "-y", "postgresql"}} {
		cmd := exec.CommandContext(ctx, aptGet, args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = opt.Stdout, opt.Stdout
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%w: apt-get %s: %w", ErrNotInstalled, strings.Join(args, " "), err)
		}
	}
	return nil
}

func installHint(binDir string) string {
	if binDir != "" {
		return " in " + binDir
	}
	return "; install the PostgreSQL server: on Debian/Ubuntu `sudo apt-get install postgresql`, on macOS `brew install postgresql@15`, or set the binary directory explicitly"
}

// utf8Locale returns "C.UTF-8" if the system has that locale, otherwise "".
func utf8Locale(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "locale", "-a").Output()
	if err != nil {
		return ""
	}
	for l := range strings.FieldsSeq(strings.ToLower(string(out))) {
		if l == "c.utf8" || l == "c.utf-8" {
			return "C.UTF-8"
		}
	}
	return ""
}
