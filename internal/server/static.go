package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// precompressed serves the compressible embedded assets (CSS, JavaScript, SVG …) brotli- or
// gzip-encoded to the clients that accept it. Each file is compressed once, at its first
// request, at the best level, and kept in memory for the life of the process (the assets are
// embedded and never change); everything else, and clients that take no encoding, go to
// next. Safe for concurrent use.
type precompressed struct {
	fsys fs.FS
	next http.Handler
	mu   sync.Mutex
	kept map[string]*compressedAsset // by "encoding:name"
}

// compressedAsset is one file's encoded bytes, made once.
type compressedAsset struct {
	once sync.Once
	body []byte // nil when the file cannot be read or is a directory
}

func newPrecompressed(fsys fs.FS, next http.Handler) *precompressed {
	return &precompressed{fsys: fsys, next: next, kept: map[string]*compressedAsset{}}
}

func (p *precompressed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(r.URL.Path)
	ctype := mime.TypeByExtension(path.Ext(name))
	enc := acceptedEncoding(r)
	if enc == "" || !isCompressible(ctype) || r.Header.Get("Range") != "" {
		p.next.ServeHTTP(w, r)
		return
	}
	body := p.asset(enc, name)
	if body == nil {
		p.next.ServeHTTP(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Encoding", enc)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// asset returns name encoded with enc, compressing it on first use.
func (p *precompressed) asset(enc, name string) []byte {
	if fi, err := fs.Stat(p.fsys, name); err != nil || !fi.Mode().IsRegular() {
		return nil // the file server answers (only files that exist are kept)
	}
	p.mu.Lock()
	a, ok := p.kept[enc+":"+name]
	if !ok {
		a = &compressedAsset{}
		p.kept[enc+":"+name] = a
	}
	p.mu.Unlock()
	a.once.Do(func() { a.body = compressFile(p.fsys, name, enc) })
	return a.body
}

// compressFile reads name from fsys and encodes it with enc at the best level; nil when it
// cannot be read or is too small to be worth it.
func compressFile(fsys fs.FS, name, enc string) []byte {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil || len(raw) < minCompressBytes {
		return nil
	}
	var buf bytes.Buffer
	var zw io.WriteCloser
	if enc == encBrotli {
		zw = brotli.NewWriterLevel(&buf, brotli.BestCompression)
	} else {
		zw, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	}
	if _, err := zw.Write(raw); err != nil {
		return nil
	}
	if err := zw.Close(); err != nil {
		return nil
	}
	return buf.Bytes()
}
