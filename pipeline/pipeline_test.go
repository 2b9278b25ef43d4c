package pipeline

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

var asOf = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func loadOrder(t testing.TB, dir string) (*order.Order, *storage.FS) {
	t.Helper()
	path := filepath.Join("../testdata/orders", dir, "order.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o, err := order.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := storage.NewLocalFS(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	return o, docs
}

// failing is a store whose reads fail the way a network store does.
type failing struct {
	*storage.FS
	err error
}

func (f failing) Get(ctx context.Context, key string) (io.ReadCloser, error) { return nil, f.err }

func TestCheckErrors(t *testing.T) {
	o, docs := loadOrder(t, "clean")
	transient := errors.New("connection reset")
	tests := []struct {
		name      string
		docs      Documents
		edit      func(*order.Order)
		permanent bool
	}{
		{"missing document", docs, func(o *order.Order) { o.Documents[0].Path = "nope.pdf" }, true},
		{"store fails", failing{docs, transient}, func(*order.Order) {}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oc := *o
			oc.Documents = append([]order.Document(nil), o.Documents...)
			tt.edit(&oc)
			_, err := Check(context.Background(), &oc, tt.docs, Config{AsOf: asOf})
			var de *DocumentError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a *DocumentError", err)
			}
			if IsPermanent(err) != tt.permanent {
				t.Errorf("IsPermanent(%v) = %v, want %v", err, !tt.permanent, tt.permanent)
			}
		})
	}
	if _, err := Check(context.Background(), o, docs, Config{}); err == nil {
		t.Error("a config without as-of was accepted")
	}
}

func TestRedact(t *testing.T) {
	o := &order.Order{PIN: order.NewSecret("0100"), Numbers: []order.Number{{Number: "+12175550100", PIN: order.NewSecret("9921")}}}
	rep := &report.Report{Findings: []report.Finding{{
		Message:  "PIN 0100 and 9921 and SSN 123-45-6789 near +12175550100",
		Evidence: &report.Evidence{Text: "Passcode: 9921"},
	}}, Documents: []report.Document{{Fields: &report.Fields{AccountNumber: "123-45-6789"}}}}
	redact(rep, o)
	got := rep.Findings[0].Message + " | " + rep.Findings[0].Evidence.Text + " | " + rep.Documents[0].Fields.AccountNumber
	want := "PIN [redacted] and [redacted] and SSN [redacted] near +12175550100 | Passcode: [redacted] | [redacted]"
	if got != want {
		t.Errorf("redact:\n got %s\nwant %s", got, want)
	}
}

func TestTimeoutIsAFinding(t *testing.T) {
	o, docs := loadOrder(t, "too-many-pages")
	o.Documents = o.Documents[:1]
	rep, err := Check(context.Background(), o, docs, Config{AsOf: asOf, DocumentTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Code == report.FileUnreadable && strings.Contains(f.Found, "took longer than") {
			return
		}
	}
	t.Errorf("a document past its time bound is not FILE_UNREADABLE: %+v", rep.Findings)
}

// BenchmarkCheck is one whole check of a three-page text-layer bill and
// an LOA: admission, text, fields, rules and the report.
func BenchmarkCheck(b *testing.B) {
	o, docs := loadOrder(b, "clean-call-detail")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(context.Background(), o, docs, Config{AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
}

// countingCache counts what the pipeline asks of it.
type countingCache struct {
	StoreCache
	loads, hits, saves int
}

func (c *countingCache) Load(ctx context.Context, sum string) (*extract.Document, bool) {
	c.loads++
	d, ok := c.StoreCache.Load(ctx, sum)
	if ok {
		c.hits++
	}
	return d, ok
}

func (c *countingCache) Save(ctx context.Context, sum string, d *extract.Document) error {
	c.saves++
	return c.StoreCache.Save(ctx, sum, d)
}

// TestCacheSkipsExtraction: a second check of the same documents reads
// the cached extractions and makes the same report.
func TestCacheSkipsExtraction(t *testing.T) {
	o, docs := loadOrder(t, "clean")
	store, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cache := &countingCache{StoreCache: StoreCache{Store: store}}
	cfg := Config{AsOf: asOf, Cache: cache}
	first, err := Check(context.Background(), o, docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Check(context.Background(), o, docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if cache.saves != 2 || cache.hits != 2 {
		t.Errorf("saves %d, hits %d; want 2 and 2", cache.saves, cache.hits)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("cached check differs (-first +second):\n%s", diff)
	}
}
