package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Defaults for zero Limits.
const (
	DefaultMaxBytes  = 50 << 20
	DefaultMaxPages  = 200
	DefaultMaxPixels = 100_000_000 // a 300 DPI poster; more is a bomb
	// DefaultMaxDocPixels is about 48 letter pages at 300 DPI: what OCR
	// reads within its two-minute bound; more is not a bill or an LOA.
	DefaultMaxDocPixels = 400_000_000
	DefaultTimeout      = 20 * time.Second
)

// Limits bound one document. Zero values take the defaults.
type Limits struct {
	MaxBytes   int64
	MediaTypes []string // allowed real media types; empty: any supported type
	MaxPages   int
	MaxPixels  int64 // per image page
	// MaxDocPixels bounds the page images of one document together,
	// renderings and upscaled scans included.
	MaxDocPixels int64
	Timeout      time.Duration
	// OCR reads scanned pages and images; nil leaves them without text.
	OCR Recognizer
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = DefaultMaxPages
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultMaxPixels
	}
	if l.MaxDocPixels <= 0 {
		l.MaxDocPixels = DefaultMaxDocPixels
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// Box is [x0, y0, x1, y1] in points from the page's top-left corner.
type Box [4]float64

// Word is one word and where it stands.
type Word struct {
	Text string
	Box  Box
	Font string // the font's base name, e.g. "Helvetica-Bold"; empty when unknown
	// Script is set when the word's font looks handwritten or cursive,
	// judged from the font program's own description (its descriptor's
	// Script flag, italic angle, glyph shapes or metrics), never from a
	// list of font names.
	Script bool `json:",omitempty"`
}

// Line is a row of words, left to right.
type Line struct {
	Text  string // the words joined by single spaces
	Words []Word
	Box   Box
}

// JoinWords joins words by single spaces, as Line.Text holds them, and
// gives each word's byte offset in the result, so a match in the text
// maps back to the words it covers.
func JoinWords(ws []Word) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(ws))
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(w.Text)
	}
	return b.String(), starts
}

// MarkKind is what a non-text mark on a page is.
type MarkKind string

const (
	MarkCurves MarkKind = "curves" // a cluster of Bézier curves or of turning lines: handwriting drawn as vectors
	MarkImage  MarkKind = "image"  // an image placed on the page
	// MarkSignatureField is a digital signature field that holds a
	// signature: signed, which says nothing of whether its certificate
	// is trusted. An empty signature field makes no mark.
	MarkSignatureField MarkKind = "signature-field"
)

// Mark is a non-text mark that may be a signature: one painted path,
// or strokes painted one after another that touch (the letters of a
// drawn signature and its underline), or a placed image. The counts let
// a reader tell a scribble (stroked, open, many curves) from a logo or a
// bullet (filled, closed) or a rule (lines only).
type Mark struct {
	Kind MarkKind
	Box  Box
	// Paths is how many painted paths make the mark; Curves and Lines
	// count their Bézier and straight segments, Closed their closed
	// subpaths (h, s, b, re). Turning is how far, in degrees, its
	// straight segments turn one after another: a pen stroke recorded as
	// points keeps turning.
	Paths   int     `json:",omitempty"`
	Curves  int     `json:",omitempty"`
	Lines   int     `json:",omitempty"`
	Closed  int     `json:",omitempty"`
	Turning float64 `json:",omitempty"`
	Filled  bool    `json:",omitempty"`
	Stroked bool    `json:",omitempty"`
}

// Text sources.
const (
	SourceTextLayer = "text-layer"
	SourceOCR       = "ocr"
	SourceNone      = "none"
)

// Page is one page's text in reading order.
type Page struct {
	Number        int
	Width, Height float64
	Words         []Word
	Lines         []Line
	Marks         []Mark
	TextSource    string
	// DPI and Confidence (0-100, the mean of its words) describe an OCR'd
	// page; both are zero for a text-layer page.
	DPI        float64
	Confidence float64
}

// Document is an admitted file and its text.
type Document struct {
	Name       string
	SHA256     string
	Bytes      int64
	MediaType  string
	PageCount  int
	Pages      []Page
	TextSource string
	// Second is the same document with its scanned pages read again by
	// Tesseract's own page layout analysis (ReadAgain), when a reader
	// asked for it; nil otherwise. Its text-layer pages are the first's.
	Second *Document `json:",omitempty"`
	// Regions holds the words of page regions read alone (ReadRegions),
	// when a reader asked for them; nil otherwise.
	Regions *Document `json:",omitempty"`
}

// Legibility floors: below them a carrier's clerk would call a scan
// illegible. Tesseract's mean word confidence on the clean 300 DPI scans
// here is above 85; on the 75 DPI noisy scan it is 63 with digits
// misread, and a phone photo of a crumpled bill falls under 60.
const (
	MinLegibleDPI        = 150
	MinLegibleConfidence = 60
)

// Legible reports whether a page can be trusted as read: every
// text-layer page is; an OCR'd page needs the resolution and confidence
// floors.
func (p Page) Legible() bool {
	return p.TextSource != SourceOCR || (p.DPI >= MinLegibleDPI && p.Confidence >= MinLegibleConfidence)
}

// Legible reports whether every page of the document is.
func (d *Document) Legible() bool {
	for _, p := range d.Pages {
		if !p.Legible() {
			return false
		}
	}
	return true
}

// Admit checks a document's size, real format and, for a PDF, that it
// opens, is not encrypted and is within the page limit. It reads no text.
func Admit(ctx context.Context, name string, data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	return admit(ctx, name, data, lim, newBound(lim.Timeout))
}

func admit(ctx context.Context, name string, data []byte, lim Limits, b bound) (*Document, error) {
	sum := sha256.Sum256(data)
	doc := &Document{Name: name, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(data)), MediaType: Sniff(data), TextSource: SourceNone}
	if len(data) == 0 {
		return doc, unreadable(name, ErrEmpty, "the file is empty", nil)
	}
	if doc.Bytes > lim.MaxBytes {
		return doc, &TooLargeError{Name: name, Bytes: doc.Bytes, Limit: lim.MaxBytes}
	}
	if len(lim.MediaTypes) > 0 && !slices.Contains(lim.MediaTypes, doc.MediaType) {
		return doc, &FormatError{Name: name, MediaType: doc.MediaType, Allowed: lim.MediaTypes}
	}
	var err error
	switch {
	case doc.MediaType == MediaPDF:
		doc.PageCount, err = guard(ctx, name, b, func() (int, error) { return pdfPageCount(data) })
	case strings.HasPrefix(doc.MediaType, "image/"):
		doc.PageCount, err = guard(ctx, name, b, func() (int, error) { return imagePages(data, doc.MediaType, lim) })
	default:
		return doc, unreadable(name, ErrCorrupt, "the file is not a PDF or an image (its content is "+doc.MediaType+")", nil)
	}
	if err != nil {
		return doc, named(err, name)
	}
	if doc.PageCount > lim.MaxPages {
		return doc, unreadable(name, ErrTooManyPages, fmt.Sprintf("the document has %d pages; the limit is %d", doc.PageCount, lim.MaxPages), nil)
	}
	return doc, nil
}

// Within applies lim's size, format and page limits to a document read
// before (a cached extraction), without reading it again.
func (d *Document) Within(lim Limits) error {
	lim = lim.withDefaults()
	switch {
	case d.Bytes > lim.MaxBytes:
		return &TooLargeError{Name: d.Name, Bytes: d.Bytes, Limit: lim.MaxBytes}
	case len(lim.MediaTypes) > 0 && !slices.Contains(lim.MediaTypes, d.MediaType):
		return &FormatError{Name: d.Name, MediaType: d.MediaType, Allowed: lim.MediaTypes}
	case d.PageCount > lim.MaxPages:
		return unreadable(d.Name, ErrTooManyPages, fmt.Sprintf("the document has %d pages; the limit is %d", d.PageCount, lim.MaxPages), nil)
	}
	return nil
}

// Extract admits a document and reads its text with positions.
// Limits.Timeout bounds admission and the text layer together; OCR is
// bounded by the Recognizer.
func Extract(ctx context.Context, name string, data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	b := newBound(lim.Timeout)
	doc, err := admit(ctx, name, data, lim, b)
	if err != nil {
		return doc, err
	}
	scans, err := readText(ctx, doc, data, lim, b)
	if err == nil {
		err = ocrPages(ctx, doc, scans, lim)
	}
	if err != nil {
		return doc, named(err, name)
	}
	doc.TextSource = documentSource(doc.Pages)
	return doc, nil
}

// readText reads the text layer, and returns the page images that need
// OCR: pages of a PDF whose text layer is empty or garbage, and every
// frame of an image.
func readText(ctx context.Context, doc *Document, data []byte, lim Limits, b bound) ([]scanImage, error) {
	if doc.MediaType != MediaPDF {
		doc.Pages = blankPages(doc.PageCount)
		return guard(ctx, doc.Name, b, func() ([]scanImage, error) { return imageScans(data, doc, lim) })
	}
	pages, err := guard(ctx, doc.Name, b, func() ([]Page, error) { return pdfText(ctx, data, b) })
	if err != nil {
		return nil, err
	}
	doc.Pages = pages
	return guard(ctx, doc.Name, b, func() ([]scanImage, error) { return pdfScans(data, doc, lim) })
}

// documentSource is the document's text source: the text layer when any
// page has one (OCR'd pages of a mixed document are listed by OCRPages),
// else OCR when any page was read, else none.
func documentSource(pages []Page) string {
	src := SourceNone
	for _, p := range pages {
		switch {
		case p.TextSource == SourceTextLayer:
			return SourceTextLayer
		case p.TextSource == SourceOCR:
			src = SourceOCR
		}
	}
	return src
}

// OCRPages lists the 1-based pages read by OCR.
func (d *Document) OCRPages() []int {
	var out []int
	for _, p := range d.Pages {
		if p.TextSource == SourceOCR {
			out = append(out, p.Number)
		}
	}
	return out
}

// named fills in the document name of errors made deep in a parser.
func named(err error, name string) error {
	var ue *UnreadableError
	if errors.As(err, &ue) && ue.Name == "" {
		ue.Name = name
	}
	return err
}

func blankPages(n int) []Page {
	pages := make([]Page, n)
	for i := range pages {
		pages[i] = Page{Number: i + 1, TextSource: SourceNone}
	}
	return pages
}

// bound is the time one call may take, shared by the parser calls it
// makes: a file slow to admit leaves less time to read.
type bound struct {
	limit    time.Duration
	deadline time.Time
}

func newBound(limit time.Duration) bound { return bound{limit, time.Now().Add(limit)} }

// guard runs f under recover and a time bound. A panic in a parser
// becomes ErrPanic; running past the bound becomes ErrTimeout and f's
// goroutine is abandoned (see the package doc).
func guard[T any](ctx context.Context, name string, b bound, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				var zero T
				done <- result{zero, unreadable(name, ErrPanic, fmt.Sprintf("the PDF library failed on it (%v)", shorten(fmt.Sprint(r))), nil)}
			}
		}()
		v, err := f()
		done <- result{v, err}
	}()
	timer := time.NewTimer(time.Until(b.deadline))
	defer timer.Stop()
	var zero T
	select {
	case r := <-done:
		if r.err != nil {
			var ue *UnreadableError
			if !errors.As(r.err, &ue) {
				r.err = unreadable(name, ErrCorrupt, "the file is corrupt or truncated ("+shorten(r.err.Error())+")", r.err)
			}
		}
		return r.v, r.err
	case <-timer.C:
		return zero, unreadable(name, ErrTimeout, fmt.Sprintf("reading it took longer than %s", b.limit), nil)
	case <-ctx.Done():
		return zero, fmt.Errorf("extract %s: %w", name, ctx.Err())
	}
}

func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
