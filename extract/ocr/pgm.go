package ocr

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
)

// Page images travel as binary PGM (what pdftoppm -gray writes and
// EncodePGM makes), and the standard library has no PGM decoder: without
// one a page prepared or cleaned in grey could not be turned upright.
// Registered so image.Decode reads it like any other format.
func init() {
	image.RegisterFormat("pgm", "P5", DecodePGM, DecodePGMConfig)
}

// DecodePGMConfig reads an 8-bit binary PGM's header.
func DecodePGMConfig(r io.Reader) (image.Config, error) {
	w, h, err := pgmHeader(bufio.NewReader(r))
	if err != nil {
		return image.Config{}, err
	}
	return image.Config{ColorModel: color.GrayModel, Width: w, Height: h}, nil
}

// DecodePGM reads an 8-bit binary PGM: its header, one whitespace byte,
// then the pixels.
func DecodePGM(r io.Reader) (image.Image, error) {
	br := bufio.NewReader(r)
	w, h, err := pgmHeader(br)
	if err != nil {
		return nil, err
	}
	if _, err := br.ReadByte(); err != nil { // the whitespace after maxval
		return nil, fmt.Errorf("read pgm: %w", err)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(br, g.Pix); err != nil {
		return nil, fmt.Errorf("read pgm: fewer pixels than its header says: %w", err)
	}
	return g, nil
}

// maxPGMPixels refuses a header claiming more pixels than any page
// portcheck would read (the extract limits are far below it) before the
// buffer is made.
const maxPGMPixels = 1 << 30

func pgmHeader(r *bufio.Reader) (w, h int, err error) {
	var magic string
	var maxVal int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxVal); err != nil {
		return 0, 0, fmt.Errorf("read pgm header: %w", err)
	}
	if magic != "P5" || maxVal != 255 || w <= 0 || h <= 0 || int64(w)*int64(h) > maxPGMPixels {
		return 0, 0, errors.New("read pgm header: not an 8-bit binary PGM of a page's size")
	}
	return w, h, nil
}
