package pageimage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // image documents may be any format extract admits
	_ "image/jpeg"
	"image/png"
	"io"
	"os/exec"
	"strconv"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/internal/pdfopen"
)

// Defaults.
const (
	DefaultWidth     = 1000 // pixels: a letter page at about 118 DPI, small print still legible
	MaxWidth         = 2000
	DefaultMaxPixels = 60_000_000 // a letter page scanned at 600 DPI is 33.7 million
	DefaultTimeout   = 20 * time.Second
)

var (
	// ErrTurned: the scan was turned by OCR and its boxes cannot be placed on its image.
	ErrTurned = errors.New("the scan was turned to be read")
	// ErrNoImage: the page has no image to show.
	ErrNoImage = errors.New("no page image")
)

// Renderer makes page images. The zero value uses the defaults.
type Renderer struct {
	Timeout   time.Duration
	MaxPixels int64
	// PDFToPPM is the renderer's path; empty means pdftoppm on PATH.
	PDFToPPM string
}

// Render returns page n (from 1) of the document whose bytes are data
// and whose extraction is doc, width pixels wide.
func (r Renderer) Render(ctx context.Context, data []byte, doc *extract.Document, n, width int) (image.Image, error) {
	if n < 1 || n > len(doc.Pages) {
		return nil, fmt.Errorf("render page %d: the document has %d pages", n, len(doc.Pages))
	}
	width = min(max(width, 100), MaxWidth)
	p := doc.Pages[n-1]
	if p.Width <= 0 && doc.MediaType != extract.MediaPDF {
		p = bareSize(data, doc.MediaType, p)
	}
	if p.Width <= 0 || p.Height <= 0 {
		return nil, fmt.Errorf("render page %d: %w", n, ErrNoImage)
	}
	height := max(1, int(float64(width)*p.Height/p.Width+0.5))
	if int64(width)*int64(height) > r.maxPixels() {
		return nil, fmt.Errorf("render page %d: %d x %d pixels is over the limit", n, width, height)
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	var img image.Image
	var err error
	switch {
	case doc.MediaType != extract.MediaPDF:
		img, err = r.frame(data, doc.MediaType, n)
	case p.TextSource == extract.SourceTextLayer:
		return r.pdftoppm(ctx, data, n, width, height)
	default:
		// A page image pdfcpu cannot give (JBIG2, a PDF it will not
		// parse) is rendered instead, at the same bounded size.
		if img, err = r.scanOf(ctx, data, n); err != nil {
			return r.pdftoppm(ctx, data, n, width, height)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", n, err)
	}
	if img, err = upright(img, p); err != nil {
		return nil, fmt.Errorf("render page %d: %w", n, err)
	}
	return scale(img, width, height), nil
}

func (r Renderer) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return DefaultTimeout
}

func (r Renderer) maxPixels() int64 {
	if r.MaxPixels > 0 {
		return r.MaxPixels
	}
	return DefaultMaxPixels
}

// turned: the image is landscape where the page is portrait, or the
// other way round, by a clear margin.
func turned(b image.Rectangle, p extract.Page) bool {
	imgWide := float64(b.Dx()) > 1.1*float64(b.Dy())
	imgTall := float64(b.Dy()) > 1.1*float64(b.Dx())
	return imgWide && p.Height > 1.1*p.Width || imgTall && p.Width > 1.1*p.Height
}

// pdftoppm renders one page in colour, exactly width x height pixels,
// from the crop box (the page as shown, as extract measures it).
func (r Renderer) pdftoppm(ctx context.Context, data []byte, n, width, height int) (image.Image, error) {
	bin := r.PDFToPPM
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("pdftoppm"); err != nil {
			return nil, fmt.Errorf("render page %d: %w", n, err)
		}
	}
	page := strconv.Itoa(n)
	cmd := exec.CommandContext(ctx, bin, "-png", "-singlefile", "-cropbox", "-f", page, "-l", page,
		"-scale-to-x", strconv.Itoa(width), "-scale-to-y", strconv.Itoa(height), "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &limitedWriter{w: &errb, n: 2048}
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("render page %d: %w", n, ctx.Err())
		}
		return nil, fmt.Errorf("render page %d: pdftoppm: %w (%s)", n, err, bytes.TrimSpace(errb.Bytes()))
	}
	img, err := png.Decode(&out)
	if err != nil {
		return nil, fmt.Errorf("render page %d: pdftoppm output: %w", n, err)
	}
	return img, nil
}

// scanOf decodes the largest image a scanned PDF page carries, giving
// up when ctx ends (pdfcpu has no context of its own).
func (r Renderer) scanOf(ctx context.Context, data []byte, n int) (image.Image, error) {
	type result struct {
		img image.Image
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{nil, fmt.Errorf("pdf library failure: %v", p)}
			}
		}()
		img, err := r.largestImage(data, n)
		done <- result{img, err}
	}()
	select {
	case res := <-done:
		return res.img, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (r Renderer) largestImage(data []byte, n int) (image.Image, error) {
	pctx, err := pdfopen.ReadOptimized(data, pdfopen.Config())
	if err != nil {
		return nil, fmt.Errorf("read pdf: %w", err)
	}
	imgs, err := pdfcpu.ExtractPageImages(pctx, n, false)
	if err != nil {
		return nil, ErrNoImage
	}
	var best []byte
	bestPx := 0
	for _, im := range imgs {
		if im.Reader == nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(im.Reader, extract.DefaultMaxBytes))
		if err != nil {
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width*cfg.Height <= bestPx {
			continue
		}
		best, bestPx = b, cfg.Width*cfg.Height
	}
	if best == nil {
		return nil, ErrNoImage
	}
	return r.decode(best)
}

// frame decodes an image document's page n: a page of a TIFF, or the
// one page of any other image.
func (r Renderer) frame(data []byte, mediaType string, n int) (image.Image, error) {
	if mediaType == extract.MediaTIFF {
		f, ok := tiffFrame(data, n)
		if !ok {
			return nil, ErrNoImage
		}
		return r.decode(f)
	}
	if n != 1 {
		return nil, ErrNoImage
	}
	return r.decode(data)
}

// decode decodes an image only once its header says it is within the
// pixel limit.
func (r Renderer) decode(b []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > r.maxPixels() || px <= 0 {
		return nil, fmt.Errorf("decode image: %d x %d pixels is over the limit of %d", cfg.Width, cfg.Height, r.maxPixels())
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	return img, nil
}

func scale(src image.Image, width, height int) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	return dst
}

// limitedWriter keeps the first n bytes of a child's stderr.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.n -= k
		_, _ = l.w.Write(p[:k])
	}
	return len(p), nil
}

// bareSize gives an image page that OCR did not read (OCR off, or no
// words found) the size extract gives an image it reads: a letter
// page's width, as tall as the image's shape. No box stands on such a
// page; the reviewer still sees what was uploaded.
func bareSize(data []byte, mediaType string, p extract.Page) extract.Page {
	if mediaType == extract.MediaTIFF {
		f, ok := tiffFrame(data, p.Number)
		if !ok {
			return p
		}
		data = f
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return p
	}
	p.Width = 8.5 * 72
	p.Height = p.Width * float64(cfg.Height) / float64(cfg.Width)
	return p
}
