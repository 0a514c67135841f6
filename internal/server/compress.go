package server

import (
	"compress/gzip"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// Compression of responses. Text that compresses well (HTML, CSS, JavaScript, SVG, JSON,
// CSV, plain text) goes out with brotli or gzip, whichever the client prefers (brotli when
// both are equal), and every response says `Vary: Accept-Encoding`. Bodies below
// minCompressBytes, other types (XLSX, PNG, WOFF2 are compressed already), partial content
// and responses that carry their own Content-Encoding (the precompressed static files,
// static.go) are passed through untouched.

// minCompressBytes is the smallest body worth compressing.
const minCompressBytes = 1024

// compressible lists the media types that are compressed.
var compressible = map[string]bool{
	"text/html": true, "text/css": true, "text/javascript": true, "application/javascript": true,
	"image/svg+xml": true, "application/json": true, "text/csv": true, "text/plain": true,
}

// isCompressible reports whether a Content-Type names a type worth compressing.
func isCompressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && compressible[mt]
}

// Content codings Sporbar writes.
const (
	encBrotli = "br"
	encGzip   = "gzip"
)

// acceptedEncoding is the coding to answer r with: "br", "gzip" or "" (none), by the
// q-values of Accept-Encoding.
func acceptedEncoding(r *http.Request) string {
	best, bestQ := "", 0.0
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if (name == encBrotli || name == encGzip) && q > 0 && (q > bestQ || q == bestQ && name == encBrotli) {
			best, bestQ = name, q
		}
	}
	return best
}

// compress is the middleware that compresses responses (see above).
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		enc := acceptedEncoding(r)
		if enc == "" {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w, enc: enc, status: http.StatusOK}
		defer cw.close()
		next.ServeHTTP(cw, r)
	})
}

// compressWriter holds back the first minCompressBytes of a body to decide whether to
// compress it, then writes through an encoder or straight on.
type compressWriter struct {
	http.ResponseWriter
	enc         string
	status      int
	wroteHeader bool // by the handler
	decided     bool
	buf         []byte
	zw          io.WriteCloser // nil: passed through
}

func (w *compressWriter) WriteHeader(code int) {
	switch {
	case code < 200: // informational (103 Early Hints): passed on, the real header follows
		w.ResponseWriter.WriteHeader(code)
		return
	case w.wroteHeader:
		return
	}
	w.wroteHeader, w.status = true, code
	if code == http.StatusNoContent || code == http.StatusNotModified {
		_ = w.decide(false)
	}
}

func (w *compressWriter) Write(p []byte) (int, error) {
	if !w.decided {
		w.buf = append(w.buf, p...)
		if len(w.buf) < minCompressBytes {
			return len(p), nil
		}
		if err := w.decide(true); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if w.zw != nil {
		return w.zw.Write(p)
	}
	return w.ResponseWriter.Write(p)
}

// decide writes the header, with a Content-Encoding when the body is large enough and of a
// compressible type, and then what was held back.
func (w *compressWriter) decide(large bool) error {
	w.decided = true
	h := w.Header()
	if large && w.status != http.StatusPartialContent && h.Get("Content-Encoding") == "" && h.Get("Content-Range") == "" {
		ct := h.Get("Content-Type")
		if ct == "" {
			ct = http.DetectContentType(w.buf)
			h.Set("Content-Type", ct)
		}
		if isCompressible(ct) {
			h.Del("Content-Length")
			h.Set("Content-Encoding", w.enc)
			w.zw = newEncoder(w.ResponseWriter, w.enc)
		}
	}
	w.ResponseWriter.WriteHeader(w.status)
	buf := w.buf
	w.buf = nil
	if len(buf) == 0 {
		return nil
	}
	var err error
	if w.zw != nil {
		_, err = w.zw.Write(buf)
	} else {
		_, err = w.ResponseWriter.Write(buf)
	}
	return err
}

// newEncoder returns a writer that encodes into dst with enc at a level that costs little CPU.
func newEncoder(dst io.Writer, enc string) io.WriteCloser {
	if enc == encBrotli {
		return brotli.NewWriterLevel(dst, 5)
	}
	zw, _ := gzip.NewWriterLevel(dst, gzip.DefaultCompression) // the level is valid
	return zw
}

// close ends the response: a body shorter than minCompressBytes goes out as it is.
func (w *compressWriter) close() {
	if !w.decided {
		_ = w.decide(false)
	}
	if w.zw != nil {
		_ = w.zw.Close()
	}
}

// Flush sends what is written so far (deciding on what is held back).
func (w *compressWriter) Flush() {
	if !w.decided {
		_ = w.decide(len(w.buf) >= minCompressBytes)
	}
	if f, ok := w.zw.(interface{ Flush() error }); ok {
		_ = f.Flush()
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *compressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
