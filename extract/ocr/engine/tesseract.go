package engine

import (
	"fmt"

	"github.com/otiai10/gosseract/v2"

	"github.com/portcheck/portcheck/extract/ocr"
)

// reader runs in the child: one Tesseract client for the whole
// document, closed before the child exits.
type reader struct{ client *gosseract.Client }

func newReader(lang string, psm int) (*reader, error) {
	r := &reader{client: gosseract.NewClient()}
	if lang == "" {
		lang = "eng"
	}
	if psm == 0 {
		psm = 6
	}
	if err := r.client.SetLanguage(lang); err != nil {
		return r, fmt.Errorf("set language %s: %w", lang, err)
	}
	// As a variable, not SetPageSegMode: gosseract initialises the
	// engine lazily, and Init resets the API's mode to its own default
	// (6, one uniform block), so a mode set before it never took effect.
	// Variables are applied after Init.
	if err := r.client.SetVariable("tessedit_pageseg_mode", fmt.Sprint(psm)); err != nil {
		return r, fmt.Errorf("set page segmentation: %w", err)
	}
	if err := r.client.SetVariable("preserve_interword_spaces", "1"); err != nil {
		return r, fmt.Errorf("set preserve_interword_spaces: %w", err)
	}
	return r, nil
}

func (r *reader) read(img ocr.Image) (ocr.Page, error) {
	if img.DPI > 0 {
		if err := r.client.SetVariable("user_defined_dpi", fmt.Sprint(img.DPI)); err != nil {
			return ocr.Page{}, fmt.Errorf("set resolution: %w", err)
		}
	}
	return readUpright(r.client, img)
}

func (r *reader) close() { r.client.Close() }

func toPage(boxes []gosseract.BoundingBox) ocr.Page {
	var p ocr.Page
	for _, b := range boxes {
		if b.Word == "" {
			continue
		}
		p.Words = append(p.Words, ocr.Word{Text: b.Word, Box: b.Box, Conf: b.Confidence, Block: b.BlockNum, Par: b.ParNum, Line: b.LineNum, No: b.WordNum})
	}
	return p
}
