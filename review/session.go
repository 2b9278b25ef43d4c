package review

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/portcheck/portcheck/records"
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
// and the store keeps its SHA-256, so a dump of the map holds no usable
// cookie. Sessions live in this process: a restart signs everyone out.
type sessions struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[[32]byte]*session
}

// maxSessions bounds the store; past it the session nearest its end
// makes room.
const maxSessions = 10_000

func newSessions(now func() time.Time) *sessions {
	return &sessions{now: now, m: map[[32]byte]*session{}}
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *sessions) create(tenant, reviewer string, ttl time.Duration) (string, *session) {
	id := randomToken()
	sess := &session{Tenant: tenant, Reviewer: reviewer, CSRF: randomToken(), expires: s.now().Add(ttl)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.m) >= maxSessions {
		s.sweep()
	}
	s.m[sha256.Sum256([]byte(id))] = sess
	return id, sess
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

func (s *sessions) get(id string) *session {
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

func (s *sessions) remove(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, sha256.Sum256([]byte(id)))
}

type sessionHandler func(w http.ResponseWriter, r *http.Request, sess *session)

// signedIn runs h for a request of a live session. Without one, a page
// asks to sign in and comes back after; a POST is refused. A POST must
// carry the session's form token.
func (s *server) signedIn(h sessionHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sess *session
		if c, err := r.Cookie(cookieName); err == nil {
			sess = s.sessions.get(c.Value)
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
	id, _ := s.sessions.create(tenant, name, s.SessionTTL)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: id, Path: Prefix, HttpOnly: true,
		Secure: s.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode, MaxAge: int(s.SessionTTL.Seconds())})
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

func (s *server) signOut(w http.ResponseWriter, r *http.Request, _ *session) {
	if c, err := r.Cookie(cookieName); err == nil {
		s.sessions.remove(c.Value)
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
