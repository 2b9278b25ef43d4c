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
	r := NewRedactor(o)
	tests := []struct{ name, in, want string }{
		{"pin hyphen", "482-99117-03 PIN-4410", "482-99117-03 PIN-[redacted]"},
		{"pin underscore", "482-99117-03 PIN_4410", "482-99117-03 PIN_[redacted]"},
		{"pin colon letter suffix", "PIN: 4410-A", "PIN: [redacted]"},
		{"pin space letter suffix", "PIN 4410-A", "PIN [redacted]"},
		{"pin glued", "Acct 55 PIN4410", "Acct 55 PIN[redacted]"},
		{"pin number is", "Your PIN number is 4410.", "Your PIN number is [redacted]."},
		{"transfer pin", "Number Transfer PIN: 77A1", "Number Transfer PIN: [redacted]"},
		{"passcode", "Passcode 4410", "Passcode [redacted]"},
		{"pass code", "Pass code: 4410", "Pass code: [redacted]"},
		{"security code", "Security code #4410", "Security code #[redacted]"},
		{"ssn nine digits", "Dana Whitfield SSN 123456789", "Dana Whitfield SSN [redacted]"},
		{"ssn spaced", "SSN: 123 45 6789", "SSN: [redacted]"},
		{"ssn grouped unlabelled", "holder 123-45-6789 on file", "holder [redacted] on file"},
		{"social security", "Social Security No. 123456789", "Social Security No. [redacted]"},
		{"tax id", "Tax ID: 12-3456789", "Tax ID: [redacted]"},
		{"ssn slash tax id", "SSN/Tax ID: 123456789", "SSN/Tax ID: [redacted]"},
		{"ein", "EIN 12-3456789", "EIN [redacted]"},
		{"order pin as token", "acct 482-99117-03 0100", "acct 482-99117-03 [redacted]"},
		{"order pin underscore", "x_9921_y", "x_[redacted]_y"},
		{"order pin hyphen letter", "9921-B", "[redacted]-B"},
		// What is not a secret stays: the report needs its numbers.
		{"pin without value", "PIN required for wireless", "PIN required for wireless"},
		{"word ending in a label", "SPIN 12 and CONTINUE 5", "SPIN 12 and CONTINUE 5"},
		{"word starting with a label", "PINE12 Pine St", "PINE12 Pine St"},
		{"order pin inside e164", "+12175550100", "+12175550100"},
		{"order pin ending a phone", "(217) 555-0100", "(217) 555-0100"},
		{"order pin ending a dotted phone", "217.555.0100", "217.555.0100"},
		{"order pin inside an account number", "4829921003", "4829921003"},
		{"code", "WIRELESS_PIN_MISSING", "WIRELESS_PIN_MISSING"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRedactReportEveryField: every string a report carries is redacted,
// in every output format, whichever field it stands in.
func TestRedactReportEveryField(t *testing.T) {
	o := &order.Order{PIN: order.NewSecret("4410"), Numbers: []order.Number{{Number: "+12175550100"}}}
	leak := "482-99117-03 PIN-4410 SSN 123456789"
	rep := &report.Report{OrderID: "o", Findings: []report.Finding{{
		Code: report.AccountNumberMismatch, Severity: report.Reject, Field: leak, Expected: leak, Found: leak, Document: leak, Path: leak,
		Message: leak, Fix: leak, Evidence: &report.Evidence{Text: leak}, CarrierCodes: map[string]string{"x": leak},
	}}, Documents: []report.Document{{Kind: "bill", Path: leak, Fields: &report.Fields{
		AccountName: leak, AccountNumber: leak, ServiceAddress: leak, BTN: leak, PhoneNumbers: []string{leak},
		BillDate: leak, Carrier: leak, SignerName: leak, SignerTitle: leak, SignedDate: leak,
	}}}}
	redact(rep, o)
	rep.Finalize()
	writers := map[string]func(io.Writer, *report.Report) error{
		"json": func(w io.Writer, r *report.Report) error { return report.WriteJSON(w, r) }, "jsonl": report.WriteJSONLine, "text": report.WriteText, "html": report.WriteHTML,
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var b strings.Builder
			if err := write(&b, rep); err != nil {
				t.Fatal(err)
			}
			for _, secret := range []string{"4410", "123456789"} {
				if strings.Contains(b.String(), secret) {
					t.Errorf("%s output carries %s:\n%s", name, secret, b.String())
				}
			}
			if !strings.Contains(b.String(), "482-99117-03") {
				t.Errorf("%s output lost the account number:\n%s", name, b.String())
			}
		})
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
