package domain

import "time"

// Kinds of sign-in method. Local (e-mail and password) is not a row: it is
// SignInSettings.LocalLogin.
const (
	MethodOIDC = "oidc"
	MethodSAML = "saml"
)

// SignInMethod is one of an organisation's identity providers: OpenID Connect or SAML 2.0.
// Secrets are never held here in the clear for display: ClientSecret and SPPrivateKey are
// sealed bytes (sso/secrets.go), and HasClientSecret tells a form whether one is set.
type SignInMethod struct {
	ID             int64
	OrganisationID int64
	Slug           string // in the method's addresses: /sso/{org}/{slug}/…
	Kind           string // MethodOIDC or MethodSAML
	DisplayName    string // on the sign-in button: "Log ind med …" is not glued; the button shows the name
	Enabled        bool
	Issuer         string // OIDC
	ClientID       string // OIDC
	ClientSecret   []byte // OIDC, sealed
	Scopes         string // OIDC, space-separated
	IDPMetadataURL string // SAML
	IDPMetadata    string // SAML: the IdP's metadata XML
	SPCertificate  string // SAML: our signing and encryption certificate (PEM)
	SPPrivateKey   []byte // SAML: our private key (PEM), sealed
	// SAML rollover: the next key pair, published in our metadata beside the current one
	// until the admin takes it in use; "" and nil when there is none.
	SPNextCertificate string
	SPNextPrivateKey  []byte
	SubjectClaim      string // the claim that identifies the person; "" = sub (OIDC) or NameID (SAML)
	EmailClaim        string
	NameClaim         string
	RoleClaim         string // the claim whose values the mappings match (roles, groups, privileges)
	UnitClaim         string // a claim whose value is a unit's external id; "" = none
	LogoutURL         string // where our sign-out sends the browser to end the IdP session; "" = nowhere
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Version           int32
}

// KindLabel is the method kind's Danish name.
func (m SignInMethod) KindLabel() string {
	if m.Kind == MethodSAML {
		return "SAML 2.0"
	}
	return "OpenID Connect"
}

// SignInMapping says what a claim value gives in Sporbar: a role, and for some roles a unit.
type SignInMapping struct {
	ID         int64
	MethodID   int64
	ClaimValue string
	Role       string
	UnitID     *int64
	UnitName   string // filled by lists
	Position   int32
}

// SignInSettings are an organisation's sign-in choices beside its methods.
type SignInSettings struct {
	OrganisationID int64
	LocalLogin     bool     // e-mail and password allowed
	EmailDomains   []string // e-mail domains whose people are sent to the organisation's methods
}

// Claims are what an identity provider said about a person: the stable subject, and every
// claim or attribute by name with its values.
type Claims struct {
	Subject string
	Values  map[string][]string
}

// First returns the first value of the claim name, or "".
func (c Claims) First(name string) string {
	if v := c.Values[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// UnitRef is a unit as the claim mapping sees it: its id, name and the directory's id.
type UnitRef struct {
	ID         int64
	Name       string
	ExternalID *string
}

// LostAccess is an account whose identity provider no longer gives it a role in Sporbar.
type LostAccess struct {
	UserID       int64
	Name         string
	Email        string
	Active       bool
	MethodName   string
	AccessLostAt time.Time
}

// SignInRequest is a sign-in under way at an identity provider: what comes back must match it.
type SignInRequest struct {
	StateHash    []byte // SHA-256 of the OIDC state or the SAML RelayState
	MethodID     int64
	RequestID    string // SAML AuthnRequest ID
	Nonce        string // OIDC
	PKCEVerifier string // OIDC
	BrowserHash  []byte // SHA-256 of the value in the browser's sign-in cookie (OIDC)
	Next         string
	ExpiresAt    time.Time
}

// Identity links a user to a method's stable subject.
type Identity struct {
	ID           int64
	UserID       int64
	MethodID     int64
	Subject      string
	AccessLostAt *time.Time
}

// NoPassword is the password hash of an account made by an identity provider's claims: no
// password matches it, and the account signs in only through its identities.
const NoPassword = "!sso"

// HasPassword reports whether u can sign in with a password of its own (and so change it):
// false for an account that has only identities at identity providers.
func (u User) HasPassword() bool {
	return u.PasswordHash != "" && u.PasswordHash != NoPassword
}
