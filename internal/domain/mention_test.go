package domain

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMentions(t *testing.T) {
	people := []Mentionable{
		{ID: 1, Name: "Mette", Email: "mette@kommune.test"},
		{ID: 2, Name: "Mette Hansen", Email: "mh@kommune.test"},
		{ID: 3, Name: "Søren Ærø", Email: "soeren@kommune.test"},
	}
	tests := []struct {
		name string
		body string
		want []Mention
	}{
		{"none", "Godt arbejde.", nil},
		{"longest name first", "Hej @Mette Hansen, se her.",
			[]Mention{{Start: 4, Text: "@Mette Hansen", PersonID: 2, Name: "Mette Hansen"}}},
		{"shorter name", "@Mette: tak", []Mention{{Start: 0, Text: "@Mette", PersonID: 1, Name: "Mette"}}},
		{"case-insensitive, letters beyond ASCII", "spørg @SØREN ÆRØ.",
			[]Mention{{Start: 7, Text: "@SØREN ÆRØ", PersonID: 3, Name: "Søren Ærø"}}},
		{"by e-mail", "cc @mh@kommune.test", []Mention{{Start: 3, Text: "@mh@kommune.test", PersonID: 2, Name: "Mette Hansen"}}},
		{"an e-mail address is no mention", "skriv til mette@kommune.test", nil},
		{"a longer word is no mention", "@Mettes plan", nil},
		{"nobody by that name", "@Jens kan du?", nil},
		{"two mentions", "@Mette og @Søren Ærø", []Mention{
			{Start: 0, Text: "@Mette", PersonID: 1, Name: "Mette"},
			{Start: 10, Text: "@Søren Ærø", PersonID: 3, Name: "Søren Ærø"}}},
		{"a lone @", "@ og @@", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseMentions(tt.body, people)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseMentions(%q) (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}

func TestMentionedIDs(t *testing.T) {
	people := []Mentionable{{ID: 1, Name: "Mette"}, {ID: 2, Name: "Jens"}}
	got := MentionedIDs("@Jens, @Mette og @jens igen", people)
	if want := []int64{2, 1}; !cmp.Equal(got, want) {
		t.Errorf("MentionedIDs = %v, want %v", got, want)
	}
}
