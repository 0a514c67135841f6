package importer

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// ValidationError lists everything wrong with a document, each problem a Danish sentence that
// names its place (e.g. `politik "Ældrepolitik", målsætning 1: mål "…" nævner spor 7, som ikke
// findes i strategien "…"`).
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return "dokumentet har en fejl: " + e.Problems[0]
	}
	return fmt.Sprintf("dokumentet har %d fejl:\n  - %s", len(e.Problems), strings.Join(e.Problems, "\n  - "))
}

// Parse reads one YAML document strictly (an unknown field is an error) and validates it.
// A problem with the content is reported as a *ValidationError.
func Parse(r io.Reader) (Document, error) {
	var doc Document
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return Document{}, fmt.Errorf("parse document: %w", &ValidationError{Problems: []string{"dokumentet er tomt"}})
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return Document{}, fmt.Errorf("parse document: %w", &ValidationError{Problems: translate(te.Errors)})
		}
		return Document{}, fmt.Errorf("parse document: YAML kan ikke læses: %w", err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return Document{}, fmt.Errorf("parse document: %w",
			&ValidationError{Problems: []string{"filen må kun rumme ét YAML-dokument"}})
	}
	if err := doc.Validate(); err != nil {
		return Document{}, fmt.Errorf("parse document: %w", err)
	}
	return doc, nil
}

var (
	unknownField = regexp.MustCompile(`^line (\d+): field (\S+) not found in type \S+$`)
	cannotDecode = regexp.MustCompile(`^line (\d+): cannot unmarshal !!(\w+)(?: (.*))? into (\S+)$`)
)

// translate puts yaml.v3's messages about the document's shape into Danish.
func translate(msgs []string) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		if g := unknownField.FindStringSubmatch(m); g != nil {
			out = append(out, fmt.Sprintf("linje %s: ukendt felt %q", g[1], g[2]))
			continue
		}
		if g := cannotDecode.FindStringSubmatch(m); g != nil {
			what := "værdien " + g[3]
			switch g[2] {
			case "seq":
				what = "en liste"
			case "map":
				what = "en gruppe af felter"
			}
			out = append(out, fmt.Sprintf("linje %s: %s passer ikke her (forventet %s)", g[1], what, expected(g[4])))
			continue
		}
		out = append(out, m)
	}
	return out
}

// expected names a Go type the way a seed file's reader knows it.
func expected(goType string) string {
	switch {
	case goType == "int":
		return "et helt tal"
	case goType == "bool":
		return "true eller false"
	case goType == "string":
		return "en tekst"
	case strings.HasPrefix(goType, "[]"):
		return "en liste"
	default:
		return "en gruppe af felter"
	}
}
