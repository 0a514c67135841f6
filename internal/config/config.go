// Package config reads Sporbar's configuration from the environment, with defaults and validation.
package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mail"
)

// Config is everything Sporbar reads from its environment.
type Config struct {
	DatabaseURL    string            // DATABASE_URL: PostgreSQL connection URL (required)
	Addr           string            // ADDR: where the HTTP server listens
	LogLevel       string            // LOG_LEVEL: debug, info, warn or error
	BaseURL        string            // BASE_URL: the public URL, used in links and to decide Secure cookies
	SecureCookies  bool              // SECURE_COOKIES: Secure and __Host- session cookies (off only for plain-HTTP development)
	SessionIdle    time.Duration     // SESSION_IDLE_TIMEOUT: a session ends after this long without a request
	SessionMaxAge  time.Duration     // SESSION_MAX_AGE: a session ends this long after sign-in, whatever happens
	DemoPassword   string            // SPORBAR_DEMO_PASSWORD: the demo users' password (seed --demo-users)
	StaleAfterDays int               // STALE_AFTER_DAYS: a status older than this is flagged on dashboards
	PageCacheMB    int               // PAGE_CACHE_MB: memory for rendered samlet skemaer (0: none kept)
	Mail           mail.Settings     // SMTP_URL and MAIL_FROM: where mail goes (Host "": no mail is sent)
	DigestAt       domain.WeeklyTime // MAIL_DIGEST_AT: when the weekly digest goes out, Danish time
}

// Var documents one environment variable for `sporbar help`.
type Var struct {
	Name, Default, Help string
}

// Vars lists the environment variables Sporbar reads, with their defaults.
func Vars() []Var {
	return []Var{
		{"DATABASE_URL", "", "PostgreSQL-forbindelse, fx postgres://sporbar@localhost:5432/sporbar (påkrævet)"},
		{"ADDR", ":8080", "adressen, som webserveren lytter på"},
		{"LOG_LEVEL", "info", "debug, info, warn eller error"},
		{"BASE_URL", "http://localhost:8080", "den offentlige adresse"},
		{"SECURE_COOKIES", "auto", "true/false; auto = true når BASE_URL er https"},
		{"SESSION_IDLE_TIMEOUT", "30m", "en session udløber efter så lang tids inaktivitet"},
		{"SESSION_MAX_AGE", "10h", "en session udløber senest så længe efter login"},
		{"SPORBAR_DEMO_PASSWORD", "", "demobrugernes adgangskode (seed --demo-users); dannes og vises, hvis tom"},
		{"STALE_AFTER_DAYS", "90", "en status ældre end så mange dage markeres på oversigterne"},
		{"PAGE_CACHE_MB", "32", "hukommelse (MB) til færdige samlede skemaer, genbrugt til data ændres; 0 = ingen"},
		{"SMTP_URL", "", "SMTP-server til e-mails, fx smtp://bruger:kode@smtp.office365.com:587?tls=starttls (tls=starttls|tls|none); tom = ingen mails"},
		{"MAIL_FROM", "", "afsender af e-mails, fx Sporbar <sporbar@kommune.dk> (påkrævet med SMTP_URL)"},
		{"MAIL_DIGEST_AT", "mandag 07:00", "hvornår det ugentlige overblik sendes (ugedag og klokkeslæt, dansk tid)"},
	}
}

// Load reads the configuration through getenv. A missing DATABASE_URL is allowed here (commands
// that need the database check it with RequireDatabase).
func Load(getenv func(string) string) (Config, error) {
	get := func(name string) string {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			for _, d := range Vars() {
				if d.Name == name {
					return d.Default
				}
			}
		}
		return v
	}
	c := Config{
		DatabaseURL:  get("DATABASE_URL"),
		Addr:         get("ADDR"),
		LogLevel:     strings.ToLower(get("LOG_LEVEL")),
		BaseURL:      strings.TrimRight(get("BASE_URL"), "/"),
		DemoPassword: getenv("SPORBAR_DEMO_PASSWORD"),
	}
	var errs []error
	switch v := get("SECURE_COOKIES"); v {
	case "auto":
		c.SecureCookies = strings.HasPrefix(c.BaseURL, "https://")
	default:
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("SECURE_COOKIES: %q er hverken true, false eller auto", v))
		}
		c.SecureCookies = b
	}
	var err error
	if c.SessionIdle, err = positiveDuration("SESSION_IDLE_TIMEOUT", get("SESSION_IDLE_TIMEOUT")); err != nil {
		errs = append(errs, err)
	}
	if c.SessionMaxAge, err = positiveDuration("SESSION_MAX_AGE", get("SESSION_MAX_AGE")); err != nil {
		errs = append(errs, err)
	}
	if c.StaleAfterDays, err = strconv.Atoi(get("STALE_AFTER_DAYS")); err != nil || c.StaleAfterDays < 1 {
		errs = append(errs, fmt.Errorf("STALE_AFTER_DAYS: %q er ikke et positivt heltal", get("STALE_AFTER_DAYS")))
	}
	if c.PageCacheMB, err = strconv.Atoi(get("PAGE_CACHE_MB")); err != nil || c.PageCacheMB < 0 {
		errs = append(errs, fmt.Errorf("PAGE_CACHE_MB: %q er ikke et heltal på 0 eller mere", get("PAGE_CACHE_MB")))
	}
	if c.Mail, err = mail.ParseURL(getenv("SMTP_URL"), getenv("MAIL_FROM")); err != nil {
		errs = append(errs, fmt.Errorf("SMTP_URL: %w", err))
	}
	var ok bool
	if c.DigestAt, ok = domain.ParseWeeklyTime(get("MAIL_DIGEST_AT")); !ok {
		errs = append(errs, fmt.Errorf("MAIL_DIGEST_AT: %q er ikke en ugedag og et klokkeslæt som mandag 07:00", get("MAIL_DIGEST_AT")))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("LOG_LEVEL: %q er ikke debug, info, warn eller error", c.LogLevel))
	}
	if !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		errs = append(errs, fmt.Errorf("BASE_URL: %q skal begynde med http:// eller https://", c.BaseURL))
	}
	return c, errors.Join(errs...)
}

// RequireDatabase reports an error when no database is configured.
func (c Config) RequireDatabase() error {
	if c.DatabaseURL == "" {
		return errors.New("DATABASE_URL er ikke sat (brug `make run` for en lokal database)")
	}
	return nil
}

func positiveDuration(name, v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: %q er ikke en positiv varighed som 30m eller 10h", name, v)
	}
	return d, nil
}
