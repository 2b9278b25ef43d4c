package extract

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/bmp" // registered for DecodeConfig and Decode of uploaded images

	"github.com/portcheck/portcheck/extract/ocr"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// targetDPI is the resolution Tesseract reads best; images below
// minDPI are scaled up to it before OCR. Measured on the line-table bill
// rendered at 100, 150 and 200 DPI (tesseract --psm 6 on each, as
// rendered and as scaled by prepare): at 100 DPI scaling turned
// "Customerto" back into "Customer ID"; at 150 DPI both read the same;
// on the noisy 200 DPI JPEG scan scaling made Tesseract read specks as
// words and lose the account number. So only images under 150 DPI are
// scaled.
const (
	targetDPI = 300
	minDPI    = 150
)

// maxUpscale: an image under 300/8 DPI (a 64-pixel thumbnail taken for
// a letter page is 7.5 DPI) holds no print OCR can read at any scale;
// scaling it up 40 times would only cost 6 megapixels of grey a page.
const maxUpscale = 8

// prepare returns the bytes to OCR for a page image: the image as
// uploaded when its resolution is good enough (decoding and re-encoding a
// 300 DPI page would only cost time), else a greyscale rendering scaled
// up to 300 DPI, as PGM, which Leptonica reads without a codec.
//
// The returned scan carries the size of the image Tesseract will see,
// so word boxes map back to the page whatever was scaled.
//
// Upscaled pixels are charged to the document's budget: past it a page
// goes to OCR as uploaded (a TIFF of 200 thumbnails is not 200 pages of
// 300 DPI grey).
func prepare(s scanImage, budget *pixelBudget) scanImage {
	dpi := float64(s.px) / (s.widthPt / 72)
	if dpi >= minDPI || dpi <= 0 {
		return s
	}
	scale := targetDPI / dpi
	w, h := int(float64(s.px)*scale), int(float64(s.py)*scale)
	if scale > maxUpscale || int64(w)*int64(h) > DefaultMaxPixels || !budget.afford(int64(w)*int64(h)) {
		return s
	}
	img, _, err := image.Decode(bytes.NewReader(s.data))
	if err != nil {
		return s // Tesseract may still read what Go cannot
	}
	grey := image.NewGray(image.Rect(0, 0, w, h))
	scaleGrey(grey, img) // xdraw.CatmullRom's pixels, without its buffer of the whole scaled width
	s.data, s.px, s.py, s.scannedDPI = ocr.EncodePGM(grey), w, h, dpi
	return s
}
