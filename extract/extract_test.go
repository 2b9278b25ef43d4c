package extract

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestHostile(t *testing.T) {
	pdfOnly := Limits{MediaTypes: []string{MediaPDF}, Timeout: 10 * time.Second}
	tests := []struct {
		name      string
		file      string
		lim       Limits
		wantKind  error  // sentinel of an *UnreadableError
		wantType  string // "too-large", "format" or "" (unreadable or nil)
		wantPages int
	}{
		{"empty", "empty.pdf", pdfOnly, ErrEmpty, "", 0},
		{"truncated", "truncated.pdf", pdfOnly, ErrCorrupt, "", 0},
		{"encrypted", "encrypted.pdf", pdfOnly, ErrEncrypted, "", 0},
		{"png named pdf, PDF only", "png-named.pdf", pdfOnly, nil, "format", 0},
		{"png named pdf, images allowed", "png-named.pdf", Limits{}, nil, "", 1},
		{"random bytes behind header", "random-after-header.pdf", pdfOnly, ErrCorrupt, "", 0},
		{"PDF 2.0", "pdf-2.0.pdf", pdfOnly, nil, "", 1},
		{"300 pages", "300-pages.pdf", pdfOnly, ErrTooManyPages, "", 300},
		{"300 pages under a higher limit", "300-pages.pdf", Limits{MaxPages: 400}, nil, "", 300},
		{"flate bomb", "flate-bomb.pdf", Limits{Timeout: 10 * time.Second}, nil, "", 1},
		{"png claiming 50000x50000", "bomb-50000px.png", Limits{}, ErrTooManyPixels, "", 0},
		{"corrupt jpeg", "corrupt.jpg", Limits{}, ErrCorrupt, "", 0},
		{"tiff with 500 pages", "tiff-500-pages.tif", Limits{}, ErrTooManyPages, "", 201},
		{"over the size limit", "sample-3-pages.pdf", Limits{MaxBytes: 1000}, nil, "too-large", 0},
		// The byte bound is what this case tests, so its time bound is
		// the hang guard's: at load 13 the inflating up to the byte bound
		// passed 10 s and the document ended by its clock instead.
		{"512 MiB behind two flate filters", "nested-flate-bomb.pdf", Limits{MediaTypes: []string{MediaPDF}, Timeout: 25 * time.Second}, ErrCorrupt, "", 1},
		{"owner password only", "owner-only.pdf", pdfOnly, nil, "", 1},
		{"jpeg, PDF only", "small.jpg", pdfOnly, nil, "format", 0},
		{"jpeg", "small.jpg", Limits{}, nil, "", 1},
		{"MediaBox away from the origin", "offset-mediabox.pdf", pdfOnly, nil, "", 1},
		{"rotated 90", "rotated-90.pdf", pdfOnly, nil, "", 1},
		{"owner password only, RC4 40-bit", "owner-rc4-40.pdf", pdfOnly, nil, "", 1},
		{"bytes after %%EOF", "bytes-after-eof.pdf", pdfOnly, nil, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := Extract(context.Background(), tt.file, readFixture(t, tt.file), tt.lim)
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %s", d) // a hang guard, not a speed target
			}
			checkErr(t, err, tt.wantKind, tt.wantType)
			if err != nil && !strings.Contains(err.Error(), " "+tt.file+": ") {
				t.Errorf("error %q does not name the file", err)
			}
			if doc != nil && doc.PageCount != tt.wantPages {
				t.Errorf("PageCount = %d, want %d", doc.PageCount, tt.wantPages)
			}
		})
	}
}

func checkErr(t *testing.T, err, wantKind error, wantType string) {
	t.Helper()
	var tl *TooLargeError
	var fe *FormatError
	var ue *UnreadableError
	switch {
	case wantType == "too-large":
		if !errors.As(err, &tl) {
			t.Errorf("err = %v, want *TooLargeError", err)
		}
	case wantType == "format":
		if !errors.As(err, &fe) {
			t.Errorf("err = %v, want *FormatError", err)
		}
	case wantKind == nil:
		if err != nil {
			t.Errorf("err = %v, want none", err)
		}
	default:
		if !errors.As(err, &ue) || !errors.Is(err, wantKind) {
			t.Errorf("err = %v, want an *UnreadableError of %v", err, wantKind)
		} else if ue.Reason == "" || strings.Contains(ue.Reason, "\n") {
			t.Errorf("reason %q is not one readable line", ue.Reason)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", []byte("%PDF-1.7\n..."), MediaPDF},
		{"pdf after junk", append([]byte("\x00\x01junk"), []byte("%PDF-1.4")...), MediaPDF},
		{"png", []byte("\x89PNG\r\n\x1a\n...."), MediaPNG},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE1}, MediaJPEG},
		{"tiff le", []byte("II*\x00...."), MediaTIFF},
		{"tiff be", []byte("MM\x00*...."), MediaTIFF},
		{"gif", []byte("GIF89a...."), MediaGIF},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), MediaWebP},
		{"bmp", append([]byte("BM"), make([]byte, 40)...), MediaBMP},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), MediaHEIC},
		{"pdf header past the reader's window", append(make([]byte, 1024), []byte("%PDF-1.4")...), MediaUnknown},
		{"png that says %PDF- inside", []byte("\x89PNG\r\n\x1a\n%PDF-1.4"), MediaPNG},
		{"text", []byte("hello, this is a bill"), MediaUnknown},
		{"empty", nil, MediaUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.data); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestWordBoxes: a word's box is where fpdf drew it, in points from the
// top-left corner.
func TestWordBoxes(t *testing.T) {
	doc, err := Extract(context.Background(), "sample", readFixture(t, "sample-3-pages.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got Box
	for _, w := range doc.Pages[0].Words {
		if w.Text == "482-99117-03" {
			got = w.Box
		}
	}
	// fpdf drew the line at x=72 with its baseline at y=90 (11pt
	// Helvetica); "Account Number: " is 88.7pt wide in that font.
	want := Box{160.7, 81.2, 228.5, 92.2}
	opt := cmp.Comparer(func(a, b float64) bool { return a-b < 2 && b-a < 2 })
	if diff := cmp.Diff(want, got, opt); diff != "" {
		t.Errorf("box of 482-99117-03 (-want +got):\n%s", diff)
	}
	if n := len(doc.Pages); n != 3 || doc.TextSource != SourceTextLayer {
		t.Errorf("pages %d, text source %q", n, doc.TextSource)
	}
}

func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
			t.Fatalf("%s is required (PORTCHECK_REQUIRE_SERVICES=1): %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return path
}

// TestReadingOrder compares the lines rebuilt from positioned glyphs
// with pdftotext -layout on every generated document, including the
// layout whose content stream runs bottom to top.
func TestReadingOrder(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext")
	files, _ := filepath.Glob("../testdata/docs/*.pdf")
	if len(files) < 10 {
		t.Fatalf("only %d documents in ../testdata/docs", len(files))
	}
	own, _ := filepath.Glob("testdata/text/*.pdf")
	if len(own) < 3 {
		t.Fatalf("only %d documents in testdata/text (go test ./extract -run TestWriteFixtures -update)", len(own))
	}
	files = append(files, own...)
	files = append(files, "testdata/hostile/sample-3-pages.pdf", "testdata/hostile/owner-only.pdf", "testdata/hostile/offset-mediabox.pdf", "testdata/hostile/rotated-90.pdf",
		"testdata/hostile/owner-rc4-40.pdf", "testdata/hostile/bytes-after-eof.pdf")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, err := exec.Command(pdftotext, "-layout", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(f)
			doc, err := Extract(context.Background(), f, data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var ours []string
			for _, p := range doc.Pages {
				for _, l := range p.Lines {
					ours = append(ours, l.Text)
				}
			}
			if diff := cmp.Diff(layoutLines(string(out)), ours); diff != "" {
				t.Errorf("reading order differs from pdftotext -layout (-pdftotext +ours):\n%s", diff)
			}
		})
	}
}

// layoutLines is pdftotext's output with whitespace collapsed and blank
// lines dropped: the columns' spacing is layout, not order. Ligatures
// are spelled out, as ours are.
func layoutLines(s string) []string {
	var out []string
	for _, l := range strings.Split(normalizeText(s), "\n") {
		if f := strings.Fields(strings.ReplaceAll(l, "\f", "")); len(f) > 0 {
			out = append(out, strings.Join(f, " "))
		}
	}
	return out
}

func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*")
	for _, name := range seeds {
		if strings.HasPrefix(name, filepath.Join("testdata", "golden")) {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	docs, _ := filepath.Glob("../testdata/docs/bill-*.pdf")
	for _, d := range docs[:min(3, len(docs))] {
		data, _ := os.ReadFile(d)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(context.Background(), "fuzz", data, Limits{Timeout: 2 * time.Second, MaxPages: 20})
		if err == nil && doc == nil {
			t.Fatal("no document and no error")
		}
		var ue *UnreadableError
		var fe *FormatError
		var tl *TooLargeError
		if err != nil && !errors.As(err, &ue) && !errors.As(err, &fe) && !errors.As(err, &tl) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
	})
}

func FuzzSniff(f *testing.F) {
	f.Add([]byte("%PDF-1.7"))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("II*\x00\x08\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if Sniff(data) == "" {
			t.Fatal("empty media type")
		}
		if Sniff(data) == MediaTIFF {
			_, _ = tiffPages(data, 10)
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	data := readFixture(b, "sample-3-pages.pdf")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(context.Background(), "bench", data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzTIFFFrames(f *testing.F) {
	f.Add(readFixture(f, "tiff-500-pages.tif"))
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\x00\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if Sniff(data) != MediaTIFF {
			return
		}
		if _, err := tiffPages(data, 50); err != nil {
			return
		}
		for _, f := range tiffFrames(data, 50) {
			if fr := f.whole(data); len(fr) != len(data) {
				t.Fatal("a frame changed size")
			}
			if fr := f.own(data); len(fr) > len(data) {
				t.Fatalf("a page of %d bytes cut from a file of %d", len(fr), len(data))
			}
		}
	})
}

// TestTIFFFrameReader: a page read in place is the page cut as a copy.
func TestTIFFFrameReader(t *testing.T) {
	data := readFixture(t, "tiff-500-pages.tif")
	for i, f := range tiffFrames(data, 50) {
		got := make([]byte, len(data))
		n, _ := f.readerAt(data).ReadAt(got, 0)
		if diff := cmp.Diff(f.whole(data), got[:n]); diff != "" {
			t.Fatalf("page %d differs (-copy +in place):\n%s", i+1, diff)
		}
	}
}
