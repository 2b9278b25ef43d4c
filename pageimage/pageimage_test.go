package pageimage

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// read extracts a test document's text layer (no OCR: the page sizes
// are what Render needs).
func read(t *testing.T, path string) ([]byte, *extract.Document) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Extract(context.Background(), path, data, extract.Limits{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return data, doc
}

// inked counts the pixels darker than mid-grey: a blank image has none.
func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				n++
			}
		}
	}
	return n
}

func TestRender(t *testing.T) {
	tests := []struct {
		name      string
		path      string
		width     int
		wantW     int
		wantH     int
		wantError error
	}{
		{"text layer by pdftoppm", "../testdata/docs/bill-header-box.pdf", 500, 500, 647, nil},
		{"scanned page's own image", "../testdata/scans/scan-bill-header-box.pdf", 800, 800, 1035, nil},
		{"width capped", "../testdata/docs/loa-form-signed.pdf", 9000, MaxWidth, 2588, nil},
		{"photo OCR did not read, at a letter width", "../testdata/scans/scan-bill-line-table.jpg", 612, 612, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, doc := read(t, tt.path)
			if len(doc.Pages) == 0 {
				t.Fatal("no pages read")
			}
			img, err := Renderer{}.Render(context.Background(), data, doc, 1, tt.width)
			if !errors.Is(err, tt.wantError) {
				t.Fatalf("err = %v, want %v", err, tt.wantError)
			}
			if err != nil {
				return
			}
			if tt.wantH == 0 { // as tall as the image's own shape
				cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				tt.wantH = int(float64(tt.wantW)*float64(cfg.Height)/float64(cfg.Width) + 0.5)
			}
			if got := img.Bounds().Size(); got != image.Pt(tt.wantW, tt.wantH) {
				t.Errorf("size %v, want %dx%d", got, tt.wantW, tt.wantH)
			}
			if inked(img) < 500 {
				t.Error("the page came out blank")
			}
		})
	}
}

func TestRenderRefuses(t *testing.T) {
	jpg, err := os.ReadFile("../testdata/scans/scan-bill-line-table.jpg")
	if err != nil {
		t.Fatal(err)
	}
	portrait := &extract.Document{MediaType: extract.MediaJPEG, Pages: []extract.Page{{Number: 1, Width: 612, Height: 792}}}
	landscape := &extract.Document{MediaType: extract.MediaJPEG, Pages: []extract.Page{{Number: 1, Width: 792, Height: 612}}}
	pdf, pdfDoc := read(t, "../testdata/docs/bill-header-box.pdf")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		r    Renderer
		data []byte
		doc  *extract.Document
		page int
		want string
	}{
		{"over the pixel cap, from the header", context.Background(), Renderer{MaxPixels: 10_000}, jpg, portrait, 1, "over the limit"},
		{"turned scan", context.Background(), Renderer{}, jpg, landscape, 1, ErrTurned.Error()},
		{"no such page", context.Background(), Renderer{}, pdf, pdfDoc, 2, "has 1 pages"},
		{"context ended", canceled, Renderer{}, pdf, pdfDoc, 1, "context canceled"},
		{"renderer missing", context.Background(), Renderer{PDFToPPM: "/nonexistent/pdftoppm"}, pdf, pdfDoc, 1, "pdftoppm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.r.Render(tt.ctx, tt.data, tt.doc, tt.page, 600)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestCacheRoundTrip(t *testing.T) {
	store, err := storage.NewLocalFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data, doc := read(t, "../testdata/docs/bill-header-box.pdf")
	img, err := Renderer{}.Render(context.Background(), data, doc, 1, 400)
	if err != nil {
		t.Fatal(err)
	}
	c := Cache{Store: store}
	ctx := context.Background()
	if _, ok := c.Get(ctx, doc.SHA256, 1, 400); ok {
		t.Fatal("hit before put")
	}
	if err := c.Put(ctx, doc.SHA256, 1, img); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Stat(ctx, "pageimages/"+Version+"/"+doc.SHA256+"/1-400.jpg"); err != nil {
		t.Errorf("not under the documented key: %v", err)
	}
	got, ok := c.Get(ctx, doc.SHA256, 1, 400)
	if !ok || got.Bounds() != img.Bounds() {
		t.Fatalf("get = %v, %v; want the stored %v", got.Bounds(), ok, img.Bounds())
	}
	if _, ok := c.Get(ctx, doc.SHA256, 1, 500); ok {
		t.Error("another width hit the cache")
	}
}

func line(words ...string) extract.Line {
	l := extract.Line{}
	x := 0.0
	for _, w := range words {
		l.Words = append(l.Words, extract.Word{Text: w, Box: extract.Box{x, 0, x + 10, 10}})
		x += 20
	}
	l.Text = strings.Join(words, " ")
	return l
}

func TestCover(t *testing.T) {
	tests := []struct {
		name string
		line extract.Line
		want []float64 // x0 of each covered word
	}{
		{"pin by value", line("Account", "PIN", "/", "Passcode:", "4410"), []float64{80}},
		{"misread pin beside its label", line("PIN:", "44I0"), []float64{20}},
		{"ssn in one word", line("Tax", "ID", "/", "SSN:", "123-45-6789"), []float64{80}},
		{"ssn in three words", line("SSN", "123", "45", "6789"), []float64{20, 40, 60}},
		{"account number kept", line("Account", "Number:", "482-99117-03"), nil},
		{"phone number kept", line("(217)", "555-0100"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []float64
			for _, b := range Cover(extract.Page{Lines: []extract.Line{tt.line}}, []string{"4410", "9921"}) {
				got = append(got, b[0])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("covered (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPagesRefuseChangedDocument(t *testing.T) {
	dir := t.TempDir()
	store, err := storage.NewLocalFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, doc := read(t, "../testdata/docs/bill-header-box.pdf")
	ctx := context.Background()
	if err := store.Put(ctx, "bill.pdf", strings.NewReader(string(data[:len(data)-1])+" ")); err != nil {
		t.Fatal(err)
	}
	p := Pages{Docs: store, Extracted: func(string) (*extract.Document, bool) { return doc, true }}
	_, err = p.Page(ctx, report.Document{Path: "bill.pdf", SHA256: doc.SHA256, Bytes: int64(len(data))}, 1)
	var pe *report.PageError
	if !errors.As(err, &pe) || !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged in a report.PageError", err)
	}
}
