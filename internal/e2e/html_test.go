package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type    string `json:"type"` // "error" or "non-document-error" with --errors-only
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Column  int    `json:"lastColumn"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// controlDocument has a known fault; the checker must report it, or the check checks nothing.
const controlDocument = `<!DOCTYPE html><html lang="da"><head><title>kontrol</title></head>` +
	`<body><img src="x.png"></body></html>`

// TestValidHTML fetches every page as the server sends it (with the cookies of a signed-in
// administrator) and requires that the Nu HTML Checker finds no error. The checker runs once
// over all pages, because a JVM start per page would be slow.
func TestValidHTML(t *testing.T) {
	jar := nodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatal("java mangler: installér en Java-runtime (fx apt-get install default-jre-headless) til Nu HTML Checker")
	}
	a := startApp(t)
	dir := t.TempDir()
	files := []string{}
	write := func(name string, body []byte) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, body, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		return fileURL(f)
	}
	control := write("control.html", []byte(controlDocument))
	var checked []page
	urls := map[string]string{} // page's test name → file URL
	fetched := t.Run("hent", func(t *testing.T) {
		a.eachPage(t, func(t *testing.T, ctx context.Context, p page) {
			status, body := a.fetch(t, a.httpClient(t, ctx), p)
			if status != p.Status {
				t.Errorf("%s: status %d, want %d", p, status, p.Status)
			}
			urls[p.testName()] = write(fmt.Sprintf("page-%03d.html", len(files)), body)
			checked = append(checked, p)
		})
	})

	if !fetched && len(checked) == 0 {
		t.FailNow()
	}
	msgs := runVNU(t, java, jar, files)
	errs := map[string][]vnuMessage{}
	for _, m := range msgs {
		errs[m.URL] = append(errs[m.URL], m)
	}
	if len(errs[control]) == 0 {
		t.Fatalf("the Nu HTML Checker found no error in a faulty control document; output: %+v", msgs)
	}
	delete(errs, control)
	for _, p := range checked {
		u := urls[p.testName()]
		t.Run(p.testName(), func(t *testing.T) {
			for _, m := range errs[u] {
				t.Errorf("%s%s:%d:%d: %s: %s\n    %q\n    (%s)", a.URL, p.Path, m.Line, m.Column, m.Type, m.Message, m.Extract, p)
			}
		})
		delete(errs, u)
	}
	for u, ms := range errs {
		t.Errorf("messages about an unknown document %s: %+v", u, ms)
	}
}

// runVNU runs the Nu HTML Checker over files and returns its error messages.
func runVNU(t *testing.T, java, jar string, files []string) []vnuMessage {
	t.Helper()
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout"}, files...)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run() // exits 1 when it finds errors; the JSON says which
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(stdout.Bytes(), &out); jerr != nil {
		t.Fatalf("Nu HTML Checker: %v (exit: %v)\nstdout: %s\nstderr: %s", jerr, err, stdout.String(), stderr.String())
	}
	return out.Messages
}

// fileURL is the URL by which the checker names the file f.
func fileURL(f string) string {
	return (&url.URL{Scheme: "file", Opaque: filepath.ToSlash(f)}).String()
}
