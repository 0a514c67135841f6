package server_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/importer/xlsxtest"
)

// tinyStrings is base with 60 MB of one-letter shared strings: about 150 kB packed.
func tinyStrings(t *testing.T, base []byte) []byte {
	t.Helper()
	data, err := xlsxtest.WithPart(base, "xl/sharedStrings.xml", xlsxtest.SharedStrings(60<<20/18))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// postBody POSTs body with the headers (name, value, …) as the current client (following
// redirects) and parses the final page.
func (ts *testServer) postBody(t *testing.T, path string, body io.Reader, header ...string) (int, *goquery.Document) {
	t.Helper()
	resp, doc := ts.postWith(t, ts.client, path, body, header...)
	return resp.StatusCode, doc
}

// postWith POSTs body with the headers (name, value, …) through client and parses the answer;
// the response's body is read and closed.
func (ts *testServer) postWith(t *testing.T, client *http.Client, path string, body io.Reader, header ...string) (*http.Response, *goquery.Document) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, doc
}

// TestSharedStringsWorkbookRefused: a small workbook holding 60 MB of tiny shared strings is
// refused with a Danish message beside the file (422) within 2 s and with under 100 MB
// allocated in the whole process (test client and server), by each of the three imports.
// Not parallel: the allocation is measured for the process.
func TestSharedStringsWorkbookRefused(t *testing.T) {
	ts := newTestServer(t)
	leader := ts.addUser(t, kommune, domain.RoleOmraadeleder, "Hjemmepleje og akutaflastning")
	_, indicator := ts.rehabIndicator(t, 1)
	ts.signInAs(t, leader)
	status := tinyStrings(t, workbook(t, ts.download(t, "/org/"+kommune+"/status.xlsx")))
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	hierarchy := tinyStrings(t, workbook(t, ts.download(t, "/org/"+kommune+"/admin/skema.xlsx")))
	t.Logf("the status workbook is %d kB packed", len(status)>>10)
	const msg = "Regnearkets tekster fylder over 16 MB"
	tests := []struct {
		name, as, path string
		data           []byte
		message        string // where the page says what is wrong
	}{
		{"status", leader, "/org/" + kommune + "/status/import", status, "#fil-error"},
		{"hierarchy", userEmail(kommune, domain.RoleAdmin), "/org/" + kommune + "/admin/import", hierarchy, "#fil-error"},
		{"indicator", leader, "/indikatorer/" + itoa(indicator) + "/import", status, "#fil-error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts.signInAs(t, tt.as)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			code, doc := ts.uploadSheet(t, tt.path, "bombe.xlsx", tt.data)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if code != http.StatusUnprocessableEntity || !strings.Contains(text(doc.Find(tt.message)), msg) {
				t.Errorf("status %d, %s %q; want 422 saying %q", code, tt.message, text(doc.Find(tt.message)), msg)
			}
			if took > 2*time.Second {
				t.Errorf("took %v, want under 2 s", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
				t.Errorf("allocated %d MB, want under 100 MB", alloc>>20)
			}
		})
	}
}

// TestUploadTooLarge: a workbook over the upload limit is refused with 413 and a Danish message
// beside the file field.
func TestUploadTooLarge(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	code, doc := ts.uploadSheet(t, "/org/"+kommune+"/admin/import", "stor.xlsx", bytes.Repeat([]byte("x"), 11<<20))
	if got := text(doc.Find("#fil-error")); code != http.StatusRequestEntityTooLarge ||
		!strings.Contains(got, "Filen er større end 10 MB.") {
		t.Errorf("status %d, problems %q; want 413 saying the file is over 10 MB", code, got)
	}
}

// TestMultipartFormLimit: a route that takes no file reads a multipart form like any other,
// held to the 1 MB of a form: a comment sent as multipart is saved, one over 1 MB is 413 with
// a Danish message, and a file sent to a form that takes none is not read past that limit.
func TestMultipartFormLimit(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	agreement := ts.id(t, `SELECT min(a.id) FROM agreements a JOIN organisations o ON o.id = a.organisation_id
		WHERE o.slug = $1`, kommune)
	path := "/aftaler/" + itoa(agreement) + "/kommentarer"
	post := func(fields url.Values, file []byte) (int, *goquery.Document) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, vs := range fields {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		if file != nil {
			fw, _ := mw.CreateFormFile("fil", "stor.bin")
			fw.Write(file)
		}
		mw.Close()
		return ts.postBody(t, path, &body, "Content-Type", mw.FormDataContentType())
	}
	if code, _ := post(url.Values{"body": {"Sendt som multipart"}}, nil); code != http.StatusOK {
		t.Errorf("a small multipart comment: status %d, want 200 after the redirect", code)
	}
	if n := ts.id(t, `SELECT count(*) FROM comments WHERE body = 'Sendt som multipart'`); n != 1 {
		t.Errorf("%d comments saved, want 1", n)
	}
	for name, file := range map[string][]byte{"a 2 MB field": nil, "a 5 MB file": make([]byte, 5<<20)} {
		fields := url.Values{"body": {"kort"}}
		if file == nil {
			fields["body"] = []string{strings.Repeat("x", 2<<20)}
		}
		code, doc := post(fields, file)
		if code != http.StatusRequestEntityTooLarge || !strings.Contains(text(doc.Find(".alert-error")), "fylder mere end 1 MB") {
			t.Errorf("%s: status %d, message %q; want 413 in Danish", name, code, text(doc.Find(".alert-error")))
		}
	}
}

// TestImportsBusy: with every import slot held by an upload whose body has not arrived, the
// next upload is answered 503 with Retry-After and a Danish "prøv igen om lidt"; once the slots
// are free, uploads work again.
func TestImportsBusy(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.signInAs(t, userEmail(kommune, domain.RoleAdmin))
	path := ts.srv.URL + "/org/" + kommune + "/admin/import"
	var writers []*io.PipeWriter
	done := make(chan struct{}, 2)
	for range 2 { // maxConcurrentImports
		pr, pw := io.Pipe()
		writers = append(writers, pw)
		req, err := http.NewRequest(http.MethodPost, path, pr)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		go func() {
			if resp, err := ts.client.Do(req); err == nil {
				resp.Body.Close()
			}
			done <- struct{}{}
		}()
		if _, err := pw.Write([]byte("--x\r\n")); err != nil { // the request has reached the server
			t.Fatal(err)
		}
	}
	// The held uploads take their slots once the server has them; until then a third one is read
	// (422). Each try has its own deadline: importWait, then 503.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("fil", "skema.xlsx")
		fw.Write([]byte("PK"))
		mw.Close()
		resp, doc := ts.postWith(t, ts.client, "/org/"+kommune+"/admin/import", &body, "Content-Type", mw.FormDataContentType())
		code, got := resp.StatusCode, text(doc.Find(".alert-error"))
		if code == http.StatusServiceUnavailable {
			if !strings.Contains(got, "Prøv igen om lidt") || resp.Header.Get("Retry-After") == "" {
				t.Errorf("503 with message %q and Retry-After %q, want prøv igen om lidt and a Retry-After", got,
					resp.Header.Get("Retry-After"))
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("status %d, message %q; want 503 while the slots are held", code, got)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, pw := range writers {
		pw.CloseWithError(io.ErrUnexpectedEOF)
	}
	for range writers {
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("a held upload did not end")
		}
	}
	if code, _ := ts.uploadSheet(t, "/org/"+kommune+"/admin/import", "skema.xlsx", []byte("ikke et regneark")); code != http.StatusUnprocessableEntity {
		t.Errorf("after the slots are free: status %d, want 422", code)
	}
}
