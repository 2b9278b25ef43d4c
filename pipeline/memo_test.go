package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
)

// TestMemoDigestNamesEveryInput: the digest changes with each input of
// a report but the date, and with nothing else.
func TestMemoDigestNamesEveryInput(t *testing.T) {
	strict, err := profile.Get("strict")
	if err != nil {
		t.Fatal(err)
	}
	base := func() MemoInputs {
		return MemoInputs{
			Identity:  "v2 order.json",
			Documents: []order.Document{{Kind: order.KindBill, Path: "bill.pdf"}, {Kind: order.KindLOA, Path: "loa.pdf"}},
			Docs:      digested{sums: map[string]string{"bill.pdf": "aa", "loa.pdf": "bb"}},
			Profile:   strict,
			Config:    Config{AsOf: asOf},
			Porting:   map[string][]string{"+13125550100": {"o-9"}},
		}
	}
	tests := []struct {
		name string
		edit func(*MemoInputs)
		same bool
	}{
		{"another as-of date", func(in *MemoInputs) { in.Config.AsOf = asOf.AddDate(0, 0, 3) }, true},
		{"a copy of the profile", func(in *MemoInputs) { p := *strict; in.Profile = &p }, true},
		{"the order changed", func(in *MemoInputs) { in.Identity = "v3 order.json" }, false},
		{"a document's content", func(in *MemoInputs) { in.Docs = digested{sums: map[string]string{"bill.pdf": "ab", "loa.pdf": "bb"}} }, false},
		{"a document's kind", func(in *MemoInputs) { in.Documents[0].Kind = order.KindCSR }, false},
		{"a document's name", func(in *MemoInputs) {
			in.Documents[0].Path = "bill2.pdf"
			in.Docs = digested{sums: map[string]string{"bill2.pdf": "aa", "loa.pdf": "bb"}}
		}, false},
		{"a document fewer", func(in *MemoInputs) { in.Documents = in.Documents[:1] }, false},
		{"the profile's content", func(in *MemoInputs) { p := *strict; p.BillMaxAgeDays++; in.Profile = &p }, false},
		{"OCR on", func(in *MemoInputs) { in.Config.OCR = nopOCR{} }, false},
		{"the document timeout", func(in *MemoInputs) { in.Config.DocumentTimeout = time.Second }, false},
		{"another order ports the number", func(in *MemoInputs) { in.Porting["+13125550100"] = []string{"o-9", "o-10"} }, false},
		{"no order ports it", func(in *MemoInputs) { in.Porting = map[string][]string{} }, false},
	}
	want, err := MemoDigest(base())
	if err != nil || want == "" {
		t.Fatalf("MemoDigest = %q, %v", want, err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.edit(&in)
			got, err := MemoDigest(in)
			if err != nil {
				t.Fatal(err)
			}
			if (got == want) != tt.same {
				t.Errorf("digest %s, base %s; want same %v", got, want, tt.same)
			}
		})
	}
	t.Run("the cached fields' versions", func(t *testing.T) {
		defer func(v string) { cacheVersions = v }(cacheVersions)
		cacheVersions = ExtractorVersion + "+" + ReaderVersion + "x"
		if got, _ := MemoDigest(base()); got == want {
			t.Error("a reader version bump left the digest as it was")
		}
	})
	t.Run("documents without digests", func(t *testing.T) {
		in := base()
		in.Docs = nil
		if got, err := MemoDigest(in); got != "" || err != nil {
			t.Errorf("MemoDigest = %q, %v; want no digest", got, err)
		}
	})
}

type nopOCR struct{}

func (nopOCR) Recognize(context.Context, []ocr.Image) ([]ocr.Page, error) { return nil, nil }

// TestCheckStandingIsCheck: CheckStanding's report is Check's, and its
// standing names the numbers asked of and the day the bill starts aging.
func TestCheckStandingIsCheck(t *testing.T) {
	o, fsDocs := loadOrder(t, "clean")
	docs := withDigests(t, fsDocs, []string{o.Documents[0].Path, o.Documents[1].Path})
	cfg := Config{AsOf: asOf}
	want, err := Check(context.Background(), o, docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	got, s, err := CheckStanding(context.Background(), o, docs, cfg, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report differs from Check's (-check +standing):\n%s", diff)
	}
	if s.Digest == "" || s.Until.Format(time.DateOnly) != "2026-11-29" {
		t.Errorf("standing %+v; want a digest, until 2026-11-29 (the bill of 2026-11-03 starts aging under strict)", s)
	}
	if diff := cmp.Diff([]string{"+12175550100", "+12175550143"}, s.Numbers); diff != "" {
		t.Errorf("numbers asked of (-want +got):\n%s", diff)
	}
}
