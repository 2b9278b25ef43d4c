package review

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pageimage"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
)

// maxPagesShown bounds the pages of one document the order page shows
// (besides those a finding stands on): a 200-page bill is downloaded,
// not scrolled.
const maxPagesShown = 30

type orderView struct {
	Meta      records.Meta
	Report    *report.Report
	Findings  []findingView
	Documents []documentView
	Accepted  int
}

type findingView struct {
	report.Explained
	N              int
	ID, Key        string
	BoxID, PageID  string // where its box is drawn, when its page is shown
	PageTitle      string
	Error, Comment string // a refused decision, with the comment typed
	CommentID      string
}

type documentView struct {
	N                int
	Doc              report.Document
	Title, Download  string
	Pages            []pageView
	Hidden           int    // pages not shown
	NoImages         string // why no page is shown
	ChangedSinceRead bool
}

type pageView struct {
	ID, Title, Src, Alt string
	Width, Height       float64 // points: the unit of the boxes
	ImgW, ImgH          int
	Boxes               []boxView
}

type boxView struct {
	ID, Finding, Severity, Title string
	N                            int
	X, Y, W, H                   float64
	LabelX, LabelY               float64 // the finding's number, left of the box (right of it at the page's edge)
	Anchor                       string  // how the number stands at LabelX
}

// formError is a decision the store refused, shown on its finding.
type formError struct {
	key, msg, comment string
}

func (s *server) orderPage(w http.ResponseWriter, r *http.Request, sess *session) {
	s.showOrder(w, r, sess, http.StatusOK, nil)
}

func (s *server) showOrder(w http.ResponseWriter, r *http.Request, sess *session, status int, fe *formError) {
	id := r.PathValue("id")
	o, m, err := s.Records.Load(r.Context(), sess.Tenant, id)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	v := &orderView{Meta: m}
	if m.HasReport() {
		rep, m2, err := s.Records.LatestReport(r.Context(), sess.Tenant, id)
		if err != nil {
			s.fail(w, r, sess, err)
			return
		}
		v.Meta, v.Report = m2, rep
		s.fillReport(r.Context(), v, o, fe)
	}
	s.render(w, status, "order.html", page{Title: "Order " + m.ID, Session: sess, Data: v})
}

func (s *server) fillReport(ctx context.Context, v *orderView, o *order.Order, fe *formError) {
	rep := v.Report
	pages := s.pageSource(ctx, v.Meta, o)
	for i, d := range rep.Documents {
		v.Documents = append(v.Documents, s.document(ctx, v.Meta, pages, i, d, rep))
	}
	for i, f := range rep.Findings {
		fv := findingView{Explained: report.Explain(f, o.Written), N: i + 1, ID: fmt.Sprintf("finding-%d", i+1),
			Key: records.KeyOf(rep, f).String(), CommentID: fmt.Sprintf("comment-%d", i+1)}
		if fe != nil && fe.key == fv.Key {
			fv.Error, fv.Comment = fe.msg, fe.comment
		}
		if f.Accepted != nil {
			v.Accepted++
		}
		placeBox(&fv, v.Documents, rep)
		v.Findings = append(v.Findings, fv)
	}
}

// placeBox draws the finding's evidence box on its page, if the page is
// shown.
func placeBox(fv *findingView, docs []documentView, rep *report.Report) {
	if !fv.Boxed() {
		return
	}
	di := slices.IndexFunc(rep.Documents, func(d report.Document) bool {
		return d.Path == fv.Path && (fv.Document == "" || d.Kind == fv.Document)
	})
	if di < 0 {
		return
	}
	for pi := range docs[di].Pages {
		p := &docs[di].Pages[pi]
		if p.ID != pageID(di, fv.Evidence.Page) {
			continue
		}
		b := fv.Evidence.Box
		fv.BoxID, fv.PageID, fv.PageTitle = fmt.Sprintf("box-%d", fv.N), p.ID, p.Title
		labelX, anchor := b[0]-3, "end"
		if labelX < 12 {
			labelX, anchor = b[2]+3, "start"
		}
		p.Boxes = append(p.Boxes, boxView{ID: fv.BoxID, Finding: fv.ID, Severity: string(fv.Severity), N: fv.N,
			Title: fmt.Sprintf("Finding %d: %s", fv.N, fv.Code), X: b[0], Y: b[1], W: b[2] - b[0], H: b[3] - b[1], LabelX: labelX, LabelY: b[1] + 9, Anchor: anchor})
	}
}

func pageID(doc, page int) string { return fmt.Sprintf("doc-%d-page-%d", doc+1, page) }

// document lists the pages of one document of the report that the page
// shows: the first maxPagesShown and every page a finding stands on.
func (s *server) document(ctx context.Context, m records.Meta, pages pageimage.Pages, i int, d report.Document, rep *report.Report) documentView {
	dv := documentView{N: i + 1, Doc: d, Title: documentTitle(d)}
	current := slices.IndexFunc(m.Documents, func(x records.DocRef) bool { return x.Name == d.Path })
	switch {
	case current < 0:
		dv.NoImages = "This document was removed from the order since the report was made."
		return dv
	case m.Documents[current].SHA256 != d.SHA256:
		dv.ChangedSinceRead = true
		dv.NoImages = "A new file was uploaded under this name since the report was made: ask for a check again to see it here."
		return dv
	}
	dv.Download = fmt.Sprintf("/review/orders/%s/documents/%s", url.PathEscape(m.ID), url.PathEscape(d.Path))
	doc, ok := s.extraction(ctx, d.SHA256)
	if !ok {
		dv.NoImages = "The pages cannot be shown until the order is checked again (its reading was made by an older version). Download the document to see it."
		return dv
	}
	for _, n := range shownPages(len(doc.Pages), d, rep) {
		pv, ok := s.pageOf(ctx, m, pages, i, d, doc, n)
		if ok {
			dv.Pages = append(dv.Pages, pv)
		}
	}
	dv.Hidden = len(doc.Pages) - len(dv.Pages)
	if len(dv.Pages) == 0 && len(doc.Pages) > 0 {
		dv.NoImages = "The page images cannot be made for this document. Download it to see it."
	}
	return dv
}

func shownPages(count int, d report.Document, rep *report.Report) []int {
	var ns []int
	for n := 1; n <= min(count, maxPagesShown); n++ {
		ns = append(ns, n)
	}
	for _, f := range rep.Findings {
		if f.Path == d.Path && f.Evidence != nil && f.Evidence.Page > maxPagesShown && f.Evidence.Page <= count && !slices.Contains(ns, f.Evidence.Page) {
			ns = append(ns, f.Evidence.Page)
		}
	}
	slices.Sort(ns)
	return ns
}

func (s *server) pageOf(ctx context.Context, m records.Meta, pages pageimage.Pages, i int, d report.Document, doc *extract.Document, n int) (pageView, bool) {
	p := doc.Pages[n-1]
	w, h := p.Width, p.Height
	if w <= 0 || h <= 0 { // an image OCR did not read: its size is its image's
		pi, err := pages.Page(ctx, d, n)
		if err != nil {
			s.Log.Info("review: page size", "order", m.ID, "document", d.Path, "page", n, "error", err)
			return pageView{}, false
		}
		w, h = pi.Width, pi.Height
	}
	title := fmt.Sprintf("page %d of %d of the %s", n, len(doc.Pages), documentTitle(d))
	imgH := max(1, int(float64(pageimage.DefaultWidth)*h/w+0.5))
	return pageView{ID: pageID(i, n), Title: title, Width: w, Height: h, ImgW: pageimage.DefaultWidth, ImgH: imgH,
		Src: fmt.Sprintf("/review/orders/%s/pages/%d/%d?v=%.12s", url.PathEscape(m.ID), i+1, n, d.SHA256),
		Alt: title + ". Secrets printed on it are painted out."}, true
}

func documentTitle(d report.Document) string {
	name := order.Kind(d.Kind).Name()
	if d.Path != "" {
		return name + " " + d.Path
	}
	return name
}

// decisionError words a refused decision for the reviewer.
func decisionError(err error) string {
	switch {
	case errors.Is(err, records.ErrBadDecision):
		return fmt.Sprintf("Say in a comment (at most %d characters) why the carrier will take it.", records.MaxComment)
	case errors.Is(err, records.ErrNoFinding):
		return "The order was checked again since this page was shown, and this finding is not in the new report."
	}
	return ""
}
