// Package config reads Sporbar's configuration from the environment, with defaults and validation.
package config

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/netip"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/mail"
)

// Config is everything Sporbar reads from its environment.
type Config struct {
	DatabaseURL    string         // DATABASE_URL: PostgreSQL connection URL (required)
	Addr           string         // ADDR: where the HTTP server listens
	LogLevel       string         // LOG_LEVEL: debug, info, warn or error
	BaseURL        string         // BASE_URL: the public URL, used in links and to decide Secure cookies
	SecureCookies  bool           // SECURE_COOKIES: Secure and __Host- session cookies (off only for plain-HTTP development)
	SessionIdle    time.Duration  // SESSION_IDLE_TIMEOUT: a session ends after this long without a request
	SessionMaxAge  time.Duration  // SESSION_MAX_AGE: a session ends this long after sign-in, whatever happens
	DemoPassword   string         // SPORBAR_DEMO_PASSWORD: the demo users' password (seed --demo-users)
	StaleAfterDays int            // STALE_AFTER_DAYS: a status older than this is flagged on dashboards
	PageCacheMB    int            // PAGE_CACHE_MB: memory for rendered samlet skemaer (0: none kept)
	TrustedProxies []netip.Prefix // TRUSTED_PROXIES: proxies whose X-Forwarded-For names the client
	HashLimit      int            // PASSWORD_HASH_LIMIT: password hashes computed at once (0: one per CPU)
	HashWait       time.Duration  // PASSWORD_HASH_WAIT: how long a sign-in waits for a free hash before 503

	DatabaseMaxConns         int32             // DATABASE_MAX_CONNS: the pool's size (default max(4, CPUs))
	DatabaseAcquireTimeout   time.Duration     // DATABASE_ACQUIRE_TIMEOUT: longest wait for a free connection
	DatabaseStatementTimeout time.Duration     // DATABASE_STATEMENT_TIMEOUT: PostgreSQL's statement_timeout on each connection
	ShutdownTimeout          time.Duration     // SHUTDOWN_TIMEOUT: how long a stop waits for requests in flight
	CleanupInterval          time.Duration     // CLEANUP_INTERVAL: how often expired sessions and throttle rows are deleted
	MetricsAddr              string            // METRICS_ADDR: a listener of its own for /metrics ("" for none)
	MetricsToken             string            // METRICS_TOKEN: the bearer token for /metrics on the main listener ("" for none)
	SSOSecretKey             string            // SSO_SECRET_KEY: 32 bytes in base64 that seal the IdP secrets ("" = stored unsealed)
	APIRateLimit             int               // API_RATE_LIMIT: requests a minute per API token (as many at once)
	Mail                     mail.Settings     // SMTP_URL and MAIL_FROM: where mail goes (Host "": no mail is sent)
	DigestAt                 domain.WeeklyTime // MAIL_DIGEST_AT: when the weekly digest goes out, Danish time
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
		{"TRUSTED_PROXIES", "", "reverse proxies (IP-adresser eller CIDR, kommasepareret), hvis X-Forwarded-For angiver klientens adresse; tom = brug forbindelsens adresse"},
		{"PASSWORD_HASH_LIMIT", "0", "højst så mange adgangskoder kontrolleres samtidig (hver bruger 19 MB); 0 = én pr. CPU"},
		{"PASSWORD_HASH_WAIT", "2s", "så længe venter et login på en ledig kontrol, før det får svaret 503 (prøv igen)"},
		{"DATABASE_MAX_CONNS", defaultMaxConns, "højst så mange forbindelser til databasen pr. instans"},
		{"DATABASE_ACQUIRE_TIMEOUT", "5s", "længste ventetid på en ledig forbindelse; derefter svarer siden 503"},
		{"DATABASE_STATEMENT_TIMEOUT", "30s", "længste tid for én SQL-sætning (PostgreSQL's statement_timeout); 0 = ingen grænse"},
		{"SHUTDOWN_TIMEOUT", "20s", "ved stop: så længe afventes igangværende forespørgsler; et andet signal stopper straks"},
		{"CLEANUP_INTERVAL", "10m", "så ofte slettes udløbne sessioner og gamle login-forsøg"},
		{"METRICS_ADDR", "", "egen adresse til Prometheus-målinger på /metrics, fx 127.0.0.1:9090; tom = ingen"},
		{"METRICS_TOKEN", "", "nøgle (mindst 16 tegn) til /metrics på hovedadressen med Authorization: Bearer; tom = ingen"},
		{"SSO_SECRET_KEY", "", "32 tilfældige byte i base64 (openssl rand -base64 32), som krypterer identitetsudbydernes hemmeligheder"},
		{"API_RATE_LIMIT", "120", "forespørgsler i minuttet pr. API-nøgle (lige så mange på én gang)"},
		{"SMTP_URL", "", "SMTP-server til e-mails, fx smtp://bruger:kode@smtp.office365.com:587?tls=starttls (tls=starttls|tls|none); tom = ingen mails"},
		{"MAIL_FROM", "", "afsender af e-mails, fx Sporbar <sporbar@kommune.dk> (påkrævet med SMTP_URL)"},
		{"MAIL_DIGEST_AT", "mandag 07:00", "hvornår det ugentlige overblik sendes (ugedag og klokkeslæt, dansk tid)"},
	}
}

// defaultMaxConns is how DATABASE_MAX_CONNS's default is shown; Load computes it.
const defaultMaxConns = "max(4, antal CPU-kerner)"

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
		MetricsAddr:  get("METRICS_ADDR"),
		MetricsToken: get("METRICS_TOKEN"),
		SSOSecretKey: get("SSO_SECRET_KEY"),
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
	if c.TrustedProxies, err = parseProxies(get("TRUSTED_PROXIES")); err != nil {
		errs = append(errs, err)
	}
	if c.HashLimit, err = strconv.Atoi(get("PASSWORD_HASH_LIMIT")); err != nil || c.HashLimit < 0 {
		errs = append(errs, fmt.Errorf("PASSWORD_HASH_LIMIT: %q er ikke et heltal på 0 eller mere", get("PASSWORD_HASH_LIMIT")))
	}
	if c.HashWait, err = positiveDuration("PASSWORD_HASH_WAIT", get("PASSWORD_HASH_WAIT")); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, c.loadOperations(get)...)
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		errs = append(errs, errors.New("METRICS_TOKEN: nøglen skal være mindst 16 tegn"))
	}
	if c.MetricsAddr != "" && c.MetricsAddr == c.Addr {
		errs = append(errs, fmt.Errorf("METRICS_ADDR: %q er den samme som ADDR; brug METRICS_TOKEN for målinger på hovedadressen", c.MetricsAddr))
	}
	if k, err := base64.StdEncoding.DecodeString(c.SSOSecretKey); c.SSOSecretKey != "" && (err != nil || len(k) != 32) {
		errs = append(errs, errors.New("SSO_SECRET_KEY: skal være 32 byte i base64, fx fra openssl rand -base64 32"))
	}
	if c.APIRateLimit, err = strconv.Atoi(get("API_RATE_LIMIT")); err != nil || c.APIRateLimit < 1 {
		errs = append(errs, fmt.Errorf("API_RATE_LIMIT: %q er ikke et positivt heltal", get("API_RATE_LIMIT")))
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

// parseProxies reads a comma- or space-separated list of IP addresses and CIDR networks.
func parseProxies(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		p, err := netip.ParsePrefix(f)
		if err != nil {
			ip, ipErr := netip.ParseAddr(f)
			if ipErr != nil {
				return nil, fmt.Errorf("TRUSTED_PROXIES: %q er hverken en IP-adresse eller et net som 10.0.0.0/8", f)
			}
			p = netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// loadOperations reads the database pool, shutdown and cleanup settings.
func (c *Config) loadOperations(get func(string) string) []error {
	var errs []error
	c.DatabaseMaxConns = int32(max(4, runtime.NumCPU()))
	if v := get("DATABASE_MAX_CONNS"); v != defaultMaxConns {
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil || n < 1 {
			errs = append(errs, fmt.Errorf("DATABASE_MAX_CONNS: %q er ikke et positivt heltal", v))
		}
		c.DatabaseMaxConns = int32(n)
	}
	var err error
	for _, d := range []struct {
		name   string
		to     *time.Duration
		zeroOK bool
	}{
		{"DATABASE_ACQUIRE_TIMEOUT", &c.DatabaseAcquireTimeout, false},
		{"DATABASE_STATEMENT_TIMEOUT", &c.DatabaseStatementTimeout, true},
		{"SHUTDOWN_TIMEOUT", &c.ShutdownTimeout, false},
		{"CLEANUP_INTERVAL", &c.CleanupInterval, false},
	} {
		v := get(d.name)
		if d.zeroOK && v == "0" {
			*d.to = 0
			continue
		}
		if *d.to, err = positiveDuration(d.name, v); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func positiveDuration(name, v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: %q er ikke en positiv varighed som 30m eller 10h", name, v)
	}
	return d, nil
}
