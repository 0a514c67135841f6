package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// statusForm are the values a journey enters in the status form.
type statusForm struct {
	phase, health, progress, comment string
}

// The selectors of the status and dialogue sections' submit buttons.
const (
	saveStatus  = `#status form button[type="submit"]`
	sendComment = `#send-kommentar`
)

// TestJourneyStatusWithJavaScript has the områdeleder post a status update and a comment on
// their local initiative with JavaScript on: htmx sends them and swaps the sections in place,
// so the page is not loaded again (a marker set on the window before survives), and the new
// entries appear. Then the fagchef sees the new health in the local initiative's cell of
// the samlet skema.
func TestJourneyStatusWithJavaScript(t *testing.T) {
	a := startApp(t)
	ctx := a.tabAs(t, a.fx.Leader)
	path := "/indsatser/" + itoa(a.fx.Local)
	a.open(t, ctx, path)
	if err := doStep(ctx, chromedp.Evaluate[chromedp.Void](`window.__noReload = true`)); err != nil {
		t.Fatal(err)
	}

	s := statusForm{"under_implementering", "udfordret", "45", "Vi mangler to terapeuter (med JavaScript)."}
	fillStatus(t, ctx, s)
	click(t, ctx, saveStatus)
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector('#status .sporbar-timeline')?.textContent.includes(%q)`, s.comment),
		"the new status update in #status")
	notReloaded(t, ctx, path)
	if got := text(t, ctx, "#sporbar-notice"); got != "Statussen er gemt." {
		t.Errorf("the live region says %q after the status update, want %q", got, "Statussen er gemt.")
	}
	if got := text(t, ctx, "#status > p:nth-of-type(2)"); !strings.Contains(got, "Udfordret") || !strings.Contains(got, "45 %") {
		t.Errorf("after the inline save the current status in #status (the badges under \"Seneste status\") reads %q, "+
			"want Udfordret and 45 %%: the section htmx swapped in shows the status from before the update", got)
	}

	const comment = "Vi har holdt møde med teamlederne (med JavaScript)."
	setValue(t, ctx, `#dialog textarea[name="body"]`, comment)
	click(t, ctx, sendComment)
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector('#dialog .sporbar-comments')?.textContent.includes(%q)`, comment),
		"the new comment in #dialog")
	notReloaded(t, ctx, path)
	if got := value(t, ctx, `#dialog textarea[name="body"]`); got != "" {
		t.Errorf("the comment field still holds %q after sending", got)
	}

	a.fagchefSeesHealth(t, a.fx.Local, "Udfordret", "45 %")
}

// TestJourneyStatusWithoutJavaScript posts a status update and a comment with JavaScript off
// in the browser: each form posts normally, the server redirects back to the item, and the
// page shows a flash message and the new entry. Then the fagchef sees the new health.
func TestJourneyStatusWithoutJavaScript(t *testing.T) {
	a := startApp(t)
	ctx := a.noScriptTab(t, a.fx.Leader)
	path := "/indsatser/" + itoa(a.fx.Local)
	a.open(t, ctx, path)

	s := statusForm{"under_implementering", "kritisk", "30", "To terapeuter er sygemeldte (uden JavaScript)."}
	fillStatus(t, ctx, s)
	a.submitAndLand(t, ctx, saveStatus, path, "Statussen er gemt.")
	if got := text(t, ctx, "#status .sporbar-timeline"); !strings.Contains(got, s.comment) {
		t.Errorf("the status timeline does not show the new update; it reads %q", got)
	}

	const comment = "Vi låner en terapeut fra Ældrecentre (uden JavaScript)."
	setValue(t, ctx, `#dialog textarea[name="body"]`, comment)
	a.submitAndLand(t, ctx, sendComment, path, "Kommentaren er sendt.")
	if got := text(t, ctx, "#dialog .sporbar-comments"); !strings.Contains(got, comment) {
		t.Errorf("the dialogue does not show the new comment; it reads %q", got)
	}

	a.fagchefSeesHealth(t, a.fx.Local, "Kritisk", "30 %")
}

// noScriptTab returns a new tab, in a browser context of its own, with JavaScript switched
// off and the person with email signed in.
func (a *app) noScriptTab(t *testing.T, email string) context.Context {
	t.Helper()
	ctx := newTab(t)
	if _, err := callStep(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("switch JavaScript off: %v", err)
	}
	if err := a.signIn(ctx, email, testPassword); err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
	return ctx
}

// fillStatus fills in the status form of the page in the tab of ctx (the date stays today).
func fillStatus(t *testing.T, ctx context.Context, s statusForm) {
	t.Helper()
	setValue(t, ctx, "#phase", s.phase)
	click(t, ctx, fmt.Sprintf(`label[for="%s"]`, radioID(t, ctx, "health", s.health)))
	setValue(t, ctx, "#progress", s.progress)
	if s.comment != "" {
		setValue(t, ctx, "#status_comment", s.comment)
	}
}

// radioID returns the id of the radio button name=value, whose label a person clicks.
func radioID(t *testing.T, ctx context.Context, name, value string) string {
	t.Helper()
	id, err := runStep(ctx, chromedp.AttributeValue(chromedp.CSS(fmt.Sprintf(`input[name=%q][value=%q]`, name, value)), "id"))
	if err != nil || !id.Exists {
		t.Fatalf("radio button %s=%s: %v", name, value, err)
	}
	return id.Value
}

// submitAndLand clicks the submit button sel, which must post the form without JavaScript and
// be redirected back to path, where the page shows the flash message.
func (a *app) submitAndLand(t *testing.T, ctx context.Context, sel, path, flash string) {
	t.Helper()
	resp, err := runResponseStep(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	if got := location(t, ctx); got != path || resp.Status != http.StatusOK {
		t.Fatalf("after %s the page is %s (status %d), want %s: the form did not redirect back", sel, got, resp.Status, path)
	}
	if got := text(t, ctx, "main .alert-success"); got != flash {
		t.Errorf("the flash message is %q, want %q", got, flash)
	}
}

// fagchefSeesHealth signs the kommune's fagchef in and checks that the local initiative's
// entry in the samlet skema shows each of want (the health and progress as text).
func (a *app) fagchefSeesHealth(t *testing.T, local int64, want ...string) {
	t.Helper()
	ctx := a.tabAs(t, a.fagchefs[kommune])
	a.open(t, ctx, "/org/"+kommune+"/oversigt")
	cell, err := runStep(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
		const a = document.querySelector('table.sporbar-matrix td li a[href="/indsatser/%d"]');
		return a ? a.closest('li').textContent.replace(/\s+/g, ' ').trim() : '';
	})()`, local)))
	if err != nil {
		t.Fatal(err)
	}
	if cell == "" {
		t.Fatalf("the samlet skema has no entry for local initiative %d in table.sporbar-matrix", local)
	}
	for _, w := range want {
		if !strings.Contains(cell, w) {
			t.Errorf("in the samlet skema the local initiative reads %q, want %q in it", cell, w)
		}
	}
}

// notReloaded checks that the page in the tab of ctx is still path and was not loaded again:
// the window keeps the marker window.__noReload.
func notReloaded(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	kept, err := runStep(ctx, chromedp.Evaluate[bool](`window.__noReload === true`))
	if err != nil {
		t.Fatal(err)
	}
	if !kept {
		t.Error("the page was loaded again: the marker window.__noReload is gone")
	}
	if got := location(t, ctx); got != path {
		t.Errorf("the page moved to %s, want it to stay on %s", got, path)
	}
}

// click clicks the element that matches the CSS selector sel.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if err := doStep(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// setValue sets the value of the form field that matches the CSS selector sel.
func setValue(t *testing.T, ctx context.Context, sel, v string) {
	t.Helper()
	if err := doStep(ctx, chromedp.SetValue(chromedp.CSS(sel), v)); err != nil {
		t.Fatalf("set %s to %q: %v", sel, v, err)
	}
}

// TestJourneyMentionWithoutJavaScript: with JavaScript off the områdeleder writes a comment
// that mentions themself by e-mail; the dialogue shows it as their bold "@Navn", a link to Min
// profil, and not as the address typed.
func TestJourneyMentionWithoutJavaScript(t *testing.T) {
	a := startApp(t)
	ctx := a.noScriptTab(t, a.fx.Leader)
	path := "/indsatser/" + itoa(a.fx.Local)
	a.open(t, ctx, path)

	setValue(t, ctx, `#dialog textarea[name="body"]`, "Husk mig, @"+a.fx.Leader+".")
	a.submitAndLand(t, ctx, sendComment, path, "Kommentaren er sendt.")
	got := text(t, ctx, `#dialog .sporbar-comments a.sporbar-mention[href="/profil"] strong`)
	if !strings.HasPrefix(got, "@") || strings.Contains(got, a.fx.Leader) {
		t.Errorf("the mention reads %q, want \"@\" and the leader's name", got)
	}
}
