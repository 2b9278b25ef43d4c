package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

var update = flag.Bool("update", false, "rewrite the generated files in testdata/")

// fixtures makes the broken and hostile files of testdata/hostile; they
// are committed, and rewritten only with -update.
var fixtures = map[string]func(t *testing.T) []byte{
	"empty.pdf":     func(*testing.T) []byte { return nil },
	"truncated.pdf": func(t *testing.T) []byte { b := samplePDF(t, 2); return b[:len(b)/2] },
	"encrypted.pdf": encrypted,
	"png-named.pdf": func(t *testing.T) []byte { return pngOf(t, 40, 20) },
	"random-after-header.pdf": func(*testing.T) []byte {
		r := rand.New(rand.NewPCG(1, 2))
		b := []byte("%PDF-1.7\n")
		for range 4096 {
			b = append(b, byte(r.IntN(256)))
		}
		return b
	},
	"pdf-2.0.pdf": func(t *testing.T) []byte {
		return bytes.Replace(samplePDF(t, 1), []byte("%PDF-1.3"), []byte("%PDF-2.0"), 1)
	},
	"300-pages.pdf":    func(t *testing.T) []byte { return samplePDF(t, 300) },
	"flate-bomb.pdf":   flateBomb,
	"bomb-50000px.png": pngBomb,
	"corrupt.jpg": func(*testing.T) []byte {
		return append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10}, bytes.Repeat([]byte{0x13}, 200)...)
	},
	"tiff-500-pages.tif":    tiff500,
	"small.png":             func(t *testing.T) []byte { return pngOf(t, 300, 200) },
	"sample-3-pages.pdf":    func(t *testing.T) []byte { return samplePDF(t, 3) },
	"small.jpg":             jpegOf,
	"owner-only.pdf":        ownerOnly,
	"nested-flate-bomb.pdf": nestedFlateBomb,
	"offset-mediabox.pdf": func(*testing.T) []byte {
		return rawPDF("/MediaBox [100 200 712 992]", []byte("BT /F1 12 Tf 172 892 Td (Offset) Tj ET"), "")
	},
	"rotated-90.pdf": func(*testing.T) []byte {
		return rawPDF("/MediaBox [0 0 612 792] /Rotate 90", []byte("BT /F1 12 Tf 72 700 Td (Sideways) Tj ET"), "")
	},
}

// textFixtures are the text PDFs of testdata/text, each read against
// pdftotext -layout and against its golden lines.
var textFixtures = map[string]func(t *testing.T) []byte{
	"one-page.pdf":         onePage,
	"two-column-table.pdf": twoColumnTable,
	"bottom-to-top.pdf":    bottomToTop,
	"type3-tounicode.pdf":  type3ToUnicode,
}

// TestWriteFixtures writes the fixtures that are missing. It never
// rewrites one: other packages' golden reports pin their SHA-256, and
// encryption salts differ on every run. Delete a file to remake it.
func TestWriteFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to write missing files of testdata/hostile and testdata/text")
	}
	writeMissing(t, "hostile", fixtures)
	writeMissing(t, "text", textFixtures)
}

func writeMissing(t *testing.T, dir string, files map[string]func(*testing.T) []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join("testdata", dir), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, make := range files {
		path := filepath.Join("testdata", dir, name)
		if _, err := os.Stat(path); err == nil {
			continue
		}
		if err := os.WriteFile(path, make(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "hostile", name))
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run TestWriteFixtures -update)", err)
	}
	return data
}

// samplePDF is a text PDF of n pages in a standard font.
func samplePDF(t *testing.T, n int) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCompression(true)
	for i := range n {
		f.AddPage()
		f.SetFont("Helvetica", "", 11)
		f.Text(72, 90, fmt.Sprintf("Account Number: 482-99117-03   page %d", i+1))
		f.Text(72, 110, "Service Address: 1200 N Main Street")
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encrypted(t *testing.T) []byte {
	var out bytes.Buffer
	conf := model.NewAESConfiguration("user-secret", "owner-secret", 256)
	if err := api.Encrypt(bytes.NewReader(samplePDF(t, 1)), &out, conf); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func jpegOf(t *testing.T) []byte {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 60, 40))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ownerOnly is encrypted with an owner password only: anyone may open
// it (bank statements often come so), so its text must be read.
func ownerOnly(t *testing.T) []byte {
	var out bytes.Buffer
	conf := model.NewAESConfiguration("", "owner-secret", 256)
	if err := api.Encrypt(bytes.NewReader(samplePDF(t, 1)), &out, conf); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func pngOf(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBomb is a few hundred bytes that claim 50000 x 50000 pixels.
func pngBomb(*testing.T) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], 50000)
	binary.BigEndian.PutUint32(ihdr[4:], 50000)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit greyscale
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1<<16))
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// flateBomb is a valid PDF whose page content inflates to 64 MiB:
// under the content budget, read in flat memory.
func flateBomb(*testing.T) []byte {
	return rawPDF("/MediaBox [0 0 612 792]", zeros(64), "/FlateDecode")
}

// nestedFlateBomb is under 3 KB and inflates to 512 MiB through two
// Flate filters: over the content budget.
func nestedFlateBomb(*testing.T) []byte {
	return rawPDF("/MediaBox [0 0 612 792]", deflate(zeros(512)), "[/FlateDecode /FlateDecode]")
}

// zeros is one line of text followed by mib MiB of NULs (whitespace to
// a content stream), deflated.
func zeros(mib int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte("BT /F1 12 Tf 72 700 Td (bomb) Tj ET\n"))
	zero := make([]byte, 1<<20)
	for range mib {
		zw.Write(zero)
	}
	zw.Close()
	return z.Bytes()
}

func deflate(b []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// rawPDF writes a one-page PDF by hand, for what fpdf cannot make: a
// MediaBox away from the origin, /Rotate, filter chains. page holds the
// page dictionary's extra entries; content is the page's content stream,
// encoded with filter ("" for none). The font /F1 is Helvetica.
func rawPDF(page string, content []byte, filter string) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	b.WriteString("%PDF-1.4\n")
	obj("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	obj("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
	obj("3 0 obj << /Type /Page /Parent 2 0 R " + page + " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n")
	if filter != "" {
		filter = "/Filter " + filter
	}
	obj(fmt.Sprintf("4 0 obj << /Length %d %s >> stream\n", len(content), filter))
	b.Write(content)
	b.WriteString("\nendstream endobj\n")
	obj("5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// tiff500 is a TIFF header with a chain of 500 empty directories.
func tiff500(*testing.T) []byte {
	b := []byte("II*\x00")
	b = binary.LittleEndian.AppendUint32(b, 8)
	for i := range 500 {
		b = binary.LittleEndian.AppendUint16(b, 0) // no entries
		next := uint32(0)
		if i < 499 {
			next = uint32(len(b) + 4)
		}
		b = binary.LittleEndian.AppendUint32(b, next)
	}
	return b
}
