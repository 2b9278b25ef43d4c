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
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/internal/pdfopen"
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
	// load fills in data and its size when data is nil, and says
	// whether the page has an image: a TIFF page is cut from the file, a
	// PDF page's image pulled out or rendered, only when OCR comes to
	// it, and dropped once read, so a document's pages are never all
	// held at once (48 rendered pages were 400 MB of grey).
	load func(ctx context.Context, s *scanImage) (bool, error)
	// ink: handwriting strokes clean found, in pixels (MarkInk).
	ink []image.Rectangle
}

// loaded is s with its image, under recover and ctx's deadline: pdfcpu
// pulling an image out of a hostile PDF may panic or run long. False
// when the page has no image to read.
func (s scanImage) loaded(ctx context.Context, name string) (scanImage, bool, error) {
	if s.data != nil || s.load == nil {
		return s, s.data != nil, nil
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(DefaultTimeout)
	}
	type result struct {
		s  scanImage
		ok bool
	}
	r, err := guard(ctx, name, bound{time.Until(deadline), deadline}, func() (result, error) {
		ok, err := s.load(ctx, &s)
		return result{s, ok}, err
	})
	r.s.load = nil
	return r.s, r.ok && err == nil, err
}

// pageReader reads one document's page images one at a time.
type pageReader interface {
	Read(ocr.Image) (ocr.Page, error)
	Close() error
}

// opener is a Recognizer that reads a document's pages in one session
// of its own (ocr.Process: one child per document, streamed a page at a
// time).
type opener interface {
	Open(ctx context.Context) (*ocr.Session, error)
}

// openReader starts reading a document with rec: in a session when rec
// has them, else one Recognize call a page.
func openReader(ctx context.Context, rec Recognizer) (pageReader, error) {
	if o, ok := rec.(opener); ok {
		s, err := o.Open(ctx)
		if err != nil {
			return nil, err // not a nil *Session in a non-nil reader
		}
		return s, nil
	}
	return pageAtATime{ctx, rec}, nil
}

type pageAtATime struct {
	ctx context.Context
	rec Recognizer
}

func (p pageAtATime) Read(img ocr.Image) (ocr.Page, error) {
	pages, err := p.rec.Recognize(p.ctx, []ocr.Image{img})
	if err != nil || len(pages) == 0 {
		return ocr.Page{}, err
	}
	return pages[0], nil
}

func (pageAtATime) Close() error { return nil }

// maxUpscalePixels bounds what prepare may add to one document by
// scaling low-resolution pages up to 300 DPI: about 18 letter pages; the
// pages after them are read as uploaded.
const maxUpscalePixels = 150_000_000

// documentTimer is a Recognizer whose time bound is for a whole
// document; the readings of one document share it.
type documentTimer interface{ DocumentTimeout() time.Duration }

// ocrPages reads the given page images and fills their pages, one page
// at a time: each is loaded, prepared, sent to OCR and released before
// the next is loaded. One reader (one OCR child) serves the document,
// started at its first page with print.
func ocrPages(ctx context.Context, doc *Document, scans []scanImage, lim Limits) (err error) {
	if len(scans) == 0 || lim.OCR == nil {
		return nil
	}
	caller := ctx
	if dt, ok := lim.OCR.(documentTimer); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, dt.DocumentTimeout())
		defer cancel()
	}
	ocrError := func(err error) error { return ocrFailed(caller, ctx, doc, err) }
	var rd pageReader
	defer func() {
		if rd != nil {
			if cerr := rd.Close(); err == nil && cerr != nil {
				err = ocrError(cerr)
			}
		}
	}()
	upscale := pixelBudget{left: maxUpscalePixels, limit: maxUpscalePixels}
	for i := range scans {
		s, ok, err := scans[i].loaded(ctx, doc.Name)
		if err != nil || !ok {
			if ctx.Err() != nil {
				return ocrError(err)
			}
			if err != nil {
				return err
			}
			continue
		}
		scans[i].data = nil // this page's image is s's alone now
		s, empty := clean(prepare(s, &upscale))
		if empty {
			fillPage(&doc.Pages[s.page], ocr.Page{}, s) // its size and DPI, no words
			continue
		}
		if rd == nil {
			if rd, err = openReader(ctx, lim.OCR); err != nil {
				return ocrError(err)
			}
		}
		p, err := rd.Read(ocr.Image{Data: s.data, DPI: imageDPI(s)})
		if err != nil {
			return ocrError(err)
		}
		fillPage(&doc.Pages[s.page], p, s)
	}
	return nil
}

func imageDPI(s scanImage) int { return int(math.Round(float64(s.px) / (s.widthPt / 72))) }

// ocrFailed is the document's error for OCR that failed: past the
// document's bound (ctx, which a page being loaded can pass too) it is
// unreadable; a caller's cancellation is the caller's, and an OCR engine
// missing or of another build (ocr.ErrUnavailable) the run's, so that a
// worker retries the check instead of reporting FILE_UNREADABLE.
func ocrFailed(caller, ctx context.Context, doc *Document, err error) error {
	switch {
	case errors.Is(err, ocr.ErrTimeout):
	case caller.Err() != nil:
		return fmt.Errorf("extract %s: %w", doc.Name, caller.Err())
	case errors.Is(err, ocr.ErrUnavailable):
		return fmt.Errorf("extract %s: %w", doc.Name, err)
	case ctx.Err() == nil:
		var ue *UnreadableError
		if errors.As(err, &ue) {
			return err
		}
		return unreadable(doc.Name, ErrCorrupt, "its scanned pages could not be read ("+shorten(err.Error())+")", err)
	}
	return unreadable(doc.Name, ErrTimeout, "reading its scanned pages took longer than the OCR time bound", err)
}

// ReadAgain reads doc's OCR'd pages a second time with the
// recognizer's own page layout analysis (ocr.Process.WithLayout) and
// keeps that reading as doc.Second; data is the document's bytes. It is
// for a reader that missed a field: the two modes garble different
// rows, so what one lost the other often holds. It does nothing when
// the recognizer has no second mode, no page was OCR'd, or the document
// was read again before. An error leaves doc as it was.
func ReadAgain(ctx context.Context, doc *Document, data []byte, lim Limits) error {
	p, ok := lim.OCR.(ocr.Process)
	if !ok || doc.Second != nil || len(doc.OCRPages()) == 0 {
		return nil
	}
	lim = lim.withDefaults()
	lim.OCR = p.WithLayout()
	second := *doc
	second.Regions = nil
	second.Pages = slices.Clone(doc.Pages)
	scans, err := rescans(ctx, &second, data, lim)
	if err != nil {
		return named(err, doc.Name)
	}
	scans = slices.DeleteFunc(scans, func(s scanImage) bool { return doc.Pages[s.page].TextSource != SourceOCR })
	for _, s := range scans {
		second.Pages[s.page].TextSource = SourceNone
	}
	if err := ocrPages(ctx, &second, scans, lim); err != nil {
		return named(err, doc.Name)
	}
	second.TextSource = documentSource(second.Pages)
	doc.Second = &second
	return nil
}

// Region is a part of a page to read alone: Page is 1-based, Box in
// page points.
type Region struct {
	Page int
	Box  Box
}

// ReadRegions reads each region of doc's OCR'd pages alone, as one
// block, and keeps what it reads as doc.Regions: a document whose pages
// hold only the regions' words, in page points. A region read out of
// the whole page loses what misled the page's reading (a rule touching
// the lines under a heading, the next column's rows at another height):
// an address block that both whole-page readings garbled read whole
// when cropped. Regions on other pages are ignored; an error leaves doc
// as it was.
func ReadRegions(ctx context.Context, doc *Document, data []byte, lim Limits, regions []Region) error {
	if lim.OCR == nil || doc.Regions != nil || len(regions) == 0 {
		return nil
	}
	lim = lim.withDefaults()
	crops := *doc
	crops.Second = nil
	crops.Pages = slices.Clone(doc.Pages)
	scans, err := rescans(ctx, &crops, data, lim)
	if err != nil {
		return named(err, doc.Name)
	}
	for i := range crops.Pages {
		crops.Pages[i].Words, crops.Pages[i].Lines, crops.Pages[i].Marks = nil, nil, nil
		crops.Pages[i].TextSource = SourceNone
	}
	upscale := pixelBudget{left: maxUpscalePixels, limit: maxUpscalePixels}
	for _, s := range scans {
		var mine []Region
		for _, r := range regions {
			if r.Page == s.page+1 && doc.Pages[s.page].TextSource == SourceOCR {
				mine = append(mine, r)
			}
		}
		if len(mine) == 0 {
			continue
		}
		s, ok, err := s.loaded(ctx, doc.Name)
		if err != nil {
			return named(err, doc.Name)
		}
		if !ok {
			continue
		}
		// Cut from the page as the whole page was read: with its frames
		// and blank lines painted out, a boxed value's edges no longer
		// read as letters ("Customer Kane:" cut from the page as
		// scanned). Its strokes stay the first reading's marks.
		s, empty := clean(prepare(s, &upscale))
		if empty {
			continue
		}
		s.ink = nil
		if err := readCrops(ctx, &crops, s, mine, lim); err != nil {
			return named(err, doc.Name)
		}
	}
	crops.TextSource = documentSource(crops.Pages)
	doc.Regions = &crops
	return nil
}

// readCrops reads a page's regions, each cut from its image, in one
// call, and fills the page with their words placed back on it.
func readCrops(ctx context.Context, doc *Document, s scanImage, regions []Region, lim Limits) error {
	g, err := decodeGrey(s.data)
	if err != nil {
		return nil // Leptonica may read what Go cannot, but not in pieces
	}
	sx, sy := float64(s.px)/s.widthPt, float64(s.py)/s.heightPt
	dpi := int(math.Round(float64(s.px) / (s.widthPt / 72)))
	var images []ocr.Image
	var at []image.Point
	for _, r := range regions {
		px := image.Rect(int(r.Box[0]*sx), int(r.Box[1]*sy), int(math.Ceil(r.Box[2]*sx)), int(math.Ceil(r.Box[3]*sy))).Intersect(g.Rect)
		if px.Dx() < 8 || px.Dy() < 8 {
			continue
		}
		images = append(images, ocr.Image{Data: ocr.EncodePGM(g.SubImage(px).(*image.Gray)), DPI: dpi, Upright: true})
		at = append(at, px.Min)
	}
	if len(images) == 0 {
		return nil
	}
	pages, err := lim.OCR.Recognize(ctx, images)
	if err != nil {
		return unreadable(doc.Name, ErrCorrupt, "its scanned regions could not be read ("+shorten(err.Error())+")", err)
	}
	var all ocr.Page
	for k, p := range pages {
		if k >= len(at) || p.Turn != 0 {
			continue
		}
		for _, w := range p.Words {
			w.Box = w.Box.Add(at[k])
			w.Block += (k + 1) * 10000 // each region's lines are its own
			all.Words = append(all.Words, w)
		}
	}
	fillPage(&doc.Pages[s.page], all, s)
	return nil
}

// rescans collects a read document's page images again, under the
// same bounds as the first reading.
func rescans(ctx context.Context, doc *Document, data []byte, lim Limits) ([]scanImage, error) {
	b := newBound(lim.Timeout)
	if doc.MediaType != MediaPDF {
		return guard(ctx, doc.Name, b, func() ([]scanImage, error) { return imageScans(data, doc, lim) })
	}
	return guard(ctx, doc.Name, b, func() ([]scanImage, error) { return pdfScans(data, doc, lim) })
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
	p.Marks = slices.DeleteFunc(slices.Clone(p.Marks), func(m Mark) bool { return m.Kind == MarkInk })
	if op.Turn == 0 { // strokes were found in the image as given
		for _, r := range s.ink {
			p.Marks = append(p.Marks, Mark{Kind: MarkInk, Box: Box{float64(r.Min.X) * sx, float64(r.Min.Y) * sy, float64(r.Max.X) * sx, float64(r.Max.Y) * sy}})
		}
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
	text, _ := JoinWords(ws)
	return text
}

// pdfScans lists the page images of every page whose text layer is not
// usable, each pulled out when OCR comes to it: a scanned PDF carries
// one image per page, so no renderer is needed. Pages whose image pdfcpu
// cannot decode (JBIG2) are rendered with pdftoppm when it is installed.
// Every image's size is checked from its dictionary before pdfcpu
// decodes a pixel, and every page's rendering from its size in points
// before pdftoppm draws one, against the image and the document pixel
// bounds.
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
	pctx, err := pdfopen.ReadOptimized(asVersion1(data), pdfConfig())
	if err != nil {
		return nil, pdfErr(err)
	}
	r := renderer{data: data, lim: lim}
	// Every page is charged before any is decoded or rendered: 200
	// blank pages fail at once, not after 47 renderings.
	budget := pixelBudget{left: lim.MaxDocPixels, limit: lim.MaxDocPixels}
	for _, i := range need {
		px, err := declaredPixels(pctx, i+1, lim)
		if err != nil {
			return nil, err
		}
		if px == 0 {
			_, px = renderSize(doc.Pages[i], lim)
		}
		if !budget.spend(px) {
			return nil, budget.err
		}
	}
	var scans []scanImage
	for _, i := range need {
		page := doc.Pages[i]
		scans = append(scans, scanImage{page: i, widthPt: page.Width, heightPt: page.Height, load: func(ctx context.Context, s *scanImage) (bool, error) {
			img, ok := pageImage(ctx, pctx, r, i+1, page)
			if !ok {
				return false, nil
			}
			s.data, s.px, s.py = img.data, img.px, img.py
			return true, checkPixels(*s, lim)
		}})
	}
	return scans, nil
}

// pixelBudget is what is left of a document's pixel bound.
type pixelBudget struct {
	left, limit int64
	err         error
}

// spend charges px pixels; false once past the bound.
func (b *pixelBudget) spend(px int64) bool {
	b.left -= px
	if b.left < 0 && b.err == nil {
		b.err = unreadable("", ErrTooManyPixels, fmt.Sprintf("its page images total more than %d pixels, the limit for one document", b.limit), nil)
	}
	return b.err == nil
}

// afford spends px pixels if that many are left, without failing.
func (b *pixelBudget) afford(px int64) bool {
	if px > b.left {
		return false
	}
	b.left -= px
	return true
}

// declaredPixels checks the sizes a page's images declare, before any
// is decoded (a 30000 x 30000 grey image is 875 KB of Flate and 900 MB
// of pixels), and returns the largest, the one OCR reads.
func declaredPixels(ctx *model.Context, n int, lim Limits) (int64, error) {
	var largest int64
	for _, nr := range pdfcpu.ImageObjNrs(ctx, n) {
		obj := ctx.Optimize.ImageObjects[nr]
		if obj == nil || obj.ImageDict == nil {
			continue
		}
		w, h := dictInt(ctx, obj.ImageDict.Dict, "Width"), dictInt(ctx, obj.ImageDict.Dict, "Height")
		if px := w * h; px > lim.MaxPixels || w < 0 || h < 0 {
			return 0, unreadable("", ErrTooManyPixels, fmt.Sprintf("an image on page %d declares %d x %d pixels; the limit is %d pixels", n, w, h, lim.MaxPixels), nil)
		}
		largest = max(largest, w*h)
	}
	return largest, nil
}

// dictInt is a dictionary's integer entry, direct or referenced; -1 when
// it is missing or not an integer.
func dictInt(ctx *model.Context, d types.Dict, key string) int64 {
	o, ok := d.Find(key)
	if !ok {
		return -1
	}
	i, err := ctx.DereferenceInteger(o)
	if err != nil || i == nil {
		return -1
	}
	return int64(i.Value())
}

// pageImage returns the largest image on a page, or a rendering of it.
func pageImage(ctx context.Context, pctx *model.Context, r renderer, n int, p Page) (scanImage, bool) {
	imgs, err := pdfcpu.ExtractPageImages(pctx, n, false)
	var best scanImage
	if err == nil {
		for _, im := range imgs {
			if im.Reader == nil {
				continue
			}
			b, err := io.ReadAll(io.LimitReader(im.Reader, r.lim.MaxBytes))
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
	return r.render(ctx, n, p)
}

// renderDPI is the resolution pages are rendered at for OCR.
const renderDPI = 300

// renderer renders pages with pdftoppm, which reads the document on
// its stdin and writes the page on its stdout: no copy of the file on
// disk to outlive a document whose pages are rendered as OCR comes to
// them.
type renderer struct {
	data []byte
	lim  Limits
}

// renderSize is the DPI a page is rendered at, 300 or lower when 300
// DPI would pass the image pixel bound (a page of 200 x 200 inches), and
// the pixels it makes.
func renderSize(p Page, lim Limits) (float64, int64) {
	dpi := float64(renderDPI)
	if px := p.Width / 72 * p.Height / 72 * dpi * dpi; px > float64(lim.MaxPixels) {
		dpi *= math.Sqrt(float64(lim.MaxPixels) / px)
	}
	return dpi, int64(p.Width/72*dpi+1) * int64(p.Height/72*dpi+1)
}

// render renders one page in grey (PGM, the fast output) at
// renderSize, under ctx.
func (r renderer) render(ctx context.Context, n int, p Page) (scanImage, bool) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil || p.Width <= 0 || p.Height <= 0 {
		return scanImage{}, false
	}
	dpi, px := renderSize(p, r.lim)
	page := strconv.Itoa(n)
	var out bytes.Buffer
	out.Grow(int(px) + 32) // one page of grey and its header: no regrowth
	cmd := exec.CommandContext(ctx, bin, "-r", strconv.FormatFloat(dpi, 'f', 2, 64), "-gray", "-f", page, "-l", page, "-singlefile", "-")
	cmd.Stdin, cmd.Stdout = bytes.NewReader(r.data), &out
	if cmd.Run() != nil {
		return scanImage{}, false
	}
	cfg, err := ocr.DecodePGMConfig(bytes.NewReader(out.Bytes()))
	if err != nil {
		return scanImage{}, false
	}
	return scanImage{data: out.Bytes(), px: cfg.Width, py: cfg.Height}, true
}

// imageScans turns an image document's frames into page images: a
// multi-page TIFF is split into single-page TIFFs without decoding, each
// read in place for its size and cut from the file, its own bytes only,
// when OCR comes to it.
func imageScans(data []byte, doc *Document, lim Limits) ([]scanImage, error) {
	load := func(int) []byte { return data }
	header := func(int) io.Reader { return bytes.NewReader(data) }
	n := 1
	if doc.MediaType == MediaTIFF {
		frames := tiffFrames(data, lim.MaxPages)
		load, n = func(i int) []byte { return frames[i].own(data) }, len(frames)
		header = func(i int) io.Reader { return io.NewSectionReader(frames[i].readerAt(data), 0, int64(len(data))) }
	}
	budget := pixelBudget{left: lim.MaxDocPixels, limit: lim.MaxDocPixels}
	var scans []scanImage
	for i := range n {
		cfg, _, err := image.DecodeConfig(header(i))
		if err != nil {
			return nil, unreadable(doc.Name, ErrCorrupt, fmt.Sprintf("page %d of the image cannot be read (%s)", i+1, shorten(err.Error())), err)
		}
		w := letterWidthInches * 72
		s := scanImage{page: i, px: cfg.Width, py: cfg.Height, widthPt: w, heightPt: w * float64(cfg.Height) / float64(cfg.Width), bare: true}
		s.load = func(_ context.Context, s *scanImage) (bool, error) {
			s.data = load(i)
			return true, nil
		}
		if n == 1 {
			s.data, s.load = data, nil
		}
		if err := checkPixels(s, lim); err != nil {
			return nil, err
		}
		if !budget.spend(int64(s.px) * int64(s.py)) {
			return nil, budget.err
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

// tiffFrame is one page of a TIFF: its directory and where the
// directory's next-page pointer stands.
type tiffFrame struct{ off, next int }

// tiffFrames finds each page's directory.
func tiffFrames(data []byte, maxPages int) []tiffFrame {
	order := tiffOrder(data)
	var frames []tiffFrame
	off := order.Uint32(data[4:8])
	for off != 0 && len(frames) < maxPages && int(off)+2 <= len(data) {
		n := int(order.Uint16(data[off:]))
		next := int(off) + 2 + 12*n
		if next+4 > len(data) {
			break
		}
		frames = append(frames, tiffFrame{int(off), next})
		off = order.Uint32(data[next:])
	}
	return frames
}

// own is the page as a TIFF of its own bytes: its directory, the
// values the directory points at and its strips or tiles, and nothing
// else of the file. A page of 200 in a 2.9 MB file was a copy of the
// whole file. A directory whose values or strips do not stand whole in
// the file, or add up to more than it, comes back as whole makes it:
// libtiff reads either the same, and the page costs at most the file.
func (f tiffFrame) own(data []byte) []byte {
	if out, ok := f.cut(data); ok {
		return out
	}
	return f.whole(data)
}

// whole is the page as a TIFF of its own: a copy of the file whose
// header points at the page's directory and whose chain ends there.
func (f tiffFrame) whole(data []byte) []byte {
	order := tiffOrder(data)
	out := bytes.Clone(data)
	order.PutUint32(out[4:8], uint32(f.off))
	order.PutUint32(out[f.next:], 0)
	return out
}

// readerAt reads the page's TIFF as whole would make it, without the
// copy: the two pointers that differ are patched as they are read.
func (f tiffFrame) readerAt(data []byte) io.ReaderAt {
	order := tiffOrder(data)
	var first, end [4]byte
	order.PutUint32(first[:], uint32(f.off))
	return patchedReader{data, map[int][4]byte{4: first, f.next: end}}
}

type patchedReader struct {
	data    []byte
	patches map[int][4]byte // 4 bytes at an offset
}

func (r patchedReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	for at, b := range r.patches {
		for k := range 4 {
			if i := int64(at+k) - off; i >= 0 && i < int64(n) {
				p[i] = b[k]
			}
		}
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// tiffTypeSize is the size of one value of each TIFF field type.
var tiffTypeSize = map[uint16]int{1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}

// tiffBlocks pairs each tag of offsets to image data with the tag of
// those blocks' lengths: strips, tiles, an old-style JPEG stream.
var tiffBlocks = [][2]uint16{{273, 279}, {324, 325}, {513, 514}}

// tiffPointers are tags whose value is the offset of another directory
// or region (sub-images, Exif, GPS, interoperability, free space): no
// part of the page's pixels, dropped from its own TIFF.
var tiffPointers = map[uint16]bool{288: true, 289: true, 330: true, 34665: true, 34853: true, 40965: true}

// tiffEntry is one field of a directory as cut: where its values stand
// in the new file.
type tiffEntry struct {
	tag, typ uint16
	count    int
	at       int // offset of its values in the new file
}

// cut builds own's TIFF: header, directory, values, then the blocks
// each offsets tag points at, its offsets rewritten. False when the page
// cannot be cut faithfully.
func (f tiffFrame) cut(data []byte) ([]byte, bool) {
	order := tiffOrder(data)
	var entries []tiffEntry
	var raw [][]byte // each kept entry's 12 bytes
	for k := range int(order.Uint16(data[f.off:])) {
		e := data[f.off+2+12*k : f.off+14+12*k]
		tag, typ := order.Uint16(e), order.Uint16(e[2:])
		if size, ok := tiffTypeSize[typ]; ok && !tiffPointers[tag] {
			n := int64(order.Uint32(e[4:]))
			if n*int64(size) > int64(len(data)) {
				return nil, false
			}
			entries = append(entries, tiffEntry{tag: tag, typ: typ, count: int(n)})
			raw = append(raw, e)
		}
	}
	out := append(append(make([]byte, 0, 512), data[:4]...), 0, 0, 0, 0)
	order.PutUint32(out[4:], 8)
	dir := len(out)
	out = append(out, make([]byte, 2+12*len(entries)+4)...) // next directory: none
	order.PutUint16(out[dir:], uint16(len(entries)))
	for i, e := range entries {
		at := dir + 2 + 12*i
		copy(out[at:at+12], raw[i])
		entries[i].at = at + 8
		size := e.count * tiffTypeSize[e.typ]
		if size <= 4 {
			continue
		}
		src := int64(order.Uint32(raw[i][8:]))
		if src+int64(size) > int64(len(data)) {
			return nil, false
		}
		out = append(out, make([]byte, len(out)%2)...) // values start on a word
		entries[i].at = len(out)
		order.PutUint32(out[at+8:], uint32(len(out)))
		out = append(out, data[src:src+int64(size)]...)
	}
	for _, pair := range tiffBlocks {
		var ok bool
		if out, ok = cutBlocks(out, data, order, entries, pair); !ok {
			return nil, false
		}
	}
	return out, len(out) <= len(data)
}

// cutBlocks appends the blocks of one offsets tag and points the tag's
// values at them.
func cutBlocks(out, data []byte, order binary.ByteOrder, entries []tiffEntry, pair [2]uint16) ([]byte, bool) {
	offs, lens := findEntry(entries, pair[0]), findEntry(entries, pair[1])
	if offs == nil {
		return out, true
	}
	if lens == nil || lens.count != offs.count {
		return nil, false // libtiff guesses missing lengths from the file
	}
	for j := range offs.count {
		off, ok1 := entryValue(out, order, offs, j)
		n, ok2 := entryValue(out, order, lens, j)
		if !ok1 || !ok2 || off+n > int64(len(data)) || int64(len(out))+n > int64(len(data)) {
			return nil, false
		}
		out = append(out, make([]byte, len(out)%2)...)
		if !setEntryValue(out, order, offs, j, int64(len(out))) {
			return nil, false
		}
		out = append(out, data[off:off+n]...)
	}
	return out, true
}

func findEntry(entries []tiffEntry, tag uint16) *tiffEntry {
	for i := range entries {
		if entries[i].tag == tag {
			return &entries[i]
		}
	}
	return nil
}

// entryValue is the j-th value of an entry of SHORTs or LONGs.
func entryValue(out []byte, order binary.ByteOrder, e *tiffEntry, j int) (int64, bool) {
	switch e.typ {
	case 3:
		return int64(order.Uint16(out[e.at+2*j:])), true
	case 4:
		return int64(order.Uint32(out[e.at+4*j:])), true
	}
	return 0, false
}

func setEntryValue(out []byte, order binary.ByteOrder, e *tiffEntry, j int, v int64) bool {
	switch {
	case e.typ == 3 && v <= 0xffff:
		order.PutUint16(out[e.at+2*j:], uint16(v))
	case e.typ == 4 && v <= 0xffffffff:
		order.PutUint32(out[e.at+4*j:], uint32(v))
	default:
		return false
	}
	return true
}

func tiffOrder(data []byte) binary.ByteOrder {
	if data[0] == 'M' {
		return binary.BigEndian
	}
	return binary.LittleEndian
}
