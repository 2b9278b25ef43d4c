package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/portcheck/portcheck/extract/ocr"
)

// Recognizer reads the words of page images (encoded PNG, JPEG, TIFF or
// PGM), one result per image, in order. Implementations bound their own
// time; an error is the document's (FILE_UNREADABLE), never retried.
type Recognizer interface {
	Recognize(ctx context.Context, images []ocr.Image) ([]ocr.Page, error)
}

var _ Recognizer = ocr.Process{}

// letterWidthInches is what a bare image is taken to span when it says
// nothing of its resolution: a photo of a US letter page.
const letterWidthInches = 8.5

// scanImage is one page image to OCR and the page it stands for.
type scanImage struct {
	page     int     // index into Document.Pages
	data     []byte  // encoded image
	px, py   int     // pixels
	widthPt  float64 // the page's width in points
	heightPt float64
	// scannedDPI is the resolution as uploaded, when prepare scaled it.
	scannedDPI float64
	// bare: an image upload, whose page size is assumed, not known.
	bare bool
}

// ocrPages reads the given page images and fills their pages.
func ocrPages(ctx context.Context, doc *Document, scans []scanImage, lim Limits) error {
	if len(scans) == 0 || lim.OCR == nil {
		return nil
	}
	images := make([]ocr.Image, len(scans))
	for i := range scans {
		scans[i] = prepare(scans[i])
		images[i] = ocr.Image{Data: scans[i].data, DPI: int(math.Round(float64(scans[i].px) / (scans[i].widthPt / 72)))}
	}
	pages, err := lim.OCR.Recognize(ctx, images)
	switch {
	case errors.Is(err, ocr.ErrTimeout):
		return unreadable(doc.Name, ErrTimeout, "reading its scanned pages took longer than the OCR time bound", err)
	case ctx.Err() != nil:
		return fmt.Errorf("extract %s: %w", doc.Name, ctx.Err())
	case err != nil:
		return unreadable(doc.Name, ErrCorrupt, "its scanned pages could not be read ("+shorten(err.Error())+")", err)
	}
	for i, s := range scans {
		if i < len(pages) {
			fillPage(&doc.Pages[s.page], pages[i], s)
		}
	}
	return nil
}

// fillPage maps OCR words from pixels to page points and groups them in
// Tesseract's lines, so the field readers see the same shape as from a
// text layer.
func fillPage(p *Page, op ocr.Page, s scanImage) {
	if op.Turn == 90 || op.Turn == 270 { // the upright page is the image on its side
		s.px, s.py, s.widthPt, s.heightPt = s.py, s.px, s.heightPt, s.widthPt
		if s.bare {
			s.widthPt, s.heightPt = letterWidthInches*72, letterWidthInches*72*float64(s.py)/float64(s.px)
		}
	}
	sx, sy := s.widthPt/float64(s.px), s.heightPt/float64(s.py)
	p.Width, p.Height, p.DPI = s.widthPt, s.heightPt, float64(s.px)/(s.widthPt/72)
	if s.scannedDPI > 0 {
		p.DPI = s.scannedDPI
	}
	type key struct{ b, p, l int }
	var order []key
	lines := map[key]*Line{}
	var confSum float64
	for i, w := range op.Words {
		if noise(op.Words, i) {
			continue
		}
		word := Word{Text: normalizeText(w.Text), Box: Box{float64(w.Box.Min.X) * sx, float64(w.Box.Min.Y) * sy, float64(w.Box.Max.X) * sx, float64(w.Box.Max.Y) * sy}}
		k := key{w.Block, w.Par, w.Line}
		l, ok := lines[k]
		if !ok {
			l = &Line{Box: word.Box}
			lines[k] = l
			order = append(order, k)
		}
		l.Words = append(l.Words, word)
		l.Box = union(l.Box, word.Box)
		confSum += w.Conf
	}
	p.Lines, p.Words = nil, nil
	for _, k := range order {
		l := lines[k]
		slices.SortStableFunc(l.Words, func(a, b Word) int { return cmpFloat(a.Box[0], b.Box[0]) })
		l.Text = joinWordTexts(l.Words)
		p.Lines = append(p.Lines, *l)
	}
	slices.SortStableFunc(p.Lines, func(a, b Line) int { return cmpFloat(a.Box[1], b.Box[1]) })
	for _, l := range p.Lines {
		p.Words = append(p.Words, l.Words...)
	}
	if n := len(op.Words); n > 0 {
		p.Confidence = confSum / float64(n)
	}
	if p.DPI >= MinLegibleDPI && confidentWords(op.Words) < minConfidentWords {
		// Sharp enough to read print, yet nothing read with confidence:
		// a blank page's specks and paper grain, not text.
		p.Lines, p.Words = nil, nil
	}
	if p.Usable() {
		p.TextSource = SourceOCR
	}
}

// A scanned page holds text only when OCR reads some words with the
// confidence of print: minConfidentWords words of three or more letters
// or digits at MinLegibleConfidence or above. Tesseract turns a blank
// scan's specks into hundreds of short "words" ("ee", "ae", "i") at a
// mean confidence under 20, none of them sure; a page of print, even a
// short one (a signature page), reads several words at 80 or more. A
// page scanned below MinLegibleDPI is not judged so: there the print may
// be too coarse to read, and the page is illegible rather than blank.
const (
	minConfidentWords = 2
	minWordLetters    = 3
)

func confidentWords(ws []ocr.Word) int {
	n := 0
	for _, w := range ws {
		if w.Conf < MinLegibleConfidence {
			continue
		}
		letters := 0
		for _, r := range w.Text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				letters++
			}
		}
		if letters >= minWordLetters {
			n++
		}
	}
	return n
}

// minWordConfidence: below it a "word" is nearly always a speck of dirt,
// a box border or JPEG ringing that Tesseract tried to read; real words on
// a legible scan score far above it.
const minWordConfidence = 20

// noise reports whether an OCR word is a speck or a border rather than
// text: only rule and border marks, or too unsure and standing apart.
// Tesseract also gives a real word a low confidence when a speck
// touches it ("Acme Widgets, Inc." read with "Widgets," at 1%), so an
// unsure word that follows its neighbour closely on the line is kept.
func noise(ws []ocr.Word, i int) bool {
	w := ws[i]
	if strings.Trim(w.Text, "|_—–-~=:;,.'‘’\"“”") == "" {
		return true
	}
	if w.Conf >= minWordConfidence {
		return false
	}
	if i == 0 || ws[i-1].Line != w.Line || ws[i-1].Block != w.Block || ws[i-1].Par != w.Par {
		return true
	}
	gap := w.Box.Min.X - ws[i-1].Box.Max.X
	return gap > w.Box.Dy() || ws[i-1].Conf < minWordConfidence && noise(ws, i-1)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func joinWordTexts(ws []Word) string {
	var b bytes.Buffer
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// pdfScans pulls the image of every page whose text layer is not usable:
// a scanned PDF carries one image per page, so no renderer is needed.
// Pages whose image pdfcpu cannot decode (JBIG2) are rendered with
// pdftoppm when it is installed.
func pdfScans(data []byte, doc *Document, lim Limits) ([]scanImage, error) {
	var need []int
	for i, p := range doc.Pages {
		if p.TextSource != SourceTextLayer {
			need = append(need, i)
		}
	}
	if len(need) == 0 || lim.OCR == nil {
		return nil, nil
	}
	// Optimize collects each page's image resources, which
	// ExtractPageImages reads.
	ctx, err := api.ReadValidateAndOptimize(bytes.NewReader(asVersion1(data)), pdfConfig())
	if err != nil {
		return nil, pdfErr(err)
	}
	var scans []scanImage
	for _, i := range need {
		s, ok := pageImage(ctx, data, i+1, lim)
		if !ok {
			continue
		}
		s.page, s.widthPt, s.heightPt = i, doc.Pages[i].Width, doc.Pages[i].Height
		if err := checkPixels(s, lim); err != nil {
			return nil, err
		}
		scans = append(scans, s)
	}
	return scans, nil
}

// pageImage returns the largest image on a page, or a rendering of it.
func pageImage(ctx *model.Context, data []byte, n int, lim Limits) (scanImage, bool) {
	imgs, err := pdfcpu.ExtractPageImages(ctx, n, false)
	var best scanImage
	if err == nil {
		for _, im := range imgs {
			if im.Reader == nil {
				continue
			}
			b, err := io.ReadAll(io.LimitReader(im.Reader, lim.MaxBytes))
			if err != nil {
				continue
			}
			// pdfcpu leaves the size unset for JPEGs it passes through.
			cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil || cfg.Width*cfg.Height <= best.px*best.py {
				continue
			}
			best = scanImage{data: b, px: cfg.Width, py: cfg.Height}
		}
	}
	if best.data != nil {
		return best, true
	}
	return renderPage(data, n)
}

// renderPage renders one page at 300 DPI in grey with pdftoppm (PGM,
// the fast output), for page images pdfcpu cannot decode.
func renderPage(data []byte, n int) (scanImage, bool) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return scanImage{}, false
	}
	dir, err := os.MkdirTemp("", "portcheck-render-")
	if err != nil {
		return scanImage{}, false
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if os.WriteFile(in, data, 0o600) != nil {
		return scanImage{}, false
	}
	page := strconv.Itoa(n)
	out := filepath.Join(dir, "page")
	if exec.Command(bin, "-r", "300", "-gray", "-f", page, "-l", page, "-singlefile", in, out).Run() != nil {
		return scanImage{}, false
	}
	b, err := os.ReadFile(out + ".pgm")
	if err != nil {
		return scanImage{}, false
	}
	cfg, err := decodePGMConfig(b)
	if err != nil {
		return scanImage{}, false
	}
	return scanImage{data: b, px: cfg.Width, py: cfg.Height}, true
}

// imageScans turns an image document's frames into page images: a
// multi-page TIFF is split into single-page TIFFs without decoding.
func imageScans(data []byte, doc *Document, lim Limits) ([]scanImage, error) {
	frames := [][]byte{data}
	if doc.MediaType == MediaTIFF {
		frames = tiffFrames(data, lim.MaxPages)
	}
	var scans []scanImage
	for i, f := range frames {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(f))
		if err != nil {
			return nil, unreadable(doc.Name, ErrCorrupt, fmt.Sprintf("page %d of the image cannot be read (%s)", i+1, shorten(err.Error())), err)
		}
		w := letterWidthInches * 72
		s := scanImage{page: i, data: f, px: cfg.Width, py: cfg.Height, widthPt: w, heightPt: w * float64(cfg.Height) / float64(cfg.Width), bare: true}
		if err := checkPixels(s, lim); err != nil {
			return nil, err
		}
		scans = append(scans, s)
	}
	return scans, nil
}

func checkPixels(s scanImage, lim Limits) error {
	if px := int64(s.px) * int64(s.py); px > lim.MaxPixels || s.px <= 0 || s.py <= 0 {
		return unreadable("", ErrTooManyPixels, fmt.Sprintf("a page image has %d x %d pixels; the limit is %d pixels", s.px, s.py, lim.MaxPixels), nil)
	}
	return nil
}

// tiffFrames splits a TIFF into one file per page by pointing a copy's
// header at each page's directory and ending the chain there.
func tiffFrames(data []byte, maxPages int) [][]byte {
	var order binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		order = binary.BigEndian
	}
	var frames [][]byte
	off := order.Uint32(data[4:8])
	for off != 0 && len(frames) < maxPages && int(off)+2 <= len(data) {
		n := int(order.Uint16(data[off:]))
		next := int(off) + 2 + 12*n
		if next+4 > len(data) {
			break
		}
		f := bytes.Clone(data)
		order.PutUint32(f[4:8], off)
		order.PutUint32(f[next:], 0)
		frames = append(frames, f)
		off = order.Uint32(data[next:])
	}
	return frames
}
