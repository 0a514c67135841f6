package mail

import (
	"context"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one e-mail to one person.
type Message struct {
	To          string // the address
	ToName      string // the person's name ("" = none)
	Subject     string
	Text        string // the plain-text part
	HTML        string // the HTML part: the same content, accessible markup
	Unsubscribe string // a URL that turns this kind of mail off without signing in ("" = none)
}

// ErrOff is returned by Send when no SMTP server is configured.
var ErrOff = errors.New("mail: ingen SMTP-server er sat op (SMTP_URL)")

// Sender sends messages with the settings it was made with. It is safe for concurrent use: each
// Send opens its own connection, bounded by the timeout.
type Sender struct {
	settings Settings
	timeout  time.Duration
}

// NewSender returns a Sender over s; each connection and send is bounded by timeout.
func NewSender(s Settings, timeout time.Duration) *Sender {
	return &Sender{settings: s, timeout: timeout}
}

// Settings returns what the sender was made with.
func (s *Sender) Settings() Settings { return s.settings }

// Send delivers m: a multipart/alternative message (text, then HTML) with a List-Unsubscribe
// header when m has one. A refused or unreachable server is an error; nothing is retried here
// (the queue retries, see internal/notify).
func (s *Sender) Send(ctx context.Context, m Message) error {
	if !s.settings.Enabled() {
		return ErrOff
	}
	msg, err := s.build(m)
	if err != nil {
		return fmt.Errorf("mail to %s: %w", m.To, err)
	}
	c, err := gomail.NewClient(s.settings.Host, s.options()...)
	if err != nil {
		return fmt.Errorf("mail client: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail to %s: %w", m.To, err)
	}
	return nil
}

func (s *Sender) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.settings.From); err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if m.Unsubscribe != "" {
		msg.SetGenHeader(gomail.HeaderListUnsubscribe, "<"+m.Unsubscribe+">")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return msg, nil
}

func (s *Sender) options() []gomail.Option {
	st := s.settings
	opts := []gomail.Option{gomail.WithPort(st.Port), gomail.WithTimeout(s.timeout)}
	switch st.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if st.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(st.Username), gomail.WithPassword(st.Password))
	}
	return opts
}
