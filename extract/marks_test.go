package extract

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scribble is a stroked zigzag of n curves from (x, y), step wide and
// h tall, as a drawn signature's pen stroke.
func scribble(x, y, step, h float64, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%g %g m\n", x, y)
	for i := range n {
		x0, x1 := x+float64(i)*step, x+float64(i+1)*step
		y1 := y + h
		if i%2 == 1 {
			y1 = y
		}
		fmt.Fprintf(&b, "%g %g %g %g %g %g c\n", x0+step/3, y+h-(y1-y), x0+2*step/3, y1, x1, y1)
	}
	return b.String()
}

// blob is a closed filled shape of n curves within [x, x+w] × [y, y+w].
func blob(x, y, w float64, n int) string {
	s := scribble(x, y, w/float64(n), w, n)
	return s + "h f\n"
}

// markPage draws what a signature block shares a page with: a filled
// logo beside the signature, the signature as two touching strokes (a
// name and its underline), a second signature in a form XObject drawn
// scaled, a radio button and a rule line.
func markPage(*testing.T) []byte {
	content := "q " + blob(40, 720, 30, 8) + "Q\n" +
		scribble(100, 500, 10, 20, 6) + "S\n" +
		"95 495 m 120 490 150 510 170 505 c S\n" + // the underline crosses the name's first stroke
		"q 1 0 0 1 300 100 cm /Sig Do Q\n" +
		blob(400, 600, 3, 8) +
		"72 450 m 300 450 l S\n"
	form := scribble(0, 0, 5, 10, 7) + "S"
	return objectPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Sig 5 0 R >> >> >>",
		stream("", content),
		stream("/Type /XObject /Subtype /Form /BBox [0 0 40 12] /Matrix [2 0 0 2 0 0]", form),
	)
}

// TestMarks: each painted path is its own mark, touching strokes are
// one, a form's paths land where its matrix puts them, and dots and
// rules are no marks.
func TestMarks(t *testing.T) {
	doc, err := Extract(context.Background(), "marks.pdf", markPage(t), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Mark{
		{Kind: MarkCurves, Box: Box{40, 42, 70, 72}, Paths: 1, Curves: 8, Closed: 1, Filled: true},
		{Kind: MarkCurves, Box: Box{95, 272, 170, 302}, Paths: 2, Curves: 7, Stroked: true},
		// (0,0)-(35,10) in the form, doubled, moved by (300, 100).
		{Kind: MarkCurves, Box: Box{300, 672, 370, 692}, Paths: 1, Curves: 7, Stroked: true},
	}
	near := cmp.Comparer(func(a, b float64) bool { return a-b < 0.5 && b-a < 0.5 })
	if diff := cmp.Diff(want, doc.Pages[0].Marks, near); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
}

// polyline is a stroked path through points: a pen stroke recorded by
// a signature pad, or a box, a chart line or a star.
func polyline(pts [][2]float64) string {
	var b strings.Builder
	for i, p := range pts {
		op := "l"
		if i == 0 {
			op = "m"
		}
		fmt.Fprintf(&b, "%.2f %.2f %s\n", p[0], p[1], op)
	}
	return b.String()
}

// penPoints samples a looping pen stroke, as a signature pad records
// one: small steps that keep turning.
func penPoints(x, y float64) [][2]float64 {
	var pts [][2]float64
	for i := range 120 {
		t := float64(i) / 119
		pts = append(pts, [2]float64{x + 200*t, y + 12*math.Sin(t*math.Pi*7) + 5*math.Sin(t*math.Pi*19)})
	}
	return pts
}

// TestPolylineMarks: a signature recorded as points is a mark, drawn
// with straight segments alone; a box, a polygon circle, a star and a
// chart's line drawn the same way are not.
func TestPolylineMarks(t *testing.T) {
	circle := make([][2]float64, 37)
	for i := range circle {
		a := float64(i) * math.Pi / 18
		circle[i] = [2]float64{300 + 20*math.Cos(a), 300 + 20*math.Sin(a)}
	}
	star := make([][2]float64, 6)
	for i := range star {
		a := float64(i) * 4 * math.Pi / 5
		star[i] = [2]float64{300 + 30*math.Sin(a), 300 + 30*math.Cos(a)}
	}
	chart := [][2]float64{{100, 300}, {120, 320}, {140, 310}, {160, 335}, {180, 315}, {200, 340}, {220, 330}, {240, 350}, {260, 320}, {280, 345}, {300, 335}, {320, 350}}
	tests := []struct {
		name  string
		pts   [][2]float64
		paint string
		marks int
	}{
		{"a signature pad's stroke", penPoints(100, 300), "S", 1},
		{"the same shape filled", penPoints(100, 300), "f", 0},
		{"a box of lines", [][2]float64{{100, 300}, {250, 300}, {250, 340}, {100, 340}, {100, 300}}, "S", 0},
		{"a circle of 36 segments", circle, "S", 0},
		{"a pentagram", star, "S", 0},
		{"a chart's line", chart, "S", 0},
	}
	curves := func(d string) func() string { return func() string { return d } }
	quick := "5 300 m 20 270 35 270 45 295 c 55 320 70 305 80 280 c 90 255 110 270 120 295 c 130 305 150 275 165 290 c 180 305 200 300 215 277 c S\n"
	tests2 := []struct {
		name  string
		draw  func() string
		marks int
	}{
		{"a quick signature of five curves", curves(quick), 1},
		{"a rounded box of four curves, closed", curves("100 300 m 200 300 l 210 300 210 310 210 310 c 210 340 l 210 350 200 350 200 350 c 100 350 l 90 350 90 340 90 340 c 90 310 l 90 300 100 300 100 300 c h S\n"), 0},
		{"a narrow bracket", curves("100 300 m 90 300 95 310 92 320 c 90 330 85 330 85 330 c 85 330 90 330 92 340 c 95 350 90 360 100 360 c S\n"), 0},
	}
	for _, tt := range tests2 {
		t.Run(tt.name, func(t *testing.T) {
			pdf := objectPDF(
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
				stream("", tt.draw()),
			)
			doc, err := Extract(context.Background(), "curves.pdf", pdf, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(doc.Pages[0].Marks); got != tt.marks {
				t.Errorf("marks = %d (%+v), want %d", got, doc.Pages[0].Marks, tt.marks)
			}
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf := objectPDF(
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
				stream("", polyline(tt.pts)+tt.paint+"\n"),
			)
			doc, err := Extract(context.Background(), "poly.pdf", pdf, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(doc.Pages[0].Marks); got != tt.marks {
				t.Errorf("marks = %d (%+v), want %d", got, doc.Pages[0].Marks, tt.marks)
			}
		})
	}
}
