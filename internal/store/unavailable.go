package store

import (
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrUnavailable says that no database connection came free within the acquire timeout
// (DATABASE_ACQUIRE_TIMEOUT).
var ErrUnavailable = errors.New("database unavailable")

// Unavailable reports whether err means that the database is away or overloaded rather than
// that the request was wrong: no connection could be made or none came free in time, the
// connection broke, the server is shutting down or starting, has no room for more
// connections, or cancelled a statement that ran past statement_timeout. Trying again later
// may succeed, so such errors answer 503 with Retry-After (server/errors.go).
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		code := pgErr.Code
		return strings.HasPrefix(code, "08") || // connection exception
			strings.HasPrefix(code, "53") || // insufficient resources (too many connections, …)
			strings.HasPrefix(code, "57P") || // admin/crash shutdown, cannot connect now
			code == "57014" // query canceled: statement_timeout
	}
	var netErr net.Error
	return errors.Is(err, ErrUnavailable) ||
		errors.As(err, new(*pgconn.ConnectError)) ||
		errors.Is(err, pgconn.ErrConnClosed) ||
		errors.As(err, &netErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.Contains(err.Error(), "closed pool") // pgxpool's pool (puddle.ErrClosedPool) during a stop
}
