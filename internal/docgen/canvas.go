package docgen

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/go-pdf/fpdf"
)

// fixedDate keeps output byte-identical between runs.
var fixedDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// canvas records drawing operations so a layout can be emitted in
// reading order or reversed (bottom to top, as Chromium prints).
type canvas struct {
	pages    [][]func(*fpdf.Fpdf)
	reversed bool
}

func (c *canvas) page() { c.pages = append(c.pages, nil) }

func (c *canvas) add(op func(*fpdf.Fpdf)) {
	if len(c.pages) == 0 {
		c.page()
	}
	n := len(c.pages) - 1
	c.pages[n] = append(c.pages[n], op)
}

// text draws s with its baseline at y (points from the top).
func (c *canvas) text(x, y float64, style string, size float64, s string) {
	c.add(func(f *fpdf.Fpdf) {
		f.SetFont("Helvetica", style, size)
		f.Text(x, y, s)
	})
}

// font draws s in another core font family (Times for script-like
// signatures).
func (c *canvas) font(family, style string, x, y, size float64, s string) {
	c.add(func(f *fpdf.Fpdf) {
		f.SetFont(family, style, size)
		f.Text(x, y, s)
	})
}

func (c *canvas) rect(x, y, w, h float64) {
	c.add(func(f *fpdf.Fpdf) { f.Rect(x, y, w, h, "D") })
}

func (c *canvas) line(x0, y0, x1, y1 float64) {
	c.add(func(f *fpdf.Fpdf) { f.Line(x0, y0, x1, y1) })
}

func (c *canvas) curve(x0, y0, cx0, cy0, cx1, cy1, x1, y1 float64) {
	c.add(func(f *fpdf.Fpdf) { f.CurveBezierCubic(x0, y0, cx0, cy0, cx1, cy1, x1, y1, "D") })
}

// lines draws rows of text from y down, lead points apart, and returns
// the y below the last.
func (c *canvas) lines(x, y, lead float64, style string, size float64, rows ...string) float64 {
	for _, r := range rows {
		c.text(x, y, style, size, r)
		y += lead
	}
	return y
}

func (c *canvas) render() ([]byte, error) {
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCreationDate(fixedDate)
	f.SetModificationDate(fixedDate)
	f.SetCompression(true)
	f.SetCatalogSort(true) // fpdf walks maps when it writes fonts; sorted is repeatable
	f.SetProducer("portcheck docgen", false)
	f.SetLineWidth(0.8)
	for _, ops := range c.pages {
		f.AddPage()
		if c.reversed {
			ops = slices.Clone(ops)
			slices.Reverse(ops)
		}
		for _, op := range ops {
			op(f)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		return nil, fmt.Errorf("render pdf: %w", err)
	}
	return b.Bytes(), nil
}
