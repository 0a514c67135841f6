package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes the element that has the keyboard focus and whether it shows a focus
// indicator: a computed outline (style not none, width above 0) or a box-shadow. dkfds draws
// the ring of a radio button or checkbox on its label's ::before, so that is where it is read.
const focused = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return {name: 'body', ring: false, style: ''};
	const label = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
	const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '') +
		(e.getAttribute('href') ? '[href="' + e.getAttribute('href') + '"]' : '') + (label ? ' "' + label + '"' : '');
	// A date field's last Tab stop is the browser's own calendar button inside the field (the
	// field itself then no longer matches :focus); Chromium draws that button's ring itself.
	if (e.matches('input[type=date]') && !e.matches(':focus')) return {name: name + ' (kalenderknap)', ring: true, style: 'Chromium'};
	let s = getComputedStyle(e);
	if ((e.type === 'radio' || e.type === 'checkbox') && e.labels && e.labels.length) s = getComputedStyle(e.labels[0], '::before');
	const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
	const shadow = s.boxShadow !== '' && s.boxShadow !== 'none';
	return {name, ring: outline || shadow, style: 'outline: ' + s.outlineStyle + ' ' + s.outlineWidth + '; box-shadow: ' + s.boxShadow};
})()`

// focusState is what focused returns.
type focusState struct {
	Name  string `json:"name"`
	Ring  bool   `json:"ring"`
	Style string `json:"style"`
}

// keyboard drives a tab with the keyboard alone and checks, at each element the focus
// reaches, that the element shows where the focus is.
type keyboard struct {
	t       *testing.T
	ctx     context.Context
	visited []string // the elements the focus has been on, in order
}

// newKeyboard returns a keyboard for the tab of ctx.
func newKeyboard(t *testing.T, ctx context.Context) *keyboard {
	return &keyboard{t: t, ctx: ctx}
}

// press sends keys (kb's names for the special keys; text is typed) with the modifiers.
func (k *keyboard) press(keys string, mods ...chromedp.Modifier) {
	k.t.Helper()
	if err := doStep(k.ctx, chromedp.KeyEvent(keys, chromedp.KeyModifiers(mods...))); err != nil {
		k.t.Fatalf("press %q: %v", keys, err)
	}
}

// focus returns the state of the focused element.
func (k *keyboard) focus() focusState {
	k.t.Helper()
	f, err := runStep(k.ctx, chromedp.Evaluate[focusState](focused))
	if err != nil {
		k.t.Fatalf("read the focus: %v", err)
	}
	return f
}

// tabTo presses Tab (or Shift+Tab when back is set) until the focused element matches the CSS
// selector sel, at most max times, and fails the test when it does not get there or when an
// element on the way shows no focus indicator.
func (k *keyboard) tabTo(sel string, back bool, max int) {
	k.t.Helper()
	var mods []chromedp.Modifier
	if back {
		mods = append(mods, chromedp.ModifierShift)
	}
	for range max {
		k.press(kb.Tab, mods...)
		f := k.focus()
		k.visited = append(k.visited, f.Name)
		if f.Name != "body" && !f.Ring {
			k.t.Errorf("on %s the focused element %s shows no focus indicator (%s)", k.location(), f.Name, f.Style)
		}
		if k.matches(sel) {
			return
		}
	}
	k.t.Fatalf("on %s, %d presses of Tab did not reach %s; the focus went:\n    %s", k.location(), max, sel,
		strings.Join(last(k.visited, 15), "\n    "))
}

// matches reports whether the focused element matches the CSS selector sel.
func (k *keyboard) matches(sel string) bool {
	k.t.Helper()
	ok, err := runStep(k.ctx, chromedp.Evaluate[bool](fmt.Sprintf(
		`!!document.activeElement && document.activeElement.matches(%q)`, sel)))
	if err != nil {
		k.t.Fatalf("match the focus against %s: %v", sel, err)
	}
	return ok
}

// typeText types s into the focused field, key by key.
func (k *keyboard) typeText(s string) {
	k.t.Helper()
	k.press(s)
}

// clear empties the focused text field with End and Backspace.
func (k *keyboard) clear(n int) {
	k.t.Helper()
	k.press(kb.End + strings.Repeat(kb.Backspace, n))
}

// enterAndLoad presses key (Enter or Space) on the focused element and waits for the page it
// leads to; it returns that page's path and status.
func (k *keyboard) enterAndLoad(key string) (string, int64) {
	k.t.Helper()
	resp, err := runResponseStep(k.ctx, chromedp.KeyEvent(key))
	if err != nil {
		k.t.Fatalf("press %q on %s: %v", key, k.focus().Name, err)
	}
	return location(k.t, k.ctx), resp.Status
}

// waitFor polls until the JavaScript expression cond is true in the page, for up to 5 seconds.
func waitFor(t *testing.T, ctx context.Context, cond, what string) {
	t.Helper()
	if _, err := runStep(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// location is the page's address, for messages.
func (k *keyboard) location() string {
	loc, _ := runStep(k.ctx, chromedp.Location())
	return loc
}

// last returns the last n of s.
func last(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// TestFocusCheckFindsMissingRing guards the focus check against passing everything: on a page
// where one link hides its focus ring and another keeps it, focused must tell them apart.
func TestFocusCheckFindsMissingRing(t *testing.T) {
	ctx := newTab(t)
	const doc = `data:text/html,<!DOCTYPE html><html lang="da"><title>x</title><style>%23skjult:focus{outline:none}</style>` +
		`<body><a id="skjult" href="%23a">uden ring</a> <a id="synlig" href="%23b">med ring</a></body></html>`
	if err := doStep(ctx, chromedp.Navigate(doc)); err != nil {
		t.Fatal(err)
	}
	k := newKeyboard(t, ctx)
	for _, want := range []struct {
		id   string
		ring bool
	}{{"skjult", false}, {"synlig", true}} {
		k.press(kb.Tab)
		if f := k.focus(); !strings.HasPrefix(f.Name, "a#"+want.id) || f.Ring != want.ring {
			t.Errorf("focused reports %+v, want a#%s with ring %v", f, want.id, want.ring)
		}
	}
}

// skipLink checks that the page in the tab of ctx starts with the skip link to the main
// content, and that the main content is there.
const skipLink = `(() => {
	const first = document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
	if (!first || !first.matches('a.skipnav[href="#main-content"]')) return 'the first focusable element is ' + (first ? first.outerHTML.slice(0, 80) : 'missing');
	if (!document.querySelector('main#main-content')) return 'main#main-content is missing';
	return '';
})()`

// checkSkipLink fails the test unless the page in the tab of ctx has its skip link.
func checkSkipLink(t *testing.T, ctx context.Context, base string, p page) {
	t.Helper()
	msg, err := runStep(ctx, chromedp.Evaluate[string](skipLink))
	if err != nil {
		t.Fatal(err)
	}
	if msg != "" {
		t.Errorf("%s%s (%s) has no skip link to the main content: %s", base, p.Path, p, msg)
	}
}
