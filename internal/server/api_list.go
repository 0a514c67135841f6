package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/store"
)

// The API's collections (store.APICollections): /api/v1/{name} is a page of the token's
// organisation's rows in id order, /api/v1/{name}/{id} one row, /api/v1/{name}.csv (or
// ?format=csv) the same page as CSV. Paging is by id: "after" is the last id of the previous
// page, and the answer's "next" is the address of the next page (null after the last).

const (
	apiDefaultLimit = 100
	apiMaxLimit     = 1000
)

// apiList answers a page of the collection name as JSON ({"data": [...], "next": …,
// "next_after": …}) or CSV (with the next page in a Link header).
func (s *Server) apiList(name string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		q, err := apiPageQuery(r.URL.Query())
		if err != nil {
			return err
		}
		q.OrganisationID = apiToken(r).OrganisationID
		limit := q.Limit
		q.Limit++ // one more tells whether there is a next page
		page, err := s.store.ListAPI(r.Context(), name, q)
		if err != nil {
			return err
		}
		var next string
		var nextAfter any
		if len(page.Rows) > limit {
			page.Rows = page.Rows[:limit]
			after := page.Rows[limit-1][0].(int64)
			next, nextAfter = s.apiNext(r, after), after
		}
		if wantsCSV(r) {
			if next != "" {
				w.Header().Set("Link", "<"+next+`>; rel="next"`)
			}
			return sendCSVRows(w, r, name+".csv", page.Columns, apiCSV(page))
		}
		var nextLink any
		if next != "" {
			nextLink = next
		}
		return writeAPIPage(w, r, page, nextLink, nextAfter)
	}
}

// apiItem answers one row of the collection name ({"data": {...}}); a row of another
// organisation is 404, like one that does not exist.
func (s *Server) apiItem(name string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := idParam(r, "id")
		if err != nil {
			return err
		}
		page, err := s.store.ListAPI(r.Context(), name, store.APIQuery{
			OrganisationID: apiToken(r).OrganisationID, ID: id, Limit: 1})
		if err != nil {
			return err
		}
		if len(page.Rows) == 0 {
			return store.ErrNotFound
		}
		return writeJSON(w, r, http.StatusOK, map[string]any{"data": apiRecord{page.Columns, page.Rows[0]}})
	}
}

// apiPageQuery reads limit (1–1000, 100 by default), after (an id) and updated_since (a time
// as 2026-03-01T12:00:00Z or a date as 2026-03-01) from the query; a bad value is a 400 that
// names the parameter.
func apiPageQuery(v url.Values) (store.APIQuery, error) {
	q := store.APIQuery{Limit: apiDefaultLimit}
	bad := func(msg string) error { return apiError{status: http.StatusBadRequest, msg: msg} }
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > apiMaxLimit {
			return q, bad("limit skal være et heltal fra 1 til " + strconv.Itoa(apiMaxLimit) + ".")
		}
		q.Limit = n
	}
	if s := v.Get("after"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return q, bad("after skal være et id (et heltal på 0 eller mere).")
		}
		q.After = n
	}
	if s := v.Get("updated_since"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t, err = time.Parse(time.DateOnly, s)
		}
		if err != nil {
			return q, bad("updated_since skal være et tidspunkt som 2026-03-01T12:00:00Z eller en dato som 2026-03-01.")
		}
		q.UpdatedSince = &t
	}
	if f := v.Get("format"); f != "" && f != "json" && f != "csv" {
		return q, bad("format skal være json eller csv.")
	}
	return q, nil
}

// wantsCSV reports whether the request asks for CSV (the .csv address or ?format=csv).
func wantsCSV(r *http.Request) bool {
	return strings.HasSuffix(r.URL.Path, ".csv") || r.URL.Query().Get("format") == "csv"
}

// apiNext is the absolute address (under BASE_URL) of the page after the id after, with the
// request's other parameters kept.
func (s *Server) apiNext(r *http.Request, after int64) string {
	q := r.URL.Query()
	q.Set("after", strconv.FormatInt(after, 10))
	return s.cfg.BaseURL + r.URL.Path + "?" + q.Encode()
}

// writeAPIPage writes a page as JSON, each row an object with the columns in their order.
func writeAPIPage(w http.ResponseWriter, r *http.Request, page store.APIPage, next, nextAfter any) error {
	data := make([]apiRecord, len(page.Rows))
	for i, row := range page.Rows {
		data[i] = apiRecord{page.Columns, row}
	}
	return writeJSON(w, r, http.StatusOK, struct {
		Data      []apiRecord `json:"data"`
		Next      any         `json:"next"`
		NextAfter any         `json:"next_after"`
	}{data, next, nextAfter})
}

// apiRecord is one row as a JSON object whose keys keep the query's column order.
type apiRecord struct {
	columns []string
	values  []any
}

// MarshalJSON writes the row's columns in order.
func (rec apiRecord) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, col := range rec.columns {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(col)
		v, err := json.Marshal(rec.values[i])
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// apiCSV is a page as CSV rows: numbers with a decimal point, dates as 2026-03-01, times in UTC
// as 2026-03-01T12:00:00Z, id lists joined with commas, nothing as "". sendCSVRows guards every
// cell against formulas (csvText), which leaves a negative number a number.
func apiCSV(page store.APIPage) [][]string {
	rows := make([][]string, len(page.Rows))
	for i, row := range page.Rows {
		rec := make([]string, len(row))
		for j, v := range row {
			rec[j] = apiCSVCell(v)
		}
		rows[i] = rec
	}
	return rows
}

// apiCSVCell is one value as CSV text.
func apiCSVCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = apiCSVCell(p)
		}
		return strings.Join(parts, ",")
	}
	b, _ := json.Marshal(v)
	return string(b)
}
