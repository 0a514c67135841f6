package store

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// collectByName reads every row into a T, matching columns to fields by name exactly as
// pgx.RowToStructByNameLax does (case-insensitively, underscores ignored, embedded structs
// flattened, a `db` tag naming the column and `db:"-"` skipping the field; every column must
// have a field, a field may lack a column). Unlike pgx.CollectRows with RowToStructByNameLax,
// which matches the names and builds the scan targets with reflection for every row, it
// matches them once per shape of result (type and columns, cached) and builds the targets
// once per result: the follow-up views read hundreds of rows per request, and the per-row
// reflection cost more than the rest of the page's Go work together.
func collectByName[T any](rows pgx.Rows) ([]T, error) {
	defer rows.Close()
	var (
		v       T
		zero    T
		targets []any
		known   *resultShape
		out     = []T{} // as pgx.CollectRows: empty, not nil, when there are no rows
	)
	for rows.Next() {
		if targets == nil {
			var err error
			if known, err = shapeOf(reflect.TypeFor[T](), rows.FieldDescriptions()); err != nil {
				return nil, err
			}
			// As long as the last result of the same shape: growing a slice of large structs
			// row by row copied each row several times.
			out = make([]T, 0, known.lastLen.Load())
			rv := reflect.ValueOf(&v).Elem()
			targets = make([]any, len(known.paths))
			for i, p := range known.paths {
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
	if known != nil {
		known.lastLen.Store(int64(min(len(out), maxLenHint)))
	}
	return out, nil
}

// maxLenHint bounds the capacity a result is given up front.
const maxLenHint = 10_000

// pathsKey names a struct type and the columns of a result.
type pathsKey struct {
	t    reflect.Type
	cols string // the column names, joined by NUL
}

// resultShape is what collectByName keeps of the results of one pathsKey: the field of each
// column, and how many rows the last result had.
type resultShape struct {
	paths   [][]int
	lastLen atomic.Int64
}

// shapes caches resultShape by pathsKey: the same queries run again and again.
var shapes sync.Map

// shapeOf returns the shape of results with columns cols read into struct type t.
func shapeOf(t reflect.Type, cols []pgconn.FieldDescription) (*resultShape, error) {
	var b strings.Builder
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(c.Name)
	}
	key := pathsKey{t, b.String()}
	if s, ok := shapes.Load(key); ok {
		return s.(*resultShape), nil
	}
	paths, err := fieldPaths(t, cols)
	if err != nil {
		return nil, err
	}
	s, _ := shapes.LoadOrStore(key, &resultShape{paths: paths})
	return s.(*resultShape), nil
}

// fieldPaths returns, for each column, the index path of the field of struct type t it is
// scanned into, by pgx's rules for RowToStructByNameLax.
func fieldPaths(t reflect.Type, cols []pgconn.FieldDescription) ([][]int, error) {
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
