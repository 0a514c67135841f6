package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// 200 % zoom (WCAG 1.4.4) of a 1280 pixel wide window is a window 640 CSS pixels wide with
// two device pixels to each CSS pixel: that is how the checks emulate it.
const (
	zoomWidth  = 640
	zoomHeight = 450
	zoomScale  = 2
)

// cutOff names what is cut off in the page: elements whose right edge lies beyond the window
// (except inside the .sporbar-scroll boxes, which scroll), and elements that hide their
// overflow (overflow hidden or clip) while their text does not fit, such as a heading cut
// short (elements visually hidden on purpose, 1 px boxes such as .sr-only, are not counted as
// clipped text). An element is named only when it, not an ancestor, sticks out.
const cutOff = `(() => {
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
	const hides = v => v === 'hidden' || v === 'clip';
	for (const e of document.body.querySelectorAll('*')) {
		if (out.length >= 8) break;
		const r = e.getBoundingClientRect();
		if (r.right > w + 0.5 && !scrolls(e)) {
			const pe = e.parentElement, p = pe.getBoundingClientRect();
			if (pe === document.body || p.right <= w + 0.5 || scrolls(pe) || r.right > p.right + 0.5) {
				out.push(path(e) + ': right edge at ' + Math.round(r.right) + ' px, beyond the window');
			}
			continue;
		}
		if (r.width <= 1 || r.height <= 1 || e.closest('.sr-only, .skipnav')) continue;
		const s = getComputedStyle(e);
		if ((hides(s.overflowX) && e.scrollWidth > e.clientWidth + 1) || (hides(s.overflowY) && e.scrollHeight > e.clientHeight + 1)) {
			if (e.textContent.trim() !== '') {
				out.push(path(e) + ': text clipped (overflow ' + s.overflowX + '/' + s.overflowY + ', content ' +
					e.scrollWidth + '×' + e.scrollHeight + ' in ' + e.clientWidth + '×' + e.clientHeight + ' px)');
			}
		}
	}
	return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, wide: out};
})()`

// checkZoom re-lays the page loaded in the tab of ctx out at 200 % zoom and fails the test when
// something is cut off or the page scrolls sideways. It leaves the window zoomed.
func checkZoom(t *testing.T, ctx context.Context, base string, p page) {
	t.Helper()
	if err := doStep(ctx, chromedp.EmulateViewport(zoomWidth, zoomHeight, chromedp.EmulateScale(zoomScale))); err != nil {
		t.Fatal(err)
	}
	m, err := runStep(ctx, chromedp.Evaluate[overflowReport](cutOff))
	if err != nil {
		t.Fatal(err)
	}
	if m.InnerWidth != zoomWidth {
		t.Fatalf("at 200 %% zoom the window is %d CSS px wide, want %d", m.InnerWidth, zoomWidth)
	}
	if m.ScrollWidth > m.InnerWidth || len(m.Wide) > 0 {
		t.Errorf("%s%s (%s) at 200 %% zoom (%d CSS px): the page is %d px wide; cut off:\n    %s",
			base, p.Path, p, m.InnerWidth, m.ScrollWidth, strings.Join(m.Wide, "\n    "))
	}
}

// TestZoomFindsCutOffText guards checkZoom's measurement against finding nothing: a heading
// clipped by overflow:hidden and a box wider than the window must both be named.
func TestZoomFindsCutOffText(t *testing.T) {
	ctx := newTab(t)
	const bad = `data:text/html,<!DOCTYPE html><html lang="da"><title>x</title><body>` +
		`<h1 style="width:100px;overflow:hidden;white-space:nowrap">En meget lang overskrift, der ikke kan være her</h1>` +
		`<div id="bred" style="width:900px">bred</div></body></html>`
	if err := doStep(ctx, chromedp.EmulateViewport(zoomWidth, zoomHeight, chromedp.EmulateScale(zoomScale)),
		chromedp.Navigate(bad)); err != nil {
		t.Fatal(err)
	}
	m, err := runStep(ctx, chromedp.Evaluate[overflowReport](cutOff))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(m.Wide, "\n")
	for _, want := range []string{"h1: text clipped", "div#bred: right edge"} {
		if !strings.Contains(got, want) {
			t.Errorf("cutOff did not report %q; it found:\n%s", want, got)
		}
	}
}
