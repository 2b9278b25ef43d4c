package ocr

import (
	"bytes"
	"fmt"
	"image"
)

// A page holds print when more than minInk of its pixels are darker
// than its paper (the median grey) by more than inkContrast. Measured on
// the reference scans: a blank scanned page (grain and specks, paper at
// 228) has none; pages of print have 4 to 8%, a sparse LOA page 4%.
// Turning a blank page to read it three more ways cost 7 s of CPU, and
// on a loaded machine the document's OCR time bound.
const (
	inkContrast = 64
	minInk      = 0.0005
)

// Inked says whether g holds print (see minInk).
func Inked(g *image.Gray) bool {
	var hist [256]int
	n := 0
	for y := 0; y < g.Rect.Dy(); y += 2 {
		row := g.Pix[y*g.Stride : y*g.Stride+g.Rect.Dx()]
		for x := 0; x < len(row); x += 2 {
			hist[row[x]]++
			n++
		}
	}
	median, seen := 0, 0
	for v, c := range hist {
		if seen += c; seen*2 >= n {
			median = v
			break
		}
	}
	dark := 0
	for v := 0; v < median-inkContrast; v++ {
		dark += hist[v]
	}
	return float64(dark) > minInk*float64(n)
}

// MeanConfidence is the mean of the page's word confidences.
func (p Page) MeanConfidence() float64 {
	if len(p.Words) == 0 {
		return 0
	}
	var sum float64
	for _, w := range p.Words {
		sum += w.Conf
	}
	return sum / float64(len(p.Words))
}

// EncodePGM writes a grey image as binary PGM, which Leptonica reads
// without a codec: the cheapest way to hand Tesseract pixels.
func EncodePGM(g *image.Gray) []byte {
	var b bytes.Buffer
	b.Grow(32 + g.Rect.Dx()*g.Rect.Dy()) // once: a page is megabytes
	fmt.Fprintf(&b, "P5\n%d %d\n255\n", g.Rect.Dx(), g.Rect.Dy())
	for y := range g.Rect.Dy() {
		i := g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y)
		b.Write(g.Pix[i : i+g.Rect.Dx()])
	}
	return b.Bytes()
}
