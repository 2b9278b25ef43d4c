package pageimage

import (
	"bytes"
	"encoding/binary"
)

// tiffFrame returns a TIFF whose first page is page n of data, by
// pointing a copy's header at that page's directory and ending the
// chain there: the way extract splits a TIFF for OCR, so page n here
// is the page its boxes were read on. The standard decoder reads only
// the first page of a file.
func tiffFrame(data []byte, n int) ([]byte, bool) {
	if len(data) < 8 || n < 1 {
		return nil, false
	}
	var order binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		order = binary.BigEndian
	}
	off := order.Uint32(data[4:8])
	for page := 1; off != 0 && int(off)+2 <= len(data) && page <= n; page++ {
		entries := int(order.Uint16(data[off:]))
		next := int(off) + 2 + 12*entries
		if next+4 > len(data) {
			return nil, false
		}
		if page == n {
			f := bytes.Clone(data)
			order.PutUint32(f[4:8], off)
			order.PutUint32(f[next:], 0)
			return f, true
		}
		off = order.Uint32(data[next:])
	}
	return nil, false
}
