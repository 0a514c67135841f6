package store

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// collectByName reads every row into a T, matching columns to fields by name exactly as
// pgx.RowToStructByNameLax does (case-insensitively, underscores ignored, embedded structs
// flattened, a `db` tag naming the column and `db:"-"` skipping the field; every column must
// have a field, a field may lack a column). Unlike pgx.CollectRows with RowToStructByNameLax,
// which matches names and builds the scan targets with reflection for every row, it does so
// once per result: the follow-up views read hundreds of rows of thirty columns per request,
// and the per-row reflection cost more than the rest of the page's Go work together.
func collectByName[T any](rows pgx.Rows) ([]T, error) {
	defer rows.Close()
	var (
		v       T
		zero    T
		targets []any
		out     = []T{} // as pgx.CollectRows: empty, not nil, when there are no rows
	)
	for rows.Next() {
		if targets == nil {
			paths, err := fieldPaths(reflect.TypeFor[T](), rows.FieldDescriptions())
			if err != nil {
				return nil, err
			}
			rv := reflect.ValueOf(&v).Elem()
			targets = make([]any, len(paths))
			for i, p := range paths {
				targets[i] = rv.FieldByIndex(p).Addr().Interface()
			}
		}
		v = zero // a scan into a map (JSON) would merge into the previous row's
		if err := rows.Scan(targets...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// pathsKey names a struct type and the columns of a result.
type pathsKey struct {
	t    reflect.Type
	cols string // the column names, joined by NUL
}

// knownPaths caches fieldPaths by pathsKey: the same queries run again and again.
var knownPaths sync.Map

// fieldPaths returns, for each column, the index path of the field of struct type t it is
// scanned into, by pgx's rules for RowToStructByNameLax.
func fieldPaths(t reflect.Type, cols []pgconn.FieldDescription) ([][]int, error) {
	var b strings.Builder
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(c.Name)
	}
	key := pathsKey{t, b.String()}
	if p, ok := knownPaths.Load(key); ok {
		return p.([][]int), nil
	}
	paths, err := computePaths(t, cols)
	if err != nil {
		return nil, err
	}
	knownPaths.Store(key, paths)
	return paths, nil
}

// computePaths is fieldPaths without the cache.
func computePaths(t reflect.Type, cols []pgconn.FieldDescription) ([][]int, error) {
	paths := make([][]int, len(cols))
	var walk func(t reflect.Type, stack []int)
	walk = func(t reflect.Type, stack []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			path := append(stack[:len(stack):len(stack)], i)
			if sf.PkgPath != "" && !sf.Anonymous {
				continue // unexported
			}
			if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
				walk(sf.Type, path)
				continue
			}
			tag, tagged := sf.Tag.Lookup("db")
			tag, _, _ = strings.Cut(tag, ",")
			if tag == "-" {
				continue
			}
			if pos := columnOf(cols, sf.Name, tag, tagged); pos >= 0 {
				paths[pos] = path
			}
		}
	}
	walk(t, nil)
	for i, p := range paths {
		if p == nil {
			return nil, fmt.Errorf("struct doesn't have corresponding row field %s", cols[i].Name)
		}
	}
	return paths, nil
}

// columnOf is the position of the column a field named name (with db tag tag, if tagged) is
// read from, or -1: pgx's fieldPosByName.
func columnOf(cols []pgconn.FieldDescription, name, tag string, tagged bool) int {
	if tagged {
		for i, c := range cols {
			if c.Name == tag {
				return i
			}
		}
		for i, c := range cols {
			if strings.EqualFold(c.Name, tag) {
				return i
			}
		}
		return -1
	}
	name = strings.ReplaceAll(name, "_", "")
	for i, c := range cols {
		if strings.EqualFold(strings.ReplaceAll(c.Name, "_", ""), name) {
			return i
		}
	}
	return -1
}
