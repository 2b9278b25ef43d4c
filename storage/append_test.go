package storage

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// read is the object as Get and GetVersion read it, which must agree.
func read(t *testing.T, s *FS, key string) (string, string) {
	t.Helper()
	ctx := context.Background()
	data, version, err := s.GetVersion(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := s.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, data) {
		t.Errorf("Get = %q, GetVersion = %q", got, data)
	}
	base, lines, lv, release, err := s.GetLines(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	joined := bytes.Join(append([][]byte{base}, lines...), []byte("\n"))
	release()
	if !bytes.Equal(joined, data) || lv != version {
		t.Errorf("GetLines = %q at %s, GetVersion = %q at %s", joined, lv, data, version)
	}
	return string(data), version
}

func TestFSAppendIf(t *testing.T) {
	ctx := context.Background()
	const key = "orders/t/a/meta.json"
	tests := []struct {
		name string
		// steps runs against an object written whole as "base" at
		// version v0; it returns the error of the step under test.
		steps func(t *testing.T, s *FS, lockFile, v0 string) error
		want  string // the object as read after
		err   error
	}{
		{"one line", func(t *testing.T, s *FS, _, v0 string) error {
			return s.AppendIf(ctx, key, []byte("one"), v0)
		}, "base\none", nil},
		{"two lines, each at the version the last made", func(t *testing.T, s *FS, _, v0 string) error {
			if err := s.AppendIf(ctx, key, []byte("one"), v0); err != nil {
				return err
			}
			_, v1 := read(t, s, key)
			return s.AppendIf(ctx, key, []byte("two"), v1)
		}, "base\none\ntwo", nil},
		{"a line at a version a line moved on", func(t *testing.T, s *FS, _, v0 string) error {
			if err := s.AppendIf(ctx, key, []byte("one"), v0); err != nil {
				return err
			}
			return s.AppendIf(ctx, key, []byte("two"), v0)
		}, "base\none", ErrConflict},
		{"a whole write at a version a line moved on", func(t *testing.T, s *FS, _, v0 string) error {
			if err := s.AppendIf(ctx, key, []byte("one"), v0); err != nil {
				return err
			}
			return s.PutIf(ctx, key, []byte("new"), v0)
		}, "base\none", ErrConflict},
		{"a whole write drops the lines", func(t *testing.T, s *FS, _, v0 string) error {
			if err := s.AppendIf(ctx, key, []byte("one"), v0); err != nil {
				return err
			}
			_, v1 := read(t, s, key)
			return s.PutIf(ctx, key, []byte("new"), v1)
		}, "new", nil},
		{"a line at a version a whole write moved on", func(t *testing.T, s *FS, _, v0 string) error {
			if err := s.PutIf(ctx, key, []byte("new"), v0); err != nil {
				return err
			}
			return s.AppendIf(ctx, key, []byte("one"), v0)
		}, "new", ErrConflict},
		{"a line holding a newline", func(t *testing.T, s *FS, _, v0 string) error {
			return s.AppendIf(ctx, key, []byte("one\ntwo"), v0)
		}, "base", nil},
		{"a line cut short by a crash reads as none, and the next replaces it", func(t *testing.T, s *FS, lockFile, v0 string) error {
			if err := s.AppendIf(ctx, key, []byte("one"), v0); err != nil {
				return err
			}
			appendFile(t, lockFile, strings.Repeat("0", 64)+" two-cut-sho")
			_, v1 := read(t, s, key)
			return s.AppendIf(ctx, key, []byte("three"), v1)
		}, "base\none\nthree", nil},
		{"lines of bytes a plain write replaced are not read", func(t *testing.T, s *FS, _, v0 string) error {
			if err := s.AppendIf(ctx, key, []byte("one"), v0); err != nil {
				return err
			}
			return s.Put(ctx, key, strings.NewReader("other"))
		}, "other", nil},
		{"a last line that does not chain (a crash kept its end, not its bytes) reads as none, and the next replaces it", func(t *testing.T, s *FS, lockFile, v0 string) error {
			if err := s.AppendIf(ctx, key, []byte("one"), v0); err != nil {
				return err
			}
			_, v1 := read(t, s, key)
			if err := s.AppendIf(ctx, key, []byte("two"), v1); err != nil {
				return err
			}
			appendFile(t, lockFile, strings.Repeat("0", 64)+" \x00\x00\x00\n")
			_, v2 := read(t, s, key)
			return s.AppendIf(ctx, key, []byte("three"), v2)
		}, "base\none\ntwo\nthree", nil},
		{"a forged line that does not chain is not read", func(t *testing.T, s *FS, lockFile, v0 string) error {
			appendFile(t, lockFile, strings.Repeat("0", 64)+" forged\n")
			return nil
		}, "base", nil},
		{"no room after the object's own number of lines", func(t *testing.T, s *FS, _, v0 string) error {
			v := v0
			for i := range room(v0) {
				if err := s.AppendIf(ctx, key, []byte("l"+strconv.Itoa(i)), v); err != nil {
					return err
				}
				_, v = read(t, s, key)
			}
			return s.AppendIf(ctx, key, []byte("more"), v)
		}, "base" + numbered("\nl", room(contentVersion([]byte("base")))), ErrNoRoom},
		{"a line to an object that is gone", func(t *testing.T, s *FS, _, v0 string) error {
			if err := s.Delete(ctx, key); err != nil {
				return err
			}
			return s.AppendIf(ctx, key, []byte("one"), v0)
		}, "", ErrConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := NewFS(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.PutIf(ctx, key, []byte("base"), ""); err != nil {
				t.Fatal(err)
			}
			_, v0 := read(t, s, key)
			lockFile := filepath.Join(dir, "orders/t/a", lockPrefix+"meta.json")
			err = tt.steps(t, s, lockFile, v0)
			if tt.err == nil && strings.Contains(tt.name, "newline") {
				if err == nil {
					t.Fatal("a line holding a newline was taken")
				}
			} else if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if tt.want == "" {
				if _, _, err := s.GetVersion(ctx, key); !errors.Is(err, ErrNotFound) {
					t.Errorf("GetVersion of a deleted object = %v, want ErrNotFound", err)
				}
				return
			}
			got, _ := read(t, s, key)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("object read (-want +got):\n%s", diff)
			}
		})
	}
}

func appendFile(t *testing.T, name, s string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

// TestFSAppendIfCounts: 20 writers each add one to a counter held as a
// number and a line per increment, half of them by a line, half by a
// whole write, all by read-compare-write: none is lost, so two writers
// never both win.
func TestFSAppendIfCounts(t *testing.T) {
	ctx := context.Background()
	s, err := NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutIf(ctx, "n", []byte("0"), ""); err != nil {
		t.Fatal(err)
	}
	count := func(data []byte) int {
		lines := strings.Split(string(data), "\n")
		n, _ := strconv.Atoi(lines[0])
		return n + len(lines) - 1
	}
	var wg sync.WaitGroup
	for w := range 20 {
		wg.Go(func() {
			for {
				data, version, err := s.GetVersion(ctx, "n")
				if err != nil {
					t.Error(err)
					return
				}
				if w%2 == 0 {
					err = s.AppendIf(ctx, "n", []byte("+1"), version)
				}
				if w%2 == 1 || errors.Is(err, ErrNoRoom) {
					err = s.PutIf(ctx, "n", []byte(strconv.Itoa(count(data)+1)), version)
				}
				if err == nil {
					return
				}
				if !errors.Is(err, ErrConflict) {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	data, _, err := s.GetVersion(ctx, "n")
	if err != nil || count(data) != 20 {
		t.Errorf("counter after 20 parallel increments = %q (%d), %v; want 20", data, count(data), err)
	}
}

// numbered is prefix and 0, prefix and 1, ..., n of them.
func numbered(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(prefix + strconv.Itoa(i))
	}
	return b.String()
}

// TestRoomSpreads: objects are written whole after from half of
// maxAppended lines to all of them, by their own bytes, so orders made
// on one day are not all written whole on one night.
func TestRoomSpreads(t *testing.T) {
	seen := map[int]int{}
	for i := range 1000 {
		n := room(contentVersion([]byte("meta " + strconv.Itoa(i))))
		if n < maxAppended/2 || n > maxAppended {
			t.Fatalf("room %d, want %d to %d", n, maxAppended/2, maxAppended)
		}
		seen[n]++
	}
	if len(seen) != maxAppended/2+1 {
		t.Errorf("1,000 objects take %d numbers of lines, want all %d: %v", len(seen), maxAppended/2+1, seen)
	}
	for n, k := range seen {
		if k > 200 {
			t.Errorf("%d of 1,000 objects take %d lines: not spread", k, n)
		}
	}
	if got := room(""); got != maxAppended {
		t.Errorf("room of no version = %d, want %d", got, maxAppended)
	}
}
