package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sporbar/sporbar/internal/demo"
)

// TestJourneySearch: with the demo activity loaded, the områdeleder types "indsats" in the
// search field of the navigation, gets the results grouped by level and follows the
// handleplan about weekend teams to its page.
func TestJourneySearch(t *testing.T) {
	a := startApp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := demo.Activity(ctx, a.Store, demo.Org{Slug: kommune, Fagchef: a.fagchefs[kommune], Leader: a.fx.Leader},
		demo.Today(time.Now())); err != nil {
		t.Fatalf("demo activity: %v", err)
	}
	tab := a.tabAs(t, a.fx.Leader)
	a.open(t, tab, "/org/"+kommune)
	setValue(t, tab, "#sporbar-soeg", "indsats")
	resp, err := runResponseStep(tab, chromedp.Click(chromedp.CSS(".sporbar-header-search button")))
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if got, want := location(t, tab), "/org/"+kommune+"/soeg?q=indsats"; got != want || resp.Status != http.StatusOK {
		t.Fatalf("the search led to %s (status %d), want %s", got, resp.Status, want)
	}
	if got := text(t, tab, "h1"); got != "Søg" {
		t.Errorf("the results page's heading is %q, want Søg", got)
	}
	if got := text(t, tab, "#niveau-handleplaner"); got != "Handleplaner" {
		t.Errorf("the handleplaner's heading is %q, want Handleplaner", got)
	}
	a.walk(t, tab, []step{{link("Weekendteams"), "Weekendteams"}})
	if got := text(t, tab, "h1"); !strings.Contains(got, "indsats") {
		t.Errorf("the handleplan's heading is %q, want the title with indsats", got)
	}
}
