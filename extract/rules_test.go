package extract

import (
	"context"
	"image"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract/ocr"
)

// page is a white 300 DPI test page.
func page() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 900, 600))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g
}

func fill(g *image.Gray, r image.Rectangle, v uint8) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g.Pix[y*g.Stride+x] = v
		}
	}
}

// box draws the outline of r, t pixels thick, as a form's field box.
func box(g *image.Gray, r image.Rectangle, t int) {
	fill(g, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+t), 0)
	fill(g, image.Rect(r.Min.X, r.Max.Y-t, r.Max.X, r.Max.Y), 0)
	fill(g, image.Rect(r.Min.X, r.Min.Y, r.Min.X+t, r.Max.Y), 0)
	fill(g, image.Rect(r.Max.X-t, r.Min.Y, r.Max.X, r.Max.Y), 0)
}

// wave draws a signature-like scrawl: a sine stroke 4 pixels thick.
func wave(g *image.Gray, x0, x1, y, amp int, period float64) {
	for x := x0; x < x1; x++ {
		cy := y + int(float64(amp)*math.Sin(float64(x)*2*math.Pi/period))
		fill(g, image.Rect(x, cy-2, x+1, cy+2), 0)
	}
}

// askewLine draws a rule two pixels thick that steps a pixel down every
// step pixels, n steps from (x, y): a scan's rule a little askew, each
// row's run two steps long but the first and last, one step long.
func askewLine(g *image.Gray, x, y, n, step int) {
	for k := range n {
		fill(g, image.Rect(x+k*step, y+k, x+(k+1)*step, y+k+2), 0)
	}
}

func darkIn(g *image.Gray, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g.Pix[y*g.Stride+x] < darkLevel {
				n++
			}
		}
	}
	return n
}

func TestEraseRules(t *testing.T) {
	stroke := image.Rect(120, 80, 126, 120) // a letter's stem inside the box
	tests := []struct {
		name string
		draw func(g *image.Gray)
		// kept must keep all their dark pixels; gone must have none left.
		kept, gone []image.Rectangle
	}{
		{
			name: "a field box round a value",
			draw: func(g *image.Gray) { box(g, image.Rect(100, 60, 800, 140), 3); fill(g, stroke, 0) },
			kept: []image.Rectangle{stroke},
			gone: []image.Rectangle{image.Rect(100, 60, 800, 63), image.Rect(100, 137, 800, 140), image.Rect(100, 60, 103, 140), image.Rect(797, 60, 800, 140)},
		},
		{
			name: "a grid round numbers, its crossings too",
			draw: func(g *image.Gray) {
				for _, y := range []int{200, 260, 320} {
					fill(g, image.Rect(100, y, 800, y+3), 0)
				}
				for _, x := range []int{100, 330, 560, 797} {
					fill(g, image.Rect(x, 200, x+3, 323), 0)
				}
				fill(g, image.Rect(140, 215, 146, 250), 0)
			},
			kept: []image.Rectangle{image.Rect(140, 215, 146, 250)},
			gone: []image.Rectangle{image.Rect(100, 200, 800, 203), image.Rect(100, 260, 800, 263), image.Rect(330, 200, 333, 323), image.Rect(560, 258, 563, 265)},
		},
		{
			name: "a stem crossing a box's edge keeps its crossing",
			draw: func(g *image.Gray) {
				box(g, image.Rect(100, 300, 800, 380), 3)
				fill(g, image.Rect(400, 270, 406, 320), 0)
			},
			kept: []image.Rectangle{image.Rect(400, 270, 406, 296), image.Rect(400, 300, 406, 303), image.Rect(400, 307, 406, 320)},
			gone: []image.Rectangle{image.Rect(100, 300, 390, 303), image.Rect(420, 300, 800, 303)},
		},
		{
			name: "a lone rule stays: a signature line and its signature",
			draw: func(g *image.Gray) {
				fill(g, image.Rect(100, 500, 800, 503), 0)
				wave(g, 120, 780, 460, 20, 160)
			},
			kept: []image.Rectangle{image.Rect(120, 430, 780, 490), image.Rect(100, 500, 800, 503)},
		},
		{
			name: "blank lines with nothing on them go",
			draw: func(g *image.Gray) {
				for _, y := range []int{200, 310, 420} {
					fill(g, image.Rect(150, y, 800, y+3), 0)
				}
				fill(g, image.Rect(100, 190, 110, 200), 0) // a bullet beside, not over
			},
			kept: []image.Rectangle{image.Rect(100, 190, 110, 200)},
			gone: []image.Rectangle{image.Rect(150, 200, 800, 203), image.Rect(150, 310, 800, 313), image.Rect(150, 420, 800, 423)},
		},
		{
			name: "a line with a value on it, or its caption under it, stays",
			draw: func(g *image.Gray) {
				fill(g, image.Rect(100, 200, 800, 203), 0)
				letters(g, 120, 300, 165)
				fill(g, image.Rect(100, 400, 800, 403), 0)
				letters(g, 120, 300, 415)
			},
			kept: []image.Rectangle{image.Rect(100, 200, 800, 203), image.Rect(100, 400, 800, 403), image.Rect(120, 165, 300, 195), image.Rect(120, 415, 300, 445)},
		},
		{
			name: "a blank line scanned askew goes, the short steps at its ends too",
			draw: func(g *image.Gray) { askewLine(g, 150, 200, 5, 143) },
			gone: []image.Rectangle{image.Rect(150, 195, 865, 212)},
		},
		{
			name: "a hairline broken by the scan's noise goes whole",
			draw: func(g *image.Gray) {
				for _, x := range [][2]int{{150, 300}, {302, 420}, {422, 560}, {561, 800}} {
					fill(g, image.Rect(x[0], 200, x[1], 202), 120)
				}
				fill(g, image.Rect(100, 190, 110, 200), 0)
			},
			kept: []image.Rectangle{image.Rect(100, 190, 110, 200)},
			gone: []image.Rectangle{image.Rect(150, 200, 800, 202)},
		},
		{
			name: "a letter's foot resting on a box's edge stays",
			draw: func(g *image.Gray) {
				box(g, image.Rect(100, 60, 800, 140), 3)
				fill(g, image.Rect(300, 100, 304, 134), 0)
				fill(g, image.Rect(300, 134, 320, 137), 0)
			},
			kept: []image.Rectangle{image.Rect(300, 100, 320, 137)},
			gone: []image.Rectangle{image.Rect(100, 137, 290, 140), image.Rect(330, 137, 800, 140)},
		},
		{
			name: "short strokes are print, not rules",
			draw: func(g *image.Gray) {
				fill(g, image.Rect(100, 200, 200, 204), 0)
				fill(g, image.Rect(300, 150, 304, 250), 0)
			},
			kept: []image.Rectangle{image.Rect(100, 200, 200, 204), image.Rect(300, 150, 304, 250)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := page()
			tt.draw(g)
			want := map[image.Rectangle]int{}
			for _, r := range tt.kept {
				want[r] = darkIn(g, r)
			}
			eraseRules(g, 300)
			for _, r := range tt.kept {
				if got := darkIn(g, r); got != want[r] {
					t.Errorf("kept %v: %d of %d dark pixels left", r, got, want[r])
				}
			}
			for _, r := range tt.gone {
				if got := darkIn(g, r); got != 0 {
					t.Errorf("rule %v: %d dark pixels left", r, got)
				}
			}
		})
	}
}

func TestDecodeGreyPGM(t *testing.T) {
	g := page()
	box(g, image.Rect(10, 10, 300, 100), 3)
	got, err := decodeGrey(ocr.EncodePGM(g))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(g.Pix, got.Pix); diff != "" {
		t.Errorf("pixels differ after a PGM round trip")
	}
	for _, bad := range []string{"P5\n10 10\n255\nshort", "P5\n10 10\n65535\n", "P2\n1 1\n255\n0"} {
		if _, err := decodeGrey([]byte(bad)); err == nil {
			t.Errorf("decodeGrey(%q): no error", bad)
		}
	}
}

func TestBlank(t *testing.T) {
	grain := func() *image.Gray { // a blank scan: paper grain, nothing under mid-grey
		g := page()
		for i := range g.Pix {
			g.Pix[i] = uint8(200 + (i*7919)%55)
		}
		return g
	}
	tests := []struct {
		name string
		draw func() *image.Gray
		want bool
	}{
		{"paper grain", grain, true},
		{"a dust speck", func() *image.Gray { g := grain(); fill(g, image.Rect(10, 10, 12, 12), 0); return g }, true},
		{"one short word", func() *image.Gray { g := grain(); fill(g, image.Rect(100, 100, 160, 130), 40); return g }, false},
		{"faint print with dark cores", func() *image.Gray { g := grain(); fill(g, image.Rect(100, 100, 400, 104), 110); return g }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := !ocr.Inked(tt.draw()); got != tt.want {
				t.Errorf("blank = %v, want %v", got, tt.want)
			}
		})
	}
}

// recorder is a Recognizer that notes the images it was asked to read
// and reads nothing.
type recorder struct{ images int }

func (r *recorder) Recognize(_ context.Context, images []ocr.Image) ([]ocr.Page, error) {
	r.images += len(images)
	return make([]ocr.Page, len(images)), nil
}

// TestBlankPagesAreNotOCRd: a blank page of a scan is not sent to OCR
// (Tesseract would spend up to four readings on its grain), yet has its
// size and resolution; the page with print is read.
func TestBlankPagesAreNotOCRd(t *testing.T) {
	blankPage, printed := page(), page()
	fill(printed, image.Rect(100, 100, 300, 130), 0)
	var scans []scanImage
	doc := &Document{Name: "scan.pdf", Pages: make([]Page, 2)}
	for i, g := range []*image.Gray{blankPage, printed} {
		scans = append(scans, scanImage{page: i, data: ocr.EncodePGM(g), px: 900, py: 600, widthPt: 216, heightPt: 144})
	}
	rec := &recorder{}
	if err := ocrPages(context.Background(), doc, scans, Limits{OCR: rec}); err != nil {
		t.Fatal(err)
	}
	if rec.images != 1 {
		t.Errorf("%d images sent to OCR, want 1 (the printed page)", rec.images)
	}
	if p := doc.Pages[0]; p.DPI != 300 || p.Width != 216 || len(p.Words) != 0 {
		t.Errorf("blank page: %v DPI, %v pt wide, %d words; want 300, 216, none", p.DPI, p.Width, len(p.Words))
	}
}

// letters draws a word of print: stems 0.1 inch tall, apart.
func letters(g *image.Gray, x0, x1, y int) {
	for x := x0; x+6 < x1; x += 14 {
		fill(g, image.Rect(x, y, x+6, y+30), 0)
	}
}

// TestInkStrokes: a signature is found as strokes wherever it stands (in
// a box, on a line), and print, rules, frames and filled shapes are not.
func TestInkStrokes(t *testing.T) {
	tests := []struct {
		name string
		draw func(g *image.Gray)
		want []image.Rectangle
	}{
		{
			name: "a signature filling a field's box",
			draw: func(g *image.Gray) { box(g, image.Rect(100, 60, 800, 160), 3); wave(g, 110, 790, 110, 30, 160) },
			want: []image.Rectangle{image.Rect(110, 78, 790, 142)},
		},
		{
			name: "a signature over its line, touching it",
			draw: func(g *image.Gray) { fill(g, image.Rect(100, 500, 800, 503), 0); wave(g, 120, 780, 480, 20, 160) },
			want: []image.Rectangle{image.Rect(120, 458, 780, 500)},
		},
		{
			name: "a boxed value, an underlined word, a blank line: none",
			draw: func(g *image.Gray) {
				box(g, image.Rect(100, 60, 800, 160), 3)
				letters(g, 120, 500, 90)
				letters(g, 120, 500, 300)
				fill(g, image.Rect(110, 328, 510, 331), 0)
				fill(g, image.Rect(100, 500, 800, 503), 0)
			},
		},
		{
			name: "a box's askew end left by the frame's clearing: none",
			draw: func(g *image.Gray) {
				for x := 260; x < 560; x++ { // top and bottom rising a pixel in thirty
					fill(g, image.Rect(x, 300-(x-260)/30, x+1, 303-(x-260)/30), 0)
					fill(g, image.Rect(x, 400-(x-260)/30, x+1, 403-(x-260)/30), 0)
				}
				for y := 298; y < 401; y++ { // the side leaning a pixel in fifty
					x := 557 + (y-298)/50
					fill(g, image.Rect(x, y, x+3, y+1), 0)
				}
			},
		},
		{
			name: "a signature line scanned two degrees askew: none",
			draw: func(g *image.Gray) {
				for x := 50; x < 880; x++ { // two degrees: a step of a pixel in 30
					y := 500 - (x-50)/30
					fill(g, image.Rect(x, y, x+1, y+2), 0)
				}
			},
		},
		{
			name: "a filled logo: none",
			draw: func(g *image.Gray) { fill(g, image.Rect(600, 300, 800, 400), 30) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := page()
			tt.draw(g)
			got, _ := inkStrokes(g, ruleMask(g, 300, true), 300)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ink (-want +got):\n%s", diff)
			}
		})
	}
}
