package engine

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // decoders for pages that must be turned upright
	_ "image/png"
	"unicode"

	"github.com/otiai10/gosseract/v2"
	_ "golang.org/x/image/tiff"

	"github.com/portcheck/portcheck/extract/ocr"
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
func readUpright(client *gosseract.Client, img ocr.Image) (ocr.Page, error) {
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
	if !ocr.Inked(src) {
		return best, nil // a blank page reads as nothing whichever way up
	}
	var turned *image.Gray // one buffer for the three turns
	for _, turn := range []int{180, 90, 270} {
		turned = rotateGray(src, turn, turned)
		p, err := readOnce(client, ocr.EncodePGM(turned))
		if err != nil {
			return best, fmt.Errorf("read turned %d degrees: %w", turn, err)
		}
		if score(p) > score(best) {
			p.Turn = turn
			best = p
		}
	}
	return best, nil
}

func readOnce(client *gosseract.Client, data []byte) (ocr.Page, error) {
	if err := client.SetImageFromBytes(data); err != nil {
		return ocr.Page{}, fmt.Errorf("load image: %w", err)
	}
	boxes, err := client.GetBoundingBoxesVerbose()
	if err != nil {
		return ocr.Page{}, fmt.Errorf("recognise: %w", err)
	}
	return toPage(boxes), nil
}

func weak(p ocr.Page) bool {
	return len(p.Words) < weakWords || p.MeanConfidence() < weakConfidence
}

// score weighs a reading by its words of at least wordSigns letters or
// digits, each by the square of how sure it is. Turned, a page yields
// words of one or two signs ("e", "|", "=}"), many of them fairly sure:
// the numbers page of a scanned form (a heading, two numbers, a column
// of bullets and blank lines' ends) read upright 69 words at 40%, with
// its 16 words of print at 97%, and a quarter turn 151 at 50%, which
// outweighed it when every word counted. A word of print is longer, and
// read upside down or sideways it is rarely both long and sure.
func score(p ocr.Page) float64 {
	var s float64
	for _, w := range p.Words {
		if signs(w.Text) >= wordSigns {
			s += w.Conf * w.Conf
		}
	}
	return s
}

// wordSigns: a reading's words shorter than this are too often what a
// turned page reads as (a bullet's "e", a rule's end as "|").
const wordSigns = 3

func signs(text string) int {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
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
