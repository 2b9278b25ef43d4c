package throttle

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

func TestGuard(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	g, err := New(Config{Burst: 3, Every: 10 * time.Second, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if w := g.Wait("a"); w != 0 {
			t.Fatalf("after %d failures: wait %s, want none", i, w)
		}
		g.Failed("a")
	}
	if w := g.Wait("a"); w != 10*time.Second {
		t.Errorf("after the burst: wait %s, want 10s", w)
	}
	if w := g.Wait("b"); w != 0 {
		t.Errorf("another client waits %s", w)
	}
	now = now.Add(4 * time.Second)
	if w := g.Wait("a"); w != 6*time.Second {
		t.Errorf("4s later: wait %s, want 6s", w)
	}
	now = now.Add(6 * time.Second)
	if w := g.Wait("a"); w != 0 {
		t.Errorf("10s later: wait %s, want none", w)
	}
	g.Failed("a")
	if w := g.Wait("a"); w == 0 {
		t.Error("a failure with the one earned guess spent: no wait")
	}
}

// TestGuardBounded: a flood of addresses never grows the Guard past
// MaxClients, and a client still throttled stays throttled while idle
// ones are forgotten.
func TestGuardBounded(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	g, _ := New(Config{Burst: 2, Every: time.Minute, MaxClients: 100, Now: func() time.Time { return now }})
	g.Failed("x")
	g.Failed("x")
	for i := range 1000 {
		g.Failed(fmt.Sprint("10.0.", i/250, ".", i%250))
		now = now.Add(time.Second)
		if len(g.clients) > 100 {
			t.Fatalf("%d clients remembered, bound 100", len(g.clients))
		}
	}
	g2, _ := New(Config{Burst: 1, Every: time.Hour, MaxClients: 3, Now: func() time.Time { return now }})
	g2.Failed("busy")
	for _, c := range []string{"p", "q", "r"} {
		now = now.Add(time.Hour) // p, q, r are whole again by the next one
		g2.Failed(c)
	}
	if g2.Wait("r") == 0 {
		t.Error("the newest throttled client was forgotten")
	}
}

func TestClient(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "[2001:db8::1]:5555"
	if got := Client(r); got != "2001:db8::1" {
		t.Errorf("Client = %q", got)
	}
	if got := RetryAfter(1500 * time.Millisecond); got != "2" {
		t.Errorf("RetryAfter(1.5s) = %q, want 2", got)
	}
}
