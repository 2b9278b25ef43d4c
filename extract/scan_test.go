package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"slices"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract/ocr"
)

// mixedPDF has a text-layer first page and a second page that is only
// the image of a 200 DPI scan.
func mixedPDF(t *testing.T) []byte {
	t.Helper()
	scan, err := os.ReadFile("../testdata/scans/scan-bill-line-table.jpg")
	if err != nil {
		t.Fatal(err)
	}
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 11)
	f.Text(72, 90, "Account Number: 482-99117-03")
	f.AddPage()
	f.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(scan))
	f.ImageOptions("scan", 0, 0, 612, 792, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMixedPages: the decision is per page; a text-layer page keeps its
// text and the scanned page is OCR'd, with boxes in page points.
func TestMixedPages(t *testing.T) {
	requireTool(t, "tesseract")
	doc, err := Extract(context.Background(), "mixed.pdf", mixedPDF(t), Limits{OCR: ocr.Process{}})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{doc.TextSource, doc.Pages[0].TextSource, doc.Pages[1].TextSource}
	if diff := cmp.Diff([]string{SourceTextLayer, SourceTextLayer, SourceOCR}, got); diff != "" {
		t.Errorf("text sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2}, doc.OCRPages()); diff != "" {
		t.Errorf("OCR pages (-want +got):\n%s", diff)
	}
	// The line-table bill prints the account number under "Customer ID"
	// at x=40, y=98 (baseline) on its page.
	var box Box
	for _, w := range doc.Pages[1].Words {
		if w.Text == "482-99117-03" {
			box = w.Box
		}
	}
	if box[0] < 30 || box[0] > 50 || box[3] < 90 || box[3] > 110 {
		t.Errorf("OCR box of 482-99117-03 = %v, want near x=40, bottom y=100", box)
	}
}

// TestReadAgain: the second reading reads the scanned page again, in
// the same page points, and keeps the text-layer page and the first
// reading as they were; a document with no OCR'd page is not read again.
func TestReadAgain(t *testing.T) {
	requireTool(t, "tesseract")
	data := mixedPDF(t)
	lim := Limits{OCR: ocr.Process{}}
	doc, err := Extract(context.Background(), "mixed.pdf", data, lim)
	if err != nil {
		t.Fatal(err)
	}
	firstWords := slices.Clone(doc.Pages[1].Words)
	if err := ReadAgain(context.Background(), doc, data, lim); err != nil {
		t.Fatal(err)
	}
	if doc.Second == nil {
		t.Fatal("no second reading")
	}
	if diff := cmp.Diff(doc.Pages[0], doc.Second.Pages[0]); diff != "" {
		t.Errorf("text-layer page changed in the second reading (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(firstWords, doc.Pages[1].Words); diff != "" {
		t.Errorf("first reading changed (-before +after):\n%s", diff)
	}
	if got := doc.Second.Pages[1].TextSource; got != SourceOCR {
		t.Errorf("second reading's scanned page has source %q", got)
	}
	first, second := wordBox(t, doc.Pages[1], "482-99117-03"), wordBox(t, doc.Second.Pages[1], "482-99117-03")
	for i := range first {
		if math.Abs(first[i]-second[i]) > 3 {
			t.Fatalf("482-99117-03 at %v in the first reading, %v in the second: want the same place", first, second)
		}
	}
	text, err := Extract(context.Background(), "text.pdf", textPDF(t), lim)
	if err != nil {
		t.Fatal(err)
	}
	if err := ReadAgain(context.Background(), text, textPDF(t), lim); err != nil || text.Second != nil {
		t.Errorf("text-layer document read again: %v, second %v", err, text.Second != nil)
	}
}

// TestReadRegions: a region cut from a scanned page is read alone and
// its words are placed back on the page where the whole page's reading
// put them; a region on a text-layer page is not read.
func TestReadRegions(t *testing.T) {
	requireTool(t, "tesseract")
	data := mixedPDF(t)
	lim := Limits{OCR: ocr.Process{}}
	doc, err := Extract(context.Background(), "mixed.pdf", data, lim)
	if err != nil {
		t.Fatal(err)
	}
	first := wordBox(t, doc.Pages[1], "482-99117-03")
	around := Box{first[0] - 20, first[1] - 30, first[2] + 60, first[3] + 30}
	regions := []Region{{Page: 2, Box: around}, {Page: 1, Box: Box{0, 0, 612, 200}}}
	if err := ReadRegions(context.Background(), doc, data, lim, regions); err != nil {
		t.Fatal(err)
	}
	if doc.Regions == nil {
		t.Fatal("no regions read")
	}
	if n := len(doc.Regions.Pages[0].Words); n != 0 {
		t.Errorf("text-layer page read as a region: %d words", n)
	}
	got := wordBox(t, doc.Regions.Pages[1], "482-99117-03")
	for i := range first {
		if math.Abs(first[i]-got[i]) > 3 {
			t.Fatalf("482-99117-03 at %v in the page's reading, %v read alone: want the same place", first, got)
		}
	}
	for _, w := range doc.Regions.Pages[1].Words {
		if w.Box[0] < around[0]-1 || w.Box[2] > around[2]+1 || w.Box[1] < around[1]-1 || w.Box[3] > around[3]+1 {
			t.Errorf("word %q at %v outside its region %v", w.Text, w.Box, around)
		}
	}
}

func textPDF(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 11)
	f.Text(72, 90, "Account Number: 482-99117-03")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRenderPage: pages whose image pdfcpu cannot decode are rendered
// at 300 DPI in grey; a page too large for that is rendered at the DPI
// that fits the image pixel bound.
func TestRenderPage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	letter := Page{Width: 612, Height: 792}
	huge := rawPDF("/MediaBox [0 0 14400 14400]", []byte("BT /F1 12 Tf 72 700 Td (huge) Tj ET"), "")
	tests := []struct {
		name   string
		data   []byte
		page   Page
		wantPx int // the longer side
	}{
		{"letter at 300 DPI", readFixture(t, "sample-3-pages.pdf"), letter, 3300},
		{"200 x 200 inches at the DPI the pixel bound allows", huge, Page{Width: 14400, Height: 14400}, 10000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := renderer{data: tt.data, lim: Limits{}.withDefaults()}
			s, ok := r.render(context.Background(), 1, tt.page)
			if !ok || max(s.px, s.py) < tt.wantPx-2 || max(s.px, s.py) > tt.wantPx {
				t.Errorf("render: ok %v, %d x %d, want %d px on the longer side", ok, s.px, s.py, tt.wantPx)
			}
		})
	}
}

// TestBlankScan: a page scanned sharp enough to read whose OCR is only
// unsure specks has no text; a short page of print keeps its words; a
// page too coarse to read is illegible, not blank.
func TestBlankScan(t *testing.T) {
	specks := func() []ocr.Word {
		var ws []ocr.Word
		for i, s := range []string{"ee", "ae", "i", "eee", "Se:", "a", "ot", "ie", "Wisticied", "ee"} {
			ws = append(ws, ocr.Word{Text: s, Conf: float64(10 + 5*(i%4)), Line: i, Box: image.Rect(100*i, 50*i, 100*i+40, 50*i+20)})
		}
		ws[3].Conf = 62 // Tesseract is sometimes sure of a speck: "eee" at 62
		return ws
	}
	signaturePage := []ocr.Word{
		{Text: "Authorized", Conf: 91, Box: image.Rect(100, 500, 300, 530)},
		{Text: "signature", Conf: 88, No: 1, Box: image.Rect(310, 500, 480, 530)},
	}
	tests := []struct {
		name      string
		dpi       int
		words     []ocr.Word
		want      string
		wantWords int
	}{
		{"blank page at 200 DPI", 200, specks(), SourceNone, 0},
		{"short page of print", 200, signaturePage, SourceOCR, 2},
		{"blank-looking page at 72 DPI: illegible, not blank", 72, specks(), SourceOCR, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Page{TextSource: SourceNone}
			s := scanImage{px: int(8.5 * float64(tt.dpi)), py: 11 * tt.dpi, widthPt: 612, heightPt: 792}
			fillPage(&p, ocr.Page{Words: tt.words}, s)
			if p.TextSource != tt.want || len(p.Words) != tt.wantWords {
				t.Errorf("text source %s with %d words, want %s with %d", p.TextSource, len(p.Words), tt.want, tt.wantWords)
			}
		})
	}
}

// TestOCRLigatures: Tesseract reads some ligatures as one character;
// they come out as their letters, as from a text layer.
func TestOCRLigatures(t *testing.T) {
	words := []ocr.Word{
		{Text: "Post", Conf: 93, Box: image.Rect(100, 100, 180, 130)},
		{Text: "Oﬃce", Conf: 90, No: 1, Box: image.Rect(190, 100, 300, 130)},
		{Text: "ﬁnal", Conf: 91, No: 2, Box: image.Rect(310, 100, 400, 130)},
	}
	p := Page{TextSource: SourceNone}
	fillPage(&p, ocr.Page{Words: words}, scanImage{px: 1700, py: 2200, widthPt: 612, heightPt: 792})
	if len(p.Lines) != 1 || p.Lines[0].Text != "Post Office final" {
		t.Errorf("lines %+v, want one line \"Post Office final\"", p.Lines)
	}
}

type tiffByteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tiffPage is one page of a hand-made TIFF: its size, samples per pixel
// (1 grey, 3 RGB) and rows per strip.
type tiffPage struct{ w, h, spp, rowsPerStrip int }

// multiTIFF writes pages of uncompressed stripes in order, each page's
// strips behind pad bytes of padding, with a Software string and an
// Exif pointer (out-of-line values and a pointer tag) in each directory.
func multiTIFF(order tiffByteOrder, pad int, pages ...tiffPage) []byte {
	b := []byte("II*\x00\x00\x00\x00\x00")
	if order == tiffByteOrder(binary.BigEndian) {
		b = []byte("MM\x00*\x00\x00\x00\x00")
	}
	link := 4 // where the offset of the next directory goes
	for n, p := range pages {
		b = append(b, make([]byte, pad)...)
		var offs, lens []uint32
		for y := 0; y < p.h; y += p.rowsPerStrip {
			rows := min(p.rowsPerStrip, p.h-y)
			offs, lens = append(offs, uint32(len(b))), append(lens, uint32(rows*p.w*p.spp))
			for i := range rows * p.w * p.spp {
				b = append(b, byte((i*7+y*13+n*29)%251))
			}
		}
		// Out-of-line values first, then the directory that points at them.
		values := func(vs []uint32, typ uint16) (uint16, uint32, uint32) {
			if len(vs) == 1 {
				return typ, 1, vs[0]
			}
			at := uint32(len(b))
			for _, v := range vs {
				b = order.AppendUint32(b, v)
			}
			return 4, uint32(len(vs)), at
		}
		type entry struct {
			tag, typ     uint16
			count, value uint32
		}
		bits := entry{258, 3, 1, 8}
		if p.spp == 3 {
			bits = entry{258, 3, 3, uint32(len(b))}
			b = order.AppendUint16(order.AppendUint16(order.AppendUint16(b, 8), 8), 8)
		}
		software := uint32(len(b))
		b = append(b, "portcheck test TIFF\x00"...)
		photometric := uint32(1)
		if p.spp == 3 {
			photometric = 2
		}
		ot, oc, ov := values(offs, 4)
		lt, lc, lv := values(lens, 4)
		entries := []entry{{256, 4, 1, uint32(p.w)}, {257, 4, 1, uint32(p.h)}, bits, {259, 3, 1, 1}, {262, 3, 1, photometric},
			{273, ot, oc, ov}, {277, 3, 1, uint32(p.spp)}, {278, 4, 1, uint32(p.rowsPerStrip)}, {279, lt, lc, lv},
			{305, 2, 20, software}, {34665, 4, 1, 8}}
		b = append(b, make([]byte, len(b)%2)...)
		order.PutUint32(b[link:], uint32(len(b)))
		b = order.AppendUint16(b, uint16(len(entries)))
		for _, e := range entries {
			b = order.AppendUint16(b, e.tag)
			b = order.AppendUint16(b, e.typ)
			b = order.AppendUint32(b, e.count)
			switch {
			case e.typ == 3 && e.count == 1 && order == tiffByteOrder(binary.BigEndian):
				b = order.AppendUint16(order.AppendUint16(b, uint16(e.value)), 0) // a SHORT stands first
			default:
				b = order.AppendUint32(b, e.value)
			}
		}
		link = len(b)
		b = order.AppendUint32(b, 0)
	}
	return b
}

// TestTIFFPageOwnBytes: a page of a multi-page TIFF is cut with its own
// bytes only, not a copy of the file, and decodes to the pixels the
// page has read in place.
func TestTIFFPageOwnBytes(t *testing.T) {
	pages := []tiffPage{{64, 40, 1, 40}, {50, 33, 3, 8}, {17, 9, 1, 2}}
	tests := []struct {
		name string
		data []byte
	}{
		{"little-endian, one strip and many", multiTIFF(binary.LittleEndian, 100_000, pages...)},
		{"big-endian, one strip and many", multiTIFF(binary.BigEndian, 100_000, pages...)},
		{"200 tiny pages sharing one strip", readFixture(t, "tiff-200-tiny-pages.tif")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frames := tiffFrames(tt.data, 500)
			if len(frames) < 3 {
				t.Fatalf("%d pages found", len(frames))
			}
			for i, f := range frames {
				own := f.own(tt.data)
				inPlace, _, err := image.Decode(io.NewSectionReader(f.readerAt(tt.data), 0, int64(len(tt.data))))
				if err != nil {
					t.Fatalf("page %d read in place: %v", i+1, err)
				}
				got, _, err := image.Decode(bytes.NewReader(own))
				if err != nil {
					t.Fatalf("page %d cut: %v", i+1, err)
				}
				b := inPlace.Bounds()
				if px := b.Dx() * b.Dy() * 3; len(own) > px+1024 {
					t.Errorf("page %d: %d bytes for %d x %d pixels in a file of %d", i+1, len(own), b.Dx(), b.Dy(), len(tt.data))
				}
				if diff := cmp.Diff(rgbaOf(inPlace), rgbaOf(got)); diff != "" {
					t.Fatalf("page %d differs (-in place +cut):\n%s", i+1, diff)
				}
			}
		})
	}
}

func rgbaOf(img image.Image) []uint32 {
	var out []uint32
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			out = append(out, r, g, bl, a)
		}
	}
	return out
}
