package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// What a person is told when signing in through an IdP did not work: plain Danish, no details
// (those go to the log with the failure's kind).
const (
	ssoMsgRetry       = "Vi kunne ikke bekræfte dit login. Prøv igen; sker det igen, så kontakt jeres it-afdeling."
	ssoMsgExpired     = "Login-forsøget var udløbet eller allerede brugt. Prøv igen."
	ssoMsgIdP         = "Login hos identitetsudbyderen lykkedes ikke. Prøv igen om lidt; sker det igen, så kontakt jeres it-afdeling."
	ssoMsgNoRole      = "Du har ikke en rolle i Sporbar. Kontakt din leder eller jeres it-afdeling, hvis du skal have adgang."
	ssoMsgLostRole    = "Du har ikke længere en rolle i Sporbar, så din konto er deaktiveret. Kontakt din leder eller jeres it-afdeling, hvis det er en fejl."
	ssoMsgDeactivated = "Din konto i Sporbar er deaktiveret. Kontakt din administrator."
	ssoMsgNoEmail     = "Identitetsudbyderen oplyste ikke din e-mailadresse, så vi kan ikke oprette din konto. Kontakt jeres it-afdeling."
	ssoMsgEmailTaken  = "Der findes allerede en anden konto med din e-mailadresse. Kontakt din administrator."
	ssoMsgLink        = "Du har allerede en konto i Sporbar med din e-mailadresse. Log ind med adgangskoden til den én gang herunder, så knyttes den til dit login."
)

// ssoOutcome is what finishSignIn decided: the user to sign in, or a refusal.
type ssoOutcome struct {
	user   domain.User
	refuse string // the reason for the log; "" = sign in
	msg    string
	link   pendingLink // an account the person may link by signing in with its password
}

// finishSignIn turns the IdP's claims into a signed-in person: the identity (method, subject)
// finds the account; the claims give its role and unit (auth.GrantFromClaims), which the
// account takes on; a first sign-in with a role creates the account; a known person whose
// claims no longer give a role is deactivated (and signed out everywhere).
func (s *Server) finishSignIn(w http.ResponseWriter, r *http.Request, org domain.Organisation, m domain.SignInMethod,
	next string, c domain.Claims, slo sso.SAMLSession) error {
	ctx := r.Context()
	maps, err := s.store.ListSignInMappings(ctx, m.ID)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnitRefs(ctx, org.ID)
	if err != nil {
		return err
	}
	g := auth.GrantFromClaims(m, maps, units, c)
	var out ssoOutcome
	if err := s.store.InTx(ctx, func(tx *store.Store) error {
		out, err = s.applyGrant(r, tx, org, m, c, g)
		return err
	}); err != nil {
		return err
	}
	if out.refuse != "" {
		s.log.Warn("sso sign-in refused", "org", org.Slug, "method", m.Slug, "kind", m.Kind, "reason", out.refuse,
			"subject", c.Subject, "grant", g.Reason, "address", auth.ClientAddress(r))
		if out.link.UserID != 0 {
			return s.offerLink(w, r, org, next, out)
		}
		return s.renderSSOError(w, r, org, next, http.StatusForbidden, out.msg)
	}
	sess := session(r)
	if err := s.sessions.SignIn(r, sess, &out.user); err != nil {
		return err
	}
	if m.LogoutURL != "" {
		sess.Values[idpLogoutKey] = m.LogoutURL
	}
	rememberSAMLSession(sess, m, slo)
	if err := sess.Save(r, w); err != nil {
		return err
	}
	s.log.Info("login", "user", out.user.Email, "org", out.user.OrganisationID, "role", out.user.Role,
		"method", m.Slug, "kind", m.Kind, "address", auth.ClientAddress(r))
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// applyGrant finds or creates the account of c's subject and brings it in line with g.
func (s *Server) applyGrant(r *http.Request, tx *store.Store, org domain.Organisation, m domain.SignInMethod,
	c domain.Claims, g auth.Grant) (ssoOutcome, error) {
	ctx := r.Context()
	ident, u, err := tx.GetIdentityUser(ctx, m.ID, c.Subject)
	if errors.Is(err, store.ErrNotFound) {
		return s.createFromClaims(r, tx, org, m, c, g)
	} else if err != nil {
		return ssoOutcome{}, err
	}
	switch {
	case g.Role == "":
		if err := tx.IdentityLostAccess(ctx, ident.ID); err != nil {
			return ssoOutcome{}, err
		}
		if u.Active {
			u.Active = false
			if _, err := tx.UpdateUserFromDirectory(ctx, u); err != nil {
				return ssoOutcome{}, err
			}
			if err := auditFromIdP(r, tx, m, u, domain.AuditDeactivate, map[string]domain.Change{"Aktiv": {Old: "Ja", New: "Nej"}}); err != nil {
				return ssoOutcome{}, err
			}
			s.log.Warn("user deactivated: the IdP gives no role", "user", u.Email, "org", org.Slug, "method", m.Slug)
		}
		return ssoOutcome{refuse: "no-role-any-more", msg: ssoMsgLostRole}, tx.DeleteUserSessions(ctx, u.ID, nil)
	case !u.Active && ident.AccessLostAt == nil:
		return ssoOutcome{refuse: "deactivated", msg: ssoMsgDeactivated}, nil
	}
	reactivated := !u.Active
	u.Role, u.UnitID, u.Active = g.Role, g.UnitID, true
	if name := c.First(m.NameClaim); name != "" {
		u.Name = truncateRunes(name, 200)
	}
	if _, err := tx.UpdateUserFromDirectory(ctx, u); err != nil {
		return ssoOutcome{}, err
	}
	if reactivated {
		if err := auditFromIdP(r, tx, m, u, domain.AuditReactivate, map[string]domain.Change{"Aktiv": {Old: "Nej", New: "Ja"}}); err != nil {
			return ssoOutcome{}, err
		}
	}
	if err := tx.IdentitySignedIn(ctx, ident.ID); err != nil {
		return ssoOutcome{}, err
	}
	return ssoOutcome{user: u}, tx.RecordLogin(ctx, u.ID, "")
}

// createFromClaims makes the account of a person signing in for the first time, when the
// claims give a role.
func (s *Server) createFromClaims(r *http.Request, tx *store.Store, org domain.Organisation, m domain.SignInMethod,
	c domain.Claims, g auth.Grant) (ssoOutcome, error) {
	ctx := r.Context()
	if g.Role == "" {
		return ssoOutcome{refuse: "no-role", msg: ssoMsgNoRole}, nil
	}
	email := strings.ToLower(strings.TrimSpace(c.First(m.EmailClaim)))
	if !strings.Contains(email, "@") || len(email) > 320 {
		return ssoOutcome{refuse: "no-email", msg: ssoMsgNoEmail}, nil
	}
	name := truncateRunes(strings.TrimSpace(c.First(m.NameClaim)), 200)
	if name == "" {
		name = email
	}
	u := domain.User{OrganisationID: org.ID, UnitID: g.UnitID, Email: email, Name: name, Role: g.Role,
		PasswordHash: domain.NoPassword, Active: true}
	if out, taken, err := s.emailTaken(r, tx, org, m, c, email); err != nil || taken {
		return out, err
	}
	id, err := tx.CreateUser(ctx, u)
	if err != nil {
		return ssoOutcome{}, err
	}
	u.ID = id
	if err := tx.CreateIdentity(ctx, id, m.ID, c.Subject); err != nil {
		return ssoOutcome{}, err
	}
	if err := auditFromIdP(r, tx, m, u, domain.AuditCreate, domain.Diff(nil, domain.UserAuditValues(u, g.UnitName))); err != nil {
		return ssoOutcome{}, err
	}
	s.log.Info("user created from the IdP's claims", "user", email, "org", org.Slug, "method", m.Slug, "role", g.Role)
	return ssoOutcome{user: u}, tx.RecordLogin(ctx, id, "")
}

// ssoRefused answers a sign-in the protocol refused: the organisation's sign-in page with a
// Danish message, and a log line with the method and the failure's kind and details.
func (s *Server) ssoRefused(w http.ResponseWriter, r *http.Request, org domain.Organisation, m domain.SignInMethod, next string, err error) error {
	kind := sso.FailureKind(err)
	if kind == "" {
		return err
	}
	s.log.Warn("sso sign-in refused", "org", org.Slug, "method", m.Slug, "kind", m.Kind, "reason", kind, "err", err,
		"address", auth.ClientAddress(r))
	msg := ssoMsgRetry
	switch kind {
	case sso.FailState:
		msg = ssoMsgExpired
	case sso.FailIdP:
		msg = ssoMsgIdP
	}
	return s.renderSSOError(w, r, org, next, http.StatusUnauthorized, msg)
}

func (s *Server) renderSSOError(w http.ResponseWriter, r *http.Request, org domain.Organisation, next string, status int, msg string) error {
	f, err := s.orgLoginForm(r, org, next)
	if err != nil {
		return err
	}
	f.Error = msg
	return s.renderLogin(w, r, status, f)
}

// renderLogin renders the sign-in page f.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, f pages.LoginForm) error {
	return s.render(w, r, status, pages.Login(s.page(r, "Log ind"), f))
}

func truncateRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n])
}

// auditFromIdP writes, inside tx, the history row of a change the identity provider's claims
// made to u at sign-in: no actor (the history shows Sporbar), the method named among the changes.
func auditFromIdP(r *http.Request, tx *store.Store, m domain.SignInMethod, u domain.User, action string, changes map[string]domain.Change) error {
	changes["Identitetsudbyder"] = domain.Change{New: m.DisplayName}
	return tx.Audit(r.Context(), domain.AuditEntry{OrganisationID: u.OrganisationID, Action: action,
		Entity: domain.EntityUser, EntityID: u.ID, Title: u.Name, Changes: changes})
}
