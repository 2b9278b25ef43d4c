package pageimage

import (
	"encoding/binary"
	"testing"
)

func TestTIFFFrame(t *testing.T) {
	// header, then two empty page directories chained: at 8 and at 14.
	data := []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	tests := []struct {
		name    string
		page    int
		wantOK  bool
		wantOff uint32
	}{
		{"first page", 1, true, 8},
		{"second page", 2, true, 14},
		{"no third page", 3, false, 0},
		{"no page zero", 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := tiffFrame(data, tt.page)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if off := binary.LittleEndian.Uint32(f[4:8]); off != tt.wantOff {
				t.Errorf("header points at %d, want %d", off, tt.wantOff)
			}
			if next := binary.LittleEndian.Uint32(f[tt.wantOff+2:]); next != 0 {
				t.Errorf("the page's directory chains on to %d, want the end", next)
			}
		})
	}
	if _, ok := tiffFrame(data[:6], 1); ok {
		t.Error("a truncated header gave a page")
	}
}
