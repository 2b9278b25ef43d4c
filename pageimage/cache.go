package pageimage

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"io"

	"github.com/portcheck/portcheck/storage"
)

// Version names how page images are made; change it when Render would
// draw a page differently, so cached images from the old code are not
// used.
const Version = "2026-12-01.1"

// Cache keeps page images in a storage.Store by the document's SHA-256,
// the page and the width. Get's errors are a miss; Put's are the
// caller's to ignore (a cache never fails a report).
type Cache struct{ Store storage.Store }

// Key is where a page image is cached.
func Key(sum string, page, width int) string {
	return fmt.Sprintf("pageimages/%s/%s/%d-%d.jpg", Version, sum, page, width)
}

// Get returns a cached page image.
func (c Cache) Get(ctx context.Context, sum string, page, width int) (image.Image, bool) {
	rc, err := c.Store.Get(ctx, Key(sum, page, width))
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	img, err := jpeg.Decode(io.LimitReader(rc, 64<<20))
	if err != nil || img.Bounds().Dx() != width {
		return nil, false
	}
	return img, true
}

// Put stores a page image.
func (c Cache) Put(ctx context.Context, sum string, page int, img image.Image) error {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		return fmt.Errorf("cache page image: %w", err)
	}
	if err := c.Store.Put(ctx, Key(sum, page, img.Bounds().Dx()), &b); err != nil {
		return fmt.Errorf("cache page image: %w", err)
	}
	return nil
}
