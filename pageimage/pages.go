package pageimage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	stdimage "image"
	"io"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/report"
)

// Documents is where a document's bytes are read, by the order's path.
type Documents interface {
	Get(ctx context.Context, key string) (io.ReadCloser, error)
}

// Pages gives a report's page images (report.Sources' Page): rendered
// from the document's bytes, checked against the digest the report
// names, with its secrets listed for covering.
type Pages struct {
	Docs Documents
	// Extracted returns the extraction of a document by its SHA-256:
	// its page sizes are the unit of the report's boxes, its words say
	// where secrets are printed.
	Extracted func(sha256 string) (*extract.Document, bool)
	Renderer  Renderer
	Cache     *Cache // optional
	Secrets   []string
	Width     int // 0: DefaultWidth
}

// ErrChanged: the document's bytes are not the ones the report was made from.
var ErrChanged = errors.New("the document changed since it was checked")

// Page returns page n of d.
func (p Pages) Page(ctx context.Context, d report.Document, n int) (*report.PageImage, error) {
	doc, ok := p.Extracted(d.SHA256)
	if !ok || d.SHA256 == "" {
		return nil, &report.PageError{Reason: "the document was not read in this run", Err: fmt.Errorf("page image of %s: %w", d.Path, ErrNoImage)}
	}
	if n < 1 || n > len(doc.Pages) {
		return nil, fmt.Errorf("page image of %s: no page %d", d.Path, n)
	}
	width := p.Width
	if width == 0 {
		width = DefaultWidth
	}
	img, err := p.image(ctx, d, doc, n, width)
	if err != nil {
		return nil, &report.PageError{Reason: reason(err), Err: fmt.Errorf("page image of %s: %w", d.Path, err)}
	}
	pg := doc.Pages[n-1]
	out := &report.PageImage{Image: img, Width: pg.Width, Height: pg.Height}
	if pg.Width <= 0 { // an image OCR did not read: sized as bareSize sizes it
		b := img.Bounds()
		out.Width = 8.5 * 72
		out.Height = out.Width * float64(b.Dy()) / float64(b.Dx())
	}
	for _, b := range Cover(pg, p.Secrets) {
		out.Cover = append(out.Cover, [4]float64(b))
	}
	return out, nil
}

func (p Pages) image(ctx context.Context, d report.Document, doc *extract.Document, n, width int) (stdimage.Image, error) {
	if p.Cache != nil {
		if img, ok := p.Cache.Get(ctx, d.SHA256, n, width); ok {
			return img, nil
		}
	}
	data, err := p.read(ctx, d)
	if err != nil {
		return nil, err
	}
	im, err := p.Renderer.Render(ctx, data, doc, n, width)
	if err != nil {
		return nil, err
	}
	if p.Cache != nil {
		_ = p.Cache.Put(ctx, d.SHA256, n, im)
	}
	return im, nil
}

func (p Pages) read(ctx context.Context, d report.Document) ([]byte, error) {
	rc, err := p.Docs.Get(ctx, d.Path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, d.Bytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != d.SHA256 {
		return nil, ErrChanged
	}
	return data, nil
}

// reason words why a page image cannot be shown, for a reviewer.
func reason(err error) string {
	switch {
	case errors.Is(err, ErrTurned):
		return "the scan was turned to be read, so its marks cannot be placed on it reliably"
	case errors.Is(err, ErrChanged):
		return ErrChanged.Error()
	case errors.Is(err, ErrNoImage):
		return "the page holds no image to show"
	case errors.Is(err, context.DeadlineExceeded):
		return "rendering it took longer than its time bound"
	}
	return "it could not be rendered"
}
