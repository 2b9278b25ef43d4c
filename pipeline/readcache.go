package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/storage"
)

// ReaderVersion names what the readers (package fields) make of a text;
// change it whenever a reader or fields.Places may read a document
// differently, so fields cached by the old readers are read again.
const ReaderVersion = "2026-12-02.9"

// DocFields is what a re-check needs of one document once it has been
// read: the fields its reader produced, with their evidence, where each
// role's value stands (fields.Places), and the text the rules still look
// at (lines and words; no marks, and a text-layer page's words only
// through its lines). A re-check from it runs the rules, not the readers.
type DocFields struct {
	Text   *extract.Document              `json:"text"`
	Bill   *fields.Bill                   `json:"bill,omitempty"`
	LOA    *fields.LOA                    `json:"loa,omitempty"`
	Places map[fields.Role][]fields.Place `json:"-"` // stored apart too
}

// FieldsKey names one document's fields: its content, the reader that
// read it and the region numbers were read in.
type FieldsKey struct {
	SHA256, Reader, Region string
}

// FieldsCache keeps DocFields. Load's errors are a miss; Save's are
// ignored, as with Cache.
type FieldsCache interface {
	LoadFields(ctx context.Context, k FieldsKey) (*DocFields, bool)
	SaveFields(ctx context.Context, k FieldsKey, f *DocFields) error
}

// StoreFields is a FieldsCache in a storage.Store, under
// fields/<extractor>+<reader>/<sha256>-<reader>-<region>.json, beside the
// extractions.
type StoreFields struct{ Store storage.Store }

var _ FieldsCache = StoreFields{}

func fieldsKey(k FieldsKey) string {
	return "fields/" + ExtractorVersion + "+" + ReaderVersion + "/" + k.SHA256 + "-" + k.Reader + "-" + safeRegion(k.Region) + ".json"
}

// safeRegion keeps a key a key whatever an order says its country is.
func safeRegion(r string) string {
	if r == "" {
		return "none"
	}
	return strings.Map(func(c rune) rune {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return c
		}
		return '_'
	}, r)
}

// LoadFields returns a document's cached fields.
func (c StoreFields) LoadFields(ctx context.Context, k FieldsKey) (*DocFields, bool) {
	rc, err := c.Store.Get(ctx, fieldsKey(k))
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	buf := readBuffers.Get().(*bytes.Buffer)
	defer readBuffers.Put(buf)
	buf.Reset()
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, false
	}
	f, err := decodeFields(buf.Bytes()) // keeps none of the bytes
	return f, err == nil
}

// readBuffers hold a fields object while it is decoded: growing a new
// buffer for each was a sixth of loading a document's fields.
var readBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// SaveFields stores a document's fields.
func (c StoreFields) SaveFields(ctx context.Context, k FieldsKey, f *DocFields) error {
	data, err := encodeFields(f)
	if err != nil {
		return fmt.Errorf("cache fields: %w", err)
	}
	if err := c.Store.Put(ctx, fieldsKey(k), bytes.NewReader(data)); err != nil {
		return fmt.Errorf("cache fields: %w", err)
	}
	return nil
}

// readerOf names the reader of a document kind; kinds that are not read
// still keep their text, which the rules look through.
func readerOf(k order.Kind) string {
	switch k {
	case order.KindBill, order.KindCSR:
		return "bill"
	case order.KindLOA:
		return "loa"
	}
	return "none"
}

// roles are every fields.Role the rules ask places of.
var roles = []fields.Role{
	fields.RoleAccountName, fields.RoleAccountNumber, fields.RoleServiceAddress,
	fields.RoleBTN, fields.RoleSigner, fields.RoleCarrier,
}

// newDocFields keeps what the rules need of a read: its places are
// found on the whole text, before the text is cut to what the rules
// look at.
func newDocFields(text *extract.Document, bill *fields.Bill, loa *fields.LOA) *DocFields {
	f := &DocFields{Text: forRules(text), Bill: bill, LOA: loa, Places: map[fields.Role][]fields.Place{}}
	for _, r := range roles {
		f.Places[r] = fields.Places(text, r)
	}
	return f
}

// forRules is the text without what only the readers look at: marks
// and the words' fonts (signatures), and a text-layer page's own word
// list, which its lines hold again. An OCR page keeps its words: lines
// are split again from them.
func forRules(doc *extract.Document) *extract.Document {
	cp := *doc
	cp.Pages = make([]extract.Page, len(doc.Pages))
	for i, p := range doc.Pages {
		p.Marks = nil
		if p.TextSource == extract.SourceOCR {
			p.Words = plainWords(p.Words)
		} else {
			p.Words = nil
		}
		p.Lines = slices.Clone(p.Lines)
		for j := range p.Lines {
			p.Lines[j].Words = plainWords(p.Lines[j].Words)
		}
		cp.Pages[i] = p
	}
	return &cp
}

func plainWords(ws []extract.Word) []extract.Word {
	out := make([]extract.Word, len(ws))
	for i, w := range ws {
		out[i] = extract.Word{Text: w.Text, Box: w.Box}
	}
	return out
}

// Digests is a Documents that knows each document's SHA-256 without
// reading it (records keep it from the upload), so a re-check with
// cached fields never reads the file.
type Digests interface {
	Digest(key string) (string, bool)
}
