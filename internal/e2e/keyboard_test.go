package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The journeys by keyboard alone: Tab and Shift+Tab to move, Enter and Space to act, the
// arrow keys in a drop-down and a radio group, and typing. Every element the focus reaches
// must show a focus indicator (focus_test.go).

// TestKeyboardSignInAndOut signs the områdeleder in and out with the keyboard: Tab to the
// e-mail field, type, Tab to the password, type, Enter; then Tab to the header's Log af,
// back with Shift+Tab and forth again, and Enter.
func TestKeyboardSignInAndOut(t *testing.T) {
	a := startApp(t)
	ctx := newTab(t)
	a.open(t, ctx, "/login")
	k := newKeyboard(t, ctx)
	k.tabTo("#email", false, 10)
	k.typeText(a.fx.Leader)
	k.tabTo("#password", false, 2)
	k.typeText(testPassword)
	if path, status := k.enterAndLoad(kb.Enter); path != "/mine-opgaver" || status != http.StatusOK {
		t.Fatalf("Enter in the password field led to %s (status %d), want /mine-opgaver", path, status)
	}

	k.tabTo(logoutButton, false, 10)
	k.tabTo(`.portal-user .user a`, true, 1)
	k.tabTo(logoutButton, false, 1)
	if path, _ := k.enterAndLoad(kb.Enter); path != "/login" {
		t.Fatalf("Enter on Log af led to %s, want /login", path)
	}
	a.wantSignedOut(t, ctx)
}

// TestKeyboardStatusAndComment has the områdeleder reach the status form of their local
// initiative by Tab, choose the phase by typing in the drop-down, the health with an arrow
// key in the radio group, type a progress of 150 and a comment, and send it with Enter; go
// back to the progress with Shift+Tab when it comes back with its message, correct it and
// send again; then write a comment in the dialogue and send it with Space. Everything goes
// in without a page load, and the focus stays on the button that was pressed.
func TestKeyboardStatusAndComment(t *testing.T) {
	a := startApp(t)
	ctx := a.tabAs(t, a.fx.Leader)
	path := "/indsatser/" + itoa(a.fx.Local)
	a.open(t, ctx, path)
	if err := doStep(ctx, chromedp.Evaluate[chromedp.Void](`window.__noReload = true`)); err != nil {
		t.Fatal(err)
	}
	k := newKeyboard(t, ctx)
	k.tabTo("#phase", false, 120)
	k.typeText("Under")
	if got := value(t, ctx, "#phase"); got != "under_implementering" {
		t.Fatalf("typing Under in the phase drop-down chose %q, want under_implementering", got)
	}
	// The fixture's status is på sporet, so that radio button is checked and takes the focus.
	k.tabTo(`input[name="health"]`, false, 2)
	k.press(kb.ArrowDown)
	checked, err := runStep(ctx, chromedp.Evaluate[string](`document.querySelector('input[name="health"]:checked')?.value ?? ''`))
	if err != nil {
		t.Fatal(err)
	}
	if checked != "udfordret" {
		t.Fatalf("ArrowDown in the health group checked %q, want udfordret", checked)
	}
	k.tabTo("#progress", false, 2)
	k.clear(4)
	k.typeText("150")
	k.tabTo("#status_comment", false, 6) // through the date field's day, month and year
	const status = "Alle teams er i gang – tastaturet virker."
	k.typeText(status)
	k.tabTo(saveStatus, false, 2)
	k.press(kb.Enter)
	// A progress of 150 comes back with its message; the focus stays on the button, and
	// Shift+Tab leads back to the field, which kept what was typed.
	waitFor(t, ctx, `!!document.querySelector('#progress-error')`, "the message beside #progress")
	wantFieldError(t, ctx, "progress", "150", "Fremdriften skal være et helt tal fra 0 til 100.")
	k.tabTo("#progress", true, 8)
	k.clear(4)
	k.typeText("65")
	k.tabTo(saveStatus, false, 8)
	k.press(kb.Enter)
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector('#status .sporbar-timeline')?.textContent.includes(%q)`, status),
		"the status update sent by keyboard")
	notReloaded(t, ctx, path)
	if !k.matches(saveStatus) {
		t.Errorf("after the inline save the focus is on %s, want it kept on the button Gem status", k.focus().Name)
	}
	if got := text(t, ctx, "#status > p:nth-of-type(2)"); !strings.Contains(got, "Udfordret") || !strings.Contains(got, "65 %") {
		t.Errorf("after the inline save the current status in #status (the badges under \"Seneste status\") reads %q, "+
			"want Udfordret and 65 %%: the section htmx swapped in shows the status from before the update", got)
	}

	k.tabTo(`#dialog textarea[name="body"]`, false, 150)
	const comment = "Skrevet og sendt med tastaturet."
	k.typeText(comment)
	k.tabTo(sendComment, false, 2)
	k.press(" ")
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector('#dialog .sporbar-comments')?.textContent.includes(%q)`, comment),
		"the comment sent by keyboard")
	notReloaded(t, ctx, path)
	if !k.matches(sendComment) {
		t.Errorf("after the inline send the focus is on %s, want it kept on the button Send kommentar", k.focus().Name)
	}
}

// TestKeyboardBrowse follows the region's chain from the front page to handleplan 12-D with
// Tab and Enter only.
func TestKeyboardBrowse(t *testing.T) {
	a := startApp(t)
	ctx := a.adminTab(t, region)
	a.open(t, ctx, "/org/"+region)
	k := newKeyboard(t, ctx)
	strategy := a.lookup(t, `SELECT min(id) FROM strategies WHERE title = 'Social Strategi'`)
	general := a.lookup(t, `SELECT i.id FROM initiatives i JOIN tracks t ON t.id = i.track_id
		WHERE t.strategy_id = $1 AND i.kind = 'general' AND i.number = 12`, strategy)
	plan := a.lookup(t, `SELECT id FROM action_plans WHERE code = '12-D'`)
	for _, s := range []struct{ href, h1 string }{
		{"/strategier/" + strategy, "Social Strategi"},
		{"/indsatser/" + general, "Indsatsområde 12"},
		{"/handleplaner/" + plan, "12-D"},
	} {
		k.tabTo(fmt.Sprintf(`main a[href=%q]`, s.href), false, 250)
		if path, status := k.enterAndLoad(kb.Enter); path != s.href || status != http.StatusOK {
			t.Fatalf("Enter on the link to %s led to %s (status %d)", s.href, path, status)
		}
		if got := text(t, ctx, "h1"); !strings.Contains(got, s.h1) {
			t.Fatalf("%s has the heading %q, want %q", s.href, got, s.h1)
		}
	}
}

// TestKeyboardEditForm saves the action plan's edit form with the keyboard: Tab to the title,
// type at its end, Tab on to the save button and press Enter.
func TestKeyboardEditForm(t *testing.T) {
	a := startApp(t)
	ctx := a.tabAs(t, a.fx.Leader)
	plan := "/handleplaner/" + itoa(a.fx.Plan)
	a.open(t, ctx, plan+"/rediger")
	k := newKeyboard(t, ctx)
	k.tabTo("#title", false, 60)
	k.press(kb.End)
	k.typeText(" i Vest")
	k.tabTo(`main form button[type="submit"]`, false, 60)
	if path, status := k.enterAndLoad(kb.Enter); path != plan || status != http.StatusOK {
		t.Fatalf("Enter on Gem led to %s (status %d), want %s", path, status, plan)
	}
	if got := text(t, ctx, "h1"); !strings.Contains(got, fixtureTitle+" i Vest") {
		t.Errorf("after saving by keyboard the heading is %q", got)
	}
}

// TestKeyboardAddGoal adds a goal linked to a track with the keyboard: Tab to "Nyt mål" and
// Enter, type the title, Tab to the track's checkbox and check it with Space, Tab to Gem and
// Enter.
func TestKeyboardAddGoal(t *testing.T) {
	a := startApp(t)
	ctx := a.adminTab(t, kommune)
	objective := a.lookup(t, `SELECT min(m.id) FROM objectives m JOIN policies p ON p.id = m.policy_id
		JOIN organisations o ON o.id = p.organisation_id WHERE o.slug = $1`, kommune)
	track := a.lookup(t, `SELECT min(t.id) FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = $1`, kommune)
	path := "/maalsaetninger/" + objective
	a.open(t, ctx, path)
	k := newKeyboard(t, ctx)
	k.tabTo(`main a[href="`+path+`/maal/ny"]`, false, 60)
	if got, status := k.enterAndLoad(kb.Enter); got != path+"/maal/ny" || status != http.StatusOK {
		t.Fatalf("Enter on Nyt mål led to %s (status %d)", got, status)
	}
	k.tabTo("#title", false, 30)
	const title = "Målet er skrevet med tastaturet"
	k.typeText(title)
	k.tabTo("#tracks-"+track, false, 10)
	k.press(" ")
	if !k.matches(":checked") {
		t.Fatalf("Space on the checkbox of track %s did not check it", track)
	}
	k.tabTo(`main form[action$="/maal/ny"] button[type="submit"]`, false, 40)
	if got, _ := k.enterAndLoad(kb.Enter); got != path {
		t.Fatalf("Enter on Gem led to %s, want %s", got, path)
	}
	goal := a.lookup(t, `SELECT id FROM goals WHERE title = $1`, title)
	if links := a.lookup(t, `SELECT string_agg(track_id::text, ',') FROM goal_tracks WHERE goal_id = $1`, goal); links != track {
		t.Errorf("the goal added by keyboard is linked to the tracks %q, want %s", links, track)
	}
}
