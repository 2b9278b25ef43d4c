package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestLinesGolden pins the lines, their boxes and each page's size and
// text source for the text fixtures; -update rewrites the golden files.
func TestLinesGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/text/*.pdf")
	files = append(files, "testdata/hostile/sample-3-pages.pdf", "testdata/hostile/owner-only.pdf",
		"testdata/hostile/offset-mediabox.pdf", "testdata/hostile/rotated-90.pdf", "testdata/hostile/pdf-2.0.pdf")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), filepath.Base(f), data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(f), ".pdf")+".txt"), dumpLines(doc))
		})
	}
}

func dumpLines(doc *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d pages, text source %s\n", doc.MediaType, doc.PageCount, doc.TextSource)
	for _, p := range doc.Pages {
		fmt.Fprintf(&b, "page %d %.1f x %.1f %s\n", p.Number, p.Width, p.Height, p.TextSource)
		for _, l := range p.Lines {
			fmt.Fprintf(&b, "  %s %s\n", l.Box, l.Text)
		}
	}
	return b.String()
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// TestGeometry: boxes are measured from the top-left corner of the page
// as shown, whatever the MediaBox origin or /Rotate.
func TestGeometry(t *testing.T) {
	tests := []struct {
		name          string
		file          string
		word          string
		width, height float64
		want          Box
	}{
		// Drawn at (172, 892) in 12pt Helvetica on [100 200 712 992]:
		// 72 from the left, baseline 100 from the top, 32pt wide.
		{"MediaBox away from the origin", "offset-mediabox.pdf", "Offset", 612, 792, Box{72, 90.4, 104, 102.4}},
		// Drawn upright at (72, 700) on a page turned 90° clockwise:
		// the text runs down the page from 72 points below its top, 51.3pt.
		{"rotated 90", "rotated-90.pdf", "Sideways", 792, 612, Box{697.6, 72, 709.6, 123.3}},
	}
	near := cmp.Comparer(func(a, b float64) bool { return a-b < 2 && b-a < 2 })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), tt.file, readFixture(t, tt.file), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			p := doc.Pages[0]
			if diff := cmp.Diff([2]float64{tt.width, tt.height}, [2]float64{p.Width, p.Height}, near); diff != "" {
				t.Errorf("page size (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, wordBox(t, p, tt.word), near); diff != "" {
				t.Errorf("box of %q (-want +got):\n%s", tt.word, diff)
			}
		})
	}
}

func wordBox(t *testing.T, p Page, text string) Box {
	t.Helper()
	for _, w := range p.Words {
		if w.Text == text {
			return w.Box
		}
	}
	t.Fatalf("no word %q on page %d", text, p.Number)
	return Box{}
}

// TestGuard: a parser that panics, loops or is cancelled gives a typed
// error and returns on time.
func TestGuard(t *testing.T) {
	block := make(chan struct{})
	t.Cleanup(func() { close(block) }) // lets the abandoned goroutine end
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name       string
		ctx        context.Context
		f          func() (int, error)
		want       error
		wantReason string
	}{
		{"panic", context.Background(), func() (int, error) { panic("index out of range [7]") }, ErrPanic, "index out of range [7]"},
		{"too slow", context.Background(), func() (int, error) { <-block; return 0, nil }, ErrTimeout, "longer than 50ms"},
		{"cancelled", cancelled, func() (int, error) { <-block; return 0, nil }, context.Canceled, ""},
		{"library error", context.Background(), func() (int, error) { return 0, errors.New("xref missing") }, ErrCorrupt, "xref missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := guard(tt.ctx, "bill.pdf", newBound(50*time.Millisecond), tt.f)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("returned after %s", d)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "extract bill.pdf: ") {
				t.Errorf("error %q lacks the operation and name", err)
			}
			if !strings.Contains(err.Error(), tt.wantReason) {
				t.Errorf("error %q does not say %q", err, tt.wantReason)
			}
		})
	}
}

func TestUsable(t *testing.T) {
	words := func(ss ...string) []Word {
		var out []Word
		for _, s := range ss {
			out = append(out, Word{Text: s})
		}
		return out
	}
	tests := []struct {
		name  string
		words []Word
		want  bool
	}{
		{"text", words("Account", "Number:", "482-99117-03"), true},
		{"no words", nil, false},
		{"replacement characters", words("\uFFFD\uFFFD\uFFFD\uFFFD", "ab"), false},
		{"control codes from a font without a map", words("\x01\x02\x03\x04\x05", "\x06\x07"), false},
		{"private use area", words("\uE001\uE002\uE003", "x"), false},
		{"a stray replacement in real text", words("Account", "Numb\uFFFDr", "482-99117-03"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Page{Words: tt.words}).Usable(); got != tt.want {
				t.Errorf("Usable() = %v, want %v", got, tt.want)
			}
		})
	}
}
