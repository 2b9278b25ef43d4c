package extract

import (
	"bytes"
	cmp2 "cmp"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWordsAgainstPdftotext: each word's text and horizontal extent
// match pdftotext -bbox's on the text fixtures, the Type 3 and
// ToUnicode one included (a width taken in the wrong units would move
// every word after the first). Heights are ours (a share of the size)
// and are not compared.
func TestWordsAgainstPdftotext(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext")
	files, _ := filepath.Glob("testdata/text/*.pdf")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, err := exec.Command(pdftotext, "-bbox", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			want := bboxWords(t, out)
			data, _ := os.ReadFile(f)
			doc, err := Extract(context.Background(), f, data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got []xWord
			for _, p := range doc.Pages {
				for _, w := range p.Words {
					got = append(got, xWord{w.Text, w.Box[0], w.Box[2]})
				}
			}
			near := cmp.Comparer(func(a, b float64) bool { return a-b < 1 && b-a < 1 })
			sorted := cmp.Transformer("sort", sortXWords)
			if diff := cmp.Diff(want, got, near, sorted); diff != "" {
				t.Errorf("words differ from pdftotext -bbox (-pdftotext +ours):\n%s", diff)
			}
		})
	}
}

type xWord struct {
	Text   string
	X0, X1 float64
}

func sortXWords(ws []xWord) []xWord {
	out := slices.Clone(ws)
	slices.SortFunc(out, func(a, b xWord) int {
		return cmp2.Or(cmp2.Compare(a.Text, b.Text), cmp2.Compare(a.X0, b.X0))
	})
	return out
}

func bboxWords(t *testing.T, html []byte) []xWord {
	t.Helper()
	var doc struct {
		Words []struct {
			XMin float64 `xml:"xMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"body>doc>page>word"`
	}
	dec := xml.NewDecoder(bytes.NewReader(html))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var out []xWord
	for _, w := range doc.Words {
		out = append(out, xWord{normalizeText(w.Text), w.XMin, w.XMax})
	}
	return out
}
