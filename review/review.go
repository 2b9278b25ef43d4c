package review

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/portcheck/portcheck/pageimage"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/throttle"
)

// Keys tells the tenant of an API key (api.Keys).
type Keys interface {
	Tenant(key string) (string, bool)
}

// Config wires the reviewer UI.
type Config struct {
	Records records.Records
	Keys    Keys
	Log     *slog.Logger
	// SecureCookies marks the session cookie Secure even on plain HTTP:
	// set it behind a proxy that ends TLS. A request that came over TLS
	// gets a Secure cookie regardless.
	SecureCookies bool
	// SessionTTL is how long a sign-in lasts; default 8 hours.
	SessionTTL time.Duration
	// Renderer makes page images (pdftoppm under a time bound).
	Renderer pageimage.Renderer
	// Guard bounds wrong keys at sign-in per client; the API passes its
	// own, so both count the same guesses. Default throttle's defaults.
	Guard *throttle.Guard
	Now   func() time.Time
}

// Prefix is where the UI is mounted.
const Prefix = "/review/"

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages are parsed at the first page served, not at package init: every
// portcheck process links this package, and parsing them was its init
// (0.8 ms clock, 153 KB, GODEBUG=inittrace=1 portcheck version); only
// serve shows them. The tests render every page, so a broken template
// still fails there.
var pages = sync.OnceValue(parsePages)

func parsePages() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"upper":  strings.ToUpper,
		"codes":  carrierCodes,
		"plural": plural,
		"when":   when,
		"capitalise": func(s string) string {
			if s == "" {
				return s
			}
			return strings.ToUpper(s[:1]) + s[1:]
		},
	}).ParseFS(templateFS, "templates/*.html"))
}

type server struct {
	Config
	sessions    *sessions
	extractions *extractions
	renders     chan struct{} // bounds page renders at once: pdftoppm is a process each
}

// Handler returns the reviewer UI's routes, all under Prefix. Every
// POST is refused unless it comes from a page of the same origin
// (http.CrossOriginProtection: Sec-Fetch-Site or Origin) and, once
// signed in, unless it carries the session's form token.
func Handler(c Config) http.Handler {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.SessionTTL <= 0 {
		c.SessionTTL = 8 * time.Hour
	}
	if c.Guard == nil {
		c.Guard, _ = throttle.New(throttle.Config{Now: c.Now}) // the defaults are valid
	}
	s := &server{Config: c, sessions: newSessions(c.Now, c.Records.Store, c.Log), extractions: newExtractions(), renders: make(chan struct{}, 2)}
	static, _ := fs.Sub(staticFS, "static")
	mux := http.NewServeMux()
	mux.Handle("GET /review/static/", http.StripPrefix("/review/static/", staticFiles(http.FileServerFS(static))))
	mux.HandleFunc("GET /review/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/review/orders", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /review/signin", s.signInPage)
	mux.HandleFunc("POST /review/signin", s.signIn)
	mux.Handle("POST /review/signout", s.signedIn(s.signOut))
	mux.Handle("GET /review/orders", s.signedIn(s.listOrders))
	mux.Handle("GET /review/orders/{id}", s.signedIn(s.orderPage))
	mux.Handle("GET /review/orders/{id}/documents/{name}", s.signedIn(s.download))
	mux.Handle("GET /review/orders/{id}/pages/{doc}/{page}", s.signedIn(s.pageImage))
	mux.Handle("POST /review/orders/{id}/accept", s.signedIn(s.accept))
	mux.Handle("POST /review/orders/{id}/withdraw", s.signedIn(s.withdraw))
	mux.HandleFunc("/review/", func(w http.ResponseWriter, r *http.Request) {
		s.notFound(w, r, nil)
	})
	return headers(http.NewCrossOriginProtection().Handler(mux))
}

// headers sets what every page of the UI needs: no framing, no sniffing,
// nothing fetched from elsewhere, and no caching of a tenant's pages by
// anyone but the browser.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "private, no-store")
		next.ServeHTTP(w, r)
	})
}

// staticFiles lets the browser keep the UI's own style sheet and script.
func staticFiles(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// page is what every template gets besides its own data.
type page struct {
	Title   string
	Session *session
	Data    any
}

func (s *server) render(w http.ResponseWriter, status int, name string, p page) {
	var b strings.Builder
	if err := pages().ExecuteTemplate(&b, name, p); err != nil {
		s.Log.Error("render page", "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(b.String()))
}

// notFound answers 404 for an order of another tenant exactly as for
// one that does not exist, so ids cannot be probed.
func (s *server) notFound(w http.ResponseWriter, r *http.Request, sess *session) {
	s.render(w, http.StatusNotFound, "notfound.html", page{Title: "Not found", Session: sess})
}

// fail answers a store error: not found is 404, anything else the
// store being unavailable (the log keeps the reason).
func (s *server) fail(w http.ResponseWriter, r *http.Request, sess *session, err error) {
	if errors.Is(err, records.ErrNotFound) || errors.Is(err, records.ErrInvalidID) {
		s.notFound(w, r, sess)
		return
	}
	s.Log.Warn("review: backend unavailable", "path", r.URL.Path, "error", pipeline.Scrub(err.Error()))
	s.render(w, http.StatusServiceUnavailable, "error.html", page{Title: "Unavailable", Session: sess,
		Data: "The order store cannot be reached just now. Try again in a minute."})
}

func carrierCodes(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+" "+m[k])
	}
	return strings.Join(parts, ", ")
}

// when shows a stored RFC 3339 time as a reviewer reads it.
func when(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
