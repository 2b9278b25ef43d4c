package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
)

// TestCarrierOnAScan: the current carrier as OCR reads a printed form:
// a value typed on a sentence's blank sits a column gap from it, and a
// provider block's "Name:" caption may carry a rule's remnant before it
// or its colon glued to the value.
func TestCarrierOnAScan(t *testing.T) {
	const cancel = "Hiermit kündige/n ich/wir den zu unten gemachten Angaben gehörenden Anschluss bei:"
	fromYou := body(72, 300, "Please release the telephone numbers listed below away from you to the provider named above on the agreed date.")
	tests := []struct {
		name string
		ats  []at
		want string
	}{
		{"a sentence's blank filled in", []at{
			{x: 79, y: 72, size: 6, text: cancel}, {x: 340, y: 72, size: 8.9, text: "Deutsche Telekom"},
			{x: 79, y: 82, size: 6, text: "zum nächst möglichen Termin."},
		}, "Deutsche Telekom"},
		{"a sentence's blank left empty", []at{
			{x: 79, y: 72, size: 6, text: cancel}, {x: 79, y: 82, size: 6, text: "zum nächst möglichen Termin."},
		}, ""},
		{"a row of captions is no sentence", []at{
			{x: 79, y: 72, size: 6, text: "Anschluss bei:"}, {x: 340, y: 72, size: 8.9, text: "Deutsche Telekom"},
		}, ""},
		{"a rule's remnant before the addressee's Name caption", []at{
			body(72, 75, "To (Carrier or Service Provider):"), body(300, 75, "From (Carrier or Service Provider):"),
			body(72, 90, "_Name: BT"), body(300, 90, "Name: Colt Telecommunications"), fromYou,
		}, "BT"},
		{"the addressee's heading misread beside its From heading", []at{
			body(72, 75, "Hg (Carrier or Service Provider):"), body(300, 75, "From (Carrier or Service Provider):"),
			body(72, 90, "Name: BT"), body(300, 90, "Name: Colt Telecommunications"), fromYou,
		}, "BT"},
		{"a misread heading with no From beside it", []at{
			body(72, 75, "Hg (Carrier or Service Provider):"), body(300, 75, "Ty (Carrier or Service Provider):"),
			body(72, 90, "Name: BT"), body(300, 90, "Name: Colt Telecommunications"), fromYou,
		}, ""},
		{"a misread heading whose parenthesis differs from the From heading's", []at{
			body(72, 75, "Hg (Carrier):"), body(300, 75, "From (Carrier or Service Provider):"),
			body(72, 90, "Name: BT"), body(300, 90, "Name: Colt Telecommunications"), fromYou,
		}, ""},
		{"the colon glued to the losing provider's name", []at{
			body(70, 605, "A (Opérateur ou"), body(330, 605, "De (Opérateur ou fournisseur de"),
			body(70, 619, "services destinataire)"), body(330, 619, "services cédant)"),
			body(70, 634, "Nom : Colt Télécommunications"), body(330, 634, "Nom :Acme SPRL"),
		}, "Acme SPRL"},
		{"the colon glued to both", []at{
			body(330, 605, "De (Opérateur ou fournisseur de"), body(330, 619, "services cédant)"), body(330, 634, "Nom:Acme SPRL"),
		}, "Acme SPRL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ReadLOA(loaPage(extract.SourceOCR, nil, tt.ats...), "DE")
			if diff := cmp.Diff(tt.want, l.Carrier.Text); diff != "" {
				t.Errorf("carrier (-want +got):\n%s", diff)
			}
		})
	}
}
