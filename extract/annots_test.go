package extract_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/internal/docgen"
	"github.com/portcheck/portcheck/internal/formfill"
)

// Annotations on a generated LOA, without the corpus: what each kind
// adds to the page's words and marks, and what hidden ones do not.
func TestAnnotationsOnAPage(t *testing.T) {
	base := blankPage(t)
	box := [4]float64{300, 100, 500, 130} // user space, low on the page
	tests := []struct {
		name      string
		add       func([]byte) ([]byte, error)
		wantWords []string
		wantMark  extract.MarkKind
	}{
		{"free text without appearance", func(b []byte) ([]byte, error) {
			return formfill.FreeText(b, 1, box, "Port all numbers", 4)
		}, []string{"Port", "all", "numbers"}, ""},
		{"hidden free text", func(b []byte) ([]byte, error) {
			return formfill.FreeText(b, 1, box, "Port all numbers", 2)
		}, nil, ""},
		{"no-view free text", func(b []byte) ([]byte, error) {
			return formfill.FreeText(b, 1, box, "Port all numbers", 32)
		}, nil, ""},
		{"stamp", func(b []byte) ([]byte, error) { return formfill.Stamp(b, 1, box) }, nil, extract.MarkImage},
		{"ink", func(b []byte) ([]byte, error) { return formfill.Ink(b, 1, box) }, nil, extract.MarkCurves},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := tt.add(base)
			if err != nil {
				t.Fatal(err)
			}
			p := read(t, "annotated.pdf", data).Pages[0]
			area := pageBox(p, box)
			var words []string
			for _, w := range p.Words {
				if inside(w.Box, area, 2) {
					words = append(words, w.Text)
				}
			}
			if diff := cmp.Diff(tt.wantWords, words); diff != "" {
				t.Errorf("words in %v (-want +got):\n%s", area, diff)
			}
			var want []extract.MarkKind
			if tt.wantMark != "" {
				want = []extract.MarkKind{tt.wantMark}
			}
			got := marksOver(p, area)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("marks over %v (-want +got):\n%s", area, diff)
			}
		})
	}
}

// On a page turned by /Rotate 90, an annotation's words and marks land
// where the page as shown has them: user space (x, y) shows at (y, x).
func TestAnnotationsOnATurnedPage(t *testing.T) {
	date := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	base, err := docgen.LOA{Layout: "form", AccountName: "Acme Widgets LLC", Signature: "none", SignedDate: &date}.PDF()
	if err != nil {
		t.Fatal(err)
	}
	var turned bytes.Buffer
	if err := api.Rotate(bytes.NewReader(base), &turned, 90, nil, nil); err != nil {
		t.Fatal(err)
	}
	box := [4]float64{300, 100, 500, 130}
	data, err := formfill.FreeText(turned.Bytes(), 1, box, "Port all numbers", 4)
	if err != nil {
		t.Fatal(err)
	}
	if data, err = formfill.Stamp(data, 1, [4]float64{300, 200, 500, 240}); err != nil {
		t.Fatal(err)
	}
	p := read(t, "turned.pdf", data).Pages[0]
	area := extract.Box{box[1], box[0], box[3], box[2]}
	var words []string
	for _, w := range p.Words {
		if inside(w.Box, area, 2) {
			words = append(words, w.Text)
		}
	}
	if diff := cmp.Diff([]string{"Port", "all", "numbers"}, words); diff != "" {
		t.Errorf("words in %v (-want +got):\n%s", area, diff)
	}
	if got := marksOver(p, extract.Box{200, 300, 240, 500}); !slices.Contains(got, extract.MarkImage) {
		t.Errorf("marks over the turned stamp: %q", got)
	}
}
