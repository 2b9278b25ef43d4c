package webhooks

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/portcheck/portcheck/storage"
)

var (
	// ErrNotFound: no such subscription (or delivery) for this tenant.
	ErrNotFound = errors.New("webhook not found")
	// ErrTooMany: the tenant has MaxSubscriptions already.
	ErrTooMany = errors.New("too many webhooks")
)

// MaxSubscriptions bounds a tenant's subscriptions, and with them what
// one event fans out to.
const MaxSubscriptions = 20

// Delivery states.
const (
	Pending   = "pending"
	Delivered = "delivered"
	Failed    = "failed"
)

// Subscription is one endpoint of a tenant.
type Subscription struct {
	ID      string    `json:"id"`
	URL     string    `json:"url"`
	Events  []string  `json:"events"`
	Created time.Time `json:"created_at"`
	Secret  Secret    `json:"-"`
	// PreviousSecret still signs deliveries, beside Secret, until
	// PreviousExpires: a rotation's grace, while receivers change over.
	PreviousSecret  Secret     `json:"-"`
	PreviousExpires *time.Time `json:"previous_secret_expires_at,omitempty"`
}

// Secrets are those that sign a delivery made at now: the current one,
// and the previous one during its grace.
func (s Subscription) Secrets(now time.Time) []Secret {
	if s.PreviousSecret != "" && s.PreviousExpires != nil && now.Before(*s.PreviousExpires) {
		return []Secret{s.Secret, s.PreviousSecret}
	}
	return []Secret{s.Secret}
}

// Wants reports whether the subscription takes events of typ.
func (s Subscription) Wants(typ string) bool { return slices.Contains(s.Events, typ) }

// stored is a subscription as kept: the one place the secret is
// written out.
type stored struct {
	Subscription
	Secret         string `json:"secret"`
	PreviousSecret string `json:"previous_secret,omitempty"`
}

// Delivery is the record of one event sent to one subscription.
type Delivery struct {
	Event          Event      `json:"event"`
	Status         string     `json:"status"`
	Attempts       int        `json:"attempts"`
	LastError      string     `json:"last_error,omitempty"`
	LastStatusCode int        `json:"last_status_code,omitempty"`
	Created        time.Time  `json:"created_at"`
	LastAttempt    *time.Time `json:"last_attempt_at,omitempty"`
	Delivered      *time.Time `json:"delivered_at,omitempty"`
}

// Store keeps subscriptions and deliveries in a storage.Store, by
// tenant: every call takes the tenant, and every key is built from it,
// so a tenant never reaches another's subscriptions.
type Store struct{ Store storage.Store }

// The id patterns are compiled on first use: tenantRE's {0,127} alone
// is a program of 1,700 allocations (GODEBUG=inittrace=1: 136 KB for
// the three), which every process paid in init, also a check.
var (
	tenantRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`) })
	idRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^wh_[0-9a-f]{16}$`) })
	eventRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^evt_[0-9a-f]{24}$`) })
)

func subKey(tenant, id string) (string, error) {
	if !tenantRE().MatchString(tenant) || !idRE().MatchString(id) {
		return "", ErrNotFound // an id we never made names nothing
	}
	return "webhooks/" + tenant + "/subscriptions/" + id + ".json", nil
}

func deliveryKey(tenant, id, event string) (string, error) {
	if !tenantRE().MatchString(tenant) || !idRE().MatchString(id) || !eventRE().MatchString(event) {
		return "", ErrNotFound
	}
	return "webhooks/" + tenant + "/deliveries/" + id + "/" + event + ".json", nil
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "wh_" + hex.EncodeToString(b)
}

func (s Store) put(ctx context.Context, k string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return s.Store.Put(ctx, k, bytes.NewReader(data))
}

func (s Store) get(ctx context.Context, k string, v any) error {
	rc, err := s.Store.Get(ctx, k)
	if errors.Is(err, storage.ErrNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	return json.NewDecoder(rc).Decode(v)
}

// Create stores a new subscription with a fresh secret; url and events
// must have passed ValidateURL and ValidateEvents.
func (s Store) Create(ctx context.Context, tenant, url string, events []string, now time.Time) (Subscription, error) {
	existing, err := s.List(ctx, tenant)
	if err != nil {
		return Subscription{}, fmt.Errorf("create webhook: %w", err)
	}
	if len(existing) >= MaxSubscriptions {
		return Subscription{}, fmt.Errorf("create webhook: a tenant has at most %d: %w", MaxSubscriptions, ErrTooMany)
	}
	secret, err := NewSecret()
	if err != nil {
		return Subscription{}, err
	}
	sub := Subscription{ID: newID(), URL: url, Events: events, Created: now.UTC().Truncate(time.Second), Secret: secret}
	k, err := subKey(tenant, sub.ID)
	if err != nil {
		return Subscription{}, fmt.Errorf("create webhook: tenant %q: %w", tenant, err)
	}
	if err := s.put(ctx, k, stored{Subscription: sub, Secret: secret.Reveal()}); err != nil {
		return Subscription{}, fmt.Errorf("create webhook: %w", err)
	}
	return sub, nil
}

// Get returns a subscription, secret included (for signing).
func (s Store) Get(ctx context.Context, tenant, id string) (Subscription, error) {
	k, err := subKey(tenant, id)
	if err != nil {
		return Subscription{}, fmt.Errorf("webhook %s: %w", id, err)
	}
	var st stored
	if err := s.get(ctx, k, &st); err != nil {
		return Subscription{}, fmt.Errorf("webhook %s: %w", id, err)
	}
	st.Subscription.Secret, st.Subscription.PreviousSecret = Secret(st.Secret), Secret(st.PreviousSecret)
	return st.Subscription, nil
}

// MaxGrace bounds how long a rotated-out secret keeps signing.
const MaxGrace = 7 * 24 * time.Hour

// RotateSecret gives the subscription a fresh secret. The one it had
// signs deliveries too for grace (at most MaxGrace; zero ends it at
// once), so a receiver that verifies with either loses nothing while
// it changes over; a secret rotated out before that is dropped.
func (s Store) RotateSecret(ctx context.Context, tenant, id string, grace time.Duration, now time.Time) (Subscription, error) {
	if grace < 0 || grace > MaxGrace {
		return Subscription{}, fmt.Errorf("rotate webhook secret: the grace must be between 0 and %s", MaxGrace)
	}
	sub, err := s.Get(ctx, tenant, id)
	if err != nil {
		return Subscription{}, fmt.Errorf("rotate webhook secret: %w", err)
	}
	secret, err := NewSecret()
	if err != nil {
		return Subscription{}, err
	}
	sub.PreviousSecret, sub.PreviousExpires = "", nil
	if grace > 0 {
		until := now.UTC().Add(grace).Truncate(time.Second)
		sub.PreviousSecret, sub.PreviousExpires = sub.Secret, &until
	}
	sub.Secret = secret
	k, _ := subKey(tenant, id) // Get checked both
	if err := s.put(ctx, k, stored{Subscription: sub, Secret: secret.Reveal(), PreviousSecret: sub.PreviousSecret.Reveal()}); err != nil {
		return Subscription{}, fmt.Errorf("rotate webhook secret: %w", err)
	}
	return sub, nil
}

// List returns a tenant's subscriptions, oldest first.
func (s Store) List(ctx context.Context, tenant string) ([]Subscription, error) {
	if !tenantRE().MatchString(tenant) {
		return nil, fmt.Errorf("list webhooks: tenant %q: %w", tenant, ErrNotFound)
	}
	infos, err := s.Store.List(ctx, "webhooks/"+tenant+"/subscriptions/")
	if err != nil {
		return nil, fmt.Errorf("list webhooks: %w", err)
	}
	out := []Subscription{}
	for _, i := range infos {
		id := strings.TrimSuffix(i.Key[strings.LastIndexByte(i.Key, '/')+1:], ".json")
		sub, err := s.Get(ctx, tenant, id)
		if errors.Is(err, ErrNotFound) {
			continue // deleted since listed
		}
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	slices.SortFunc(out, func(a, b Subscription) int { return a.Created.Compare(b.Created) })
	return out, nil
}

// Delete removes a subscription and its deliveries. Deliveries still
// queued find it gone and stop.
func (s Store) Delete(ctx context.Context, tenant, id string) error {
	d, ok := s.Store.(storage.Deleter)
	if !ok {
		return errors.New("delete webhook: the store cannot delete")
	}
	if _, err := s.Get(ctx, tenant, id); err != nil {
		return err
	}
	k, _ := subKey(tenant, id)
	if err := d.Delete(ctx, k); err != nil {
		return fmt.Errorf("delete webhook %s: %w", id, err)
	}
	infos, err := s.Store.List(ctx, "webhooks/"+tenant+"/deliveries/"+id+"/")
	if err != nil {
		return fmt.Errorf("delete webhook %s: deliveries: %w", id, err)
	}
	for _, i := range infos {
		if err := d.Delete(ctx, i.Key); err != nil {
			return fmt.Errorf("delete webhook %s: %w", id, err)
		}
	}
	return nil
}

// Delivery returns the record of one event sent to one subscription.
func (s Store) Delivery(ctx context.Context, tenant, id, event string) (Delivery, error) {
	k, err := deliveryKey(tenant, id, event)
	if err != nil {
		return Delivery{}, fmt.Errorf("delivery %s: %w", event, err)
	}
	var d Delivery
	if err := s.get(ctx, k, &d); err != nil {
		return Delivery{}, fmt.Errorf("delivery %s: %w", event, err)
	}
	return d, nil
}

// PutDelivery writes a delivery's record. Only the one task delivering
// it writes after it is created, so a plain write loses nothing.
func (s Store) PutDelivery(ctx context.Context, tenant, id string, d Delivery) error {
	k, err := deliveryKey(tenant, id, d.Event.ID)
	if err != nil {
		return fmt.Errorf("record delivery %s: %w", d.Event.ID, err)
	}
	if err := s.put(ctx, k, d); err != nil {
		return fmt.Errorf("record delivery %s: %w", d.Event.ID, err)
	}
	return nil
}

// Deliveries returns a subscription's deliveries, newest first.
func (s Store) Deliveries(ctx context.Context, tenant, id string) ([]Delivery, error) {
	if _, err := s.Get(ctx, tenant, id); err != nil {
		return nil, err
	}
	infos, err := s.Store.List(ctx, "webhooks/"+tenant+"/deliveries/"+id+"/")
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	out := []Delivery{}
	for _, i := range infos {
		var d Delivery
		if err := s.get(ctx, i.Key, &d); errors.Is(err, ErrNotFound) {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("list deliveries: %w", err)
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b Delivery) int { return b.Created.Compare(a.Created) })
	return out, nil
}

// Prune removes the delivery records of every tenant not written to for
// the tenant's period (0: kept), and returns how many it removed.
func (s Store) Prune(ctx context.Context, period func(tenant string) time.Duration, now time.Time) (int, error) {
	d, ok := s.Store.(storage.Deleter)
	if !ok {
		return 0, errors.New("prune deliveries: the store cannot delete")
	}
	infos, err := s.Store.List(ctx, "webhooks/")
	if err != nil {
		return 0, fmt.Errorf("prune deliveries: %w", err)
	}
	n := 0
	for _, i := range infos {
		parts := strings.Split(i.Key, "/") // webhooks/<tenant>/deliveries/<id>/<event>.json
		if len(parts) != 5 || parts[2] != "deliveries" {
			continue
		}
		if p := period(parts[1]); p <= 0 || now.Sub(i.ModTime) < p {
			continue
		}
		if err := d.Delete(ctx, i.Key); err != nil {
			return n, fmt.Errorf("prune deliveries: %w", err)
		}
		n++
	}
	return n, nil
}
