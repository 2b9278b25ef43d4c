package match

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// TestLOAPortScope: the LOA's ticked "all my numbers" / "some of my
// numbers" box against full_port.
func TestLOAPortScope(t *testing.T) {
	all, some := true, false
	tests := []struct {
		name     string
		loa      *bool
		fullPort *bool
		want     []got
	}{
		{"LOA some, order full", &some, &all, []got{{report.PartialPortUndeclared, "full_port", "☒ some of my numbers"}}},
		{"LOA all, order partial", &all, &some, []got{{report.PartialPortUndeclared, "full_port", "☒ some of my numbers"}}},
		{"LOA all, order full", &all, &all, nil},
		{"LOA some, order partial", &some, &some, nil},
		{"LOA silent", nil, &all, nil},
		{"order silent", &some, nil, nil},
	}
	p := getProfile(t, "kazoo-bandwidth")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			o.FullPort = tt.fullPort
			l := fields.LOA{FullPort: tt.loa, FullPortBy: val("☒ some of my numbers", 300, "", 0.9)}
			r := Read{Doc: order.Document{Kind: order.KindLOA, Path: "loa.pdf"}, Text: page(), LOA: &l}
			var fs []got
			for _, g := range compared(loaFindings(o, p, r)) {
				if g.Code == report.PartialPortUndeclared {
					fs = append(fs, g)
				}
			}
			if diff := cmp.Diff(tt.want, fs); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
