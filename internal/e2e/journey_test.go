package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// step is one click in a journey: the link to follow and the text the next page's h1 holds.
type step struct {
	link string // an XPath to the link
	h1   string
}

// link is an XPath to the first link in main whose text contains text.
func link(text string) string {
	return fmt.Sprintf(`//main//a[contains(normalize-space(.), %q)]`, text)
}

// TestJourneyKommune follows the chain in Ringkøbing-Skjern from the vision on the front page
// down to a generel indsats, by clicking links as a person would.
func TestJourneyKommune(t *testing.T) {
	a := startApp(t)
	ctx := a.adminTab(t, kommune)
	a.open(t, ctx, "/org/"+kommune)
	if got := text(t, ctx, ".sporbar-vision h2"); !strings.Contains(got, "Naturens Rige") {
		t.Fatalf("front page shows the vision %q, want Naturens Rige", got)
	}
	a.walk(t, ctx, []step{
		{link("Ældrepolitik"), "Ældrepolitik"},
		{link("1. Alle oplever, at de har selvbestemmelse"), "Alle oplever, at de har selvbestemmelse og frihed i eget liv"},
		{link("At der er selvbestemmelse i form af til- og fravalg"), "At der er selvbestemmelse i form af til- og fravalg i hverdagslivet"},
		{link("Strategispor 1"), "Vi vil styrke de sundhedsfremmende og rehabiliterende indsatser"},
		{link("Implementerer indsatsstrappen"), "Implementerer indsatsstrappen i Sundhed og Omsorg"},
	})
	if got := text(t, ctx, "main .sporbar-meta"); !strings.Contains(got, "under Strategispor 1") {
		t.Errorf("the indsats says %q about where it sits, want it under Strategispor 1", got)
	}
}

// TestJourneyRegion goes from Region Midtjylland's front page to handleplan 12-D.
func TestJourneyRegion(t *testing.T) {
	a := startApp(t)
	ctx := a.adminTab(t, region)
	a.open(t, ctx, "/org/"+region)
	a.walk(t, ctx, []step{
		{link("Social Strategi 2014–2017"), "Social Strategi"},
		{link("Indsatsområde 12"), "Indsatsområde 12: Stærkere samarbejde med sundhedsområdet"},
		{`//main//tr[td[1][normalize-space() = "12-D"]]//a`, "12-D"},
	})
	if got := text(t, ctx, "h1"); !strings.Contains(got, "rusmiddelcentre") {
		t.Errorf("handleplan 12-D's heading is %q, want it about the rusmiddelcentre", got)
	}
}

// TestSkipLink checks the keyboard way past the header: the first Tab reaches the skip link,
// which is then visible, and Enter moves the focus to the main content.
func TestSkipLink(t *testing.T) {
	a := startApp(t)
	ctx := a.adminTab(t, kommune)
	a.open(t, ctx, "/org/"+kommune)
	if err := doStep(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	focus, err := runStep(ctx, chromedp.Evaluate[string](`(() => {
		const e = document.activeElement, r = e.getBoundingClientRect();
		return e.matches('a.skipnav') && r.width > 1 && r.height > 1 ? 'skipnav' : e.outerHTML.slice(0, 80);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if focus != "skipnav" {
		t.Fatalf("after one Tab the focus is on %s, want the visible a.skipnav", focus)
	}
	if err := doStep(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if _, err := runStep(ctx, chromedp.Poll[bool](`document.activeElement.id === 'main-content'`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		got, _ := runStep(ctx, chromedp.Evaluate[string](`document.activeElement.outerHTML.slice(0, 80)`))
		t.Fatalf("after Enter on the skip link the focus is on %s, want main#main-content (%v)", got, err)
	}
}

// open loads path in the tab of ctx and requires status 200.
func (a *app) open(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	a.visit(t, ctx, page{Path: path, Status: http.StatusOK})
}

// walk clicks each step's link in turn and checks the page it leads to.
func (a *app) walk(t *testing.T, ctx context.Context, steps []step) {
	t.Helper()
	for _, s := range steps {
		from, _ := runStep(ctx, chromedp.Location())
		resp, err := runResponseStep(ctx, chromedp.Click(s.link))
		if err != nil {
			t.Fatalf("on %s, click %s: %v", from, s.link, err)
		}
		if resp.Status != http.StatusOK {
			t.Fatalf("on %s, click %s: %s answered %d", from, s.link, resp.URL, resp.Status)
		}
		if got := text(t, ctx, "h1"); !strings.Contains(got, s.h1) {
			t.Fatalf("on %s, click %s: led to %s with the heading %q, want %q", from, s.link, resp.URL, got, s.h1)
		}
	}
}

// text returns the visible text of the first element that matches the CSS selector sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := runStep(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.Join(strings.Fields(s), " ")
}
