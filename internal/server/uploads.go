package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Uploads: routes.go wraps every route that takes a file in s.upload, the one door for them,
// and every confirmation that applies an upload in s.importSlot. Only an upload may send a
// multipart body larger than an ordinary form (maxBodyBytes); at most maxConcurrentImports
// uploads and confirmations run at once, as reading, checking and applying a workbook is the
// most expensive thing a request does (importer.CheckXLSX bounds each one).

const (
	// maxUploadBytes bounds a file upload's request body (a spreadsheet).
	maxUploadBytes = 10 << 20
	// maxConcurrentImports is how many uploads and confirmations run at once.
	maxConcurrentImports = 2
	// importWait is how long an upload waits for its turn before it is answered 503.
	importWait = 5 * time.Second
	// importRetryAfter is the Retry-After (seconds) of that 503.
	importRetryAfter = "10"
)

// msgImportsBusy is the 503's message when every import slot stays taken.
const msgImportsBusy = "Der indlæses mange regneark lige nu. Prøv igen om lidt."

// upload lets next take a file: it marks the request as an upload (see parseForm) and takes an
// import slot (importSlot).
func (s *Server) upload(next http.Handler) http.Handler {
	return s.importSlot(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxUpload, true)))
	}))
}

// importSlot runs next in one of the maxConcurrentImports slots (an upload, or the confirmation
// that applies one), waiting at most importWait for it; else it answers 503 with Retry-After
// and nothing is read.
func (s *Server) importSlot(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wait := time.NewTimer(importWait)
		defer wait.Stop()
		select {
		case s.imports <- struct{}{}:
			defer func() { <-s.imports }()
		case <-wait.C:
			s.log.Warn("import refused: imports busy", "path", r.URL.Path)
			w.Header().Set("Retry-After", importRetryAfter)
			s.renderError(w, r, http.StatusServiceUnavailable, msgImportsBusy)
			return
		case <-r.Context().Done():
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isUpload reports whether the request came through s.upload.
func isUpload(r *http.Request) bool {
	up, _ := r.Context().Value(ctxUpload).(bool)
	return up
}

// isMultipart reports whether the request's body is a multipart form.
func isMultipart(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
}

// fileUpload is the file of an upload form (field "fil"): its bytes and name, or the Danish
// message to show beside the field with the status to answer (413 too large, 422 otherwise).
type fileUpload struct {
	Data   []byte
	Name   string
	Msg    string
	Status int
}

// readFileUpload reads the file of an upload form, at most limit bytes; noFile and tooLarge
// are the messages for a form without a file and for a file over the limit. The name is kept
// only when it is valid UTF-8 of at most 100 characters, else fallback.
func readFileUpload(r *http.Request, limit int64, noFile, tooLarge, fallback string) fileUpload {
	fail := func(status int, msg string) fileUpload { return fileUpload{Msg: msg, Status: status} }
	if !isMultipart(r) {
		return fail(http.StatusUnprocessableEntity, noFile)
	}
	if err := r.ParseMultipartForm(limit); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			return fail(http.StatusRequestEntityTooLarge, tooLarge)
		}
		return fail(http.StatusUnprocessableEntity, noFile)
	}
	defer r.MultipartForm.RemoveAll() //nolint:errcheck // temporary files only
	file, header, err := r.FormFile("fil")
	if err != nil {
		return fail(http.StatusUnprocessableEntity, noFile)
	}
	defer file.Close()
	if header.Size > limit {
		return fail(http.StatusRequestEntityTooLarge, tooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil || int64(len(data)) > limit {
		return fail(http.StatusRequestEntityTooLarge, tooLarge)
	}
	name := header.Filename
	if !utf8.ValidString(name) || badChars(name, false) || utf8.RuneCountInString(name) > 100 {
		name = fallback
	}
	return fileUpload{Data: data, Name: name}
}
