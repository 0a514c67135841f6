package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

func TestZZDebug(t *testing.T) {
	a := startApp(t)
	for _, c := range []struct{ as, path string }{{asLeader, "/mine-opgaver"}, {asAdmin, "/org/" + kommune + "/direktion"}} {
		ctx := a.tabFor(t, kommune, c.as)
		chromedp.Do(ctx, chromedp.EmulateViewport(320, 800))
		a.open(t, ctx, c.path)
		s, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const w = innerWidth, out = [document.documentElement.scrollWidth + ' ' + document.body.scrollWidth];
		for (const e of document.querySelectorAll('*')) { const r = e.getBoundingClientRect(); if (r.right > w + 0.5 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible') out.push(e.tagName + '.' + e.className + ' r=' + Math.round(r.right) + ' sw=' + e.scrollWidth + ' cw=' + e.clientWidth + ' ' + getComputedStyle(e).overflowX + ' ' + getComputedStyle(e).position); }
		return out.slice(0, 40); })()`))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range s {
			t.Log(c.path, l)
		}
	}
}
