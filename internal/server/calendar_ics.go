package server

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// icsEvent is one all-day event of a calendar feed.
type icsEvent struct {
	UID         string // stable across feeds, so that a calendar updates the event instead of adding one
	Day         time.Time
	Summary     string
	Description string
	URL         string
}

// writeICS writes an iCalendar (RFC 5545) calendar named name with the events: CRLF line ends,
// text escaped (backslash, semicolon, comma, line breaks) and lines folded at 75 octets without
// splitting a character. stamp is the DTSTAMP of every event (when the feed was made).
func writeICS(buf *bytes.Buffer, name string, stamp time.Time, events []icsEvent) {
	line := func(s string) { foldICS(buf, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Sporbar//Kalender//DA")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + icsText(name))
	line("X-WR-TIMEZONE:Europe/Copenhagen")
	line("REFRESH-INTERVAL;VALUE=DURATION:PT6H")
	line("X-PUBLISHED-TTL:PT6H")
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + e.UID)
		line("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		line("DTSTART;VALUE=DATE:" + e.Day.Format("20060102"))
		line("DTEND;VALUE=DATE:" + e.Day.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + icsText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + icsText(e.Description))
		}
		if e.URL != "" {
			line("URL:" + e.URL)
		}
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
}

// icsText escapes a TEXT value.
var icsText = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace

// foldICS writes one content line, folded so that no line is longer than 75 octets: a
// continuation starts with a space (RFC 5545, 3.1).
func foldICS(buf *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		buf.WriteString(s[:cut])
		buf.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	buf.WriteString(s)
	buf.WriteString("\r\n")
}
