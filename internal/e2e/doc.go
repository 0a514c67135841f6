// Package e2e tests Sporbar in a real browser, inside `go test`.
//
// Everything lives in the package's test files: TestMain starts one headless Chromium per test
// binary (browser_test.go), each test starts Sporbar on a free port over a fresh, seeded
// database of its own and gets its own browser context, so cookies never leak between tests
// (app_test.go). The checks:
//
//   - every page of the router passes axe-core's WCAG 2.1 A/AA rules (a11y_test.go);
//   - every page's server output is valid HTML to the Nu HTML Checker (html_test.go);
//   - no page scrolls sideways at 320 CSS pixels (reflow_test.go);
//   - people can follow the chain by clicking and by keyboard (journey_test.go);
//   - the main pages are photographed for the documentation (screenshots_test.go).
//
// The page list is built from the router itself (pages_test.go), so a new route is checked
// without anyone remembering to add it; a route whose parameters the tests cannot fill fails.
//
// Needs: Chromium and Java (`make browser`), web/node_modules (`make assets`), and
// TEST_DATABASE_URL (`make test` sets it).
package e2e
