package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/storage"
)

// otherPorts is a porting lookup in which another order ports every
// number of the order checked.
type otherPorts struct{}

func (otherPorts) PortingOrders(_ context.Context, o *order.Order) (map[string][]string, error) {
	out := map[string][]string{}
	for _, n := range LookupNumbers(o) {
		out[n] = []string{"o-other"}
	}
	return out, nil
}

// TestRedateIsCheck: night after night, each report made from the last
// night's report and standing by replacing its date findings with
// RedateFindings' (its Dated through JSON, as a memo keeps it) is byte
// for byte the report a check as of that day
// makes, for every sample order (scans among them when Tesseract is
// here), from before the documents' dates to past every limit: the
// bill that ages, is too old, the LOA too old, the requested date that
// comes too near and passes.
func TestRedateIsCheck(t *testing.T) {
	eachSampleOrder(t, func(t *testing.T, o *order.Order, docs digested, scan bool) {
		store, err := storage.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		cfg := Config{AsOf: asOf.AddDate(0, 0, -60), Cache: StoreCache{Store: store}, Fields: StoreFields{Store: store}, Pending: otherPorts{}}
		if scan {
			cfg.OCR = ocr.Process{}
		}
		prev, standing, err := CheckStanding(context.Background(), o, docs, cfg, "v1")
		if err != nil {
			t.Skipf("the order's check fails (%v): nothing to redate", err)
		}
		for days := 1; days <= 500; days += 3 {
			cfg.AsOf = asOf.AddDate(0, 0, -60+days)
			want, wantStanding, err := CheckStanding(context.Background(), o, docs, cfg, "v1")
			if err != nil {
				t.Fatal(err)
			}
			standing.Dated = jsonRoundTrip(t, standing.Dated)
			fs, next, err := RedateFindings(o, standing, cfg)
			if err != nil {
				t.Fatal(err)
			}
			got := *prev
			got.Findings = slices.Clone(prev.Findings)
			got.AsOf = cfg.AsOf.Format(time.DateOnly)
			got.Replace(match.DateCodes(), fs)
			day := cfg.AsOf.Format(time.DateOnly)
			if diff := cmp.Diff(want, &got); diff != "" {
				t.Fatalf("as of %s (-check +redate):\n%s", day, diff)
			}
			if !bytes.Equal(reportJSON(t, want), reportJSON(t, &got)) {
				t.Fatalf("as of %s the report's JSON differs from the check's", day)
			}
			if diff := cmp.Diff(wantStanding, next); diff != "" {
				t.Fatalf("as of %s the standing (-check +redate):\n%s", day, diff)
			}
			prev, standing = &got, next
		}
	})
}

func jsonRoundTrip(t *testing.T, d match.Dated) match.Dated {
	t.Helper()
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var out match.Dated
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
