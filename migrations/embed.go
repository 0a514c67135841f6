// Package migrations holds Sporbar's goose SQL migrations, embedded in the binary.
package migrations

import "embed"

// FS holds every migration file; goose reads it with the base directory ".".
//
//go:embed *.sql
var FS embed.FS
