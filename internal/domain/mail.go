package domain

import (
	"strings"
	"time"
)

// Kinds of e-mail. The ones a person can turn up or down on Min profil are MailPreferenceKinds;
// invitations and password resets always go out (they are asked for).
const (
	MailInvitation    = "invitation"     // a new user's link to set a password (7 days, one use)
	MailPasswordReset = "password_reset" // "Glemt adgangskode": a link (1 hour, one use)
	MailReminder      = "reminder"       // before and after a follow-up period ends, to the områdeleder
	MailEscalation    = "escalation"     // a follow-up still missing after the set time, to the fagchef
	MailNudge         = "nudge"          // a fagchef's "Send påmindelse" from Hvem har rapporteret
	MailNotice        = "notice"         // comments, kritisk and approvals on one's items
	MailMention       = "mention"        // someone wrote "@Navn" about the person in a comment (domain/mention.go)
	MailDigest        = "digest"         // the weekly overview: due, missing and new in one's scope
)

// How often a person gets a kind of mail.
const (
	FrequencyNow    = "now"    // straight away (notices are still gathered for up to an hour)
	FrequencyDaily  = "daily"  // once a day
	FrequencyWeekly = "weekly" // once a week, with the weekly digest
	FrequencyNever  = "never"  // not at all
)

// MailPreferenceKinds lists the kinds of mail a person (and the organisation's default) can set.
func MailPreferenceKinds() []string {
	return []string{MailReminder, MailNotice, MailMention, MailDigest}
}

// MailFrequencies lists the choices of how often, in the order they are offered.
func MailFrequencies() []string {
	return []string{FrequencyNow, FrequencyDaily, FrequencyWeekly, FrequencyNever}
}

// ValidMailFrequency reports whether f is a frequency.
func ValidMailFrequency(f string) bool { return contains(MailFrequencies(), f) }

// MailFrequencyLabel is a mail frequency's Danish name.
func MailFrequencyLabel(f string) string {
	switch f {
	case FrequencyNow:
		return "Med det samme"
	case FrequencyDaily:
		return "Dagligt"
	case FrequencyWeekly:
		return "Ugentligt"
	case FrequencyNever:
		return "Aldrig"
	}
	return f
}

// MailKindLabel is a kind of mail's Danish name.
func MailKindLabel(kind string) string {
	switch kind {
	case MailInvitation:
		return "Invitation"
	case MailPasswordReset:
		return "Ny adgangskode"
	case MailReminder:
		return "Påmindelser om opfølgning"
	case MailEscalation:
		return "Manglende opfølgning i fagområdet"
	case MailNudge:
		return "Påmindelse fra fagchefen"
	case MailNotice:
		return "Besked om kommentarer, kritisk status og godkendelser"
	case MailMention:
		return "Besked, når nogen nævner dig i en kommentar"
	case MailDigest:
		return "Ugentligt overblik"
	}
	return kind
}

// DefaultFrequency is the built-in frequency of a kind where neither the person nor the
// organisation has chosen one: reminders and notices straight away, the digest weekly.
func DefaultFrequency(kind string) string {
	if kind == MailDigest {
		return FrequencyWeekly
	}
	return FrequencyNow
}

// Outbox states of a mail.
const (
	MailQueued = "queued"
	MailSent   = "sent"
	MailFailed = "failed"
)

// MailStateLabel is an outbox state's Danish name.
func MailStateLabel(state string) string {
	switch state {
	case MailQueued:
		return "I kø"
	case MailSent:
		return "Sendt"
	case MailFailed:
		return "Fejlet"
	}
	return state
}

// OutboxMail is one e-mail to one person, as queued and as its sending went.
type OutboxMail struct {
	ID             int64
	OrganisationID *int64
	UserID         *int64
	Recipient      string
	RecipientName  string
	Kind           string
	DedupeKey      string // kind, recipient and period: the same key is never sent twice
	Subject        string
	BodyText       string
	BodyHTML       string
	UnsubscribeURL string
	Secret         bool // carries a one-time link: the bodies are emptied once it is sent or failed
	State          string
	Attempts       int32
	LastError      string
	CreatedAt      time.Time
	SentAt         *time.Time
}

// WeeklyTime is a time in the week, Danish time: the weekly digest's (MAIL_DIGEST_AT).
type WeeklyTime struct {
	Day          time.Weekday
	Hour, Minute int
}

// DefaultDigestTime is Monday 07:00.
func DefaultDigestTime() WeeklyTime { return WeeklyTime{Day: time.Monday, Hour: 7} }

// danishWeekdays are the weekdays' Danish names.
var danishWeekdays = []string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"}

// ParseWeeklyTime reads "mandag 07:00" (a Danish weekday and a 24-hour time).
func ParseWeeklyTime(s string) (WeeklyTime, bool) {
	day, clock, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), " ")
	if !ok {
		return WeeklyTime{}, false
	}
	t, err := time.Parse("15:04", strings.TrimSpace(clock))
	if err != nil {
		return WeeklyTime{}, false
	}
	for i, name := range danishWeekdays {
		if name == day {
			return WeeklyTime{Day: time.Weekday(i), Hour: t.Hour(), Minute: t.Minute()}, true
		}
	}
	return WeeklyTime{}, false
}

// Reached reports whether local (a Danish time) is on w's day at or after its time.
func (w WeeklyTime) Reached(local time.Time) bool {
	return local.Weekday() == w.Day && local.Hour()*60+local.Minute() >= w.Hour*60+w.Minute
}
