package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/sessions"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// SessionStore is a gorilla/sessions Store kept in PostgreSQL. The cookie holds only an opaque
// random id; the database keeps its SHA-256, the signed-in user and a few string values.
// A session ends after Idle without a request and MaxAge after it began, whatever happens.
type SessionStore struct {
	st     *store.Store
	Name   string // the cookie's name: "__Host-sporbar" when Secure
	Secure bool
	Idle   time.Duration
	MaxAge time.Duration
	now    func() time.Time
}

// userKey is the session value that holds the signed-in *domain.User (in memory only; the
// database keeps the user's id).
type userKey struct{}

// NewSessionStore returns a store whose cookies are Secure (and __Host- prefixed) when secure.
func NewSessionStore(st *store.Store, secure bool, idle, maxAge time.Duration) *SessionStore {
	name := "sporbar_session"
	if secure {
		name = "__Host-sporbar"
	}
	return &SessionStore{st: st, Name: name, Secure: secure, Idle: idle, MaxAge: maxAge, now: time.Now}
}

func (s *SessionStore) options() *sessions.Options {
	return &sessions.Options{Path: "/", HttpOnly: true, Secure: s.Secure, SameSite: http.SameSiteLaxMode}
}

// Get returns the request's session, cached for the request by the sessions registry.
func (s *SessionStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session named by the request's cookie, or returns a new empty one when there
// is no cookie, no such session, or it has expired (which it then deletes).
func (s *SessionStore) New(r *http.Request, name string) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	sess.Options = s.options()
	sess.IsNew = true
	c, err := r.Cookie(name)
	if err != nil || c.Value == "" {
		return sess, nil
	}
	hash := hashID(c.Value)
	row, err := s.st.GetSession(r.Context(), hash)
	if errors.Is(err, store.ErrNotFound) {
		return sess, nil
	}
	if err != nil {
		return sess, err
	}
	now := s.now()
	if now.Sub(row.LastSeenAt) > s.Idle || now.Sub(row.CreatedAt) > s.MaxAge || (row.User != nil && !row.User.Active) {
		return sess, s.st.DeleteSession(r.Context(), hash)
	}
	sess.ID, sess.IsNew = c.Value, false
	for k, v := range row.Data {
		sess.Values[k] = v
	}
	if row.User != nil {
		sess.Values[userKey{}] = row.User
	}
	if now.Sub(row.LastSeenAt) > time.Minute {
		if err := s.st.TouchSession(r.Context(), hash); err != nil {
			return sess, err
		}
	}
	return sess, nil
}

// Save writes the session and its cookie. A session with MaxAge < 0 is deleted; a session with
// no id gets a new random one (which is how sign-in renews it).
func (s *SessionStore) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	ctx := r.Context()
	if sess.Options != nil && sess.Options.MaxAge < 0 {
		if sess.ID != "" {
			if err := s.st.DeleteSession(ctx, hashID(sess.ID)); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(sess.Name(), "", sess.Options))
		return nil
	}
	var userID *int64
	if u := SessionUser(sess); u != nil {
		userID = &u.ID
	}
	data := map[string]string{}
	for k, v := range sess.Values {
		ks, ok1 := k.(string)
		vs, ok2 := v.(string)
		if ok1 && ok2 {
			data[ks] = vs
		}
	}
	if sess.ID == "" {
		id, err := newID()
		if err != nil {
			return err
		}
		if err := s.st.CreateSession(ctx, hashID(id), userID, data, ClientAddress(r), truncate(r.UserAgent(), 300)); err != nil {
			return err
		}
		sess.ID = id
	} else if err := s.st.UpdateSession(ctx, hashID(sess.ID), userID, data); err != nil {
		return err
	}
	http.SetCookie(w, sessions.NewCookie(sess.Name(), sess.ID, sess.Options))
	return nil
}

// SessionUser returns the signed-in user of the session, or nil.
func SessionUser(sess *sessions.Session) *domain.User {
	u, _ := sess.Values[userKey{}].(*domain.User)
	return u
}

// SignIn renews the session for u: the old session is deleted and a new id is issued at Save,
// so an id known before sign-in is worth nothing after it.
func (s *SessionStore) SignIn(r *http.Request, sess *sessions.Session, u *domain.User) error {
	if sess.ID != "" {
		if err := s.st.DeleteSession(r.Context(), hashID(sess.ID)); err != nil {
			return err
		}
	}
	sess.ID = ""
	sess.Values = map[interface{}]interface{}{userKey{}: u}
	return nil
}

// IDHash returns the stored hash of the session's id (nil for a session not yet saved).
func IDHash(sess *sessions.Session) []byte {
	if sess.ID == "" {
		return nil
	}
	return hashID(sess.ID)
}

func hashID(id string) []byte {
	h := sha256.Sum256([]byte(id))
	return h[:]
}

func newID() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new session id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
