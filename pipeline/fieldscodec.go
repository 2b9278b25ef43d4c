package pipeline

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
)

// A fields object is the fields as JSON, then the text the rules look
// at in a binary form of its own: most of a document's cached bytes are
// word boxes, and JSON spends more time parsing their numbers than the
// rules spend on the whole document. Numbers are stored as their bits,
// so a box comes back exactly as extraction made it.
//
// The places are stored the same way: their values' boxes are most of
// what is left.
//
//	"pcf3" | uvarint len | JSON of DocFields | document and its pages |
//	the second reading and the regions, each flagged | places, each with its reading
var fieldsMagic = []byte("pcf3")

var errFieldsFormat = errors.New("cached fields: not in the fields format")

func encodeFields(f *DocFields) ([]byte, error) {
	if f.Text == nil {
		return nil, errors.New("cached fields: no text")
	}
	// The head is the readers' fields alone: the text follows in the
	// binary form, and JSON of it here would be parsed on every load only
	// to be replaced.
	head, err := json.Marshal(DocFields{Bill: f.Bill, LOA: f.LOA})
	if err != nil {
		return nil, err
	}
	var e fieldsEncoder
	e.b = append(e.b, fieldsMagic...)
	e.bytes(head)
	e.doc(f.Text)
	// A scan's later readings (extract.ReadAgain, ReadRegions): the
	// places found in them point at them.
	for _, r := range []*extract.Document{f.Text.Second, f.Text.Regions} {
		e.bool(r != nil)
		if r != nil {
			e.doc(r)
		}
	}
	e.places(f.Places, f.Text)
	return e.b, nil
}

func (e *fieldsEncoder) doc(d *extract.Document) {
	e.str(d.Name)
	e.str(d.SHA256)
	e.int(d.Bytes)
	e.str(d.MediaType)
	e.int(int64(d.PageCount))
	e.str(d.TextSource)
	e.int(int64(len(d.Pages)))
	for _, p := range d.Pages {
		e.int(int64(p.Number))
		e.float(p.Width)
		e.float(p.Height)
		e.str(p.TextSource)
		e.float(p.DPI)
		e.float(p.Confidence)
		e.words(p.Words)
		e.int(int64(len(p.Lines)))
		for _, l := range p.Lines {
			e.str(l.Text)
			e.box(l.Box)
			e.words(l.Words)
		}
	}
}

// Which reading a place's lines are in: the first, the second, the
// regions read alone.
const (
	inFirst = iota
	inSecond
	inRegions
)

// places in role order, so the same fields make the same bytes.
func (e *fieldsEncoder) places(ps map[fields.Role][]fields.Place, text *extract.Document) {
	if ps == nil {
		e.int(-1)
		return
	}
	rs := slices.Sorted(maps.Keys(ps))
	e.int(int64(len(rs)))
	for _, r := range rs {
		e.str(string(r))
		e.int(int64(len(ps[r])))
		for _, p := range ps[r] {
			e.str(p.Where)
			e.bool(p.Labelled)
			e.values(p.Lines)
			switch {
			case p.In != nil && p.In == text.Second:
				e.int(inSecond)
			case p.In != nil && p.In == text.Regions:
				e.int(inRegions)
			default:
				e.int(inFirst)
			}
		}
	}
}

func (e *fieldsEncoder) values(vs []fields.Value) {
	encodeList(e, vs, func(v fields.Value) {
		e.str(v.Text)
		e.int(int64(v.Page))
		e.box(v.Box)
		e.str(v.Label)
		e.float(v.Confidence)
	})
}

// encodeList writes a list's length, -1 for a nil list, then each item.
// A nil list comes back nil: the rules tell no items from an empty list
// only through len, but a report must come back byte for byte.
func encodeList[T any](e *fieldsEncoder, xs []T, item func(T)) {
	if xs == nil {
		e.int(-1)
		return
	}
	e.int(int64(len(xs)))
	for _, x := range xs {
		item(x)
	}
}

func (e *fieldsEncoder) bool(v bool) {
	if v {
		e.int(1)
	} else {
		e.int(0)
	}
}

func decodeFields(data []byte) (f *DocFields, err error) {
	if len(data) < len(fieldsMagic) || string(data[:len(fieldsMagic)]) != string(fieldsMagic) {
		return nil, errFieldsFormat
	}
	d := fieldsDecoder{b: data[len(fieldsMagic):]}
	d.all = string(d.b)
	f = &DocFields{}
	if err := json.Unmarshal(d.bytes(), f); err != nil {
		return nil, fmt.Errorf("cached fields: %w", err)
	}
	doc := d.doc()
	if d.int() == 1 {
		doc.Second = d.doc()
	}
	if d.int() == 1 {
		doc.Regions = d.doc()
	}
	f.Places = d.places(doc)
	if d.err != nil || len(d.b) != 0 {
		return nil, errFieldsFormat
	}
	f.Text = doc
	return f, nil
}

type fieldsEncoder struct{ b []byte }

func (e *fieldsEncoder) int(v int64) { e.b = binary.AppendVarint(e.b, v) }
func (e *fieldsEncoder) bytes(v []byte) {
	e.b = append(binary.AppendUvarint(e.b, uint64(len(v))), v...)
}
func (e *fieldsEncoder) str(s string) { e.b = append(binary.AppendUvarint(e.b, uint64(len(s))), s...) }
func (e *fieldsEncoder) float(v float64) {
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v))
}
func (e *fieldsEncoder) box(b extract.Box) {
	for _, v := range b {
		e.float(v)
	}
}

func (e *fieldsEncoder) words(ws []extract.Word) {
	encodeList(e, ws, func(w extract.Word) {
		e.str(w.Text)
		e.box(w.Box)
	})
}

// fieldsDecoder reads what fieldsEncoder wrote; the first fault sticks
// and every later read returns zero. Its strings are pieces of all, the
// bytes to read made a string once: a string made for each word was a
// third of decoding a document, and the caller may reuse the bytes.
type fieldsDecoder struct {
	b   []byte
	all string
	err error
}

func (d *fieldsDecoder) fail() { d.err, d.b = errFieldsFormat, nil }

func (d *fieldsDecoder) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count is a length, bounded by what is left to read, so a damaged
// object cannot ask for a huge allocation.
func (d *fieldsDecoder) count() int {
	v := d.int()
	if v < 0 || v > int64(len(d.b)) {
		if v != -1 {
			d.fail()
		}
		return 0
	}
	return int(v)
}

func (d *fieldsDecoder) bytes() []byte {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.fail()
		return nil
	}
	v := d.b[k : k+int(n)]
	d.b = d.b[k+int(n):]
	return v
}

func (d *fieldsDecoder) str() string {
	v := d.bytes()
	if d.err != nil {
		return ""
	}
	end := len(d.all) - len(d.b)
	return d.all[end-len(v) : end]
}

func (d *fieldsDecoder) float() float64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

func (d *fieldsDecoder) box() extract.Box {
	return extract.Box{d.float(), d.float(), d.float(), d.float()}
}

func (d *fieldsDecoder) words() []extract.Word {
	return decodeList(d, func() extract.Word {
		return extract.Word{Text: d.str(), Box: d.box()}
	})
}

// decodeList reads what encodeList wrote. The length is bounded by what
// is left to read, so a damaged object cannot ask for a huge allocation.
func decodeList[T any](d *fieldsDecoder, item func() T) []T {
	n := d.int()
	if n == -1 {
		return nil
	}
	if n < 0 || n > int64(len(d.b)) {
		d.fail()
		return nil
	}
	xs := make([]T, n)
	for i := range xs {
		xs[i] = item()
	}
	return xs
}

func (d *fieldsDecoder) doc() *extract.Document {
	doc := &extract.Document{Name: d.str(), SHA256: d.str(), Bytes: d.int(), MediaType: d.str(), PageCount: int(d.int()), TextSource: d.str()}
	doc.Pages = make([]extract.Page, d.count())
	for i := range doc.Pages {
		p := &doc.Pages[i]
		p.Number, p.Width, p.Height, p.TextSource, p.DPI, p.Confidence = int(d.int()), d.float(), d.float(), d.str(), d.float(), d.float()
		p.Words = d.words()
		if n := d.count(); n > 0 {
			p.Lines = make([]extract.Line, n)
		}
		for j := range p.Lines {
			p.Lines[j] = extract.Line{Text: d.str(), Box: d.box(), Words: d.words()}
		}
	}
	return doc
}

func (d *fieldsDecoder) places(text *extract.Document) map[fields.Role][]fields.Place {
	n := d.int()
	if n == -1 {
		return nil
	}
	if n < 0 || n > int64(len(d.b)) {
		d.fail()
		return nil
	}
	ps := make(map[fields.Role][]fields.Place, n)
	for range n {
		r := fields.Role(d.str())
		k := d.int()
		if k < 0 || k > int64(len(d.b)) {
			d.fail()
			return nil
		}
		var list []fields.Place
		if k > 0 {
			list = make([]fields.Place, k)
		}
		for i := range list {
			list[i] = fields.Place{Where: d.str(), Labelled: d.int() == 1, Lines: d.values()}
			switch d.int() {
			case inSecond:
				list[i].In = text.Second
			case inRegions:
				list[i].In = text.Regions
			}
		}
		ps[r] = list
	}
	return ps
}

func (d *fieldsDecoder) values() []fields.Value {
	return decodeList(d, func() fields.Value {
		return fields.Value{Text: d.str(), Page: int(d.int()), Box: d.box(), Label: d.str(), Confidence: d.float()}
	})
}
