package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browser is the chromedp context of the one Chromium that TestMain starts; browserErr says
// why there is none. Tests get a tab of their own from newTab.
var (
	browser    context.Context
	browserErr error
)

// installHint tells a person without Chromium what to do.
const installHint = "installér chromium: apt-get install chromium (eller kør `make browser` som root)"

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests starts Chromium, runs the tests and stops Chromium again. When Chromium cannot
// start, the tests still run, and every test that needs the browser fails with the reason.
func runTests(m *testing.M) int {
	ctx, stop, err := startBrowser()
	if err != nil {
		browserErr = err
		return m.Run()
	}
	defer stop()
	browser = ctx
	return m.Run()
}

// startBrowser starts headless Chromium with an empty profile and returns its context and a
// func that stops it and removes the profile.
func startBrowser() (context.Context, func(), error) {
	path, err := chromiumPath()
	if err != nil {
		return nil, nil, err
	}
	profile, err := os.MkdirTemp("", "sporbar-e2e-chromium-")
	if err != nil {
		return nil, nil, fmt.Errorf("chromium profile: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.Env("TMPDIR="+profile), // its sockets and shared memory go with the profile
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	stop := func() {
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(profile)
	}
	// No actions: just start the browser. Not under a timeout, which would stop the browser
	// when it ends; the allocator gives up by itself when Chromium does not answer.
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w; %s", path, err, installHint)
	}
	return ctx, stop, nil
}

// chromiumPath finds Chromium: $CHROMIUM when set, else chromium on $PATH, else Debian's path.
func chromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	const debian = "/usr/bin/chromium"
	if _, err := os.Stat(debian); err == nil {
		return debian, nil
	}
	return "", errors.New("chromium blev ikke fundet; " + installHint)
}

// newTab returns a chromedp context for a new tab in a browser context of its own (its own
// cookies and storage), closed when the test ends. The context has no deadline: a tab may
// serve many pages, and each step on it gets a deadline of its own (doStep and the others).
// (It is opened without one too: chromedp closes a tab when the context of its first action
// ends.)
func newTab(t *testing.T) context.Context {
	t.Helper()
	if browserErr != nil {
		t.Fatalf("browser: %v", browserErr)
	}
	tab, closeTab := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(closeTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	return tab
}

// stepTimeout bounds one step in a tab: a navigation, a click, a script, a screenshot. Every
// step has its own, so that a test of many pages passes on a slow, busy machine as long as
// each page answers; none is for a whole test or suite.
const stepTimeout = time.Minute

// doStep is chromedp.Do under a deadline of its own (stepTimeout).
func doStep(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// runStep is chromedp.Run under a deadline of its own (stepTimeout).
func runStep[T any](ctx context.Context, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// runResponseStep is chromedp.RunResponse under a deadline of its own (stepTimeout).
func runResponseStep(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) (*network.Response, error) {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	return chromedp.RunResponse(ctx, steps...)
}

// callStep is chromedp.Call under a deadline of its own (stepTimeout).
func callStep[P, R any](ctx context.Context, cmd cdp.Command[P, R], params P) (R, error) {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	return chromedp.Call(ctx, cmd, params)
}

// repoRoot returns the repository's root: the nearest directory above the working directory
// that holds go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// nodeModule returns the path of file inside web/node_modules, failing when `make assets` has
// not installed it.
func nodeModule(t testing.TB, file string) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "web", "node_modules", filepath.FromSlash(file))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s mangler: kør `make assets` (npm ci i web/): %v", p, err)
	}
	return p
}
