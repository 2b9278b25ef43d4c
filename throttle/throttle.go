package throttle

import (
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Config sets a Guard's allowance.
type Config struct {
	// Burst is how many failures a client may make at once; default 10.
	Burst int
	// Every is how often a client earns one more; default 6 seconds.
	Every time.Duration
	// MaxClients bounds the clients remembered; default 10,000. When it
	// is reached the clients with their whole allowance are forgotten.
	MaxClients int
	// Now defaults to time.Now.
	Now func() time.Time
}

// Validate says what is wrong with c's explicit values.
func (c Config) Validate() error {
	if c.Burst < 0 || c.Every < 0 || c.MaxClients < 0 {
		return errors.New("throttle: burst, every and max clients must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Burst == 0 {
		c.Burst = 10
	}
	if c.Every == 0 {
		c.Every = 6 * time.Second
	}
	if c.MaxClients == 0 {
		c.MaxClients = 10000
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Guard keeps each client's allowance of failures. Its methods are
// safe for concurrent use.
type Guard struct {
	c       Config
	mu      sync.Mutex
	clients map[string]*rate.Limiter
}

// New returns a Guard with c's allowance.
func New(c Config) (*Guard, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &Guard{c: c.withDefaults(), clients: map[string]*rate.Limiter{}}, nil
}

// Wait says how long client must wait before its next guess is
// judged; zero when it may guess now.
func (g *Guard) Wait(client string) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	l, ok := g.clients[client]
	if !ok {
		return 0
	}
	tokens := l.TokensAt(g.c.Now())
	if tokens >= 1 {
		return 0
	}
	return time.Duration((1 - tokens) * float64(g.c.Every))
}

// Failed spends one of client's allowance.
func (g *Guard) Failed(client string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	l, ok := g.clients[client]
	if !ok {
		if len(g.clients) >= g.c.MaxClients {
			g.forget()
		}
		l = rate.NewLimiter(rate.Every(g.c.Every), g.c.Burst)
		g.clients[client] = l
	}
	l.AllowN(g.c.Now(), 1)
}

// forget drops the clients whose allowance is whole again; if none is,
// all of them, so memory stays bounded under a flood of addresses.
func (g *Guard) forget() {
	now := g.c.Now()
	for k, l := range g.clients {
		if l.TokensAt(now) >= float64(g.c.Burst) {
			delete(g.clients, k)
		}
	}
	if len(g.clients) >= g.c.MaxClients {
		clear(g.clients)
	}
}

// Client is the address a request came from, without its port.
func Client(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// RetryAfter is d as a Retry-After header's whole seconds, at least 1.
func RetryAfter(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	return strconv.Itoa(max(s, 1))
}
