package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestMeetingFitsTheScreen checks "nothing to scroll before the first answer" on the meeting
// screen (pages/meeting.templ) in a window of 1920×1080: the distribution of assessments, the
// tables per policy and per track, and the heading of the list of kritisk and overdue items
// all begin within the first screenful.
func TestMeetingFitsTheScreen(t *testing.T) {
	a := startApp(t)
	ctx := a.adminTab(t, kommune)
	if err := doStep(ctx, chromedp.EmulateViewport(1920, 1080)); err != nil {
		t.Fatal(err)
	}
	a.visit(t, ctx, page{Route: "/org/{org}/moede", Path: "/org/" + kommune + "/moede", Status: 200, As: asAdmin})
	tests := []struct{ name, sel string }{
		{"fordelingen", ".sporbar-meeting-counts"},
		{"pr. politik", "table.sporbar-meeting-politik"},
		{"pr. spor", "table.sporbar-meeting-spor"},
		{"kritiske og overskredne", "#moede-kritisk"},
	}
	for _, tt := range tests {
		top, err := runStep(ctx, chromedp.Evaluate[float64](`document.querySelector('`+tt.sel+`').getBoundingClientRect().top`))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if top <= 0 || top >= 1080 {
			t.Errorf("%s (%s) begins at %.0f px, want within the first 1080", tt.name, tt.sel, top)
		}
	}
	bottom, err := runStep(ctx, chromedp.Evaluate[float64](`document.querySelector('.sporbar-meeting-counts').getBoundingClientRect().bottom`))
	if err != nil {
		t.Fatal(err)
	}
	if bottom >= 1080 {
		t.Errorf("the distribution ends at %.0f px, below the screen", bottom)
	}
}
