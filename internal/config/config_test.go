package config

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mail"
)

var monday7 = domain.DefaultDigestTime()

func TestLoad(t *testing.T) {
	t.Parallel()
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name    string
		getenv  func(string) string
		want    Config
		wantErr bool
	}{
		{
			name:   "defaults",
			getenv: env(),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, DigestAt: monday7},
		},
		{
			name: "https turns secure cookies on",
			getenv: env("BASE_URL", "https://sporbar.example.dk/", "DATABASE_URL", "postgres://x/y",
				"SESSION_IDLE_TIMEOUT", "15m", "LOG_LEVEL", "DEBUG"),
			want: Config{DatabaseURL: "postgres://x/y", Addr: ":8080", LogLevel: "debug", BaseURL: "https://sporbar.example.dk",
				SecureCookies: true, SessionIdle: 15 * time.Minute, SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, DigestAt: monday7},
		},
		{name: "bad duration", getenv: env("SESSION_MAX_AGE", "forever"), wantErr: true},
		{name: "bad bool", getenv: env("SECURE_COOKIES", "måske"), wantErr: true},
		{name: "bad level", getenv: env("LOG_LEVEL", "loud"), wantErr: true},
		{name: "bad base", getenv: env("BASE_URL", "localhost"), wantErr: true},
		{name: "bad days", getenv: env("STALE_AFTER_DAYS", "0"), wantErr: true},
		{name: "bad cache", getenv: env("PAGE_CACHE_MB", "-1"), wantErr: true},
		{name: "bad digest day", getenv: env("MAIL_DIGEST_AT", "manday 07:00"), wantErr: true},
		{
			name:   "digest on friday afternoon",
			getenv: env("MAIL_DIGEST_AT", "Fredag 14:30"),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32,
				DigestAt: domain.WeeklyTime{Day: time.Friday, Hour: 14, Minute: 30}},
		},
		{name: "smtp without sender", getenv: env("SMTP_URL", "smtp://relay.kommune.dk:25?tls=none"), wantErr: true},
		{name: "bad smtp tls", getenv: env("SMTP_URL", "smtp://relay:25?tls=maybe", "MAIL_FROM", "a@b.dk"), wantErr: true},
		{
			name: "exchange online",
			getenv: env("SMTP_URL", "smtp://sporbar%40kommune.dk:hemmelig@smtp.office365.com:587?tls=starttls",
				"MAIL_FROM", "Sporbar <sporbar@kommune.dk>"),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, DigestAt: monday7,
				Mail: mail.Settings{Host: "smtp.office365.com", Port: 587, Username: "sporbar@kommune.dk",
					Password: "hemmelig", TLS: mail.TLSStartTLS, From: `"Sporbar" <sporbar@kommune.dk>`}},
		},
		{
			name:   "no cache",
			getenv: env("PAGE_CACHE_MB", "0"),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, DigestAt: monday7},
		},
	}
	for _, tt := range tests {
		got, err := Load(tt.getenv)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v, wantErr %v", tt.name, err, tt.wantErr)
			continue
		}
		if tt.wantErr {
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Load mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestRequireDatabase(t *testing.T) {
	t.Parallel()
	if err := (Config{}).RequireDatabase(); err == nil {
		t.Error("RequireDatabase with no URL = nil, want an error")
	}
	if err := (Config{DatabaseURL: "postgres://x"}).RequireDatabase(); err != nil {
		t.Errorf("RequireDatabase = %v, want nil", err)
	}
}
