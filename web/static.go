// Package web holds Sporbar's user interface: templ components and pages, and the static assets
// (our own CSS and images; third-party packages are copied from npm into static/vendor at build time).
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sync"
)

//go:embed all:static
var static embed.FS

// Static returns the static assets, rooted so that "css/app.css" is the first path.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the directory is embedded above; this cannot fail
	}
	return sub
}

// AssetVersion is a short hash of every static file, added to asset URLs so that browsers may
// cache them for long and still fetch new ones after an upgrade. It is computed once.
var AssetVersion = sync.OnceValue(func() string {
	h := sha256.New()
	_ = fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:10]
})
