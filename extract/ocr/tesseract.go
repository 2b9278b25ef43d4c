package ocr

import (
	"fmt"

	"github.com/otiai10/gosseract/v2"
)

// recognize runs in the child: one client for the whole document,
// closed before the child answers.
func recognize(req request) ([]Page, error) {
	client := gosseract.NewClient()
	defer client.Close()
	if err := client.SetLanguage(req.Lang); err != nil {
		return nil, fmt.Errorf("set language %s: %w", req.Lang, err)
	}
	// As a variable, not SetPageSegMode: gosseract initialises the
	// engine lazily, and Init resets the API's mode to its own default
	// (6, one uniform block), so a mode set before it never took effect.
	// Variables are applied after Init.
	if err := client.SetVariable("tessedit_pageseg_mode", fmt.Sprint(req.PSM)); err != nil {
		return nil, fmt.Errorf("set page segmentation: %w", err)
	}
	if err := client.SetVariable("preserve_interword_spaces", "1"); err != nil {
		return nil, fmt.Errorf("set preserve_interword_spaces: %w", err)
	}
	pages := make([]Page, 0, len(req.Images))
	for i, img := range req.Images {
		if img.DPI > 0 {
			if err := client.SetVariable("user_defined_dpi", fmt.Sprint(img.DPI)); err != nil {
				return nil, fmt.Errorf("page %d: set resolution: %w", i+1, err)
			}
		}
		p, err := readUpright(client, img)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

func toPage(boxes []gosseract.BoundingBox) Page {
	var p Page
	for _, b := range boxes {
		if b.Word == "" {
			continue
		}
		p.Words = append(p.Words, Word{Text: b.Word, Box: b.Box, Conf: b.Confidence, Block: b.BlockNum, Par: b.ParNum, Line: b.LineNum, No: b.WordNum})
	}
	return p
}
