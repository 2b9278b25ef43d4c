package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Runs of single characters at an even pitch are one word (comb cells,
// letter-spacing); short runs, wide columns, uneven pitch and printed
// spaces keep their characters apart.
func TestCombRunsAreOneWord(t *testing.T) {
	// cells places characters (of the widths given, in turn), each
	// centred in a cell of pitch p, from x; a space is printed as one.
	cells := func(s string, x, p float64, widths ...float64) []glyph {
		var out []glyph
		for i, r := range s {
			w := widths[i%len(widths)]
			if r == ' ' {
				w = 0
			}
			c := x + float64(i)*p + (p-w)/2
			out = append(out, glyph{s: string(r), x0: c, x1: c + w, size: 10})
		}
		return out
	}
	spaced := func(s string, x, gap float64, widths ...float64) []glyph {
		var out []glyph
		for i, r := range s {
			w := widths[i%len(widths)]
			out = append(out, glyph{s: string(r), x0: x, x1: x + w, size: 10})
			x += w + gap
		}
		return out
	}
	tests := []struct {
		name string
		row  []glyph
		want []string
	}{
		{"ten comb cells", cells("8812334501", 0, 18, 5.56), []string{"8812334501"}},
		{"letters of unequal width in cells", cells("WILMA", 0, 16, 9.44, 2.78, 5.56, 8.33, 6.67), []string{"WILMA"}},
		{"three cells are not enough", cells("312", 0, 18, 5.56), []string{"3", "1", "2"}},
		{"columns too far apart", cells("1234", 0, 60, 5.56), []string{"1", "2", "3", "4"}},
		{"letter-spaced word", spaced("STATEMENT", 0, 3, 6.67, 6.11, 7.22), []string{"STATEMENT"}},
		{"uneven pitch", append(cells("12", 0, 18, 5.56), cells("34", 50, 30, 5.56)...), []string{"1", "2", "3", "4"}},
		{"printed spaces between", cells("1 2 3 4 5", 0, 9, 5.56), []string{"1", "2", "3", "4", "5"}},
		{"a word beside a comb", append(spaced("PIN", 0, 0, 6.67, 2.78, 7.22), cells("482193", 40, 18, 5.56)...), []string{"PIN", "482193"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.row {
				tt.row[i].seq = i
			}
			var got []string
			for _, w := range layerWords(tt.row) {
				got = append(got, w.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("words (-want +got):\n%s", diff)
			}
		})
	}
}
