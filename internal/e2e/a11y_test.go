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

// TestAccessibility loads every page in Chromium, as a signed-in administrator of the page's
// organisation, and requires that axe-core finds no violation of WCAG 2.1 A and AA.
func TestAccessibility(t *testing.T) {
	axe := readAxe(t)
	a := startApp(t)
	a.eachPage(t, func(t *testing.T, ctx context.Context, p page) {
		a.visit(t, ctx, p)
		for _, v := range runAxe(t, ctx, axe) {
			t.Errorf("%s", formatViolation(a.URL+p.Path+" ("+p.String()+")", v))
		}
	})
}

// TestAxeFindsViolations guards the check above against passing because axe-core checked
// nothing: on a page with known faults, it must find them.
func TestAxeFindsViolations(t *testing.T) {
	axe := readAxe(t)
	ctx := newTab(t)
	const bad = `data:text/html,<!DOCTYPE html><html><title>x</title><body><img src="x.png">` +
		`<p style="color:%23777;background:%23888">svag kontrast</p></body></html>`
	if err := chromedp.Do(ctx, chromedp.Navigate(bad)); err != nil {
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
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
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
