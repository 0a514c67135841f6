package server

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"
)

// renderBuffers keeps the buffers of finished pages for the next ones: growing a fresh buffer
// to the size of a large page (the skema is 150 kB) on every request made more garbage than
// anything else the request did.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer kept for reuse; a rare huge page does not pin its memory.
const maxPooledBuffer = 1 << 20

// render renders c into a buffer and only then writes the status and the body, so that a
// failing template never leaves a half-written page behind a 200.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	return withBuffer(func(buf *bytes.Buffer) error {
		if err := c.Render(r.Context(), buf); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.WriteHeader(status)
		_, err := buf.WriteTo(w)
		return ignoreClientGone(r.Context(), err)
	})
}

// renderString renders c into a string (for a part that is kept, see pageCache).
func renderString(ctx context.Context, c templ.Component) (string, error) {
	var out string
	err := withBuffer(func(buf *bytes.Buffer) error {
		err := c.Render(ctx, buf)
		out = buf.String()
		return err
	})
	return out, err
}

// withBuffer runs fn with an empty buffer from renderBuffers and returns it there afterwards.
func withBuffer(fn func(*bytes.Buffer) error) error {
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			renderBuffers.Put(buf)
		}
	}()
	return fn(buf)
}

// ignoreClientGone drops write errors caused by the client going away.
func ignoreClientGone(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return nil
	}
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
