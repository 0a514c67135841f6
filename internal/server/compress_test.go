package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/google/go-cmp/cmp"
)

// encoded is what the compression tests compare of a response.
type encoded struct {
	Status          int
	ContentEncoding string
	Vary            string
	Same            bool // the decoded body equals the body sent without compression
}

// Compressible responses are compressed as the client asks; tiny bodies and compressed types
// are not; HEAD is answered wherever GET is.
func TestCompression(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	css := "/static/css/app.css"
	tests := []struct {
		name, path, accept string
		want               encoded
	}{
		{"a page, brotli preferred", "/", "gzip, deflate, br", encoded{200, "br", "Accept-Encoding", true}},
		{"a page, gzip", "/", "gzip", encoded{200, "gzip", "Accept-Encoding", true}},
		{"a page, gzip by q-value", "/", "br;q=0.5, gzip", encoded{200, "gzip", "Accept-Encoding", true}},
		{"a page, nothing accepted", "/", "", encoded{200, "", "Accept-Encoding", true}},
		{"a page, gzip refused", "/", "gzip;q=0", encoded{200, "", "Accept-Encoding", true}},
		{"a stylesheet, precompressed", css, "gzip", encoded{200, "gzip", "Accept-Encoding", true}},
		{"a stylesheet, precompressed brotli", css, "br", encoded{200, "br", "Accept-Encoding", true}},
		{"dkfds' stylesheet", "/static/vendor/dkfds/css/dkfds.min.css", "br, gzip", encoded{200, "br", "Accept-Encoding", true}},
		{"an SVG", "/static/vendor/dkfds/img/all-svg-icons.svg", "gzip", encoded{200, "gzip", "Accept-Encoding", true}},
		{"a tiny SVG", "/static/img/favicon.svg", "gzip", encoded{200, "", "Accept-Encoding", true}},
		{"a PNG is compressed already", "/static/vendor/dkfds/img/logo-header-placeholder.png", "gzip", encoded{200, "", "Accept-Encoding", true}},
		{"a tiny body", "/healthz", "gzip", encoded{200, "", "Accept-Encoding", true}},
		{"a missing static file (the 404 page)", "/static/css/none.css", "gzip", encoded{404, "gzip", "Accept-Encoding", true}},
		{"a page that is not there", "/findes-ikke", "gzip", encoded{404, "gzip", "Accept-Encoding", true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, plain := fetchEncoded(t, ts, http.MethodGet, tt.path, "")
			resp, body := fetchEncoded(t, ts, http.MethodGet, tt.path, tt.accept)
			got := encoded{resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"),
				bytes.Equal(decode(t, resp.Header.Get("Content-Encoding"), body), plain)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("GET %s with Accept-Encoding %q (-want +got):\n%s", tt.path, tt.accept, diff)
			}
		})
	}
}

// fetchEncoded sends method to path with Accept-Encoding accept (the client then leaves the
// body as it came) and returns the response with its body read.
func fetchEncoded(t *testing.T, ts *testServer, method, path, accept string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", accept)
	if accept == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := ts.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp, body
}

// decode undoes the content coding enc.
func decode(t *testing.T, enc string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch enc {
	case "":
		return body
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	default:
		t.Fatalf("unknown coding %q", enc)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", enc, err)
	}
	return out
}

// HEAD is answered wherever GET is, with GET's status and headers and no body.
func TestHeadLikeGet(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	for _, path := range []string{"/", "/healthz", "/static/css/app.css", "/org/ringkobing-skjern/oversigt", "/findes-ikke"} {
		t.Run(path, func(t *testing.T) {
			get, _ := fetchEncoded(t, ts, http.MethodGet, path, "gzip")
			head, body := fetchEncoded(t, ts, http.MethodHead, path, "gzip")
			type answer struct {
				Status              int
				ContentType, Coding string
				Body                int
			}
			want := answer{get.StatusCode, get.Header.Get("Content-Type"), get.Header.Get("Content-Encoding"), 0}
			got := answer{head.StatusCode, head.Header.Get("Content-Type"), head.Header.Get("Content-Encoding"), len(body)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("HEAD %s (-GET +HEAD):\n%s", path, diff)
			}
		})
	}
}

// A range of a static file is served from the file as it is, never from its compressed form.
func TestStaticRangeUncompressed(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	req, err := http.NewRequest(http.MethodGet, ts.srv.URL+"/static/vendor/dkfds/css/dkfds.min.css", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "br, gzip")
	req.Header.Set("Range", "bytes=0-99")
	resp, err := ts.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		Status   int
		Encoding string
		Length   int
	}
	if diff := cmp.Diff(answer{http.StatusPartialContent, "", 100}, answer{resp.StatusCode, resp.Header.Get("Content-Encoding"), len(body)}); diff != "" {
		t.Errorf("a range of dkfds' stylesheet (-want +got):\n%s", diff)
	}
}
