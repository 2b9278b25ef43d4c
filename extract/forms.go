package extract

import (
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/font"
)

// Field values placed as a viewer would draw them when a field has no
// appearance of its own, or the document asks the viewer to redraw them
// (NeedAppearances): in the field's font size from /DA, aligned by /Q,
// 2 points in from the widget's border (the padding viewers use), one
// line centred in the box or, multiline, lines from its top.

const (
	fieldPadding = 2.0
	// autoSize: a size of 0 in /DA means "fit the box"; viewers use 12
	// points at most.
	autoSize = 12.0
)

// place draws the lines of a field's value in a widget's rectangle.
func (s *annotScan) place(a pdf.Value, rect [4]float64, lines []string, multiline bool) {
	lines = valueLines(lines, multiline)
	if len(lines) == 0 {
		return
	}
	da := inherited(a, "DA").RawString()
	if da == "" {
		da = s.form.da
	}
	fontName, size := parseDA(da)
	fr := widgetFrame(a, rect)
	if size <= 0 {
		size = min(autoSize, max(fr.h-2*fieldPadding, 4)/max(float64(len(lines)), 1)/1.15)
	}
	base := s.form.dr.Key("Font").Key(fontName).Key("BaseFont").Name()
	if !font.IsCoreFont(base) {
		base = "Helvetica"
	}
	q := s.form.q
	if v := inherited(a, "Q"); v.Kind() == pdf.Integer {
		q = v.Int64()
	}
	if ff := inherited(a, "Ff").Int64(); ff&ffComb != 0 && ff&(ffMultiline|ffPassword) == 0 {
		fr.cells = inherited(a, "MaxLen").Int64()
	}
	baseline := (fr.h-size)/2 + descent*size
	if len(lines) > 1 || multiline {
		baseline = fr.h - fieldPadding - ascent*size
	}
	for _, line := range lines {
		s.placeLine(line, fr, baseline, size, base, q)
		baseline -= 1.15 * size
	}
}

// fieldFrame is a widget's box as its text is laid out in it: w wide
// and h high from its origin, turned onto the page by m when the widget
// is rotated (/MK /R, 12.5.6.19: its text runs up the page at 90).
type fieldFrame struct {
	w, h  float64
	m     mat
	cells int64 // a comb field's cells, one character in each
}

func widgetFrame(a pdf.Value, rect [4]float64) fieldFrame {
	w, h := rect[2]-rect[0], rect[3]-rect[1]
	turn := ident()
	switch (a.Key("MK").Key("R").Int64()%360 + 360) % 360 {
	case 90:
		turn, w, h = mat{0, 1, -1, 0, 0, 0}, h, w
	case 180:
		turn = mat{-1, 0, 0, -1, 0, 0}
	case 270:
		turn, w, h = mat{0, -1, 1, 0, 0, 0}, h, w
	}
	tb := transformedBox([4]float64{0, 0, w, h}, turn)
	turn[4], turn[5] = rect[0]-tb[0], rect[1]-tb[1]
	return fieldFrame{w: w, h: h, m: turn}
}

func (s *annotScan) placeLine(line string, fr fieldFrame, baseline, size float64, base string, q int64) {
	widths := make([]float64, 0, len(line))
	total := 0.0
	for _, r := range line {
		w := 556.0 // Helvetica's digit width, for a rune the font lacks
		if cw, err := font.CharWidth(base, r); err == nil && cw > 0 {
			w = float64(cw)
		}
		widths = append(widths, w*size/1000)
		total += w * size / 1000
	}
	x := fieldPadding
	switch q {
	case 1:
		x = (fr.w - total) / 2
	case 2:
		x = fr.w - fieldPadding - total
	}
	cell := 0.0
	if fr.cells > 0 {
		cell, x = fr.w/float64(fr.cells), 0
	}
	i := 0
	for _, r := range line {
		at := x
		if cell > 0 {
			at = x + (cell-widths[i])/2
			x += cell
		} else {
			x += widths[i]
		}
		px, py := fr.m.apply(at, baseline)
		s.emit(placedText{Text: pdf.Text{Font: base, FontSize: size, X: px, Y: py, W: widths[i], S: string(r)}, dx: fr.m[0], dy: fr.m[1]})
		i++
	}
}

// valueLines splits a value into the lines it is drawn on; a single
// line field shows its line breaks as spaces.
func valueLines(values []string, multiline bool) []string {
	var out []string
	for _, v := range values {
		v = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(v)
		if !multiline {
			v = strings.ReplaceAll(v, "\n", " ")
		}
		for _, l := range strings.Split(v, "\n") {
			if strings.TrimSpace(l) != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

// shownChoices is what a choice field shows of its selection (/V: one
// text string, or an array of them for a multiple-choice list box): an
// option listed in /Opt as a pair is shown by its second element, the
// text, while /V holds its first, the export value (12.7.4.4).
func shownChoices(v, opt pdf.Value) []string {
	var chosen []string
	if v.Kind() == pdf.String {
		chosen = []string{v.Text()}
	}
	for i := 0; i < v.Len() && i < 100; i++ {
		chosen = append(chosen, v.Index(i).Text())
	}
	for i := range chosen {
		for j := 0; j < opt.Len() && j < 10_000; j++ {
			if o := opt.Index(j); o.Len() == 2 && o.Index(0).Text() == chosen[i] {
				chosen[i] = o.Index(1).Text()
				break
			}
		}
	}
	return chosen
}

// parseDA reads the font resource name and size from a default
// appearance string such as "/Helv 10 Tf 0 g".
func parseDA(da string) (string, float64) {
	f := strings.Fields(da)
	for i := len(f) - 1; i >= 2; i-- {
		if f[i] != "Tf" {
			continue
		}
		size, err := strconv.ParseFloat(f[i-1], 64)
		if err != nil || size < 0 || size > 200 {
			size = 0
		}
		return strings.TrimPrefix(f[i-2], "/"), size
	}
	return "", 0
}
