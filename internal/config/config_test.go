package config

import (
	"net/netip"
	"runtime"
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
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, HashWait: 2 * time.Second},
		},
		{
			name: "https turns secure cookies on",
			getenv: env("BASE_URL", "https://sporbar.example.dk/", "DATABASE_URL", "postgres://x/y",
				"SESSION_IDLE_TIMEOUT", "15m", "LOG_LEVEL", "DEBUG"),
			want: Config{DatabaseURL: "postgres://x/y", Addr: ":8080", LogLevel: "debug", BaseURL: "https://sporbar.example.dk",
				SecureCookies: true, SessionIdle: 15 * time.Minute, SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, HashWait: 2 * time.Second},
		},
		{name: "bad duration", getenv: env("SESSION_MAX_AGE", "forever"), wantErr: true},
		{name: "bad bool", getenv: env("SECURE_COOKIES", "måske"), wantErr: true},
		{name: "bad level", getenv: env("LOG_LEVEL", "loud"), wantErr: true},
		{name: "bad base", getenv: env("BASE_URL", "localhost"), wantErr: true},
		{name: "bad days", getenv: env("STALE_AFTER_DAYS", "0"), wantErr: true},
		{name: "bad cache", getenv: env("PAGE_CACHE_MB", "-1"), wantErr: true},
		{name: "short sso key", getenv: env("SSO_SECRET_KEY", "c2hvcnQ="), wantErr: true},
		{name: "sso key not base64", getenv: env("SSO_SECRET_KEY", "ikke base64!"), wantErr: true},
		{
			name:   "sso key",
			getenv: env("SSO_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, SSOSecretKey: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="},
		},
		{
			name: "operations",
			getenv: env("DATABASE_MAX_CONNS", "12", "DATABASE_ACQUIRE_TIMEOUT", "2s", "DATABASE_STATEMENT_TIMEOUT", "0",
				"SHUTDOWN_TIMEOUT", "1m", "CLEANUP_INTERVAL", "30s"),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, DatabaseMaxConns: 12,
				DatabaseAcquireTimeout: 2 * time.Second, ShutdownTimeout: time.Minute, CleanupInterval: 30 * time.Second,
				HashWait: 2 * time.Second},
		},
		{name: "bad pool size", getenv: env("DATABASE_MAX_CONNS", "0"), wantErr: true},
		{name: "bad acquire timeout", getenv: env("DATABASE_ACQUIRE_TIMEOUT", "0"), wantErr: true},
		{name: "bad statement timeout", getenv: env("DATABASE_STATEMENT_TIMEOUT", "lang"), wantErr: true},
		{name: "bad shutdown timeout", getenv: env("SHUTDOWN_TIMEOUT", "-1s"), wantErr: true},
		{
			name:   "metrics",
			getenv: env("METRICS_ADDR", "127.0.0.1:9090", "METRICS_TOKEN", "en-lang-hemmelig-noegle"),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32,
				MetricsAddr: "127.0.0.1:9090", MetricsToken: "en-lang-hemmelig-noegle", HashWait: 2 * time.Second},
		},
		{name: "short metrics token", getenv: env("METRICS_TOKEN", "kort"), wantErr: true},
		{name: "metrics on the main address", getenv: env("METRICS_ADDR", ":8080"), wantErr: true},
		{name: "bad api rate", getenv: env("API_RATE_LIMIT", "0"), wantErr: true},
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
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, HashWait: 2 * time.Second},
		},
		{
			name:   "trusted proxies",
			getenv: env("TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7,::1", "PASSWORD_HASH_LIMIT", "3", "PASSWORD_HASH_WAIT", "500ms"),
			want: Config{Addr: ":8080", LogLevel: "info", BaseURL: "http://localhost:8080", SessionIdle: 30 * time.Minute,
				SessionMaxAge: 10 * time.Hour, StaleAfterDays: 90, PageCacheMB: 32, HashLimit: 3, HashWait: 500 * time.Millisecond,
				TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.7/32"),
					netip.MustParsePrefix("::1/128")}},
		},
		{name: "bad proxy", getenv: env("TRUSTED_PROXIES", "proxy.local"), wantErr: true},
		{name: "bad hash limit", getenv: env("PASSWORD_HASH_LIMIT", "-2"), wantErr: true},
		{name: "bad hash wait", getenv: env("PASSWORD_HASH_WAIT", "0s"), wantErr: true},
	}
	for _, tt := range tests {
		if !tt.wantErr && tt.want.ShutdownTimeout == 0 { // the operations settings' defaults
			tt.want.DatabaseMaxConns = int32(max(4, runtime.NumCPU()))
			tt.want.DatabaseAcquireTimeout, tt.want.DatabaseStatementTimeout = 5*time.Second, 30*time.Second
			tt.want.ShutdownTimeout, tt.want.CleanupInterval = 20*time.Second, 10*time.Minute
		}
		if !tt.wantErr && tt.want.HashWait == 0 { // PASSWORD_HASH_WAIT's default
			tt.want.HashWait = 2 * time.Second
		}
		if !tt.wantErr && tt.want.APIRateLimit == 0 { // API_RATE_LIMIT's default
			tt.want.APIRateLimit = 120
		}
		if !tt.wantErr && tt.want.DigestAt == (domain.WeeklyTime{}) { // MAIL_DIGEST_AT's default
			tt.want.DigestAt = monday7
		}
		got, err := Load(tt.getenv)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v, wantErr %v", tt.name, err, tt.wantErr)
			continue
		}
		if tt.wantErr {
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
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
