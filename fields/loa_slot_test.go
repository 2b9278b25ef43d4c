package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
)

// TestCaptionOverTallBox: a form that stacks captions over tall boxes
// puts the value written in a box further under its caption than a
// row's spacing, the more so on a scan (OCR's line boxes are tighter
// than a text layer's). The page's own spacing says whose it is: the
// first line under a caption is its value when it stands nearer the
// caption than what follows it, or, last in its column, nearer than the
// line over the caption is.
func TestCaptionOverTallBox(t *testing.T) {
	type want struct{ Name, Signer, Date string }
	tests := []struct {
		name string
		ats  []at
		want want
	}{
		{"a value in each box", []at{
			body(72, 100, "Customer name"), body(72, 140, "Acme Widgets Ltd"),
			body(72, 200, "Printed name"), body(290, 200, "Date"),
			body(72, 236, "Jane Doe"), body(290, 236, "20/11/2026"),
		}, want{"Acme Widgets Ltd", "Jane Doe", "20/11/2026"}},
		{"an empty box over the next caption", []at{
			body(72, 100, "Customer name"),
			body(72, 200, "Printed name"), body(72, 232, "Jane Doe"),
		}, want{"", "Jane Doe", ""}},
		{"an empty box over a heading with its own lines", []at{
			body(72, 100, "Customer name"),
			body(72, 150, "Remarks for the porting team"), body(72, 164, "None at this time"),
			body(72, 400, "Printed name"), body(72, 432, "Jane Doe"),
		}, want{"", "Jane Doe", ""}},
		{"a caption close under print, a far line after it", []at{
			body(72, 80, "Acme Widgets Ltd authorizes the port"),
			body(72, 92, "Customer name"),
			body(72, 140, "Stamped copy for records"),
		}, want{"", "", ""}},
	}
	for _, tt := range tests {
		for _, source := range []string{extract.SourceTextLayer, extract.SourceOCR} {
			t.Run(tt.name+"/"+source, func(t *testing.T) {
				l := ReadLOA(loaPage(source, nil, tt.ats...), "GB")
				got := want{l.AccountName.Text, l.SignerName.Text, l.SignedDate.Text}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("values (-want +got):\n%s", diff)
				}
			})
		}
	}
}
