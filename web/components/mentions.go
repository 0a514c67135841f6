package components

import "github.com/sporbar/sporbar/internal/domain"

// TextPart is a run of a comment's text: plain text, or a mention of a person.
type TextPart struct {
	Text    string
	Mention *domain.Mention // nil for plain text
}

// MentionParts splits s at its mentions of people (domain.ParseMentions), in order.
func MentionParts(s string, people []domain.Mentionable) []TextPart {
	var out []TextPart
	at := 0
	for _, m := range domain.ParseMentions(s, people) {
		if m.Start > at {
			out = append(out, TextPart{Text: s[at:m.Start]})
		}
		out = append(out, TextPart{Text: m.Text, Mention: &m})
		at = m.Start + len(m.Text)
	}
	if at < len(s) {
		out = append(out, TextPart{Text: s[at:]})
	}
	return out
}
