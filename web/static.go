// Package web holds Sporbar's user interface: templ components and pages, and the static assets
// (our own CSS and images; third-party packages are copied from npm into static/vendor at build time).
package web

import (
	"embed"
	"io/fs"
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
