package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestJourneyEditConflict opens the same action plan's edit form in two browser contexts (the
// områdeleder and the fagchef). The first saves; the second saves from its now stale form and
// is shown the conflict, with the stored and its own values side by side, and nothing is
// overwritten. Saving again, having seen the other's values, then goes through.
func TestJourneyEditConflict(t *testing.T) {
	a := startApp(t)
	first, second := a.tabAs(t, a.fx.Leader), a.tabAs(t, a.fagchefs[kommune])
	plan := "/handleplaner/" + itoa(a.fx.Plan)
	for _, ctx := range []context.Context{first, second} {
		a.open(t, ctx, plan+"/rediger")
	}

	setValue(t, first, "#title", "Træning af alle hjemmehjælpere")
	a.submitAndLand(t, first, `main form button[type="submit"]`, plan, "Handleplanen er gemt.")

	setValue(t, second, "#title", "Træning af hjemmehjælpere og aflastere")
	setValue(t, second, "#responsible", "Sygeplejerske Hansen")
	resp, err := runResponseStep(second, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusConflict {
		t.Fatalf("the second save answered %d, want 409 Conflict", resp.Status)
	}
	if got := text(t, second, "#konflikt"); !strings.Contains(got, "En anden har gemt ændringer, mens du redigerede") {
		t.Errorf("the conflict notice reads %q", got)
	}
	rows := conflictRows(t, second)
	want := map[string][2]string{
		"Titel":     {"Træning af alle hjemmehjælpere", "Træning af hjemmehjælpere og aflastere"},
		"Ansvarlig": {"Teamleder Vest", "Sygeplejerske Hansen"},
	}
	for field, w := range want {
		if got, ok := rows[field]; !ok || got != w {
			t.Errorf("conflict row %q is %q, want stored %q beside yours %q (rows: %v)", field, got, w[0], w[1], rows)
		}
	}
	if got := value(t, second, "#title"); got != "Træning af hjemmehjælpere og aflastere" {
		t.Errorf("the form lost the typed title; it holds %q", got)
	}
	stored := a.lookup(t, `SELECT title || ' / ' || responsible FROM action_plans WHERE id = $1`, a.fx.Plan)
	if stored != "Træning af alle hjemmehjælpere / Teamleder Vest" {
		t.Fatalf("after the conflict the action plan holds %q: the second save overwrote the first", stored)
	}

	a.submitAndLand(t, second, `main form button[type="submit"]`, plan, "Handleplanen er gemt.")
	if got := text(t, second, "h1"); !strings.Contains(got, "Træning af hjemmehjælpere og aflastere") {
		t.Errorf("after saving again the heading is %q", got)
	}
}

// conflictRows reads the conflict table: field → [stored, yours].
func conflictRows(t *testing.T, ctx context.Context) map[string][2]string {
	t.Helper()
	rows, err := runStep(ctx, chromedp.Evaluate[[][]string](`[...document.querySelectorAll('table.sporbar-conflict tbody tr')]
		.map(tr => [...tr.children].map(c => c.textContent.replace(/\s+/g, ' ').trim()))`))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2]string{}
	for _, r := range rows {
		if len(r) == 3 {
			out[r[0]] = [2]string{r[1], r[2]}
		}
	}
	return out
}

// TestJourneyBadForm sends the status form with a progress of 150, with JavaScript on (htmx
// swaps the section with its messages) and off (the page comes back with status 422): the
// message stands beside the field, the field is marked invalid and keeps what was typed, and
// the summary at the top links to it; axe-core finds nothing wrong with the section htmx
// swapped in. An action plan whose deadline lies before its start
// gets its message beside the deadline.
func TestJourneyBadForm(t *testing.T) {
	a := startApp(t)
	path := "/indsatser/" + itoa(a.fx.Local)
	s := statusForm{"under_implementering", "paa_sporet", "150", ""}
	t.Run("med-javascript", func(t *testing.T) {
		ctx := a.tabAs(t, a.fx.Leader)
		a.open(t, ctx, path)
		fillStatus(t, ctx, s)
		click(t, ctx, saveStatus)
		waitFor(t, ctx, `!!document.querySelector('#progress-error')`, "the message beside #progress")
		wantFieldError(t, ctx, "progress", "150", "Fremdriften skal være et helt tal fra 0 til 100.")
		// The section htmx swapped in, with its messages, is checked like any page.
		for _, v := range runAxe(t, ctx, readAxe(t)) {
			t.Errorf("%s", formatViolation(a.URL+path+" (status form with messages, swapped in by htmx)", v))
		}
	})
	t.Run("uden-javascript", func(t *testing.T) {
		ctx := a.noScriptTab(t, a.fx.Leader)
		a.open(t, ctx, path)
		fillStatus(t, ctx, s)
		resp, err := runResponseStep(ctx, chromedp.Click(chromedp.CSS(saveStatus)))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("the bad status form answered %d, want 422", resp.Status)
		}
		wantFieldError(t, ctx, "progress", "150", "Fremdriften skal være et helt tal fra 0 til 100.")
	})
	t.Run("handleplan-frist", func(t *testing.T) {
		ctx := a.tabAs(t, a.fx.Leader)
		a.open(t, ctx, "/handleplaner/"+itoa(a.fx.Plan)+"/rediger")
		setValue(t, ctx, "#start", "2026-06-01")
		setValue(t, ctx, "#deadline", "2026-03-01")
		resp, err := runResponseStep(ctx, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("the bad action plan form answered %d, want 422", resp.Status)
		}
		wantFieldError(t, ctx, "deadline", "2026-03-01", "Fristen kan ikke ligge før start.")
	})
}

// wantFieldError checks the field with id: its message msg beside it (in #<id>-error, named by
// its aria-describedby), aria-invalid="true", the typed value kept, and a link to it in the
// error summary.
func wantFieldError(t *testing.T, ctx context.Context, id, typed, msg string) {
	t.Helper()
	if got := text(t, ctx, "#"+id+"-error"); !strings.Contains(got, msg) {
		t.Errorf("beside #%s the message is %q, want %q", id, got, msg)
	}
	attrs, err := runStep(ctx, chromedp.Attributes(chromedp.CSS("#"+id)))
	if err != nil {
		t.Fatal(err)
	}
	if attrs["aria-invalid"] != "true" {
		t.Errorf("#%s has aria-invalid=%q, want \"true\"", id, attrs["aria-invalid"])
	}
	if !strings.Contains(" "+attrs["aria-describedby"]+" ", " "+id+"-error ") {
		t.Errorf("#%s has aria-describedby=%q, which does not name %s-error", id, attrs["aria-describedby"], id)
	}
	if got := value(t, ctx, "#"+id); got != typed {
		t.Errorf("#%s holds %q, want what was typed, %q", id, got, typed)
	}
	if got := text(t, ctx, fmt.Sprintf(`[role=alert] a[href="#%s"]`, id)); got == "" {
		t.Errorf("the error summary has no link to #%s", id)
	}
}

// TestJourneyOtherOmraade has the områdeleder of ownUnit try another område's local
// initiative: its page shows no edit link and no status form, and its edit form's address and
// a status posted to it both get the Danish 403 page.
func TestJourneyOtherOmraade(t *testing.T) {
	a := startApp(t)
	ctx := a.tabAs(t, a.fx.Leader)
	other := "/indsatser/" + itoa(a.fx.Other)
	a.open(t, ctx, other)
	for _, sel := range []string{`main a[href="` + other + `/rediger"]`, `#status form`} {
		n, err := runStep(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("another område's initiative offers the områdeleder %s", sel)
		}
	}
	forbidden(t, ctx, a.visitResponse(t, ctx, page{Path: other + "/rediger"}), other+"/rediger")
	forbidden(t, ctx, a.visitResponse(t, ctx, page{Path: other + "/status", Form: url.Values{
		"phase": {"implementeret"}, "health": {"paa_sporet"}, "progress": {"100"}}}), other+"/status")
}

// visitResponse loads p in the tab of ctx and returns the response.
func (a *app) visitResponse(t *testing.T, ctx context.Context, p page) *pageResponse {
	t.Helper()
	resp, err := a.load(ctx, p)
	if err != nil {
		t.Fatalf("load %s: %v", p, err)
	}
	return resp
}

// forbidden checks that the response is the Danish 403 page.
func forbidden(t *testing.T, ctx context.Context, resp *pageResponse, what string) {
	t.Helper()
	if resp.Status != http.StatusForbidden {
		t.Errorf("%s answered %d, want 403", what, resp.Status)
		return
	}
	if got := text(t, ctx, "h1"); got != "Du har ikke adgang til denne side" {
		t.Errorf("%s: the 403 page's heading is %q", what, got)
	}
}
