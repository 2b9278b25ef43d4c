package webhooks_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/webhooks"
)

const secret = webhooks.Secret("whsec_test")

var t0 = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func TestVerify(t *testing.T) {
	body := []byte(`{"id":"evt_1"}`)
	good := webhooks.Sign(t0, body, secret)
	tests := []struct {
		name   string
		secret webhooks.Secret
		header string
		body   []byte
		now    time.Time
		want   error
	}{
		{"good", secret, good, body, t0, nil},
		{"good, 4 minutes later", secret, good, body, t0.Add(4 * time.Minute), nil},
		{"good among rotated signatures", secret, "t=" + fmt.Sprint(t0.Unix()) + ",v1=00ff," + good[strings.Index(good, "v1="):], body, t0, nil},
		{"replayed 6 minutes later", secret, good, body, t0.Add(6 * time.Minute), webhooks.ErrTimestamp},
		{"signed 6 minutes ahead", secret, good, body, t0.Add(-6 * time.Minute), webhooks.ErrTimestamp},
		{"body changed", secret, good, []byte(`{"id":"evt_2"}`), t0, webhooks.ErrBadSignature},
		{"other secret", "whsec_other", good, body, t0, webhooks.ErrBadSignature},
		{"timestamp changed", secret, strings.Replace(good, fmt.Sprint(t0.Unix()), fmt.Sprint(t0.Unix()+1), 1), body, t0, webhooks.ErrBadSignature},
		{"empty header", secret, "", body, t0, webhooks.ErrNoSignature},
		{"no v1", secret, "t=" + fmt.Sprint(t0.Unix()), body, t0, webhooks.ErrNoSignature},
		{"no t", secret, good[strings.Index(good, "v1="):], body, t0, webhooks.ErrNoSignature},
		{"bad t", secret, "t=soon," + good[strings.Index(good, "v1="):], body, t0, webhooks.ErrNoSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := webhooks.Verify(tt.secret, tt.header, tt.body, webhooks.DefaultTolerance, tt.now)
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestSecretNeverPrints: every way a secret can reach a log, an error
// or a JSON answer by accident shows it redacted.
func TestSecretNeverPrints(t *testing.T) {
	s, err := webhooks.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	sub := webhooks.Subscription{ID: "wh_0123456789abcdef", Secret: s}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "secret", s, "sub", sub)
	js, _ := json.Marshal(sub)
	js2, _ := json.Marshal(map[string]any{"s": s})
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q %x %d", s, sub, sub, s, s, s, s), logs.String(), string(js), string(js2), fmt.Errorf("sign: %v", s).Error()} {
		if strings.Contains(out, s.Reveal()) || strings.Contains(out, s.Reveal()[6:20]) {
			t.Errorf("the secret shows in %s", out)
		}
	}
	if !strings.HasPrefix(s.Reveal(), "whsec_") || len(s.Reveal()) != 6+64 {
		t.Errorf("secret %d characters, want whsec_ and 64 hex", len(s.Reveal()))
	}
}

func TestValidate(t *testing.T) {
	urls := []struct {
		url  string
		want string // in the error; empty: valid
	}{
		{"https://intake.example.com/hooks/portcheck", ""},
		{"http://127.0.0.1:9000/hook", ""},
		{"", "url: required"},
		{"ftp://example.com/hook", "scheme"},
		{"file:///etc/passwd", "scheme"},
		{"javascript:alert(1)", "scheme"},
		{"/relative/hook", "scheme"},
		{"https:///nohost", "host"},
		{"https://example.com/hook#x", "fragment"},
		{"http://[::1", "not a URL"},
		{"https://example.com/" + strings.Repeat("a", 2100), "longer than 2048"},
	}
	for _, tt := range urls {
		t.Run(tt.url, func(t *testing.T) {
			err := webhooks.ValidateURL(tt.url)
			if (err == nil) != (tt.want == "") || err != nil && (!strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "url: ")) {
				t.Errorf("ValidateURL = %v, want an error naming url and %q", err, tt.want)
			}
		})
	}
	events := []struct {
		name string
		in   []string
		want []string // nil: refused
	}{
		{"one", []string{"order.checked"}, []string{"order.checked"}},
		{"repeats dropped", []string{"order.failed", "order.verdict_changed", "order.failed"}, []string{"order.failed", "order.verdict_changed"}},
		{"none", nil, nil},
		{"unknown", []string{"order.checked", "order.ported"}, nil},
	}
	for _, tt := range events {
		t.Run(tt.name, func(t *testing.T) {
			got, err := webhooks.ValidateEvents(tt.in)
			if tt.want == nil && (err == nil || !strings.HasPrefix(err.Error(), "events: ")) {
				t.Errorf("ValidateEvents = %v, %v; want an error naming events", got, err)
			}
			if diff := cmp.Diff(tt.want, got); tt.want != nil && diff != "" {
				t.Errorf("ValidateEvents (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEventIDStable: one outcome told twice is one event id; another
// outcome, type or order is another.
func TestEventIDStable(t *testing.T) {
	a := webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "o1", "check:task-1", "pass", "http://x", t0)
	b := webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "o1", "check:task-1", "pass", "http://x", t0.Add(time.Hour))
	if a.ID != b.ID {
		t.Errorf("the same outcome has ids %s and %s", a.ID, b.ID)
	}
	for _, other := range []webhooks.Event{
		webhooks.NewEvent(webhooks.OrderVerdictChanged, "loc_a", "o1", "check:task-1", "pass", "", t0),
		webhooks.NewEvent(webhooks.OrderChecked, "loc_b", "o1", "check:task-1", "pass", "", t0),
		webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "o1", "check:task-2", "pass", "", t0),
	} {
		if other.ID == a.ID {
			t.Errorf("%+v has the id of %+v", other, a)
		}
	}
	var got map[string]any
	json.Unmarshal(a.Body(), &got)
	want := map[string]any{"id": a.ID, "type": "order.checked", "created_at": "2026-12-01T12:00:00Z", "order_id": "o1", "verdict": "pass", "report_url": "http://x/v1/orders/o1/report"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	f := webhooks.NewEvent(webhooks.OrderFailed, "loc_a", "o1", "check:task-1", "", "http://x", t0)
	if !strings.Contains(string(f.Body()), `"verdict":null`) || !strings.Contains(string(f.Body()), `"report_url":null`) {
		t.Errorf("a failed check's event: %s", f.Body())
	}
}

func TestSend(t *testing.T) {
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		if err := webhooks.Verify(secret, r.Header.Get(webhooks.SignatureHeader), body, time.Minute, time.Now()); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/to-ok", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusTemporaryRedirect) })
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body) // then the server notices the client leave
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	e := webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "o1", "t1", "pass", srv.URL, t0)
	tests := []struct {
		path     string
		status   int
		err      string // in the error; empty: delivered
		receives int32
	}{
		{"/ok", 204, "", 1},
		{"/down", 503, "answered 503", 1},
		{"/to-ok", 307, "redirects are not followed", 0},
		{"/to-ftp", 302, "ftp://example.com/x", 0},
		{"/slow", 0, "timeout", 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			hits.Store(0)
			sub := webhooks.Subscription{URL: srv.URL + tt.path, Secret: secret}
			r := webhooks.Sender{Timeout: 300 * time.Millisecond}.Send(context.Background(), sub, e)
			if r.StatusCode != tt.status || (r.Err == nil) != (tt.err == "") || r.Err != nil && !strings.Contains(r.Err.Error(), tt.err) {
				t.Errorf("Send = %d, %v; want %d and an error with %q", r.StatusCode, r.Err, tt.status, tt.err)
			}
			if hits.Load() != tt.receives {
				t.Errorf("the receiver's handler ran %d times, want %d", hits.Load(), tt.receives)
			}
		})
	}
	// userinfo in the URL never reaches the error.
	r := webhooks.Sender{}.Send(context.Background(), webhooks.Subscription{URL: "http://user:hunter2@127.0.0.1:1/x", Secret: secret}, e)
	if r.Err == nil || strings.Contains(r.Err.Error(), "hunter2") {
		t.Errorf("Send to a closed port = %v", r.Err)
	}
}

// TestStoreTenants: a tenant sees its own subscriptions only; the
// listing never holds a secret; deleting removes the deliveries too.
func TestStoreTenants(t *testing.T) {
	fs, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, ctx := webhooks.Store{Store: fs}, context.Background()
	a, err := s.Create(ctx, "loc_a", "https://a.example/h", []string{webhooks.OrderChecked}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "loc_b", a.ID); !errors.Is(err, webhooks.ErrNotFound) {
		t.Errorf("tenant b reads a's webhook: %v", err)
	}
	if err := s.Delete(ctx, "loc_b", a.ID); !errors.Is(err, webhooks.ErrNotFound) {
		t.Errorf("tenant b deletes a's webhook: %v", err)
	}
	if list, _ := s.List(ctx, "loc_b"); len(list) != 0 {
		t.Errorf("tenant b lists %d webhooks", len(list))
	}
	got, err := s.Get(ctx, "loc_a", a.ID)
	if err != nil || got.Secret.Reveal() != a.Secret.Reveal() {
		t.Fatalf("Get = %+v, %v; the secret must be kept for signing", got, err)
	}
	e := webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "o1", "t1", "pass", "", t0)
	if err := s.PutDelivery(ctx, "loc_a", a.ID, webhooks.Delivery{Event: e, Status: webhooks.Pending, Created: t0}); err != nil {
		t.Fatal(err)
	}
	if ds, err := s.Deliveries(ctx, "loc_a", a.ID); err != nil || len(ds) != 1 || ds[0].Event.ID != e.ID {
		t.Errorf("Deliveries = %+v, %v", ds, err)
	}
	if err := s.Delete(ctx, "loc_a", a.ID); err != nil {
		t.Fatal(err)
	}
	if left, _ := fs.List(ctx, "webhooks/"); len(left) != 0 {
		t.Errorf("left after delete: %+v", left)
	}
	if _, err := s.Get(ctx, "loc_a", "../../orders"); !errors.Is(err, webhooks.ErrNotFound) {
		t.Errorf("a hostile id: %v", err)
	}
	for i := range webhooks.MaxSubscriptions + 1 {
		_, err := s.Create(ctx, "loc_c", "https://c.example/h", []string{webhooks.OrderChecked}, t0)
		if (i < webhooks.MaxSubscriptions) != (err == nil) || err != nil && !errors.Is(err, webhooks.ErrTooMany) {
			t.Fatalf("subscription %d: %v", i+1, err)
		}
	}
}

// TestRotateSecret: after a rotation with a grace, deliveries verify
// with the new secret and with the old one until the grace ends, then
// with the new one only; a rotation without grace drops the old secret
// at once; the stored subscription keeps both across a reload.
func TestRotateSecret(t *testing.T) {
	ctx := context.Background()
	fs, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	hooks := webhooks.Store{Store: fs}
	var last atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		last.Store([2]string{r.Header.Get(webhooks.SignatureHeader), string(body)})
	}))
	defer srv.Close()
	sub, err := hooks.Create(ctx, "loc_a", srv.URL, []string{webhooks.OrderChecked}, t0)
	if err != nil {
		t.Fatal(err)
	}
	old := sub.Secret
	if _, err := hooks.RotateSecret(ctx, "loc_a", sub.ID, 8*24*time.Hour, t0); err == nil {
		t.Error("a grace over MaxGrace was taken")
	}
	rotated, err := hooks.RotateSecret(ctx, "loc_a", sub.ID, 24*time.Hour, t0)
	if err != nil {
		t.Fatal(err)
	}
	if rotated.Secret == old {
		t.Fatal("the secret did not change")
	}
	verifies := func(at time.Time) (byNew, byOld bool) {
		t.Helper()
		got, err := hooks.Get(ctx, "loc_a", sub.ID) // what a worker signs with
		if err != nil {
			t.Fatal(err)
		}
		e := webhooks.NewEvent(webhooks.OrderChecked, "loc_a", "o1", "t1", "pass", srv.URL, at)
		if r := (webhooks.Sender{Now: func() time.Time { return at }}).Send(ctx, got, e); r.Err != nil {
			t.Fatal(r.Err)
		}
		h := last.Load().([2]string)
		return webhooks.Verify(rotated.Secret, h[0], []byte(h[1]), time.Minute, at) == nil,
			webhooks.Verify(old, h[0], []byte(h[1]), time.Minute, at) == nil
	}
	tests := []struct {
		name         string
		at           time.Time
		byNew, byOld bool
	}{
		{"in the grace", t0.Add(23 * time.Hour), true, true},
		{"after the grace", t0.Add(25 * time.Hour), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n, o := verifies(tt.at); n != tt.byNew || o != tt.byOld {
				t.Errorf("verifies with the new secret %v, the old %v; want %v, %v", n, o, tt.byNew, tt.byOld)
			}
		})
	}
	again, err := hooks.RotateSecret(ctx, "loc_a", sub.ID, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	if again.PreviousSecret != "" || again.PreviousExpires != nil || len(again.Secrets(t0)) != 1 {
		t.Errorf("a rotation without grace kept the old secret: %+v", again)
	}
}
