package report

import (
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"image"
	"slices"
	"strings"
)

// findingView is one finding as the HTML report shows it.
type findingView struct {
	Explained
	ID      string
	Crop    *imageView
	PageID  string     // anchor of the whole page
	NoImage string     // why a finding with evidence has no image
	SeeAlso []pageView // the document's pages shown for other findings
}

// imageView is an inline image. Its tag is written here, not by the
// template: html/template would escape every "+" of the base64 as
// "&#43;", a fifth more bytes for nothing.
type imageView struct {
	Tag template.HTML
}

func newImage(uri, alt string, width, height int) imageView {
	return imageView{Tag: template.HTML(fmt.Sprintf(`<img src="%s" width="%d" height="%d" alt="%s">`, uri, width, height, html.EscapeString(alt)))}
}

type pageView struct {
	ID, Title string
	Image     imageView
	path      string
}

type htmlView struct {
	*Report
	Findings []findingView
	Pages    []pageView
}

// loadedPage is a page image painted out once, shared by the findings
// on it.
type loadedPage struct {
	id, title string
	path      string
	pi        *PageImage
	img       *image.RGBA
	boxes     [][4]float64
	err       error
}

type viewBuilder struct {
	ctx   context.Context
	r     *Report
	src   Sources
	log   func(error)
	pages map[[2]int]*loadedPage
	order [][2]int
}

func buildView(ctx context.Context, r *Report, src Sources, log func(error)) (*htmlView, error) {
	b := &viewBuilder{ctx: ctx, r: r, src: src, log: log, pages: map[[2]int]*loadedPage{}}
	v := &htmlView{Report: r}
	for i, f := range r.Findings {
		fv, err := b.finding(i, f)
		if err != nil {
			return nil, err
		}
		v.Findings = append(v.Findings, fv)
	}
	b.unplaced()
	for _, k := range b.order {
		lp := b.pages[k]
		if lp.err != nil {
			continue
		}
		full := fullPage(lp.img, lp.pi, lp.boxes)
		uri, err := dataURI(full, fullQuality)
		if err != nil {
			return nil, err
		}
		alt := lp.title + ", whole page; each value a finding rests on is outlined in red."
		if len(lp.boxes) == 0 {
			alt = lp.title + ", whole page, for the findings about this document."
		}
		v.Pages = append(v.Pages, pageView{ID: lp.id, Title: lp.title, Image: newImage(uri, alt, full.Bounds().Dx(), full.Bounds().Dy()), path: lp.path})
	}
	linkPages(v)
	return v, nil
}

// linkPages points a finding about a document, with no place of its
// own, at the document's pages shown for other findings.
func linkPages(v *htmlView) {
	for i := range v.Findings {
		fv := &v.Findings[i]
		if fv.Crop != nil || fv.Path == "" {
			continue
		}
		for _, p := range v.Pages {
			if p.path == fv.Path {
				fv.SeeAlso = append(fv.SeeAlso, pageView{ID: p.ID, Title: p.Title})
			}
		}
	}
}

func (b *viewBuilder) finding(i int, f Finding) (findingView, error) {
	var written func(string) (string, bool)
	if b.src != nil {
		written = b.src.OrderValue
	}
	fv := findingView{Explained: Explain(f, written), ID: fmt.Sprintf("finding-%d", i+1)}
	if fv.Evidence == nil || fv.Evidence.Page < 1 {
		return fv, nil
	}
	if !fv.Boxed() {
		fv.NoImage = "The report does not say where on the page the value stands."
		return fv, nil
	}
	return fv, b.crop(&fv)
}

func (b *viewBuilder) crop(fv *findingView) error {
	lp := b.page(fv.Finding, fv.Evidence.Page)
	if lp == nil || lp.err != nil {
		fv.NoImage = "The page image cannot be shown: " + whyNoImage(lp) + "."
		return nil
	}
	box := *fv.Evidence.Box
	lp.boxes = append(lp.boxes, box)
	if strings.Contains(fv.Evidence.Text, redactedMark) && !coveredWithin(lp.pi, box) {
		// The pipeline removed a secret from this text but the page's
		// words did not show where it stands: hide the whole box.
		paint(lp.img, lp.pi, box)
		fv.Evidence.Text += " (the value is painted out: it holds a secret)"
	}
	c := cropAround(lp.img, lp.pi, box)
	if c == nil {
		fv.NoImage = "The page image cannot be shown: the value's box lies outside the page."
		return nil
	}
	uri, err := dataURI(c, cropQuality)
	if err != nil {
		return err
	}
	alt := fmt.Sprintf("Part of %s, the value read outlined in red", fv.Place)
	if fv.Evidence.Text != "" {
		alt += ": " + fv.Evidence.Text
	}
	img := newImage(uri, alt, c.Bounds().Dx(), c.Bounds().Dy())
	fv.Crop = &img
	fv.PageID = lp.id
	if strings.Contains(fv.Fix, "by eye") {
		fv.Fix += " The crop beside this finding shows the place on the scan."
	}
	return nil
}

func whyNoImage(lp *loadedPage) string {
	if lp == nil {
		return "the document is not available to this report"
	}
	return plainImageError(lp.err)
}

// page loads (once) the page a finding's evidence stands on.
func (b *viewBuilder) page(f Finding, n int) *loadedPage {
	if b.src == nil {
		return nil
	}
	di := slices.IndexFunc(b.r.Documents, func(d Document) bool {
		return d.Path == f.Path && (f.Document == "" || d.Kind == f.Document)
	})
	if di < 0 {
		return nil
	}
	k := [2]int{di, n}
	if lp, ok := b.pages[k]; ok {
		return lp
	}
	if len(b.order) >= maxPages {
		return &loadedPage{err: &PageError{Reason: fmt.Sprintf("the report shows at most %d pages", maxPages), Err: errors.New("page budget spent")}}
	}
	d := b.r.Documents[di]
	lp := &loadedPage{id: fmt.Sprintf("document-%d-page-%d", di+1, n), path: d.Path,
		title: fmt.Sprintf("Page %d of %d of the %s %s", n, d.Pages, documentName(d.Kind), d.Path)}
	lp.pi, lp.err = b.src.Page(b.ctx, d, n)
	if lp.err == nil && (lp.pi == nil || lp.pi.Image == nil) {
		lp.err = fmt.Errorf("page image of %s: none given", d.Path)
	}
	if lp.err != nil {
		if b.log != nil {
			b.log(lp.err)
		}
	} else {
		lp.img = lp.pi.Covered()
	}
	b.pages[k] = lp
	b.order = append(b.order, k)
	return lp
}

// maxPages bounds the whole pages one report embeds (a scanned page is
// 40 to 120 KB): a report of many documents stays small enough to mail.
const maxPages = 16

// unplaced are findings about a document that name no place on it,
// whose reviewer still wants to see it: its first page is shown. A
// document that could not be admitted has no pages to show.
func (b *viewBuilder) unplaced() {
	for _, f := range b.r.Findings {
		if f.Path == "" || f.Evidence != nil && f.Evidence.Box != nil {
			continue
		}
		switch f.Code {
		case FileUnreadable, FileFormatNotAllowed, FileTooLarge:
			continue
		}
		b.page(f, 1)
	}
}

// redactedMark is what pipeline.redact puts where a secret stood.
const redactedMark = "[redacted]"

func coveredWithin(p *PageImage, box [4]float64) bool {
	for _, c := range p.Cover {
		if c[0] < box[2] && box[0] < c[2] && c[1] < box[3] && box[1] < c[3] {
			return true
		}
	}
	return false
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
