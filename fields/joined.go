package fields

import (
	"math"
	"slices"
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// A form may print a caption lower or higher than the value beside it
// (the caption on the box's foot, the value typed centred in its box).
// Tesseract reads the two as one line and fits its letters to one
// baseline that neither part stands on, and the caption comes out
// garbled ("Customer name:" read "Customer dane:"). Cut out of the
// cleaned page and read alone, the same line reads right, so an LOA
// that lacks a field has each such line read again (ReadRegions). The
// misread caption is never taken for the label it resembles: one
// letter turns "date" into "dane" as well as "name".

// maxCaptionWords bounds a caption: "Name of authorized signer:" and
// the like.
const maxCaptionWords = 5

// twoBaselines: a caption's baseline and its value's differ by more
// than this share of the caption's height. OCR's boxes of the words of
// one printed line stand a tenth or two of their height apart; the
// caption joined to its boxed value that read "Customer dane:" stood
// three fifths of its height under the value.
const twoBaselines = 0.4

// joinedRegions: where an LOA lacks a field the checks need, each line
// of each reading joined from a caption and a value on another
// baseline, with a margin round it.
func joinedRegions(doc *extract.Document) []extract.Region {
	if !loaMisses(ReadLOA(doc, "US")) {
		return nil
	}
	var out []extract.Region
	for _, r := range append([]*extract.Document{doc}, rereadings(doc)...) {
		for pi, p := range r.Pages {
			if p.TextSource != extract.SourceOCR {
				continue
			}
			slope := pageSlope(p.Lines)
			for _, l := range p.Lines {
				if h, ok := joinedCaption(l.Words, slope); ok {
					out = addRegion(out, extract.Region{Page: pi + 1, Box: lineMargin(p, l.Box, h)})
				}
			}
		}
	}
	return out
}

// joinedCaption reports whether a line starts with a caption (a few
// words of letters, the last ending in a colon) whose baseline is not
// that of the words after it, and the caption's height.
func joinedCaption(ws []extract.Word, slope float64) (float64, bool) {
	for k := 1; k < len(ws) && k <= maxCaptionWords; k++ {
		if countDigits(ws[k-1].Text) > 0 {
			return 0, false
		}
		if !strings.HasSuffix(ws[k-1].Text, ":") {
			continue
		}
		caption, ch, ok := baseline(ws[:k], slope)
		value, _, ok2 := baseline(ws[k:], slope)
		if ok && ok2 && math.Abs(caption-value) > twoBaselines*ch {
			return ch, true
		}
	}
	return 0, false
}

// baseline is where words stand, the page's slope taken out (the median
// foot of those without descenders), and their median height; false
// when every word descends.
func baseline(ws []extract.Word, slope float64) (float64, float64, bool) {
	var feet, heights []float64
	for _, w := range ws {
		if strings.ContainsAny(w.Text, descends) {
			continue
		}
		feet = append(feet, w.Box[3]-slope*(w.Box[0]+w.Box[2])/2)
		heights = append(heights, height(w.Box))
	}
	if len(feet) == 0 {
		return 0, 0, false
	}
	return median(feet), median(heights), true
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// lineMargin is a line's box with room round it for the reader to find
// its letters' edges: a caption's height each side, less across, where
// the lines over and under it stand.
func lineMargin(p extract.Page, b extract.Box, h float64) extract.Box {
	return extract.Box{max(0, b[0]-h), max(0, b[1]-0.75*h), min(p.Width, b[2]+h), min(p.Height, b[3]+0.75*h)}
}
