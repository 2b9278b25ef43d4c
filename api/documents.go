package api

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"slices"
	"strconv"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
)

// putDocument streams the body under the upload limit to a temporary
// file while hashing it, sniffs what it really is from its first bytes,
// stores it by content and records it on the order. No upload is held
// whole in memory, however many arrive at once.
func (s *server) putDocument(w http.ResponseWriter, r *http.Request, tenant string) {
	id, name, kind := r.PathValue("id"), r.PathValue("name"), r.URL.Query().Get("kind")
	if !validKind(kind) {
		writeError(w, http.StatusBadRequest, "invalid_kind", "kind: one of bill, loa, csr, id, other")
		return
	}
	if _, err := s.Records.Meta(r.Context(), tenant, id); err != nil {
		s.storeError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxUpload)
	up, err := spool(r)
	if up != nil {
		defer up.close()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("documents are limited to %d bytes", s.MaxUpload))
		return
	case errors.Is(err, errSpool):
		s.storeError(w, r, err)
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad_body", "could not read the upload")
		return
	case up.size == 0:
		writeError(w, http.StatusBadRequest, "empty", "the upload is empty")
		return
	}
	media := extract.Sniff(up.head)
	if media == extract.MediaUnknown {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_type", "the content is not a PDF or an image, whatever its Content-Type or name")
		return
	}
	if _, err := up.file.Seek(0, io.SeekStart); err != nil {
		s.storeError(w, r, fmt.Errorf("%w: %w", errSpool, err))
		return
	}
	if _, err := storage.PutDocumentSum(r.Context(), s.Records.Store, up.sum, up.file); err != nil {
		s.storeError(w, r, err)
		return
	}
	ref := records.DocRef{Name: name, Kind: kind, SHA256: up.sum, Bytes: up.size, MediaType: media}
	if _, err := s.Records.AddDocument(r.Context(), tenant, id, ref); err != nil {
		s.storeError(w, r, err)
		return
	}
	if err := s.restore(r, up); err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ref)
}

// sniffBytes is how much of an upload Sniff sees: a PDF's header may
// stand after some junk, never this far.
const sniffBytes = 64 << 10

// errSpool: the server could not write its temporary file (a disk
// fault, not the client's).
var errSpool = errors.New("spool upload")

// upload is a document spooled to a temporary file.
type upload struct {
	file *os.File
	sum  string
	size int64
	head []byte
}

func (u *upload) close() {
	u.file.Close()
	os.Remove(u.file.Name())
}

// spool copies the upload to a temporary file, hashing it on the way.
func spool(r *http.Request) (*upload, error) {
	body, err := uploadBody(r)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	f, err := os.CreateTemp("", "portcheck-upload-*")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errSpool, err)
	}
	u := &upload{file: f}
	h := sha256.New()
	head := &prefix{max: sniffBytes}
	u.size, err = io.Copy(io.MultiWriter(f, h, head), body)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%w: %w", errSpool, err)
		}
		return u, err
	}
	u.sum, u.head = hex.EncodeToString(h.Sum(nil)), head.b
	return u, nil
}

// prefix keeps the first max bytes written to it.
type prefix struct {
	b   []byte
	max int
}

func (p *prefix) Write(b []byte) (int, error) {
	if n := p.max - len(p.b); n > 0 {
		p.b = append(p.b, b[:min(n, len(b))]...)
	}
	return len(b), nil
}

// uploadBody is the document's bytes: the raw body, or the first file
// part of a multipart/form-data body. Either way it streams through the
// size limit already set on r.Body.
func uploadBody(r *http.Request) (io.ReadCloser, error) {
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if media != "multipart/form-data" {
		return r.Body, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, err // io.EOF: no file part
		}
		if part.FileName() != "" || part.FormName() == "file" {
			return part, nil
		}
		part.Close()
	}
}

func validKind(k string) bool {
	for _, v := range order.Kinds {
		if string(v) == k {
			return true
		}
	}
	return false
}

// getDocument answers the document as uploaded, with the media type
// its content showed, its length, and its SHA-256 as the ETag.
func (s *server) getDocument(w http.ResponseWriter, r *http.Request, tenant string) {
	m, err := s.Records.Meta(r.Context(), tenant, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	i := slices.IndexFunc(m.Documents, func(d records.DocRef) bool { return d.Name == r.PathValue("name") })
	if i < 0 {
		s.storeError(w, r, records.ErrNoDocument)
		return
	}
	d := m.Documents[i]
	tag := `"` + d.SHA256 + `"`
	w.Header().Set("ETag", tag)
	if r.Header.Get("If-None-Match") == tag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	rc, err := s.Records.Store.Get(r.Context(), storage.DocumentKey(d.SHA256))
	if err != nil {
		s.storeError(w, r, fmt.Errorf("document %s: %w", d.Name, err))
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", d.MediaType)
	w.Header().Set("Content-Length", strconv.FormatInt(d.Bytes, 10))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Name}))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.Copy(w, rc)
	}
}

// deleteDocument removes a document from the order; the report made
// with it turns stale.
func (s *server) deleteDocument(w http.ResponseWriter, r *http.Request, tenant string) {
	if _, err := s.Records.DeleteDocument(r.Context(), tenant, r.PathValue("id"), r.PathValue("name")); err != nil {
		s.storeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// restore stores the upload again if its content went while it was
// being recorded: another order's deletion released the same bytes
// after this upload found them stored and before its reference counted.
func (s *server) restore(r *http.Request, up *upload) error {
	_, err := s.Records.Store.Stat(r.Context(), storage.DocumentKey(up.sum))
	if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	if _, err := up.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("%w: %w", errSpool, err)
	}
	_, err = storage.PutDocumentSum(r.Context(), s.Records.Store, up.sum, up.file)
	return err
}
