package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// reflowWidth is WCAG 1.4.10's width: content must reflow at 320 CSS pixels.
const reflowWidth = 320

// overflow measures the page and, when it is wider than the window, names the elements that
// stick out on the right (outside the .sporbar-scroll boxes that may scroll by themselves).
// An element that sticks out only because an ancestor does is not named, so the list points
// at the cause.
const overflow = `(() => {
	const w = window.innerWidth, out = [];
	const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
		(typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
	const path = e => {
		const names = [];
		for (let x = e; x && x !== document.body && names.length < 4; x = x.parentElement) names.unshift(name(x));
		return names.join(' > ');
	};
	// Whether e lies in a .sporbar-scroll box that clips it (the box scrolls instead of the
	// page). An absolutely positioned element whose containing block lies outside the box
	// (such as an .sr-only text in a table when the box is not positioned) escapes the clipping
	// and widens the page.
	const scrolls = e => {
		const box = e.parentElement && e.parentElement.closest('.sporbar-scroll');
		if (!box) return false;
		for (let x = e; x && x !== box; x = x.parentElement) {
			const pos = getComputedStyle(x).position;
			if ((pos === 'absolute' || pos === 'fixed') && !(x.offsetParent && box.contains(x.offsetParent))) return false;
		}
		return true;
	};
	const wide = e => e.getBoundingClientRect().right > w + 0.5;
	for (const e of document.body.querySelectorAll('*')) {
		if (out.length >= 8) break;
		if (!wide(e) || scrolls(e)) continue;
		if (e.parentElement !== document.body && wide(e.parentElement) && !scrolls(e.parentElement) && !e.parentElement.matches('.sporbar-scroll')) {
			const p = e.parentElement.getBoundingClientRect(), r = e.getBoundingClientRect();
			if (r.right <= p.right + 0.5) continue;
		}
		out.push(path(e) + ' (right edge at ' + Math.round(e.getBoundingClientRect().right) + ' px)');
	}
	return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, wide: out};
})()`

// overflowReport is what overflow returns.
type overflowReport struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Wide        []string `json:"wide"`
}

// checkReflow lays the page loaded in the tab of ctx out again in a window 320 CSS pixels wide
// and fails the test when the page scrolls sideways (wide tables sit in .sporbar-scroll boxes,
// which may scroll themselves), naming the elements that stick out. It leaves the window so.
func checkReflow(t *testing.T, ctx context.Context, base string, p page) {
	t.Helper()
	if err := doStep(ctx, chromedp.EmulateViewport(reflowWidth, 800)); err != nil {
		t.Fatal(err)
	}
	m, err := runStep(ctx, chromedp.Evaluate[overflowReport](overflow))
	if err != nil {
		t.Fatal(err)
	}
	if m.InnerWidth != reflowWidth {
		t.Fatalf("window is %d px wide, want %d", m.InnerWidth, reflowWidth)
	}
	if m.ScrollWidth > m.InnerWidth || len(m.Wide) > 0 {
		t.Errorf("%s%s (%s) scrolls sideways at %d px: the page is %d px wide; too wide:\n    %s",
			base, p.Path, p, m.InnerWidth, m.ScrollWidth, strings.Join(m.Wide, "\n    "))
	}
}
