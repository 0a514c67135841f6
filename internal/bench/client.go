package bench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// Request is one pre-built HTTP/1.1 request. Its bytes are made once and written as they are
// for every send, so sending allocates nothing.
type Request struct {
	raw []byte
}

// NewRequest builds a request for host (the Host header) with method, path, the headers given
// as "Name: value" lines and body (sent with a Content-Length when not empty).
func NewRequest(method, host, path string, headers []string, body string) Request {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: sporbar-loadgen\r\n", method, path, host)
	for _, h := range headers {
		b.WriteString(h)
		b.WriteString("\r\n")
	}
	if body != "" || method == "POST" {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.WriteString(body)
	return Request{raw: []byte(b.String())}
}

// client is one keep-alive connection with a raw HTTP/1.1 reader: it understands a status line,
// Content-Length, chunked bodies and Connection: close, which is all Go's net/http server sends.
// Bodies are discarded unread.
type client struct {
	conn net.Conn
	br   *bufio.Reader
}

func dial(addr string, timeout time.Duration) (*client, error) {
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return nil, err
	}
	return &client{conn: conn, br: bufio.NewReaderSize(conn, 32<<10)}, nil
}

func (c *client) close() { c.conn.Close() }

// errProtocol is a response this reader does not understand.
var errProtocol = errors.New("malformed HTTP response")

// do sends req and reads its response by deadline. It returns the status, the body's length
// and whether the connection may be used again. Any error leaves the connection unusable.
func (c *client) do(req Request, deadline time.Time) (status int, n int64, keep bool, err error) {
	if err := c.conn.SetDeadline(deadline); err != nil {
		return 0, 0, false, err
	}
	if _, err := c.conn.Write(req.raw); err != nil {
		return 0, 0, false, err
	}
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		return 0, 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, 0, false, errProtocol
	}
	status, err = strconv.Atoi(string(line[9:12])) // the compiler does not allocate for this conversion
	if err != nil {
		return 0, 0, false, errProtocol
	}
	length, chunked, keep := int64(-1), false, true
	for {
		h, err := c.br.ReadSlice('\n')
		if err != nil {
			return status, 0, false, err
		}
		if len(h) <= 2 {
			break // the empty line after the headers
		}
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return status, 0, false, errProtocol
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.ParseInt(string(value), 10, 64); err != nil {
				return status, 0, false, errProtocol
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			keep = !bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case status == 204 || status == 304 || status < 200:
	case chunked:
		n, err = c.discardChunked()
	case length >= 0:
		var d int
		d, err = c.br.Discard(int(length))
		n = int64(d)
	default: // the body runs to the end of the connection
		n, err = io.Copy(io.Discard, c.br)
		keep = false
	}
	return status, n, keep && err == nil, err
}

// discardChunked reads a chunked body and its trailer, returning the body's length.
func (c *client) discardChunked() (int64, error) {
	var n int64
	for {
		line, err := c.br.ReadSlice('\n')
		if err != nil {
			return n, err
		}
		line = bytes.TrimSpace(line)
		if i := bytes.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		size, err := strconv.ParseInt(string(line), 16, 64)
		if err != nil || size < 0 {
			return n, errProtocol
		}
		if size == 0 {
			for { // the trailer, up to an empty line
				t, err := c.br.ReadSlice('\n')
				if err != nil {
					return n, err
				}
				if len(t) <= 2 {
					return n, nil
				}
			}
		}
		if _, err := c.br.Discard(int(size) + 2); err != nil {
			return n, err
		}
		n += size
	}
}
