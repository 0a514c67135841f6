// Package e2e tests Sporbar in a real browser, inside `go test`.
//
// Everything lives in the package's test files: TestMain starts one headless Chromium per test
// binary (browser_test.go), each test starts Sporbar on a free port over a fresh, seeded
// database of its own, with an administrator and a fagchef in each organisation and, in the
// kommune, an områdeleder with a local initiative, an action plan, a status, a dialogue and an
// indicator (app_test.go, fixture_test.go), and gets its own browser contexts, so cookies never
// leak between tests. The checks:
//
//   - every page, loaded once, passes axe-core's WCAG 2.1 A/AA rules at 1280 px, does not
//     scroll sideways at 320 CSS px and has nothing cut off at 200 % zoom (a11y_test.go,
//     reflow_test.go, zoom_test.go);
//   - every page's server output is valid HTML to the Nu HTML Checker (html_test.go);
//   - journeys as the people who use Sporbar: sign in and out, browse the chain, post status and
//     comments with JavaScript (inline, by htmx) and without (POST, redirect, flash), two people
//     editing one action plan, a bad form, another område's item, an admin adding a goal
//     (journey*_test.go);
//   - the same journeys by keyboard alone, with a visible focus indicator on every element the
//     focus reaches (keyboard_test.go, focus_test.go);
//   - the main pages are photographed for the documentation (screenshots_test.go).
//
// The page list is built from the router itself (pages_test.go, pagelist_test.go), so a new
// route is checked without anyone remembering to add it; a route whose parameters the tests
// cannot fill fails. Beside the routes it holds the områdeleder's pages with items, the error
// pages and forms sent with mistakes (422, 409, 400), each visited as the person it names.
//
// Needs: Chromium and Java (`make browser`), web/node_modules (`make assets`), and
// TEST_DATABASE_URL (`make test` sets it).
package e2e
