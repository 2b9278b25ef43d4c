package review

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/storage"
)

var ctx = context.Background()

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
	s := newSessions(func() time.Time { return now }, nil, nil)
	id, sess, _ := s.create(ctx, "acme", "Dana", time.Hour)
	if got := s.get(ctx, id); got != sess {
		t.Fatal("a new session is not found")
	}
	if s.get(ctx, id+"x") != nil || s.get(ctx, "") != nil {
		t.Error("another id finds the session")
	}
	now = now.Add(time.Hour + time.Second)
	if s.get(ctx, id) != nil {
		t.Error("an expired session is still signed in")
	}
	if len(s.m) != 0 {
		t.Error("an expired session stays in the store")
	}
}

func TestSessionsAreBounded(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now }, nil, nil)
	first, _, _ := s.create(ctx, "acme", "Dana", time.Minute)
	for range maxSessions {
		now = now.Add(time.Millisecond)
		s.create(ctx, "acme", "Dana", time.Hour)
	}
	if len(s.m) > maxSessions {
		t.Errorf("%d sessions kept, at most %d", len(s.m), maxSessions)
	}
	if s.get(ctx, first) != nil {
		t.Error("the session nearest its end was not the one to make room")
	}
}

// TestSessionsStored: with a store, a session made by one server is
// known to another over the same storage (a restart, a second replica),
// a sign-out at either ends it for both, the store holds no cookie
// value, and an ended session is removed when met and by the sweep.
func TestSessionsStored(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	dir := t.TempDir()
	st, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := newSessions(clock, st, nil), newSessions(clock, st, nil)
	id, sess, err := a.create(ctx, "acme", "Dana", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	got := b.get(ctx, id)
	if got == nil {
		t.Fatal("another server over the same storage does not know the session")
	}
	if diff := cmp.Diff(*sess, *got, cmp.AllowUnexported(session{})); diff != "" {
		t.Errorf("the session read back (-made +read):\n%s", diff)
	}
	infos, _ := st.List(ctx, sessionPrefix)
	for _, in := range infos {
		rc, _ := st.Get(ctx, in.Key)
		buf := make([]byte, 4096)
		n, _ := rc.Read(buf)
		rc.Close()
		if strings.Contains(string(buf[:n])+in.Key, id) {
			t.Errorf("the store holds the cookie's id in %s", in.Key)
		}
	}
	b.remove(ctx, id)
	if a.get(ctx, id) != nil {
		t.Error("a sign-out at one server left the session live at the other")
	}

	ended, _, _ := a.create(ctx, "acme", "Ed", time.Hour)
	now = now.Add(time.Hour + time.Second)
	if b.get(ctx, ended) != nil {
		t.Error("an ended session is still signed in")
	}
	if infos, _ := st.List(ctx, sessionPrefix); len(infos) != 0 {
		t.Errorf("an ended session stays in the store: %v", infos)
	}
}

func TestSessionsStoredSweep(t *testing.T) {
	st, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old := newSessions(time.Now, st, nil) // the FS stamps files with the real clock
	for range 3 {
		old.create(ctx, "acme", "Dana", time.Hour)
	}
	if infos, _ := st.List(ctx, sessionPrefix); len(infos) != 3 {
		t.Fatalf("%d sessions stored, want 3", len(infos))
	}
	s := newSessions(time.Now, st, nil)
	s.sweepStored(-time.Second) // a TTL that everything written has outlived
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if infos, _ := st.List(ctx, sessionPrefix); len(infos) == 0 {
			return
		}
	}
	t.Error("the sweep left ended sessions in the store")
}
