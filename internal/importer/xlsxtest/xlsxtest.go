// Package xlsxtest builds hostile workbooks for the tests of every upload (the samlet skema, the
// status workbook, an indicator's measurements): a real workbook with one part replaced by one
// that is small packed and huge unpacked.
package xlsxtest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// WithPart returns the workbook base with the part name (e.g. "xl/sharedStrings.xml") replaced,
// or added, by what fill writes, packed at the best compression.
func WithPart(base []byte, name string, fill func(w io.Writer) error) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		return nil, fmt.Errorf("xlsxtest: read base: %w", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			return nil, fmt.Errorf("xlsxtest: copy %s: %w", f.Name, err)
		}
	}
	w, err := zw.Create(name)
	if err != nil {
		return nil, fmt.Errorf("xlsxtest: create %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := fill(bw); err != nil {
		return nil, fmt.Errorf("xlsxtest: fill %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("xlsxtest: fill %s: %w", name, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("xlsxtest: close: %w", err)
	}
	return buf.Bytes(), nil
}

// SharedStrings writes a shared strings part of n one-letter strings (18 bytes each unpacked).
func SharedStrings(n int) func(io.Writer) error {
	return repeated(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, `<si><t>a</t></si>`, `</sst>`, n)
}

// Rows writes a sheet of n rows of cells numbers each, its elements with a namespace prefix.
func Rows(n, cells int) func(io.Writer) error {
	return repeated(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>`,
		`<x:row>`+strings.Repeat(`<x:c t="n"><x:v>1</x:v></x:c>`, cells)+`</x:row>`, `</x:sheetData></x:worksheet>`, n)
}

// repeated writes head, n times item, then tail, in blocks.
func repeated(head, item, tail string, n int) func(io.Writer) error {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		block := strings.Repeat(item, 1000)
		for ; n >= 1000; n -= 1000 {
			if _, err := io.WriteString(w, block); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, strings.Repeat(item, n)+tail); err != nil {
			return err
		}
		return nil
	}
}
