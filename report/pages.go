package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
)

// PageImage is one page of a document as an image, in the units the
// report's boxes use.
type PageImage struct {
	Image image.Image
	// Width and Height are the page's size in points as shown; a box
	// [x0, y0, x1, y1] maps to pixels by Image's width / Width.
	Width, Height float64
	// Cover holds boxes (points) painted out before any pixel is shown:
	// secrets printed on the page.
	Cover [][4]float64
}

// Sources gives the HTML report what the report does not hold itself.
type Sources interface {
	// Page returns page n (from 1) of a document of the report.
	Page(ctx context.Context, d Document, n int) (*PageImage, error)
	// OrderValue returns the order's value of a finding's field as the
	// user wrote it, where the report quotes it normalised.
	OrderValue(field string) (string, bool)
}

// Image sizes in the HTML report: a scanned order's report must stay
// small enough to mail (under 3 MB), so pages are JPEG at a bounded
// width and each page is embedded once, crops beside the findings.
const (
	fullPageWidth = 900 // pixels of a whole page
	fullQuality   = 60
	cropQuality   = 80
	cropMarginX   = 54 // points around an evidence box
	cropMarginY   = 30
	cropMinWidth  = 320
)

var (
	boxColour   = color.RGBA{0xc6, 0x28, 0x28, 0xff}
	coverColour = color.RGBA{0x30, 0x30, 0x30, 0xff}
)

// Covered returns a copy of the page with its secrets painted out: the
// only form of a page image that may leave the process.
func (p *PageImage) Covered() *image.RGBA {
	b := p.Image.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), p.Image, b.Min, draw.Src)
	for _, c := range p.Cover {
		paint(dst, p, c)
	}
	return dst
}

// paint covers a box of the page.
func paint(img *image.RGBA, p *PageImage, box [4]float64) {
	r := pixels(box, scaleOf(p, img), 2).Intersect(img.Bounds())
	draw.Draw(img, r, image.NewUniform(coverColour), image.Point{}, draw.Src)
}

func scaleOf(p *PageImage, img image.Image) float64 {
	if p.Width <= 0 {
		return 1
	}
	return float64(img.Bounds().Dx()) / p.Width
}

// pixels maps a box in points to pixels, grown by pad pixels.
func pixels(b [4]float64, s float64, pad int) image.Rectangle {
	return image.Rect(int(b[0]*s)-pad, int(b[1]*s)-pad, int(b[2]*s+0.999)+pad, int(b[3]*s+0.999)+pad)
}

// outline draws a rectangle's border, thick pixels wide, outside r.
func outline(img *image.RGBA, r image.Rectangle, thick int) {
	u := image.NewUniform(boxColour)
	for _, side := range []image.Rectangle{
		image.Rect(r.Min.X-thick, r.Min.Y-thick, r.Max.X+thick, r.Min.Y),
		image.Rect(r.Min.X-thick, r.Max.Y, r.Max.X+thick, r.Max.Y+thick),
		image.Rect(r.Min.X-thick, r.Min.Y, r.Min.X, r.Max.Y),
		image.Rect(r.Max.X, r.Min.Y, r.Max.X+thick, r.Max.Y),
	} {
		draw.Draw(img, side.Intersect(img.Bounds()), u, image.Point{}, draw.Src)
	}
}

// cropAround returns the part of the (covered) page around box, with
// the box outlined, or nil when the box lies off the page.
func cropAround(page *image.RGBA, p *PageImage, box [4]float64) *image.RGBA {
	s := scaleOf(p, page)
	cx := (box[0] + box[2]) / 2
	half := max((box[2]-box[0])/2+cropMarginX, cropMinWidth/2)
	area := [4]float64{cx - half, box[1] - cropMarginY, cx + half, box[3] + cropMarginY}
	r := pixels(area, s, 0).Intersect(page.Bounds())
	if r.Dx() < 8 || r.Dy() < 8 {
		return nil
	}
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), page, r.Min, draw.Src)
	outline(out, pixels(box, s, 3).Sub(r.Min), 3)
	return out
}

// fullPage is the whole (covered) page at the report's page width with
// every evidence box of the page outlined.
func fullPage(page *image.RGBA, p *PageImage, boxes [][4]float64) *image.RGBA {
	out := shrink(page, fullPageWidth)
	s := scaleOf(p, out)
	for _, b := range boxes {
		outline(out, pixels(b, s, 2), 2)
	}
	return out
}

// shrink scales a page down by sampling a 2x2 neighbourhood per
// pixel: enough for a page a reviewer looks at, and it keeps report
// free of image libraries.
func shrink(src *image.RGBA, width int) *image.RGBA {
	b := src.Bounds()
	if b.Dx() <= width {
		return src
	}
	height := b.Dy() * width / b.Dx()
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := range height {
		for x := range width {
			sx, sy := x*b.Dx()/width, y*b.Dy()/height
			dst.SetRGBA(x, y, average(src, sx, sy))
		}
	}
	return dst
}

func average(img *image.RGBA, x, y int) color.RGBA {
	var r, g, b, n int
	for dy := range 2 {
		for dx := range 2 {
			if !(image.Point{x + dx, y + dy}).In(img.Bounds()) {
				continue
			}
			c := img.RGBAAt(x+dx, y+dy)
			r, g, b, n = r+int(c.R), g+int(c.G), b+int(c.B), n+1
		}
	}
	return color.RGBA{uint8(r / n), uint8(g / n), uint8(b / n), 0xff}
}

// dataURI encodes an image as an inline JPEG.
func dataURI(img image.Image, quality int) (string, error) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		return "", fmt.Errorf("encode page image: %w", err)
	}
	return "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(b.Bytes()), nil
}

// PageError is a page image that cannot be shown, with a reason a
// reviewer can read; Err is the chain, for the log.
type PageError struct {
	Reason string
	Err    error
}

func (e *PageError) Error() string { return e.Reason + ": " + e.Err.Error() }
func (e *PageError) Unwrap() error { return e.Err }

func plainImageError(err error) string {
	var pe *PageError
	if errors.As(err, &pe) {
		return pe.Reason
	}
	return "it could not be rendered"
}
