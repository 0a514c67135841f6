package pages

import (
	"context"
	"io"

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
	StatusForm    StatusForm
	CommentForm   CommentForm
}

// StatusForm is the status form's values (as typed) and messages.
type StatusForm struct {
	Phase, Health, Progress, AsOf, Comment string
	Errors                                 domain.Errors
}

// CommentForm is the comment form's value (as typed) and message.
type CommentForm struct {
	Body   string
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
