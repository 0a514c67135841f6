package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestJourneyAddGoal has the kommune's administrator add a goal to a målsætning and link it to
// a strategispor: from the målsætning's page by the link "Nyt mål", the form with the track's
// checkbox, back to the målsætning with a flash message and the new goal listed, and on to the
// goal's page, which names the track; Bilag 1 (Sammenhæng) shows the link too.
func TestJourneyAddGoal(t *testing.T) {
	a := startApp(t)
	ctx := a.adminTab(t, kommune)
	objective := a.lookup(t, `SELECT min(m.id) FROM objectives m JOIN policies p ON p.id = m.policy_id
		JOIN organisations o ON o.id = p.organisation_id WHERE o.slug = $1`, kommune)
	track := a.lookup(t, `SELECT min(t.id) FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, kommune)
	const title = "At flere borgere træner hjemme med digital vejledning"

	path := "/maalsaetninger/" + objective
	a.open(t, ctx, path)
	resp, err := runResponseStep(ctx, chromedp.Click(chromedp.CSS(`main a[href="`+path+`/maal/ny"]`)))
	if err != nil {
		t.Fatalf("click Nyt mål on %s: %v", path, err)
	}
	if resp.Status != http.StatusOK || location(t, ctx) != path+"/maal/ny" {
		t.Fatalf("Nyt mål led to %s (status %d)", resp.URL, resp.Status)
	}
	setValue(t, ctx, "#title", title)
	click(t, ctx, fmt.Sprintf(`label[for="tracks-%s"]`, track))
	a.submitAndLand(t, ctx, `main form[action$="/maal/ny"] button[type="submit"]`, path, "Målet er oprettet.")

	goal := a.lookup(t, `SELECT id FROM goals WHERE title = $1`, title)
	links := a.lookup(t, `SELECT string_agg(track_id::text, ',') FROM goal_tracks WHERE goal_id = $1`, goal)
	if links != track {
		t.Errorf("the new goal is linked to the tracks %q, want %s", links, track)
	}
	a.walk(t, ctx, []step{{fmt.Sprintf(`//main//a[@href="/maal/%s"]`, goal), title}})
	n, err := runStep(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll('main a[href="/spor/%s"]').length`, track)))
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Errorf("the new goal's page does not link to the track /spor/%s it is realised through", track)
	}

	a.open(t, ctx, "/org/"+kommune+"/sammenhaeng")
	row, err := runStep(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
		const a = document.querySelector('main a[href="/maal/%s"]');
		return a ? a.closest('tr').innerHTML : '';
	})()`, goal)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(row, `href="/spor/`+track+`"`) {
		t.Errorf("in Sammenhæng the new goal's row does not link to /spor/%s: %q", track, row)
	}
}
