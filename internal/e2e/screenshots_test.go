package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenshotWidths are the window widths of the screenshots: a desktop and a phone.
var screenshotWidths = []struct {
	suffix string
	width  int64
}{{"1280", 1280}, {"375", 375}}

// TestScreenshots photographs the main pages (as the person whose work they show; the
// områdeleder's pages with the fixture's status and dialogue), full length, at each of screenshotWidths into
// $SCREENSHOT_DIR (default: docs/screenshots), as <name>-<width>.png.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("SCREENSHOT_DIR")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "docs", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	a := startApp(t)
	shots := []struct {
		name, org, as, path string
	}{
		{"kommune", kommune, asAdmin, "/org/" + kommune},
		{"region", region, asAdmin, "/org/" + region},
		{"sammenhaeng", kommune, asAdmin, "/org/" + kommune + "/sammenhaeng"},
		{"aftale", kommune, asAdmin, "/aftaler/" + a.lookup(t, `SELECT min(id) FROM agreements WHERE kind = 'overordnet'`)},
		{"indsatsplan-2016", region, asAdmin, "/indsatsplaner/" + a.lookup(t, `SELECT id FROM annual_plans WHERE year = 2016`)},
		{"handleplan", region, asAdmin, "/handleplaner/" + a.lookup(t, `SELECT id FROM action_plans WHERE code = '12-D'`)},
		{"indsatstrappen", kommune, asAdmin, "/org/" + kommune + "/indsatstrappen"},
		{"samlet-skema", kommune, asFagchef, "/org/" + kommune + "/oversigt"},
		{"mine-opgaver", kommune, asLeader, "/mine-opgaver"},
		{"indsats-status-dialog", kommune, asLeader, "/indsatser/" + itoa(a.fx.Local)},
		{"tidsplan", kommune, asAdmin, "/org/" + kommune + "/tidsplan"},
		{"udvikling", kommune, asAdmin, "/org/" + kommune + "/udvikling"},
		{"soeg", kommune, asAdmin, "/org/" + kommune + "/soeg?q=rehabilitering"},
	}
	tabs := map[string]context.Context{}
	for _, s := range shots {
		if k := s.org + "/" + s.as; tabs[k] == nil {
			tabs[k] = a.tabFor(t, s.org, s.as)
		}
	}
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			ctx := tabs[s.org+"/"+s.as]
			for _, w := range screenshotWidths {
				if err := doStep(ctx, chromedp.EmulateViewport(w.width, 800)); err != nil {
					t.Fatal(err)
				}
				a.open(t, ctx, s.path)
				// Wait for the web fonts, so that the picture shows the page as people see it.
				if err := doStep(ctx, chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => true)`,
					chromedp.EvalAwaitPromise)); err != nil {
					t.Fatal(err)
				}
				png, err := runStep(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("screenshot at %d px: %v", w.width, err)
				}
				if err := os.WriteFile(filepath.Join(dir, s.name+"-"+w.suffix+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
