package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// The hostile files of issue 12, made small: each is a few KB to tens of
// KB on disk and would cost gigabytes or minutes to a reader without
// bounds.
func init() {
	fixtures["operands-no-operator.pdf"] = func(*testing.T) []byte {
		// 10 million operands and no operator: Interpret's stack grows to
		// hold them all.
		return rawPDF("/MediaBox [0 0 612 792]", deflate(bytes.Repeat([]byte("1 "), 10_000_000)), "/FlateDecode")
	}
	fixtures["nested-arrays.pdf"] = func(*testing.T) []byte {
		return rawPDF("/MediaBox [0 0 612 792]", deflate(bytes.Repeat([]byte("["), 10_000_000)), "/FlateDecode")
	}
	fixtures["forms-8-deep.pdf"] = formsDeep
	fixtures["bytes-after-eof.pdf"] = func(t *testing.T) []byte {
		return append(samplePDF(t, 1), bytes.Repeat([]byte("trailing garbage after the end\n"), 40)...)
	}
	fixtures["owner-rc4-40.pdf"] = ownerRC4
	fixtures["image-12000px.pdf"] = func(*testing.T) []byte { return greyImagePDF(12000, 12000) }
	fixtures["blank-200-pages.pdf"] = blankPages200
	fixtures["tiff-200-tiny-pages.tif"] = tinyTIFF
}

// tinyTIFF is 200 pages of one shared 64 x 64 grey strip behind 1 MiB
// of padding (git stores it in a few KB): each page a copy of the file,
// or scaled up to 300 DPI as a letter page, costs 200 times over.
func tinyTIFF(*testing.T) []byte {
	const pages, side, pad = 200, 64, 1 << 20
	le := binary.LittleEndian
	b := le.AppendUint32([]byte("II*\x00"), 0) // first directory, set below
	b = append(b, make([]byte, pad)...)
	strip := len(b)
	for i := range side * side {
		b = append(b, byte(255-(i%side)%2*200)) // grey stripes
	}
	le.PutUint32(b[4:8], uint32(len(b)))
	for p := range pages {
		entries := [][3]uint32{{256, 3, side}, {257, 3, side}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, uint32(strip)}, {277, 3, 1}, {278, 3, side}, {279, 4, side * side}}
		b = le.AppendUint16(b, uint16(len(entries)))
		for _, e := range entries {
			b = le.AppendUint16(b, uint16(e[0]))
			b = le.AppendUint16(b, uint16(e[1]))
			b = le.AppendUint32(b, 1)
			b = le.AppendUint32(b, e[2])
		}
		next := uint32(0)
		if p < pages-1 {
			next = uint32(len(b) + 4)
		}
		b = le.AppendUint32(b, next)
	}
	return b
}

// greyImagePDF is a page showing one w x h grey image of zeros, Flate
// encoded: 140 KB on disk for 144 megapixels.
func greyImagePDF(w, h int) []byte {
	pixels := deflate(make([]byte, w*h))
	return objectPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>",
		stream("", "q 612 0 0 792 0 0 cm /Im1 Do Q"),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >> stream\n%s\nendstream", w, h, len(pixels), pixels),
	)
}

// blankPages200 is 200 letter pages with nothing on them: each has to
// be rendered to be read, 8.4 megapixels at 300 DPI.
func blankPages200(*testing.T) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids strings.Builder
	for i := range 200 {
		fmt.Fprintf(&kids, "%d 0 R ", 3+i)
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
	}
	objs[1] = "<< /Type /Pages /Kids [" + kids.String() + "] /Count 200 >>"
	return objectPDF(objs...)
}

// formsDeep is a page that draws form X1 ten times, X1 draws X2 ten
// times, and so on eight deep: 10^8 form walks from a few KB.
func formsDeep(*testing.T) []byte {
	const depth, fan = 8, 10
	draw := func(name string) string { return strings.Repeat("q 0.9 0 0 0.9 1 1 cm /"+name+" Do Q\n", fan) }
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
		stream("", "BT /F1 12 Tf 72 700 Td (forms) Tj ET\n"+draw("X1")),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	for d := 1; d <= depth; d++ {
		body, res := "BT /F1 8 Tf 0 0 Td (deep) Tj ET 0 0 m 5 5 10 0 15 5 c S\n", "/Font << /F1 5 0 R >>"
		if d < depth {
			body += draw(fmt.Sprintf("X%d", d+1))
			res += fmt.Sprintf(" /XObject << /X%d %d 0 R >>", d+1, 6+d)
		}
		objs = append(objs, stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << "+res+" >>", body))
	}
	return objectPDF(objs...)
}

// ownerRC4 is encrypted with RC4 40-bit and an owner password only, as
// old office printers write: qpdf and pdftotext open it.
func ownerRC4(t *testing.T) []byte {
	var out bytes.Buffer
	conf := model.NewRC4Configuration("", "owner-secret", 40)
	if err := api.Encrypt(bytes.NewReader(samplePDF(t, 1)), &out, conf); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
