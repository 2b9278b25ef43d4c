package pipeline

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// digested is an order folder that knows its documents' digests, as the
// service's records do.
type digested struct {
	*storage.FS
	sums map[string]string
}

func (d digested) Digest(key string) (string, bool) {
	s, ok := d.sums[key]
	return s, ok
}

func withDigests(t testing.TB, docs *storage.FS, paths []string) digested {
	t.Helper()
	d := digested{FS: docs, sums: map[string]string{}}
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(docs.Dir(), p))
		if err != nil {
			continue // a missing document: the check says so
		}
		d.sums[p] = digest(data)
	}
	return d
}

// countingFields counts the cache's hits.
type countingFields struct {
	StoreFields
	hits, saves int
}

func (c *countingFields) LoadFields(ctx context.Context, k FieldsKey) (*DocFields, bool) {
	f, ok := c.StoreFields.LoadFields(ctx, k)
	if ok {
		c.hits++
	}
	return f, ok
}

func (c *countingFields) SaveFields(ctx context.Context, k FieldsKey, f *DocFields) error {
	c.saves++
	return c.StoreFields.SaveFields(ctx, k, f)
}

func reportJSON(t *testing.T, r *report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// eachSampleOrder runs f as a subtest of each sample order of
// testdata/orders, with its documents and their digests; scans only
// where Tesseract is (PORTCHECK_REQUIRE_SERVICES=1 requires it), and
// with -short scan-clean alone stands for them.
func eachSampleOrder(t *testing.T, f func(t *testing.T, o *order.Order, docs digested, scan bool)) {
	t.Helper()
	dirs, err := filepath.Glob("../testdata/orders/*/order.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no sample orders: %v", err)
	}
	_, tessErr := exec.LookPath("tesseract")
	if tessErr != nil && os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
		t.Fatal("tesseract is required (PORTCHECK_REQUIRE_SERVICES=1)")
	}
	for _, path := range dirs {
		name := filepath.Base(filepath.Dir(path))
		scan := strings.HasPrefix(name, "scan-") || name == "illegible-scan"
		t.Run(name, func(t *testing.T) {
			if scan && (tessErr != nil || testing.Short() && name != "scan-clean") {
				t.Skip("OCR: tesseract missing, or -short (scan-clean stands for the scans)")
			}
			o, fsDocs := loadOrder(t, name)
			var paths []string
			for _, d := range o.Documents {
				paths = append(paths, d.Path)
			}
			f(t, o, withDigests(t, fsDocs, paths), scan)
		})
	}
}

// TestCachedFieldsSameReport: a re-check from cached fields makes the
// very report a check that reads every document makes, byte for byte,
// for every sample order (scans among them when Tesseract is here).
func TestCachedFieldsSameReport(t *testing.T) {
	eachSampleOrder(t, func(t *testing.T, o *order.Order, docs digested, scan bool) {
		store, err := storage.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		cfg := Config{AsOf: asOf, Cache: StoreCache{Store: store}}
		if scan {
			cfg.OCR = ocr.Process{}
		}
		fresh, ferr := Check(context.Background(), o, docs, cfg)
		fc := &countingFields{StoreFields: StoreFields{Store: store}}
		cfg.Fields = fc
		for _, pass := range []string{"cold", "warm"} {
			got, err := Check(context.Background(), o, docs, cfg)
			if (err == nil) != (ferr == nil) {
				t.Fatalf("%s: err %v, fresh check's %v", pass, err, ferr)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(fresh, got); diff != "" {
				t.Errorf("%s report differs (-fresh +%s):\n%s", pass, pass, diff)
			}
			if !bytes.Equal(reportJSON(t, fresh), reportJSON(t, got)) {
				t.Errorf("%s report's JSON differs from the fresh check's", pass)
			}
		}
		if fc.hits != fc.saves {
			t.Errorf("fields saved for %d documents, read back for %d", fc.saves, fc.hits)
		}
	})
}

// TestStaleFieldsReadAgain: fields cached under another reader version,
// or unreadable, are not used; the document is read again and its
// fields stored afresh.
func TestStaleFieldsReadAgain(t *testing.T) {
	o, fsDocs := loadOrder(t, "clean")
	docs := withDigests(t, fsDocs, []string{o.Documents[0].Path, o.Documents[1].Path})
	store, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{AsOf: asOf, Cache: StoreCache{Store: store}, Fields: StoreFields{Store: store}}
	want, err := Check(context.Background(), o, docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := docs.Digest(o.Documents[0].Path)
	k := FieldsKey{SHA256: sum, Reader: "bill", Region: o.Region()}
	// What an older reader read: another account name. It sits under
	// the older version's key, and the current key holds garbage.
	old := &DocFields{Text: &extract.Document{Pages: []extract.Page{{Number: 1, TextSource: extract.SourceTextLayer}}}}
	var b bytes.Buffer
	if err := report.WriteJSON(&b, old); err != nil {
		t.Fatal(err)
	}
	cur := fieldsKey(k)
	stale := strings.Replace(cur, "+"+ReaderVersion+"/", "+1999-01-01.1/", 1)
	for key, data := range map[string][]byte{stale: b.Bytes(), cur: []byte("{not json")} {
		if err := store.Put(context.Background(), key, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Check(context.Background(), o, docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report over stale fields differs (-want +got):\n%s", diff)
	}
	if _, ok := (StoreFields{Store: store}).LoadFields(context.Background(), k); !ok {
		t.Error("the fields read again were not stored under the current version")
	}
}

// TestFieldsCodec: the text comes back exactly, and a damaged object
// is a miss, never a panic or a huge allocation.
func TestFieldsCodec(t *testing.T) {
	text := &extract.Document{Name: "bill.pdf", SHA256: "ab", Bytes: 10, MediaType: "application/pdf", PageCount: 2, TextSource: extract.SourceTextLayer,
		Pages: []extract.Page{
			{Number: 1, Width: 612, Height: 792, TextSource: extract.SourceTextLayer, Lines: []extract.Line{{Text: "Account 12", Box: extract.Box{1.1, 2, 3.3000000000000003, 4}, Words: []extract.Word{{Text: "Account", Box: extract.Box{1.1, 2, 2, 4}}, {Text: "12", Box: extract.Box{2.5, 2, 3.3000000000000003, 4}}}}}},
			{Number: 2, TextSource: extract.SourceOCR, DPI: 300, Confidence: 91.5, Words: []extract.Word{{Text: "x", Box: extract.Box{0, 0, 1, 1}}}},
		}}
	want := &DocFields{Text: text, Bill: &fields.Bill{AccountNumber: fields.Value{Text: "12", Page: 1, Confidence: 0.9}},
		Places: map[fields.Role][]fields.Place{
			fields.RoleAccountNumber: {{Where: `beside "Account" (page 1)`, Labelled: true, Lines: []fields.Value{{Text: "12", Page: 1, Box: extract.Box{2.5, 2, 3.3000000000000003, 4}, Label: "Account", Confidence: 0.9}}}},
			fields.RoleBTN:           nil,
		}}
	// A scan's second reading and regions read alone, and places in each.
	second := &extract.Document{Name: "bill.pdf", TextSource: extract.SourceOCR, Pages: []extract.Page{{Number: 2, TextSource: extract.SourceOCR, Words: []extract.Word{{Text: "y", Box: extract.Box{0, 0, 2, 2}}}}}}
	regions := &extract.Document{Name: "bill.pdf", TextSource: extract.SourceOCR, Pages: []extract.Page{{Number: 2, Lines: []extract.Line{{Text: "1 Main St", Box: extract.Box{5, 5, 9, 6}}}}}}
	text.Second, text.Regions = second, regions
	want.Places[fields.RoleServiceAddress] = []fields.Place{
		{Where: "page 2, read again", Lines: []fields.Value{{Text: "y", Page: 2}}, In: second},
		{Where: "page 2, region", Lines: []fields.Value{{Text: "1 Main St", Page: 2}}, In: regions},
	}
	data, err := encodeFields(want)
	if err != nil {
		t.Fatal(err)
	}
	// The text is kept once, in the binary form: JSON of it in the head
	// would be parsed on every load.
	if bytes.Contains(data, []byte(`"Pages"`)) || bytes.Contains(data, []byte(`"Account 12"`)) {
		t.Errorf("the head holds the text as JSON: %q", data)
	}
	got, err := decodeFields(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if p := got.Places[fields.RoleServiceAddress]; p[0].In != got.Text.Second || p[1].In != got.Text.Regions {
		t.Error("decoded places do not point at the decoded readings")
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"json", []byte(`{"bill":{}}`)},
		{"cut short", data[:len(data)-3]},
		{"trailing bytes", append(append([]byte(nil), data...), 0)},
		{"huge count", append(append([]byte(nil), data[:len(data)-40]...), 0xfe, 0xff, 0xff, 0xff, 0x0f)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f, err := decodeFields(tt.data); err == nil {
				t.Errorf("decoded %+v from a damaged object", f)
			}
		})
	}
}

// TestFieldsCodecCoversTypes: the binary form names each field it
// keeps (or drops on purpose: fonts, marks). A field added to one of
// these types fails here until fieldscodec.go keeps it or says why not.
func TestFieldsCodecCoversTypes(t *testing.T) {
	tests := []struct {
		typ  reflect.Type
		want []string
	}{
		{reflect.TypeFor[extract.Document](), []string{"Name", "SHA256", "Bytes", "MediaType", "PageCount", "Pages", "TextSource", "Second", "Regions"}},
		{reflect.TypeFor[extract.Page](), []string{"Number", "Width", "Height", "Words", "Lines", "Marks", "TextSource", "DPI", "Confidence"}},
		{reflect.TypeFor[extract.Line](), []string{"Text", "Words", "Box"}},
		{reflect.TypeFor[extract.Word](), []string{"Text", "Box", "Font", "Script"}},
		{reflect.TypeFor[fields.Place](), []string{"Where", "Labelled", "Lines", "In"}},
		{reflect.TypeFor[fields.Value](), []string{"Text", "Page", "Box", "Label", "Confidence"}},
	}
	for _, tt := range tests {
		t.Run(tt.typ.Name(), func(t *testing.T) {
			var got []string
			for f := range tt.typ.Fields() {
				got = append(got, f.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s changed (-codec knows +type has); update fieldscodec.go and ReaderVersion:\n%s", tt.typ, diff)
			}
		})
	}
}
