package extract

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/portcheck/portcheck/extract/ocr"
)

// TestContentBounds: a content stream past a bound of the interpreter is
// unreadable, with the bound in the reason, rather than read in
// gigabytes or minutes.
func TestContentBounds(t *testing.T) {
	tests := []struct {
		name, file string
		wantKind   error
		wantReason string
	}{
		{"operands with no operator", "operands-no-operator.pdf", ErrCorrupt, "more than 100000 operands before an operator"},
		{"arrays nested 10 million deep", "nested-arrays.pdf", ErrCorrupt, "nested more than 32 deep"},
		{"forms drawing forms 8 deep", "forms-8-deep.pdf", ErrCorrupt, "draws more than 20000 forms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(context.Background(), tt.file, readFixture(t, tt.file), Limits{Timeout: 20 * time.Second})
			checkErr(t, err, tt.wantKind, "")
			var ue *UnreadableError
			if errors.As(err, &ue) && !strings.Contains(ue.Reason, tt.wantReason) {
				t.Errorf("reason %q, want it to say %q", ue.Reason, tt.wantReason)
			}
		})
	}
}

// TestWalkStopsAtTimeout: the goroutine guard abandons at the time bound
// stops itself at its next operator instead of reading on.
func TestWalkStopsAtTimeout(t *testing.T) {
	// 20 million operators, each cheap: seconds of walking past a 50 ms bound.
	data := rawPDF("/MediaBox [0 0 612 792]", deflate([]byte(strings.Repeat("q Q ", 20_000_000))), "/FlateDecode")
	before := runtime.NumGoroutine()
	_, err := Extract(context.Background(), "slow.pdf", data, Limits{Timeout: 50 * time.Millisecond})
	checkErr(t, err, ErrTimeout, "")
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines still running 2 s after the time bound, %d before", n, before)
	}
}

// TestPixelBounds: page images past the image or the document pixel
// bound are unreadable before their pixels are decoded or rendered.
func TestPixelBounds(t *testing.T) {
	tests := []struct {
		name, file string
		wantReason string
		maxAlloc   uint64 // bytes allocated reading it
	}{
		{"a 12000 x 12000 grey image", "image-12000px.pdf", "declares 12000 x 12000 pixels; the limit is 100000000", 64 << 20},
		{"200 blank pages to render", "blank-200-pages.pdf", "total more than 400000000 pixels", 256 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := readFixture(t, tt.file)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Extract(context.Background(), tt.file, data, Limits{OCR: ocr.Process{}, MaxPages: 200})
			runtime.ReadMemStats(&after)
			checkErr(t, err, ErrTooManyPixels, "")
			var ue *UnreadableError
			if errors.As(err, &ue) && !strings.Contains(ue.Reason, tt.wantReason) {
				t.Errorf("reason %q, want it to say %q", ue.Reason, tt.wantReason)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > tt.maxAlloc {
				t.Errorf("allocated %d MiB reading it, want at most %d", n>>20, tt.maxAlloc>>20)
			}
		})
	}
}

// TestTinyTIFFPagesBounded: 200 thumbnails in a TIFF are neither 200
// copies of the file nor 200 pages of 300 DPI grey held at once; they
// go to OCR a batch at a time.
func TestTinyTIFFPagesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("OCRs 200 pages")
	}
	data := readFixture(t, "tiff-200-tiny-pages.tif")
	peak := peakHeap(t)
	doc, err := Extract(context.Background(), "tiny.tif", data, Limits{OCR: ocr.Process{}, MaxPages: 200})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 200 {
		t.Errorf("%d pages, want 200", len(doc.Pages))
	}
	if p := peak(); p > 400<<20 {
		t.Errorf("peak heap %d MiB, want at most 400", p>>20)
	}
}

// peakHeap samples the heap in use until the returned func is called,
// and returns the most it saw.
func peakHeap(t *testing.T) func() uint64 {
	t.Helper()
	var peak uint64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		t.Logf("peak heap %d MiB", peak>>20)
		return peak
	}
}
