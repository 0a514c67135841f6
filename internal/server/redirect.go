package server

import (
	"net/url"
	"path"
	"strings"
)

// maxLocalPath is the longest place to go back to that Sporbar accepts (a page and its filters).
const maxLocalPath = 500

// localPath returns s as a path of Sporbar's own to redirect to, or "" when it is not one.
// It is the one check for every address a client names as the next page (the sign-in form's
// `next`, the administration's `tilbage`): s must parse as a URL without scheme or host, its
// path must start with exactly one "/", and neither s nor its decoded path may hold a
// backslash or a control character (browsers read "/\t/evil.example" and "/\evil.example" as
// another site). The path is cleaned ("/a/../b" → "/b"); query and fragment are kept.
func localPath(s string) string {
	if s == "" || len(s) > maxLocalPath || unsafePathChars(s) {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	if !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || unsafePathChars(u.Path) {
		return ""
	}
	clean := path.Clean(u.Path)
	if strings.HasPrefix(clean, "//") {
		return ""
	}
	return (&url.URL{Path: clean, RawQuery: u.RawQuery, Fragment: u.Fragment}).String()
}

// unsafePathChars reports whether s holds a backslash, a control character or invalid UTF-8.
func unsafePathChars(s string) bool {
	return strings.Contains(s, `\`) || badText(s)
}

// badText reports whether s holds invalid UTF-8 or any control character, tab included (an
// address or a one-word value has none).
func badText(s string) bool {
	return badChars(s, false) || strings.ContainsRune(s, '\t')
}
