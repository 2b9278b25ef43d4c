package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/portcheck/portcheck/internal/pdfopen"
)

func pdfConfig() *model.Configuration { return pdfopen.Config() }

// pdfPageCount returns a PDF's page count, the /Count of its page tree's
// root. A PDF 1.x file that ledongthuc/pdf opens without encryption is
// counted from what it reads (the cross-reference table and the objects
// down to the root), which is how its text is read next; pdfcpu reading
// every object to reach the same /Count was a tenth of a one-order check
// process's CPU. Any other file is opened by pdfcpu, as before.
func pdfPageCount(data []byte) (int, error) {
	if n, ok := textReaderPageCount(data); ok {
		return n, nil
	}
	return pdfcpuPageCount(data)
}

// textReaderPageCount is the page count ledongthuc/pdf reads, ok only
// when it opens the file as it is (no encryption, a 1.x header) and
// finds a positive /Count. Everything else, and anything it fails on,
// is left to pdfcpu, whose sentinels tell encryption from corruption so
// the reviewer hears "remove the password", not "corrupt", and whose
// errors name what is broken.
func textReaderPageCount(data []byte) (n int, ok bool) {
	defer func() {
		if recover() != nil {
			n, ok = 0, false
		}
	}()
	data = endAtEOF(data)
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || !r.Trailer().Key("Encrypt").IsNull() {
		return 0, false
	}
	count := r.Trailer().Key("Root").Key("Pages").Key("Count")
	if count.Kind() != pdf.Integer || count.Int64() <= 0 || count.Int64() > math.MaxInt32 {
		return 0, false
	}
	return int(count.Int64()), true
}

// pdfcpuPageCount opens a PDF with pdfcpu and returns its page count.
func pdfcpuPageCount(data []byte) (int, error) {
	ctx, err := pdfopen.Read(data, pdfConfig())
	if err != nil {
		return 0, pdfErr(err)
	}
	if err := pdfopen.PageCount(ctx); err != nil {
		return 0, pdfErr(err)
	}
	if ctx.PageCount <= 0 {
		return 0, unreadable("", ErrCorrupt, "the PDF has no pages", nil)
	}
	return ctx.PageCount, nil
}

func pdfErr(err error) error {
	switch {
	case errors.Is(err, pdfcpu.ErrWrongPassword), errors.Is(err, pdfcpu.ErrEncrypted):
		return unreadable("", ErrEncrypted, "the PDF is encrypted (password protected)", err)
	case errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature):
		return unreadable("", ErrEncrypted, "the PDF is encrypted in a way that cannot be opened", err)
	case errors.Is(err, pdfcpu.ErrMalformedEncryption):
		return unreadable("", ErrEncrypted, "the PDF is encrypted and its encryption dictionary is malformed", err)
	}
	return unreadable("", ErrCorrupt, "the PDF is corrupt or truncated ("+shorten(err.Error())+")", err)
}

// ownerDecrypted returns the plain text of a PDF encrypted with only an
// owner password (permissions, no password to open): pdfcpu opens it
// with the empty user password, ledongthuc/pdf cannot (AES-256, V=4).
// It reports false for a PDF that is not encrypted at all.
func ownerDecrypted(data []byte) ([]byte, bool, error) {
	ctx, err := pdfopen.Read(data, pdfConfig())
	if err != nil {
		return nil, false, pdfErr(err)
	}
	if ctx.Encrypt == nil {
		return nil, false, nil
	}
	var plain bytes.Buffer
	if err := pdfopen.Decrypt(data, &plain, pdfConfig()); err != nil {
		return nil, true, pdfErr(err)
	}
	return asVersion1(plain.Bytes()), true, nil
}

// asVersion1 lets ledongthuc/pdf, which refuses any header but 1.x, read
// a PDF 2.0 file: the text operators it needs did not change. pdfcpu has
// validated the file as 2.0 already.
func asVersion1(data []byte) []byte {
	i := bytes.Index(data[:min(len(data), pdfHeaderWindow)], []byte("%PDF-2."))
	if i < 0 {
		return data
	}
	out := bytes.Clone(data)
	copy(out[i:], "%PDF-1.7")
	return out
}

// pdfText reads every page's positioned text and non-text marks.
func pdfText(ctx context.Context, data []byte, b bound) ([]Page, error) {
	r, err := textReader(data)
	if err != nil {
		return nil, err
	}
	n := r.NumPage()
	pages := make([]Page, 0, n)
	budget := newContentBudget(ctx, b)
	form := readAcroForm(r)
	for i := 1; i <= n; i++ {
		p, err := readPage(r.Page(i), i, budget, form)
		if err != nil {
			return nil, err
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// textReader opens a PDF with ledongthuc/pdf, through pdfcpu's
// decryption when the file is encrypted without a password to open it.
// ledongthuc/pdf opens some such files itself (RC4) yet decrypts their
// streams wrong (an owner-password RC4-40 file comes out as Flate
// garbage), so an encrypted file is always read as pdfcpu decrypts it.
func textReader(data []byte) (*pdf.Reader, error) {
	data = endAtEOF(data)
	r, err := pdf.NewReader(bytes.NewReader(asVersion1(data)), int64(len(data)))
	if err == nil && r.Trailer().Key("Encrypt").IsNull() {
		return r, nil
	}
	plain, encrypted, derr := ownerDecrypted(data)
	if encrypted && derr == nil {
		if r, err := pdf.NewReader(bytes.NewReader(plain), int64(len(plain))); err == nil {
			return r, nil
		}
	}
	if err == nil { // pdfcpu could not decrypt it: ledongthuc's reading is all there is
		return r, nil
	}
	if encrypted || errors.Is(err, pdf.ErrInvalidPassword) {
		return nil, unreadable("", ErrEncrypted, "the PDF is encrypted (password protected)", err)
	}
	return nil, unreadable("", ErrCorrupt, "the PDF's text cannot be read ("+shorten(err.Error())+")", err)
}

// endAtEOF cuts what follows the last %%EOF marker (a mail gateway's
// footer, padding from a scanner's upload): every other reader ignores
// it, while ledongthuc/pdf looks for the marker in the file's last 100
// bytes only.
func endAtEOF(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 || len(bytes.TrimRight(data[i+5:], "\r\n\t \x00")) == 0 {
		return data
	}
	return data[:i+5]
}

func readPage(pp pdf.Page, num int, budget *contentBudget, form acroForm) (Page, error) {
	geo := pageGeometry(pp)
	p := Page{Number: num, Width: geo.width(), Height: geo.height(), TextSource: SourceNone}
	if pp.V.IsNull() {
		return p, nil
	}
	texts, marks, err := pageContent(pp, geo, budget)
	if err != nil {
		return p, err
	}
	// What the page's annotations draw (form values, stamps, ink) joins
	// its text and marks as if printed.
	annotTexts, annotMarks, err := pageAnnots(pp, geo, form, budget)
	if err != nil {
		return p, err
	}
	texts = append(texts, annotTexts...)
	p.Lines = buildLines(texts, geo)
	for _, l := range p.Lines {
		p.Words = append(p.Words, l.Words...)
	}
	p.Marks = append(marks, annotMarks...)
	if p.Usable() {
		p.TextSource = SourceTextLayer
	}
	return p, nil
}

// Usable reports whether a page's text layer carries real text: some
// words, mostly printable characters rather than replacement or control
// characters (a PDF whose fonts have no Unicode map yields those).
func (p Page) Usable() bool {
	good, bad := 0, 0
	for _, w := range p.Words {
		for _, r := range w.Text {
			switch {
			case r == '\uFFFD' || r < 0x20 || (r >= 0x7F && r < 0xA0) || (r >= 0xE000 && r <= 0xF8FF):
				bad++
			default:
				good++
			}
		}
	}
	return good >= 3 && bad*4 < good
}

// geometry maps PDF user space (origin bottom-left of the MediaBox) to
// top-left page coordinates, taking /Rotate into account.
type geometry struct {
	x0, y0, x1, y1 float64
	rotate         int
}

func pageGeometry(pp pdf.Page) geometry {
	g := geometry{0, 0, 612, 792, 0}
	box := inherited(pp.V, "CropBox")
	if box.Len() != 4 {
		box = inherited(pp.V, "MediaBox")
	}
	if box.Len() == 4 {
		a, b, c, d := box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
		if c-a > 1 && d-b > 1 {
			g.x0, g.y0, g.x1, g.y1 = a, b, c, d
		}
	}
	if rot := inherited(pp.V, "Rotate"); rot.Kind() == pdf.Integer {
		g.rotate = ((int(rot.Int64()) % 360) + 360) % 360
	}
	return g
}

// inherited reads a page attribute that may sit on an ancestor in the
// page tree. The walk is bounded: a hostile file can make Parent a loop.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

func (g geometry) width() float64 {
	if g.rotate == 90 || g.rotate == 270 {
		return g.y1 - g.y0
	}
	return g.x1 - g.x0
}

func (g geometry) height() float64 {
	if g.rotate == 90 || g.rotate == 270 {
		return g.x1 - g.x0
	}
	return g.y1 - g.y0
}

// topLeft maps a point of user space to page coordinates.
func (g geometry) topLeft(x, y float64) (float64, float64) {
	x, y = x-g.x0, y-g.y0
	w, h := g.x1-g.x0, g.y1-g.y0
	switch g.rotate {
	case 90:
		return y, x
	case 180:
		return w - x, y
	case 270:
		return h - y, w - x
	}
	return x, h - y
}

// box maps a user-space rectangle to a page box.
func (g geometry) box(x0, y0, x1, y1 float64) Box {
	ax, ay := g.topLeft(x0, y0)
	bx, by := g.topLeft(x1, y1)
	return Box{min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)}
}

func (b Box) String() string { return fmt.Sprintf("[%.1f %.1f %.1f %.1f]", b[0], b[1], b[2], b[3]) }
