package components

import (
	"context"
	"io"

	"github.com/a-h/templ"
)

// Badge is a labelled marker: the text always says what the colour says. It renders
//
//	<span class="badge sporbar-badge sporbar-badge--KIND">TEXT</span>
//
// It is written by hand rather than in templ: a large skema renders it a thousand times, and
// templ's handling of a computed class attribute cost more than the rest of the badge.
func Badge(kind, text string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, `<span class="badge sporbar-badge sporbar-badge--`+templ.EscapeString(kind)+`">`+
			templ.EscapeString(text)+`</span>`)
		return err
	})
}
