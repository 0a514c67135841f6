package components

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
)

func TestMentionParts(t *testing.T) {
	people := []domain.Mentionable{{ID: 7, Name: "Mette Hansen", Email: "mh@kommune.test"}}
	tests := []struct {
		text string
		want []string // the parts' text, mentions marked with a leading "!"
	}{
		{"Ingen her.", []string{"Ingen her."}},
		{"@mette hansen", []string{"!@mette hansen"}},
		{"Hej @Mette Hansen, og tak.", []string{"Hej ", "!@Mette Hansen", ", og tak."}},
		{"@mh@kommune.test og @Mette Hansen", []string{"!@mh@kommune.test", " og ", "!@Mette Hansen"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range MentionParts(tt.text, people) {
			if p.Mention != nil {
				got = append(got, "!"+p.Text)
			} else {
				got = append(got, p.Text)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("MentionParts(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}
