package review

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/jpeg"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pageimage"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
)

// extractions keeps the last few extractions read, by content: the
// order page and each of its page images need the same one, and a
// large document's is megabytes of JSON.
type extractions struct {
	mu   sync.Mutex
	docs map[string]*extract.Document
}

const keptExtractions = 16

func newExtractions() *extractions { return &extractions{docs: map[string]*extract.Document{}} }

// extraction is the document's extraction as the worker cached it
// (pipeline.StoreCache): its page sizes are the unit of the report's
// boxes.
func (s *server) extraction(ctx context.Context, sum string) (*extract.Document, bool) {
	kept := s.extractions
	kept.mu.Lock()
	doc, ok := kept.docs[sum]
	kept.mu.Unlock()
	if ok {
		return doc, true
	}
	doc, ok = pipeline.StoreCache{Store: s.Records.Store}.Load(ctx, sum)
	if !ok {
		return nil, false
	}
	kept.mu.Lock()
	defer kept.mu.Unlock()
	if len(kept.docs) >= keptExtractions {
		clear(kept.docs)
	}
	kept.docs[sum] = doc
	return doc, true
}

// pageSource gives the page images of an order's documents, cached in
// the store beside the extractions, with the order's PINs to paint out.
func (s *server) pageSource(ctx context.Context, m records.Meta, o *order.Order) pageimage.Pages {
	return pageimage.Pages{
		Docs:      s.Records.Documents(m),
		Extracted: func(sum string) (*extract.Document, bool) { return s.extraction(ctx, sum) },
		Renderer:  s.Renderer,
		Cache:     &pageimage.Cache{Store: s.Records.Store},
		Secrets:   o.Secrets(),
	}
}

// pageImage serves one page of a document of the order's latest report
// as a JPEG with its secrets painted out. Another tenant's order is 404.
func (s *server) pageImage(w http.ResponseWriter, r *http.Request, sess *session) {
	ctx := r.Context()
	o, m, err := s.Records.Load(ctx, sess.Tenant, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	rep, _, err := s.Records.LatestReport(ctx, sess.Tenant, m.ID)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	di, err1 := strconv.Atoi(r.PathValue("doc"))
	n, err2 := strconv.Atoi(r.PathValue("page"))
	if err1 != nil || err2 != nil || di < 1 || di > len(rep.Documents) || n < 1 || n > rep.Documents[di-1].Pages {
		s.notFound(w, r, sess)
		return
	}
	select {
	case s.renders <- struct{}{}:
		defer func() { <-s.renders }()
	case <-ctx.Done():
		return
	}
	pi, err := s.pageSource(ctx, m, o).Page(ctx, rep.Documents[di-1], n)
	if err != nil {
		s.Log.Info("review: page image", "order", m.ID, "document", di, "page", n, "error", pipeline.Scrub(err.Error()))
		http.Error(w, "this page image cannot be shown", http.StatusNotFound)
		return
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, pi.Covered(), &jpeg.Options{Quality: 85}); err != nil {
		http.Error(w, "this page image cannot be shown", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(b.Bytes())
}

// download sends a document of the order as uploaded.
func (s *server) download(w http.ResponseWriter, r *http.Request, sess *session) {
	m, err := s.Records.Meta(r.Context(), sess.Tenant, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	name := r.PathValue("name")
	i := slices.IndexFunc(m.Documents, func(d records.DocRef) bool { return d.Name == name })
	if i < 0 {
		s.notFound(w, r, sess)
		return
	}
	d := m.Documents[i]
	rc, err := s.Records.Store.Get(r.Context(), storage.DocumentKey(d.SHA256))
	if errors.Is(err, storage.ErrNotFound) {
		s.notFound(w, r, sess)
		return
	}
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", d.MediaType)
	w.Header().Set("Content-Length", strconv.FormatInt(d.Bytes, 10))
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if disposition == "" { // a name no header can carry
		disposition = "attachment"
	}
	w.Header().Set("Content-Disposition", disposition)
	if _, err := io.Copy(w, rc); err != nil {
		s.Log.Info("review: download cut", "order", m.ID, "error", fmt.Sprint(err))
	}
}
