package review

import (
	"testing"
	"time"
)

func TestSafeNext(t *testing.T) {
	tests := []struct{ name, next, want string }{
		{"a page of the UI", "/review/orders/ord-1?x=1", "/review/orders/ord-1?x=1"},
		{"empty", "", "/review/orders"},
		{"another site", "https://evil.example/review/", "/review/orders"},
		{"scheme-relative", "//evil.example/review/", "/review/orders"},
		{"a backslash", "/review/\\evil.example", "/review/orders"},
		{"out of the UI", "/review/../v1/orders", "/review/orders"},
		{"a header split", "/review/orders\r\nSet-Cookie: x", "/review/orders"},
		{"the API", "/v1/orders", "/review/orders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeNext(tt.next); got != tt.want {
				t.Errorf("safeNext(%q) = %q, want %q", tt.next, got, tt.want)
			}
		})
	}
}

func TestSessionsExpire(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now })
	id, sess := s.create("acme", "Dana", time.Hour)
	if got := s.get(id); got != sess {
		t.Fatal("a new session is not found")
	}
	if s.get(id+"x") != nil || s.get("") != nil {
		t.Error("another id finds the session")
	}
	now = now.Add(time.Hour + time.Second)
	if s.get(id) != nil {
		t.Error("an expired session is still signed in")
	}
	if len(s.m) != 0 {
		t.Error("an expired session stays in the store")
	}
}

func TestSessionsAreBounded(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now })
	first, _ := s.create("acme", "Dana", time.Minute)
	for range maxSessions {
		now = now.Add(time.Millisecond)
		s.create("acme", "Dana", time.Hour)
	}
	if len(s.m) > maxSessions {
		t.Errorf("%d sessions kept, at most %d", len(s.m), maxSessions)
	}
	if s.get(first) != nil {
		t.Error("the session nearest its end was not the one to make room")
	}
}
