package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestAPIPagingStableUnderWrites walks the status history a few rows a page while status
// updates are inserted and items changed at the same time: every row that existed when the walk
// began is seen exactly once, and ids only grow from page to page.
func TestAPIPagingStableUnderWrites(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	token := ts.newAPIToken(t, kommune, "Sider")
	plan := ts.apiFixture(t, kommune)
	insert := func(ctx context.Context) error {
		_, err := ts.db.Exec(ctx, `INSERT INTO status_updates (organisation_id, action_plan_id, phase, health, progress, as_of, author_id)
			SELECT organisation_id, $1, 'under_implementering', 'paa_sporet', 50, '2026-03-01', id FROM users WHERE email = $2`,
			plan, userEmail(kommune, "admin"))
		return err
	}
	for range 40 {
		ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
		if err := insert(ctx); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
	before := ts.ids(t, `SELECT su.id FROM status_updates su JOIN organisations o ON o.id = su.organisation_id
		WHERE o.slug = $1 ORDER BY su.id`, kommune)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; i < 500; i++ { // bounded, whatever happens to the walk
			select {
			case <-stop:
				return
			default:
			}
			ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
			err := insert(ctx)
			if err == nil {
				_, err = ts.db.Exec(ctx, `UPDATE action_plans SET updated_at = now(), version = version + 1 WHERE id = $1`, plan)
			}
			cancel()
			if err != nil {
				t.Errorf("concurrent write: %v", err)
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	})

	var walked []int64
	path := "/api/v1/status-updates?limit=3"
	for path != "" {
		a := ts.apiGet(t, token, path)
		if a.status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, a.status)
		}
		v := a.json(t)
		for _, row := range v["data"].([]any) {
			walked = append(walked, int64(row.(map[string]any)["id"].(float64)))
		}
		path = ""
		if next, ok := v["next"].(string); ok {
			path = ts.onServer(t, next)
		}
	}
	close(stop)
	wg.Wait()

	if !slices.IsSorted(walked) || len(slices.Compact(slices.Clone(walked))) != len(walked) {
		t.Errorf("the walk's ids are not strictly growing: %v", walked)
	}
	for _, id := range before {
		if !slices.Contains(walked, id) {
			t.Errorf("row %d existed before the walk and was not seen", id)
		}
	}
	if len(walked) < len(before) {
		t.Errorf("walked %d rows, fewer than the %d that existed", len(walked), len(before))
	}
}

// TestAPICSV checks the CSV of a collection: the same at .csv and ?format=csv, Danish Excel's
// layout (BOM, semicolons), the JSON's columns as header, text typed by people guarded against
// formulas and numbers left as numbers, and the next page in a Link header.
func TestAPICSV(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	token := ts.newAPIToken(t, kommune, "CSV")
	ts.apiFixture(t, kommune)

	a := ts.apiGet(t, token, "/api/v1/action-plans.csv")
	b := ts.apiGet(t, token, "/api/v1/action-plans?format=csv")
	if a.status != http.StatusOK || !bytes.Equal(a.body, b.body) {
		t.Fatalf(".csv %d and ?format=csv %d differ", a.status, b.status)
	}
	if !bytes.HasPrefix(a.body, []byte("\uFEFF")) {
		t.Error("no byte order mark")
	}
	records := readAPICSV(t, a.body)
	jsonRow := ts.apiGet(t, token, "/api/v1/action-plans").json(t)["data"].([]any)[0].(map[string]any)
	if len(records[0]) != len(jsonRow) {
		t.Errorf("CSV header %v has %d columns, the JSON row %d", records[0], len(records[0]), len(jsonRow))
	}
	col := func(records [][]string, name string) string {
		i := slices.Index(records[0], name)
		if i < 0 || len(records) < 2 {
			t.Fatalf("no column %s in %v", name, records)
		}
		return records[1][i]
	}
	if got, want := col(records, "title"), `'=HYPERLINK("http://x")`; got != want {
		t.Errorf("title: got %q, want %q", got, want)
	}
	if got, want := col(records, "deadline"), "2026-06-30"; got != want {
		t.Errorf("deadline: got %q, want %q", got, want)
	}

	m := readAPICSV(t, ts.apiGet(t, token, "/api/v1/measurements.csv").body)
	if got, want := col(m, "value"), "-1.25"; got != want {
		t.Errorf("a negative value: got %q, want %q (a number is no formula)", got, want)
	}
	if got, want := col(m, "comment"), "'@SUM(A1)"; got != want {
		t.Errorf("comment: got %q, want %q", got, want)
	}

	paged := ts.apiGet(t, token, "/api/v1/units.csv?limit=2")
	if link := paged.header.Get("Link"); !bytes.Contains([]byte(link), []byte(`rel="next"`)) {
		t.Errorf("Link header %q: want the next page", link)
	}
	if n := len(readAPICSV(t, paged.body)); n != 3 {
		t.Errorf("limit=2: %d lines, want a header and 2 rows", n)
	}
}

// readAPICSV parses a CSV answer (semicolons, a byte order mark).
func readAPICSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	return records
}
