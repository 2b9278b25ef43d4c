package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"testing"
	"time"
)

// TestHostileXref: cross-reference sections that sent ledongthuc/pdf
// round a /Prev loop forever, or made it allocate what a subsection
// header or /Size declared (a billion entries, 32 GB: the process died,
// past any recover), are refused as corrupt, before or after admission.
func TestHostileXref(t *testing.T) {
	tests := []struct {
		name      string
		pdf       []byte
		wantKind  error
		wantPages int
	}{
		{"plain table", xrefTablePDF("0 6", ""), nil, 1},
		{"table whose /Prev is itself", xrefTablePDF("0 6", "/Prev XREF"), ErrCorrupt, 0},
		// ledongthuc/pdf refuses it; pdfcpu, which opens what it refuses,
		// panics on it (caught).
		{"subsection at object 1e9", xrefTablePDF("1000000000 6", ""), ErrPanic, 0},
		{"plain stream", xrefStreamPDF("7", false), nil, 1},
		{"stream whose /Prev is itself", xrefStreamPDF("7", true), ErrCorrupt, 0},
		{"stream of /Size 1e9", xrefStreamPDF("1000000000", false), ErrCorrupt, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), "x.pdf", tt.pdf, Limits{Timeout: 10 * time.Second})
			checkErr(t, err, tt.wantKind, "")
			if doc.PageCount != tt.wantPages {
				t.Errorf("PageCount = %d, want %d", doc.PageCount, tt.wantPages)
			}
		})
	}
}

// xrefObjects writes a one-page PDF's header and objects 1-5 and
// returns their offsets.
func xrefObjects(b *bytes.Buffer, version string) []int {
	const content = "BT /F1 12 Tf 72 700 Td (Hello hostile world) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	b.WriteString("%PDF-" + version + "\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	return offs
}

// xrefTablePDF is a PDF with a classic cross-reference table under the
// given subsection header; XREF in trailer stands for the table's offset.
func xrefTablePDF(subsection, trailer string) []byte {
	var b bytes.Buffer
	offs := xrefObjects(&b, "1.4")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n%s\n0000000000 65535 f \n", subsection)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	trailer = string(bytes.ReplaceAll([]byte(trailer), []byte("XREF"), fmt.Appendf(nil, "%d", x)))
	fmt.Fprintf(&b, "trailer\n<< /Size 6 /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", trailer, x)
	return b.Bytes()
}

// xrefStreamPDF is a PDF with a cross-reference stream declaring size
// entries, its /Prev pointing at itself if loop.
func xrefStreamPDF(size string, loop bool) []byte {
	var b bytes.Buffer
	offs := xrefObjects(&b, "1.5")
	x := b.Len()
	rows := []byte{0, 0, 0, 0}
	for _, o := range append(offs, x) {
		rows = append(rows, 1, byte(o>>8), byte(o), 0)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(rows)
	zw.Close()
	prev := ""
	if loop {
		prev = fmt.Sprintf(" /Prev %d", x)
	}
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size %s /Index [0 7] /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /Length %d%s >>\nstream\n", size, z.Len(), prev)
	b.Write(z.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}
