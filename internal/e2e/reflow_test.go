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
const overflow = `(() => {
	const w = window.innerWidth, out = [];
	for (const e of document.body.querySelectorAll('*')) {
		if (out.length < 8 && e.getBoundingClientRect().right > w + 0.5 && !e.parentElement.closest('.sporbar-scroll')) {
			out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
				(e.classList.length ? '.' + [...e.classList].join('.') : '') +
				' (' + Math.round(e.getBoundingClientRect().right) + 'px)');
		}
	}
	return {scrollWidth: document.documentElement.scrollWidth, innerWidth: w, wide: out};
})()`

// TestReflow requires that no page scrolls sideways in a window 320 CSS pixels wide: wide
// tables sit in .sporbar-scroll boxes, which may scroll themselves.
func TestReflow(t *testing.T) {
	a := startApp(t)
	a.eachPage(t, func(t *testing.T, ctx context.Context, p page) {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(reflowWidth, 800)); err != nil {
			t.Fatal(err)
		}
		a.visit(t, ctx, p)
		m, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
			ScrollWidth int      `json:"scrollWidth"`
			InnerWidth  int      `json:"innerWidth"`
			Wide        []string `json:"wide"`
		}](overflow))
		if err != nil {
			t.Fatal(err)
		}
		if m.InnerWidth != reflowWidth {
			t.Fatalf("window is %d px wide, want %d", m.InnerWidth, reflowWidth)
		}
		if m.ScrollWidth > m.InnerWidth {
			t.Errorf("%s%s scrolls sideways at %d px: the page is %d px wide; too wide:\n    %s",
				a.URL, p.Path, m.InnerWidth, m.ScrollWidth, strings.Join(m.Wide, "\n    "))
		}
	})
}
