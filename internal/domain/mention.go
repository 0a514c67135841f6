package domain

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mentionable is a person a comment can mention: an active user of the comment's organisation.
type Mentionable struct {
	ID    int64
	Name  string
	Email string
}

// Mention is one "@Navn" or "@e-mail" in a comment's text: Text is what was written, including
// the "@", at byte offset Start.
type Mention struct {
	Start    int
	Text     string
	PersonID int64
	Name     string
}

// ParseMentions finds the mentions in body. A mention is an "@" at the start of the text or
// after a character that is neither a letter nor a digit (so "navn@kommune.dk" is not one),
// followed by a person's name or e-mail address, compared without regard to case, and then by
// the end of the text or a character that is neither a letter nor a digit. Where several people
// fit, the longest name wins ("@Mette Hansen" before "@Mette"). people is the organisation's
// active users; mentions come in the order they are written.
func ParseMentions(body string, people []Mentionable) []Mention {
	type candidate struct {
		text   string
		person Mentionable
	}
	var cands []candidate
	for _, p := range people {
		for _, s := range []string{p.Name, p.Email} {
			if strings.TrimSpace(s) != "" {
				cands = append(cands, candidate{s, p})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		return utf8.RuneCountInString(cands[i].text) > utf8.RuneCountInString(cands[j].text)
	})
	var out []Mention
	for i := 0; i < len(body); i++ {
		if body[i] != '@' || (i > 0 && wordRune(lastRune(body[:i]))) {
			continue
		}
		rest := body[i+1:]
		for _, c := range cands {
			n, ok := prefixFold(rest, c.text)
			if !ok || (n < len(rest) && wordRune(firstRune(rest[n:]))) {
				continue
			}
			out = append(out, Mention{Start: i, Text: body[i : i+1+n], PersonID: c.person.ID, Name: c.person.Name})
			i += n
			break
		}
	}
	return out
}

// MentionedIDs lists the distinct people mentioned in body, in the order first mentioned.
func MentionedIDs(body string, people []Mentionable) []int64 {
	var ids []int64
	seen := map[int64]bool{}
	for _, m := range ParseMentions(body, people) {
		if !seen[m.PersonID] {
			seen[m.PersonID] = true
			ids = append(ids, m.PersonID)
		}
	}
	return ids
}

// prefixFold reports whether s starts with prefix, ignoring case, and how many bytes of s that is.
func prefixFold(s, prefix string) (int, bool) {
	n := 0
	for _, want := range prefix {
		if n >= len(s) {
			return 0, false
		}
		got, size := utf8.DecodeRuneInString(s[n:])
		if !strings.EqualFold(string(got), string(want)) {
			return 0, false
		}
		n += size
	}
	return n, true
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
