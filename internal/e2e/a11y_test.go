package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeRun runs axe-core's WCAG 2.0/2.1 A and AA rules on the document and returns only what the
// report needs, so that little crosses the DevTools connection.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
		resultTypes: ['violations']})
	.then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ''})),
	})))`

// axeViolation is one rule that failed on a page, with the elements that failed it.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

// desktopWidth and desktopHeight are the window in which axe-core checks a page.
const (
	desktopWidth  = 1280
	desktopHeight = 900
)

// TestAccessibility loads every page once in Chromium, as the person the page list names, and
// checks it four ways, each a subtest: axe-core finds no violation of WCAG 2.1 A and AA in a
// window 1280 pixels wide ("axe"); the first thing Tab reaches is the skip link to the main
// content ("skip-link", focus_test.go); laid out again at 320 CSS pixels, the page does not scroll
// sideways ("reflow-320", reflow_test.go); and at 200 % zoom nothing is cut off ("zoom-200",
// zoom_test.go). Loading each page once keeps the run short.
func TestAccessibility(t *testing.T) {
	axe := readAxe(t)
	a := startApp(t)
	a.eachPage(t, func(t *testing.T, ctx context.Context, p page) {
		if err := doStep(ctx, chromedp.EmulateViewport(desktopWidth, desktopHeight)); err != nil {
			t.Fatal(err)
		}
		a.visit(t, ctx, p)
		t.Run("axe", func(t *testing.T) {
			for _, v := range runAxe(t, ctx, axe) {
				t.Errorf("%s", formatViolation(a.URL+p.Path+" ("+p.String()+")", v))
			}
		})
		t.Run("skip-link", func(t *testing.T) { checkSkipLink(t, ctx, a.URL, p) })
		t.Run("reflow-320", func(t *testing.T) { checkReflow(t, ctx, a.URL, p) })
		t.Run("zoom-200", func(t *testing.T) { checkZoom(t, ctx, a.URL, p) })
	})
}

// TestAxeFindsViolations guards the check above against passing because axe-core checked
// nothing: on a page with known faults, it must find them.
func TestAxeFindsViolations(t *testing.T) {
	axe := readAxe(t)
	ctx := newTab(t)
	const bad = `data:text/html,<!DOCTYPE html><html><title>x</title><body><img src="x.png">` +
		`<p style="color:%23777;background:%23888">svag kontrast</p></body></html>`
	if err := doStep(ctx, chromedp.Navigate(bad)); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range runAxe(t, ctx, axe) {
		found[v.ID] = true
	}
	for _, id := range []string{"html-has-lang", "image-alt", "color-contrast"} {
		if !found[id] {
			t.Errorf("axe-core did not report %s on a page with that fault; found %v", id, found)
		}
	}
}

// readAxe returns axe-core's source from web/node_modules.
func readAxe(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runAxe injects axe-core into the page of ctx and returns what axeRun reports.
// Runtime.evaluate is not subject to the page's Content-Security-Policy, so the injection
// works under script-src 'self'.
func runAxe(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	if err := doStep(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	vs, err := runStep(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	return vs
}

// formatViolation describes v on url for a person who will fix it.
func formatViolation(url string, v axeViolation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%s): %s\n    %s", url, v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    - %s\n      %s", strings.Join(n.Target, " "), n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	return b.String()
}
