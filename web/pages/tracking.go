package pages

import (
	"context"
	"io"
	"strconv"

	"github.com/a-h/templ"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

// TrackingView is the living part of an initiative's or action plan's page: its current
// status, the status form, the status timeline and the dialogue.
type TrackingView struct {
	Base          templ.SafeURL // the item's page; forms post to Base+"/status" and Base+"/kommentarer"
	Status        c.StatusOf
	Updates       []domain.StatusUpdate
	Comments      []domain.Comment
	People        []domain.Mentionable // who the comments can mention: the organisation's active users
	Me            int64                // the viewer, whose own mentions link to Min profil
	CanPostStatus bool
	CanComment    bool
	PublicComment bool           // the comment form offers "show on the public page" (an initiative's dialogue)
	Publishable   map[int64]bool // the comments the signed-in person may show on the public page or take off
	StatusForm    StatusForm
	CommentForm   CommentForm
	UpdatesPage   int  // which page of the status timeline Updates is (from 1; 0 counts as 1)
	OlderUpdates  bool // older status updates follow on the next page
}

// UpdatesPageURL is the address of page n of the item's status timeline.
func (t TrackingView) UpdatesPageURL(n int) templ.SafeURL {
	if n <= 1 {
		return t.Base + "#status"
	}
	return t.Base + templ.SafeURL("?side="+strconv.Itoa(n)+"#status")
}

// StatusForm is the status form's values (as typed) and messages.
type StatusForm struct {
	Phase, Health, Progress, AsOf, Comment string
	Key                                    string // the form's idempotency key (a hidden field)
	Errors                                 domain.Errors
}

// CommentForm is the comment form's value (as typed) and message.
type CommentForm struct {
	Body   string
	Key    string // the form's idempotency key (a hidden field)
	Public bool   // show the comment on the public page (without its author)
	Errors domain.Errors
}

// HistoryView is an item's Historik tab: every change with who, when and what.
type HistoryView struct {
	Org     domain.Organisation
	Title   string
	Base    templ.SafeURL
	Entries []domain.AuditEntry
}

func phaseOptions() []c.Option {
	var out []c.Option
	for _, p := range domain.AllPhases() {
		out = append(out, c.Option{Value: p, Label: domain.PhaseLabel(p)})
	}
	return out
}

// WithNotice renders section followed by a polite live-region message (for screen readers
// after an htmx swap).
func WithNotice(section templ.Component, msg string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if err := section.Render(ctx, w); err != nil {
			return err
		}
		return notice(msg).Render(ctx, w)
	})
}
