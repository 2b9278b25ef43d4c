package extract

import (
	"context"
	"fmt"
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
