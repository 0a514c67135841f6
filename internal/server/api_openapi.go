package server

import (
	_ "embed"
	"net/http"
	"strconv"
)

// openAPIDocument is the read API's OpenAPI 3.1 document, written by hand beside the
// collections it describes (store/api_read.go). TestAPIMatchesOpenAPI checks every endpoint's
// real answers against it, so a column added to a collection fails the test until it is
// described here.
//
//go:embed api_openapi.json
var openAPIDocument []byte

// apiDocument serves the OpenAPI document. It needs no token: it describes, it shows no data.
func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(openAPIDocument)))
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(openAPIDocument)
}
