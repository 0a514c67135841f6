package server

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/sessions"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/sso"
	"github.com/sporbar/sporbar/internal/store"
	"github.com/sporbar/sporbar/web/pages"
)

// ssoCookie holds the browser's half of an OIDC sign-in under way (its SHA-256 is on the
// request row), so that a callback opened in another browser is refused (login CSRF).
const ssoCookie = "sporbar_sso"

// showOrgLogin is an organisation's own sign-in page (/login/{org}): its identity providers,
// and the e-mail and password form unless the organisation has turned it off.
func (s *Server) showOrgLogin(w http.ResponseWriter, r *http.Request) error {
	if currentUser(r) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	org, err := s.store.GetOrganisationBySlug(r.Context(), chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	f, err := s.orgLoginForm(r, org, safeNext(r.URL.Query().Get("next")))
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, pages.Login(s.page(r, "Log ind"), f))
}

// orgLoginForm is the sign-in page of org with its enabled methods, keeping next.
func (s *Server) orgLoginForm(r *http.Request, org domain.Organisation, next string) (pages.LoginForm, error) {
	set, err := s.store.GetSignInSettings(r.Context(), org.ID)
	if err != nil {
		return pages.LoginForm{}, err
	}
	methods, err := s.store.ListSignInMethods(r.Context(), org.ID)
	if err != nil {
		return pages.LoginForm{}, err
	}
	f := pages.LoginForm{OrgName: org.Name, Next: next, NoPassword: !set.LocalLogin}
	for _, m := range methods {
		if !m.Enabled {
			continue
		}
		u := ssoPath(org.Slug, m.Slug, "")
		if next != "" {
			u += "?next=" + url.QueryEscape(next)
		}
		f.Methods = append(f.Methods, pages.LoginMethod{Name: m.DisplayName, URL: u})
	}
	return f, nil
}

// ssoPath is a method's address below /sso (see sso.Path).
func ssoPath(orgSlug, methodSlug, suffix string) string { return sso.Path(orgSlug, methodSlug, suffix) }

// signInMethod returns the organisation and the enabled method named in the path.
func (s *Server) signInMethod(r *http.Request) (domain.Organisation, domain.SignInMethod, error) {
	org, err := s.store.GetOrganisationBySlug(r.Context(), chi.URLParam(r, "org"))
	if err != nil {
		return org, domain.SignInMethod{}, err
	}
	m, err := s.store.GetSignInMethodBySlug(r.Context(), org.ID, chi.URLParam(r, "method"))
	if err == nil && !m.Enabled {
		err = fmt.Errorf("sign-in method %s is off: %w", m.Slug, store.ErrNotFound)
	}
	return org, m, err
}

// signInMethodOf is signInMethod for a method of kind; one of another kind is not found.
func (s *Server) signInMethodOf(r *http.Request, kind string) (domain.Organisation, domain.SignInMethod, error) {
	org, m, err := s.signInMethod(r)
	if err == nil && m.Kind != kind {
		err = fmt.Errorf("sign-in method %s is not %s: %w", m.Slug, kind, store.ErrNotFound)
	}
	return org, m, err
}

// startSSO sends the browser to the method's IdP, remembering state, nonce, PKCE verifier
// (OIDC) or the AuthnRequest's id (SAML), and where to go afterwards.
func (s *Server) startSSO(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.signInMethod(r)
	if err != nil {
		return err
	}
	state, err := sso.RandomToken()
	if err != nil {
		return err
	}
	req := domain.SignInRequest{StateHash: hash(state), MethodID: m.ID, Next: safeNext(r.URL.Query().Get("next")),
		ExpiresAt: s.now().Add(sso.RequestLifetime)}
	var to string
	if m.Kind == domain.MethodSAML {
		to, err = s.startSAML(r, org, m, state, &req)
	} else {
		to, err = s.startOIDC(w, r, org, m, state, &req)
	}
	if err != nil {
		return s.ssoRefused(w, r, org, m, req.Next, err)
	}
	if err := s.store.CreateSignInRequest(r.Context(), req); err != nil {
		return err
	}
	s.log.Info("sso sign-in started", "org", org.Slug, "method", m.Slug, "kind", m.Kind, "address", auth.ClientAddress(r))
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

func (s *Server) startOIDC(w http.ResponseWriter, r *http.Request, org domain.Organisation, m domain.SignInMethod,
	state string, req *domain.SignInRequest) (string, error) {
	st, err := s.sso.StartOIDC(r.Context(), m, s.cfg.BaseURL+ssoPath(org.Slug, m.Slug, "/callback"), state)
	if err != nil {
		return "", err
	}
	browser, err := sso.RandomToken()
	if err != nil {
		return "", err
	}
	req.Nonce, req.PKCEVerifier, req.BrowserHash = st.Nonce, st.Verifier, hash(browser)
	http.SetCookie(w, &http.Cookie{Name: ssoCookie, Value: browser, Path: ssoPath(org.Slug, m.Slug, "/"),
		MaxAge: int(sso.RequestLifetime / time.Second), HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	return st.AuthURL, nil
}

func (s *Server) startSAML(r *http.Request, org domain.Organisation, m domain.SignInMethod, state string,
	req *domain.SignInRequest) (string, error) {
	sp, err := s.serviceProvider(r, org, m)
	if err != nil {
		return "", err
	}
	to, id, err := sso.StartSAML(sp, state)
	req.RequestID = id
	return to, err
}

// oidcCallback is where the OIDC IdP sends the browser back with a code (or an error).
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.signInMethodOf(r, domain.MethodOIDC)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	http.SetCookie(w, &http.Cookie{Name: ssoCookie, Path: ssoPath(org.Slug, m.Slug, "/"), MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	req, err := s.store.TakeSignInRequest(r.Context(), m.ID, hash(q.Get("state")))
	if errors.Is(err, store.ErrNotFound) {
		return s.ssoRefused(w, r, org, m, "", &sso.Failure{Kind: sso.FailState, Err: err})
	} else if err != nil {
		return err
	}
	if e := q.Get("error"); e != "" {
		return s.ssoRefused(w, r, org, m, req.Next, &sso.Failure{Kind: sso.FailIdP,
			Err: fmt.Errorf("%.100s: %.300s", e, q.Get("error_description"))})
	}
	if c, err := r.Cookie(ssoCookie); err != nil || string(hash(c.Value)) != string(req.BrowserHash) {
		return s.ssoRefused(w, r, org, m, req.Next, &sso.Failure{Kind: sso.FailState, Err: errors.New("not the browser that started")})
	}
	secret, err := s.sealer.Open(m.ClientSecret)
	if err != nil {
		return err
	}
	claims, err := s.sso.FinishOIDC(r.Context(), m, secret, s.cfg.BaseURL+ssoPath(org.Slug, m.Slug, "/callback"), req, q.Get("code"))
	if err != nil {
		return s.ssoRefused(w, r, org, m, req.Next, err)
	}
	return s.finishSignIn(w, r, org, m, req.Next, claims, sso.SAMLSession{})
}

// hash is the SHA-256 of a token, as the database keeps it.
func hash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// ssoLoginFor is the hook of POST /login (login.go): an address whose e-mail domain belongs to
// an organisation with its own login, typed without a password, goes to that organisation's
// sign-in page, keeping next. It returns "" otherwise.
func (s *Server) ssoLoginFor(r *http.Request, email, password, next string) (string, error) {
	at := strings.LastIndexByte(email, '@')
	if password != "" || at < 0 {
		return "", nil
	}
	slug, err := s.store.OrganisationSlugByEmailDomain(r.Context(), email[at+1:])
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	to := "/login/" + slug
	if next != "" {
		to += "?next=" + url.QueryEscape(next)
	}
	return to, nil
}

// newSealer is the server's sealer for key, which config.Load has checked.
func newSealer(key string) *sso.Sealer {
	sl, err := sso.NewSealer(key)
	if err != nil {
		sl, _ = sso.NewSealer("")
	}
	return sl
}

// localLoginOff is the answer to a right password when the organisation signs in only through
// its own identity provider.
const localLoginOff = "Din organisation logger ind med sit eget login. Brug knappen for det på jeres login-side."

// localLoginAllowed is the hook of POST /login (login.go): whether the organisation allows
// e-mail and password.
func (s *Server) localLoginAllowed(r *http.Request, orgID int64) (bool, error) {
	set, err := s.store.GetSignInSettings(r.Context(), orgID)
	return set.LocalLogin, err
}

// redirectTo sends the browser to to (303), unless err.
func redirectTo(w http.ResponseWriter, r *http.Request, to string, err error) error {
	if err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// errOr is err, or else alt.
func errOr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// idpLogoutKey is the session value that holds the IdP's sign-out address of the method the
// person signed in with.
const idpLogoutKey = "idp_logout"

// idpLogoutURL is where sign-out sends the browser: the IdP's own sign-out, so that the
// IdP's session ends too, or else our sign-in page.
func idpLogoutURL(sess *sessions.Session) string {
	if to, _ := sess.Values[idpLogoutKey].(string); to != "" {
		return to
	}
	return "/login"
}
