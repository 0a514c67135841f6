package server_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// A small validator for the part of OpenAPI 3.1 (JSON Schema 2020-12) that
// server/api_openapi.json uses: $ref to components, type (one or a list), properties, required,
// additionalProperties false, items, enum, minimum and the formats date, date-time and uri.

// openAPI is the parsed document.
type openAPI struct {
	Paths      map[string]map[string]openAPIOperation `json:"paths"`
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

type openAPIOperation struct {
	Responses map[string]struct {
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

// schema is the subset of JSON Schema the document uses.
type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 any                `json:"type"` // "string" or ["string", "null"]
	Properties           map[string]*schema `json:"properties"`
	Required             []string           `json:"required"`
	AdditionalProperties *bool              `json:"additionalProperties"`
	Items                *schema            `json:"items"`
	Enum                 []any              `json:"enum"`
	Format               string             `json:"format"`
	Minimum              *float64           `json:"minimum"`
}

// loadOpenAPI reads the document the server embeds.
func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	raw, err := os.ReadFile("api_openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPI
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("api_openapi.json: %v", err)
	}
	return &doc
}

// responseSchema is the schema of the answer to GET path (a path of the document) with status
// and content type, or an error if the document does not describe that answer.
func (d *openAPI) responseSchema(path string, status int, contentType string) (*schema, error) {
	op, ok := d.Paths[path]["get"]
	if !ok {
		return nil, fmt.Errorf("no GET %s in the document", path)
	}
	resp, ok := op.Responses[fmt.Sprint(status)]
	if !ok {
		return nil, fmt.Errorf("GET %s: status %d not documented", path, status)
	}
	mt, _, _ := strings.Cut(contentType, ";")
	c, ok := resp.Content[mt]
	if !ok {
		return nil, fmt.Errorf("GET %s %d: content type %s not documented", path, status, mt)
	}
	return c.Schema, nil
}

// validate checks v (decoded JSON) against s and returns every mismatch with its place.
func (d *openAPI) validate(s *schema, v any, at string) []string {
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		ref, ok := d.Components.Schemas[name]
		if !ok {
			return []string{at + ": unknown $ref " + s.Ref}
		}
		return d.validate(ref, v, at)
	}
	if !typeMatches(s.Type, v) {
		return []string{fmt.Sprintf("%s: %v is not of type %v", at, v, s.Type)}
	}
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, v) {
		return []string{fmt.Sprintf("%s: %v is not one of %v", at, v, s.Enum)}
	}
	var errs []string
	switch x := v.(type) {
	case string:
		if msg := formatProblem(s.Format, x); msg != "" {
			errs = append(errs, at+": "+msg)
		}
	case float64:
		if s.Minimum != nil && x < *s.Minimum {
			errs = append(errs, fmt.Sprintf("%s: %v is below %v", at, x, *s.Minimum))
		}
	case []any:
		if s.Items != nil {
			for i, item := range x {
				errs = append(errs, d.validate(s.Items, item, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case map[string]any:
		errs = append(errs, d.validateObject(s, x, at)...)
	}
	return errs
}

func (d *openAPI) validateObject(s *schema, obj map[string]any, at string) []string {
	var errs []string
	for _, name := range s.Required {
		if _, ok := obj[name]; !ok {
			errs = append(errs, at+": missing "+name)
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ps, ok := s.Properties[k]
		if !ok {
			if s.AdditionalProperties != nil && !*s.AdditionalProperties {
				errs = append(errs, at+": undocumented property "+k)
			}
			continue
		}
		errs = append(errs, d.validate(ps, obj[k], at+"."+k)...)
	}
	return errs
}

// typeMatches reports whether v has one of the types t names (no type: anything).
func typeMatches(t, v any) bool {
	var types []string
	switch x := t.(type) {
	case nil:
		return true
	case string:
		types = []string{x}
	case []any:
		for _, e := range x {
			types = append(types, e.(string))
		}
	}
	for _, typ := range types {
		switch vv := v.(type) {
		case nil:
			if typ == "null" {
				return true
			}
		case string:
			if typ == "string" {
				return true
			}
		case bool:
			if typ == "boolean" {
				return true
			}
		case float64:
			if typ == "number" || (typ == "integer" && vv == float64(int64(vv))) {
				return true
			}
		case []any:
			if typ == "array" {
				return true
			}
		case map[string]any:
			if typ == "object" {
				return true
			}
		}
	}
	return false
}

// formatProblem says what is wrong with s as a value of format ("" when nothing is).
func formatProblem(format, s string) string {
	var err error
	switch format {
	case "date":
		_, err = time.Parse(time.DateOnly, s)
	case "date-time":
		_, err = time.Parse(time.RFC3339Nano, s)
	case "uri":
		if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			return fmt.Sprintf("%q is not an absolute address", s)
		}
	}
	if err != nil {
		return fmt.Sprintf("%q is not a %s", s, format)
	}
	return ""
}

// TestOpenAPIValidator checks the validator itself on small cases, so that a pass of the real
// answers means something.
func TestOpenAPIValidator(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	no := false
	obj := &schema{Type: "object", AdditionalProperties: &no, Required: []string{"id"},
		Properties: map[string]*schema{"id": {Type: "integer"}, "when": {Type: []any{"string", "null"}, Format: "date"},
			"kind": {Type: "string", Enum: []any{"general", "local"}}}}
	tests := []struct {
		name  string
		value string
		ok    bool
	}{
		{"good", `{"id": 1, "when": "2026-03-01", "kind": "local"}`, true},
		{"null date", `{"id": 1, "when": null}`, true},
		{"missing id", `{"when": null}`, false},
		{"fraction for integer", `{"id": 1.5}`, false},
		{"bad date", `{"id": 1, "when": "1. marts"}`, false},
		{"not in enum", `{"id": 1, "kind": "other"}`, false},
		{"undocumented", `{"id": 1, "extra": true}`, false},
	}
	for _, tt := range tests {
		var v any
		if err := json.Unmarshal([]byte(tt.value), &v); err != nil {
			t.Fatal(err)
		}
		if got := len(doc.validate(obj, v, "$")) == 0; got != tt.ok {
			t.Errorf("%s: valid = %v, want %v (%v)", tt.name, got, tt.ok, doc.validate(obj, v, "$"))
		}
	}
}
