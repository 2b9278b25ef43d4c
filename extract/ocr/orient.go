package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // decoders for pages that must be turned upright
	_ "image/png"

	"github.com/otiai10/gosseract/v2"
	_ "golang.org/x/image/tiff"
)

// A page read this badly may be sideways or upside down: phone photos
// and feeder scans often are. Measured on the generated bill turned 90
// and 180 degrees: upright it read 90+% mean confidence with dozens of
// words; turned, under 40% with a handful of garbled ones.
const (
	weakConfidence = 50
	weakWords      = 8
)

// readUpright reads a page, and when the reading is weak, reads it
// turned a half and a quarter each way and keeps the best reading, with
// its turn so boxes can be mapped to the upright page.
func readUpright(client *gosseract.Client, img Image) (Page, error) {
	best, err := readOnce(client, img.Data)
	if err != nil || !weak(best) || img.Upright {
		return best, err
	}
	decoded, _, err := image.Decode(bytes.NewReader(img.Data))
	if err != nil {
		return best, nil // Leptonica read what Go cannot: keep its reading
	}
	src, ok := decoded.(*image.Gray) // a PGM page: no second copy of it
	if !ok || src.Rect.Min != (image.Point{}) {
		src = image.NewGray(image.Rect(0, 0, decoded.Bounds().Dx(), decoded.Bounds().Dy()))
		draw.Draw(src, src.Bounds(), decoded, decoded.Bounds().Min, draw.Src)
	}
	if !Inked(src) {
		return best, nil // a blank page reads as nothing whichever way up
	}
	var turned *image.Gray // one buffer for the three turns
	for _, turn := range []int{180, 90, 270} {
		turned = rotateGray(src, turn, turned)
		p, err := readOnce(client, EncodePGM(turned))
		if err != nil {
			return best, fmt.Errorf("read turned %d degrees: %w", turn, err)
		}
		if p.score() > best.score() {
			p.Turn = turn
			best = p
		}
	}
	return best, nil
}

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

func readOnce(client *gosseract.Client, data []byte) (Page, error) {
	if err := client.SetImageFromBytes(data); err != nil {
		return Page{}, fmt.Errorf("load image: %w", err)
	}
	boxes, err := client.GetBoundingBoxesVerbose()
	if err != nil {
		return Page{}, fmt.Errorf("recognise: %w", err)
	}
	return toPage(boxes), nil
}

func weak(p Page) bool {
	return len(p.Words) < weakWords || p.MeanConfidence() < weakConfidence
}

// score weighs how many words were read by the square of how sure the
// reading is: a page read sideways yields many garbled words (236 at 47%
// on the sideways bill), the upright one fewer, surer ones.
func (p Page) score() float64 {
	c := p.MeanConfidence()
	return float64(len(p.Words)) * c * c
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

// rotateGray turns an image clockwise by turn degrees (90, 180, 270)
// into grey, in reuse's pixels when it has room for them.
func rotateGray(src *image.Gray, turn int, reuse *image.Gray) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if turn != 180 {
		dw, dh = h, w
	}
	var dst *image.Gray
	if reuse != nil && cap(reuse.Pix) >= dw*dh {
		dst = &image.Gray{Pix: reuse.Pix[:dw*dh], Stride: dw, Rect: image.Rect(0, 0, dw, dh)}
	} else {
		dst = image.NewGray(image.Rect(0, 0, dw, dh))
	}
	for y := range h {
		for x := range w {
			var dx, dy int
			switch turn {
			case 90:
				dx, dy = h-1-y, x
			case 180:
				dx, dy = w-1-x, h-1-y
			default: // 270
				dx, dy = y, w-1-x
			}
			dst.Pix[dy*dw+dx] = src.Pix[y*src.Stride+x]
		}
	}
	return dst
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
