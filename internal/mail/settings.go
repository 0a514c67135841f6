// Package mail sends Sporbar's e-mails over SMTP (github.com/wneessen/go-mail): one multipart
// message (plain text and HTML) per call, to a kommune's relay, Exchange Online or the local
// mail catcher of `make run`. It knows nothing of what the mails say (internal/notify does).
package mail

import (
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
)

// TLS modes of an SMTP connection.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which must succeed (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: a relay on the local network, or a test server
)

// Settings is where and how mail is sent. The zero value (Host "") means mail is off.
type Settings struct {
	Host     string
	Port     int
	Username string // "" = no authentication
	Password string
	TLS      string // TLSStartTLS, TLSImplicit or TLSNone
	From     string // the sender, "Navn <adresse>" or an address
}

// Enabled reports whether an SMTP server is configured.
func (s Settings) Enabled() bool { return s.Host != "" }

// String describes the settings for the operator without the password.
func (s Settings) String() string {
	if !s.Enabled() {
		return "ingen SMTP-server"
	}
	auth := "uden login"
	if s.Username != "" {
		auth = "login som " + s.Username
	}
	return fmt.Sprintf("%s:%d (%s, %s)", s.Host, s.Port, tlsLabel(s.TLS), auth)
}

func tlsLabel(mode string) string {
	switch mode {
	case TLSImplicit:
		return "TLS"
	case TLSNone:
		return "ukrypteret"
	}
	return "STARTTLS"
}

// ParseURL reads SMTP_URL: smtp://[user:password@]host[:port][?tls=starttls|tls|none], or
// smtps://… for implicit TLS. The port defaults to 465 for implicit TLS, 25 without TLS and 587
// otherwise; the TLS mode defaults to tls on port 465 and starttls elsewhere. "" gives the zero
// Settings (mail off).
func ParseURL(raw, from string) (Settings, error) {
	if strings.TrimSpace(raw) == "" {
		return Settings{}, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return Settings{}, errors.New("skal have formen smtp://bruger:adgangskode@vært:587?tls=starttls")
	}
	s := Settings{Host: u.Hostname(), TLS: u.Query().Get("tls")}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port < 1 || s.Port > 65535 {
			return Settings{}, fmt.Errorf("porten %q er ikke et tal fra 1 til 65535", p)
		}
	}
	if s.TLS == "" {
		s.TLS = defaultTLS(u.Scheme, s.Port)
	}
	switch s.TLS {
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		return Settings{}, fmt.Errorf("tls=%q er hverken starttls, tls eller none", s.TLS)
	}
	if s.Port == 0 {
		s.Port = map[string]int{TLSImplicit: 465, TLSNone: 25, TLSStartTLS: 587}[s.TLS]
	}
	if strings.TrimSpace(from) == "" {
		return Settings{}, errors.New("MAIL_FROM skal sættes, når SMTP_URL er sat")
	}
	addr, err := netmail.ParseAddress(from)
	if err != nil {
		return Settings{}, fmt.Errorf("MAIL_FROM %q er ikke en e-mailadresse", from)
	}
	s.From = addr.String()
	return s, nil
}

func defaultTLS(scheme string, port int) string {
	if scheme == "smtps" || port == 465 {
		return TLSImplicit
	}
	return TLSStartTLS
}
