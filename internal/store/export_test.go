package store

import "github.com/jackc/pgx/v5"

// CollectByName exposes collectByName to the external tests.
func CollectByName[T any](rows pgx.Rows) ([]T, error) { return collectByName[T](rows) }
