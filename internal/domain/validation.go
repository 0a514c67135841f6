package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Errors maps a form field's name to a Danish message saying what is wrong with it.
type Errors map[string]string

// Add records msg for field unless the field already has a message.
func (e Errors) Add(field, msg string) {
	if _, ok := e[field]; !ok {
		e[field] = msg
	}
}

// Any reports whether there is at least one message.
func (e Errors) Any() bool { return len(e) > 0 }

// Required checks that value is not blank.
func (e Errors) Required(field, value, label string) {
	if strings.TrimSpace(value) == "" {
		e.Add(field, label+" skal udfyldes.")
	}
}

// MaxLength checks that value has at most n characters (and is valid UTF-8).
func (e Errors) MaxLength(field, value, label string, n int) {
	if !utf8.ValidString(value) {
		e.Add(field, label+" indeholder ugyldige tegn.")
		return
	}
	if c := utf8.RuneCountInString(value); c > n {
		e.Add(field, fmt.Sprintf("%s må højst være %d tegn (der er %d).", label, n, c))
	}
}

// ValidationError carries the messages of a form that could not be saved.
type ValidationError struct{ Errors Errors }

func (v *ValidationError) Error() string {
	return fmt.Sprintf("validation: %d field(s)", len(v.Errors))
}
