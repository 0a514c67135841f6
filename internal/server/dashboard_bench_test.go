package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/bench/benchdb"
	"github.com/sporbar/sporbar/internal/config"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// BenchmarkDashboard is the fagchef's samlet skema of the largest strategy of a small national
// data set (docs/benchmarks.md), in parts:
//
//	request  the whole request through the handler: session, queries, view and rendering
//	         (the kept skema turned off: PAGE_CACHE_MB=0)
//	kept     the whole request when the skema's body is kept (pageCache): session, organisation, layout
//	load     loadFollowUp: the organisation, the scope and the items (the queries and their scanning)
//	view     dashboardView: the skema, its summaries and roll-up from loaded data (no queries)
//	render   pages.DashboardBody in pages.Dashboard into a buffer (no queries)
//
// go test -run '^$' -bench Dashboard -benchmem ./internal/server/
func BenchmarkDashboard(b *testing.B) {
	ctx := context.Background()
	pool := benchdb.New(b)
	l, err := benchdb.FindLargest(ctx, pool)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	st := store.New(pool)
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	kept := New(cfg, st, discard).Handler()
	cfg.PageCacheMB = 0
	s := New(cfg, st, discard)
	h := s.Handler()
	path := "/org/" + l.OrgSlug + "/oversigt"
	cookie := benchSignIn(b, h, l.Fagchef)

	for _, bb := range []struct {
		name string
		h    http.Handler
	}{{"request", h}, {"kept", kept}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.Header.Set("Cookie", cookie)
				w := httptest.NewRecorder()
				bb.h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", path, w.Code)
				}
			}
		})
	}

	u, err := st.GetUserByEmail(ctx, l.Fagchef)
	if err != nil {
		b.Fatal(err)
	}
	rctx := chi.NewRouteContext()
	rctx.URLParams.Add("org", l.OrgSlug)
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r = r.WithContext(context.WithValue(context.WithValue(c.WithToday(ctx, s.today()), chi.RouteCtxKey, rctx), ctxUser, &u))
	fu, err := s.loadFollowUp(r, true)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.loadFollowUp(r, true); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(fu.items)), "items")
	})
	b.Run("view", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f := fu
			f.items = append([]pages.Item(nil), fu.items...) // dashboardView writes the roll-up into the items
			s.dashboardView(f)
		}
	})
	p := s.orgPage(r, fu.org, "opfoelgning", "Samlet skema", c.Crumb{Label: "Samlet skema"})
	v := s.dashboardView(fu)
	b.Run("render", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			if err := pages.Dashboard(p, pages.DashboardBody(v)).Render(r.Context(), &buf); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(buf.Len()))
	})
}

// benchSignIn signs email in through h and returns the session cookie as a header value.
func benchSignIn(b *testing.B, h http.Handler, email string) string {
	b.Helper()
	form := url.Values{"email": {email}, "password": {benchdb.Password}}
	r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusSeeOther {
		b.Fatalf("sign in %s: %d", email, w.Code)
	}
	var parts []string
	for _, ck := range w.Result().Cookies() {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; ")
}
