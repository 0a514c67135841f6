package notify

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// Letter is what a mail says, before it is written out as plain text and as HTML: a greeting,
// paragraphs, a list of items with links, one main link, and the footer that tells why the
// person got it and where to change that.
type Letter struct {
	Subject     string
	Greeting    string
	Paragraphs  []string
	Items       []LetterItem
	ActionLabel string
	ActionURL   string
	Why         string // "Du får denne mail, fordi …"
	SettingsURL string // where the person changes which mails they get ("" = none, e.g. a reset)
	Unsubscribe string // the signed link that turns this kind off ("" = none)
}

// LetterItem is one line of a letter's list: a title, a detail and the page it is about.
type LetterItem struct {
	Group  string // a heading the item is listed under (e.g. the unit), "" for none
	Title  string
	Detail string
	URL    string
}

// Text is the letter as plain text.
func (l Letter) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", l.Greeting)
	for _, p := range l.Paragraphs {
		fmt.Fprintf(&b, "%s\n\n", p)
	}
	group := ""
	for _, it := range l.Items {
		if it.Group != group && it.Group != "" {
			fmt.Fprintf(&b, "%s\n", it.Group)
		}
		group = it.Group
		fmt.Fprintf(&b, "- %s", it.Title)
		if it.Detail != "" {
			fmt.Fprintf(&b, " (%s)", it.Detail)
		}
		fmt.Fprintf(&b, "\n  %s\n", it.URL)
	}
	if len(l.Items) > 0 {
		b.WriteString("\n")
	}
	if l.ActionURL != "" {
		fmt.Fprintf(&b, "%s: %s\n\n", l.ActionLabel, l.ActionURL)
	}
	b.WriteString("-- \n" + l.Why + "\n")
	if l.SettingsURL != "" {
		fmt.Fprintf(&b, "Vælg hvilke mails du får under Min profil: %s\n", l.SettingsURL)
	}
	if l.Unsubscribe != "" {
		fmt.Fprintf(&b, "Afmeld denne slags mails: %s\n", l.Unsubscribe)
	}
	return b.String()
}

// letterHTML is the HTML part: plain, semantic markup (a heading, paragraphs, a list, real
// link texts, the language set), readable without images or styles.
var letterHTML = template.Must(template.New("letter").Parse(`<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">
<p>{{.Greeting}}</p>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{if .Items}}<ul>
{{$group := ""}}{{range .Items}}{{if and .Group (ne .Group $group)}}</ul><h2 style="font-size: 18px">{{.Group}}</h2><ul>{{end}}{{$group = .Group}}<li><a href="{{.URL}}">{{.Title}}</a>{{if .Detail}} – {{.Detail}}{{end}}</li>
{{end}}</ul>
{{end}}{{if .ActionURL}}<p><a href="{{.ActionURL}}" style="font-weight: bold">{{.ActionLabel}}</a></p>
{{end}}<hr>
<p style="font-size: 14px">{{.Why}}{{if .SettingsURL}} <a href="{{.SettingsURL}}">Vælg hvilke mails du får under Min profil</a>.{{end}}{{if .Unsubscribe}} <a href="{{.Unsubscribe}}">Afmeld denne slags mails</a>.{{end}}</p>
</body></html>
`))

// HTML is the letter as an HTML document.
func (l Letter) HTML() (string, error) {
	var b bytes.Buffer
	if err := letterHTML.Execute(&b, l); err != nil {
		return "", fmt.Errorf("letter html: %w", err)
	}
	return b.String(), nil
}
