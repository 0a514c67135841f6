package sso

import (
	"errors"
	"io"
)

// copyLimited copies at most limit bytes, and fails when there is more.
func copyLimited(w io.Writer, r io.Reader, limit int64) (int64, error) {
	n, err := io.Copy(w, io.LimitReader(r, limit+1))
	if err != nil {
		return n, err
	}
	if n > limit {
		return n, errors.New("too large")
	}
	return n, nil
}
