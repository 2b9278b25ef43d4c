package review

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/throttle"
)

const cookieName = "portcheck_review"

// session is one sign-in: the tenant its API key belongs to, the name
// the reviewer typed (who accepted a finding), and the token every form
// of the session carries.
type session struct {
	Tenant   string
	Reviewer string
	CSRF     string
	expires  time.Time
}

// sessions is the server-side store: the cookie holds only a random id,
// and the store keeps its SHA-256, so a dump of the store holds no
// usable cookie. With a storage.Store the sessions are kept there
// (sessionPrefix), so a restart signs nobody out and every serve over
// the same storage knows every session, a sign-out included; without
// one they live in this process.
type sessions struct {
	mu        sync.Mutex
	now       func() time.Time
	m         map[[32]byte]*session // without a store
	store     storage.Store
	log       *slog.Logger
	lastSweep time.Time
}

// sessionPrefix is where a store keeps the sessions, one object each,
// named by the hex SHA-256 of the cookie's id.
const sessionPrefix = "review/sessions/"

// maxSessions bounds the in-process store; past it the session nearest
// its end makes room.
const maxSessions = 10_000

// sweepEvery is how often signing in also removes, in the background,
// the stored sessions that have ended without a sign-out.
const sweepEvery = time.Hour

func newSessions(now func() time.Time, store storage.Store, log *slog.Logger) *sessions {
	return &sessions{now: now, m: map[[32]byte]*session{}, store: store, log: log}
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// stored is a session as a store keeps it.
type stored struct {
	Tenant   string    `json:"tenant"`
	Reviewer string    `json:"reviewer"`
	CSRF     string    `json:"csrf"`
	Expires  time.Time `json:"expires"`
}

func sessionKey(id string) string {
	k := sha256.Sum256([]byte(id))
	return sessionPrefix + hex.EncodeToString(k[:]) + ".json"
}

func (s *sessions) create(ctx context.Context, tenant, reviewer string, ttl time.Duration) (string, *session, error) {
	id := randomToken()
	sess := &session{Tenant: tenant, Reviewer: reviewer, CSRF: randomToken(), expires: s.now().Add(ttl)}
	if s.store != nil {
		b, _ := json.Marshal(stored{sess.Tenant, sess.Reviewer, sess.CSRF, sess.expires})
		if err := s.store.Put(ctx, sessionKey(id), bytes.NewReader(b)); err != nil {
			return "", nil, fmt.Errorf("sign in: keep the session: %w", err)
		}
		s.sweepStored(ttl)
		return id, sess, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.m) >= maxSessions {
		s.sweep()
	}
	s.m[sha256.Sum256([]byte(id))] = sess
	return id, sess, nil
}

// sweep drops expired sessions, and the one nearest its end if none
// has expired. Called with mu held.
func (s *sessions) sweep() {
	now := s.now()
	var first [32]byte
	var firstEnd time.Time
	for k, v := range s.m {
		if now.After(v.expires) {
			delete(s.m, k)
			continue
		}
		if firstEnd.IsZero() || v.expires.Before(firstEnd) {
			first, firstEnd = k, v.expires
		}
	}
	if len(s.m) >= maxSessions {
		delete(s.m, first)
	}
}

// sweepStored removes, at most once every sweepEvery and in the
// background, the stored sessions written longer than ttl ago: they
// have ended.
func (s *sessions) sweepStored(ttl time.Duration) {
	del, ok := s.store.(storage.Deleter)
	s.mu.Lock()
	due := ok && s.now().Sub(s.lastSweep) >= sweepEvery
	if due {
		s.lastSweep = s.now()
	}
	s.mu.Unlock()
	if !due {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		infos, err := s.store.List(ctx, sessionPrefix)
		for _, in := range infos {
			if err == nil && s.now().Sub(in.ModTime) > ttl {
				err = del.Delete(ctx, in.Key)
			}
		}
		if err != nil && s.log != nil {
			s.log.Warn("remove ended reviewer sessions", "error", err)
		}
	}()
}

// get finds a live session; an ended one is removed. A store that
// cannot be read signs nobody in.
func (s *sessions) get(ctx context.Context, id string) *session {
	if s.store != nil {
		return s.getStored(ctx, id)
	}
	k := sha256.Sum256([]byte(id))
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.m[k]
	if sess == nil {
		return nil
	}
	if s.now().After(sess.expires) {
		delete(s.m, k)
		return nil
	}
	return sess
}

func (s *sessions) getStored(ctx context.Context, id string) *session {
	rc, err := s.store.Get(ctx, sessionKey(id))
	if err != nil {
		if !errors.Is(err, storage.ErrNotFound) && !errors.Is(err, storage.ErrInvalidKey) && s.log != nil {
			s.log.Warn("read a reviewer session", "error", err)
		}
		return nil
	}
	defer rc.Close()
	var st stored
	if err := json.NewDecoder(io.LimitReader(rc, 4<<10)).Decode(&st); err != nil {
		return nil
	}
	if s.now().After(st.Expires) {
		s.remove(ctx, id)
		return nil
	}
	return &session{Tenant: st.Tenant, Reviewer: st.Reviewer, CSRF: st.CSRF, expires: st.Expires}
}

func (s *sessions) remove(ctx context.Context, id string) {
	if s.store == nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.m, sha256.Sum256([]byte(id)))
		return
	}
	if del, ok := s.store.(storage.Deleter); ok {
		if err := del.Delete(ctx, sessionKey(id)); err != nil && s.log != nil {
			s.log.Warn("remove a reviewer session", "error", err)
		}
	}
}

type sessionHandler func(w http.ResponseWriter, r *http.Request, sess *session)

// signedIn runs h for a request of a live session. Without one, a page
// asks to sign in and comes back after; a POST is refused. A POST must
// carry the session's form token.
func (s *server) signedIn(h sessionHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sess *session
		if c, err := r.Cookie(cookieName); err == nil {
			sess = s.sessions.get(r.Context(), c.Value)
		}
		if sess == nil {
			if r.Method != http.MethodGet {
				s.render(w, http.StatusForbidden, "error.html", page{Title: "Signed out", Data: "Your session has ended. Sign in again and repeat what you did."})
				return
			}
			http.Redirect(w, r, "/review/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost && subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(sess.CSRF)) != 1 {
			s.render(w, http.StatusForbidden, "error.html", page{Title: "Refused", Session: sess, Data: "The form was not sent from this session's page. Reload the page and try again."})
			return
		}
		h(w, r, sess)
	})
}

type signInView struct {
	Next, Name, Error string
}

func (s *server) signInPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "signin.html", page{Title: "Sign in", Data: signInView{Next: safeNext(r.URL.Query().Get("next"))}})
}

// signIn exchanges the tenant's API key for a session cookie. The key
// itself is never kept: only the tenant it names.
func (s *server) signIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	key, name := strings.TrimSpace(r.PostFormValue("key")), strings.TrimSpace(r.PostFormValue("name"))
	v := signInView{Next: safeNext(r.PostFormValue("next")), Name: name}
	client := throttle.Client(r)
	if wait := s.Guard.Wait(client); wait > 0 {
		w.Header().Set("Retry-After", throttle.RetryAfter(wait))
		v.Error = "Too many sign-ins with a wrong key from this address. Try again in " + throttle.RetryAfter(wait) + " seconds."
		s.render(w, http.StatusTooManyRequests, "signin.html", page{Title: "Sign in", Data: v})
		return
	}
	tenant, ok := s.Keys.Tenant(key)
	switch {
	case name == "" || utf8.RuneCountInString(name) > records.MaxName:
		v.Error = "Type your name (at most 100 characters): it is shown beside every finding you accept."
	case !ok:
		s.Guard.Failed(client)
		v.Error = "That API key is not known. Paste your organisation's key as it was given to you."
	}
	if v.Error != "" {
		s.render(w, http.StatusUnauthorized, "signin.html", page{Title: "Sign in", Data: v})
		return
	}
	id, _, err := s.sessions.create(r.Context(), tenant, name, s.SessionTTL)
	if err != nil {
		s.Log.Error("sign in", "error", err)
		v.Error = "Signing in failed: the service could not keep the session. Try again in a moment."
		s.render(w, http.StatusServiceUnavailable, "signin.html", page{Title: "Sign in", Data: v})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: id, Path: Prefix, HttpOnly: true,
		Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode, MaxAge: int(s.SessionTTL.Seconds())})
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

func (s *server) signOut(w http.ResponseWriter, r *http.Request, _ *session) {
	if c, err := r.Cookie(cookieName); err == nil {
		s.sessions.remove(r.Context(), c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: Prefix, HttpOnly: true,
		Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/review/signin", http.StatusSeeOther)
}

// safeNext is where to go after signing in: a page of the UI, never
// another site ("//host", "/\host" and schemes are refused).
func safeNext(next string) string {
	if !strings.HasPrefix(next, Prefix) || strings.ContainsAny(next, "\\\r\n") || strings.Contains(next, "..") {
		return "/review/orders"
	}
	return next
}
