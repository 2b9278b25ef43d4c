package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
)

// Config is one run's settings.
type Config struct {
	// AsOf is "today" for every date rule. Required; callers pass the
	// current date unless a user fixed it (--as-of).
	AsOf time.Time
	// Profile overrides the order's own profile when set.
	Profile *profile.Profile
	// DocumentTimeout bounds admission and extraction of one document.
	// Default 30s.
	DocumentTimeout time.Duration
	// OCR reads scanned pages and images; nil leaves them without text
	// (TEXT_NOT_FOUND).
	OCR extract.Recognizer
	// Pending finds other pending orders porting the same numbers
	// (NUMBER_ALREADY_PORTING across a service's orders); nil checks
	// only within the batch given to CheckAll.
	Pending PendingOrders
	// Cache keeps extractions by document digest; nil extracts every
	// time (the command line).
	Cache Cache
	// Fields keeps what the readers made of each document (DocFields),
	// so a re-check of documents the Documents know the digest of runs
	// the rules alone; nil reads every time.
	Fields FieldsCache
	// CachedOnly fails a check (ErrNotCached) rather than read a
	// document whose fields are not cached: a batch re-validation runs
	// the rules alone, and leaves reading (OCR, a document that may take
	// its worker down) to a check of its own.
	CachedOnly bool
	// Observe, when set, is told how long each document took to read
	// and where its text came from (metrics).
	Observe func(textSource string, d time.Duration)
}

// PendingOrders tells which other pending orders port an order's
// numbers: E.164 number -> order ids. Errors are transient (a store).
type PendingOrders interface {
	PortingOrders(ctx context.Context, o *order.Order) (map[string][]string, error)
}

// DefaultDocumentTimeout is long enough for a 200-page text-layer bill on
// a slow machine and short enough that a looping parser is noticed.
const DefaultDocumentTimeout = 30 * time.Second

// Validate checks the settings.
func (c Config) Validate() error {
	if c.AsOf.IsZero() {
		return errors.New("pipeline config: as-of date is required")
	}
	if c.DocumentTimeout < 0 {
		return errors.New("pipeline config: document timeout must not be negative")
	}
	return nil
}

func (c Config) documentTimeout() time.Duration {
	if c.DocumentTimeout == 0 {
		return DefaultDocumentTimeout
	}
	return c.DocumentTimeout
}

// ProfileFor resolves the profile an order is checked under: the
// override, else the order's own, else the default.
func ProfileFor(o *order.Order, override *profile.Profile) (*profile.Profile, error) {
	if override != nil {
		return override, nil
	}
	name := o.Profile
	if name == "" {
		name = profile.Default
	}
	p, err := profile.Get(name)
	if err != nil {
		return nil, &order.FieldError{Field: "profile", Msg: err.Error()}
	}
	return p, nil
}

// asOfDate drops the clock so day arithmetic is whole days.
func (c Config) asOfDate() time.Time {
	y, m, d := c.AsOf.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ErrNotCached: CachedOnly met a document whose fields are not cached.
var ErrNotCached = errors.New("fields not cached")

// DocumentError is a document the pipeline could not fetch.
type DocumentError struct {
	Index int
	Path  string
	Err   error
}

func (e *DocumentError) Error() string {
	return fmt.Sprintf("documents[%d] %s: %v", e.Index, e.Path, e.Err)
}

func (e *DocumentError) Unwrap() error { return e.Err }
