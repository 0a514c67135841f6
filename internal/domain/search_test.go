package domain

import (
	"strings"
	"testing"
)

func TestParseSearch(t *testing.T) {
	tests := []struct {
		q, level     string
		wantError    string
		wantTSQuery  string
		wantContains string
		wantLevel    string
	}{
		{q: "indsats", wantTSQuery: "indsats:*", wantContains: "indsats"},
		{q: "  Weekend-teams & OG ", level: SearchActionPlans, wantTSQuery: "weekend:* & teams:* & og:*",
			wantContains: "Weekend-teams & OG", wantLevel: SearchActionPlans},
		{q: "ab", level: "ukendt", wantTSQuery: "ab:*"},
		{q: "!:*|", wantTSQuery: "", wantContains: "!:*|"},
		{q: "", wantError: "Skriv et eller flere ord, du vil søge efter."},
		{q: "'", wantError: "Skriv mindst ét bogstav eller tal, du vil søge efter."},
		{q: strings.Repeat("x", 201), wantError: "Søgningen må højst være 200 tegn."},
		{q: "a\x00b", wantError: "Søgningen må ikke indeholde kontroltegn."},
		{q: "\xff\xfe", wantError: "Søgningen må højst være 200 tegn."},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, errs := ParseSearch(tt.q, tt.level)
			if errs["q"] != tt.wantError {
				t.Fatalf("error %q, want %q", errs["q"], tt.wantError)
			}
			if tt.wantError != "" {
				return
			}
			if got.TSQuery() != tt.wantTSQuery || got.Contains != tt.wantContains || got.Level != tt.wantLevel {
				t.Errorf("got tsquery %q, contains %q, level %q; want %q, %q, %q", got.TSQuery(), got.Contains, got.Level,
					tt.wantTSQuery, tt.wantContains, tt.wantLevel)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	long := strings.Repeat("ord ", 40)
	tests := []struct{ in, want string }{
		{"kort  tekst\n", "kort tekst"},
		{long, strings.TrimSpace(strings.Repeat("ord ", 15)) + " …"},
	}
	for _, tt := range tests {
		if got := PathPart(tt.in); got != tt.want {
			t.Errorf("PathPart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
