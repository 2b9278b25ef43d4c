package extract_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// A filled form is an LOA like a printed one: the same order gives the
// same findings over the live form as over its flattened copy (values
// in the page content, as a printed LOA carries them), and the findings
// a clerk expects of each variant. The second half needs the LOA reader
// to read these layouts; it judges the reader, not extraction.

// loaCodes are the findings an LOA's own content decides.
var loaCodes = []report.Code{
	report.LOAUnsigned, report.LOAUndated, report.LOAIncomplete, report.NumberNotOnLOA,
	report.NameMismatch, report.SignerMismatch, report.CarrierMismatch, report.PartialPortUndeclared,
}

// expected are the LOA findings each variant must raise; every other
// code of loaCodes must not be raised.
var expected = map[string][]report.Code{
	signed:    nil,
	inked:     nil,
	unsigned:  {report.LOAUnsigned},
	undated:   {report.LOAUndated},
	leftOut:   {report.NumberNotOnLOA},
	otherName: {report.NameMismatch},
}

var variantOrder = []string{signed, inked, unsigned, undated, leftOut, otherName}

// asOf is "today" for the date rules: a few days after the forms'
// date, so a dated form is fresh.
var asOf = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func applies(fc formCase, variant string) bool {
	switch variant {
	case leftOut:
		return fc.lastNumber != ""
	case otherName:
		return fc.nameField != ""
	}
	return true
}

// check runs the pipeline on the order of a form case with one LOA.
func check(t *testing.T, fc formCase, loa []byte) []report.Finding {
	t.Helper()
	return checkWith(t, fc, loa, pipeline.Config{AsOf: asOf})
}

// checkWith is check under a pipeline configuration of the caller's.
func checkWith(t *testing.T, fc formCase, loa []byte, cfg pipeline.Config) []report.Finding {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "loa.pdf"), loa, 0o644); err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(fc.order), &fields); err != nil {
		t.Fatalf("%s: order: %v", fc.name, err)
	}
	fields["id"], fields["profile"] = "form-"+fc.name, "bandwidth"
	fields["new_btn"] = nil
	fields["requested_date"] = asOf.AddDate(0, 0, 12).Format(time.DateOnly) // a Monday
	fields["documents"] = []map[string]string{{"kind": "loa", "path": "loa.pdf"}}
	data, _ := json.Marshal(fields)
	o, err := order.DecodeBytes(data)
	if err != nil {
		t.Fatalf("%s: order: %v", fc.name, err)
	}
	docs, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Check(context.Background(), o, docs, cfg)
	if err != nil {
		t.Fatalf("%s: check: %v", fc.name, err)
	}
	return rep.Findings
}

func codes(fs []report.Finding) []report.Code {
	var out []report.Code
	for _, f := range fs {
		out = append(out, f.Code)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestFilledFormFindingsAsPrinted: the live form and its flattened copy
// give the same findings, message for message.
func TestFilledFormFindingsAsPrinted(t *testing.T) {
	for _, fc := range formCases {
		for _, variant := range variantOrder {
			if !applies(fc, variant) {
				continue
			}
			t.Run(fc.name+"/"+variant, func(t *testing.T) {
				c := fill(t, fc, variant)
				live, flat := check(t, fc, c.live), check(t, fc, c.flat)
				if diff := cmp.Diff(briefs(flat), briefs(live)); diff != "" {
					t.Errorf("findings over the live form differ from the flattened copy's (-flattened +live):\n%s", diff)
				}
			})
		}
	}
}

func briefs(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s: %s", f.Code, f.Field, f.Message))
	}
	slices.Sort(out)
	return out
}

// TestFilledFormFindings: each variant raises the LOA findings a clerk
// would and no other, live and flattened. It prints the table of forms
// x variants x findings the README shows.
func TestFilledFormFindings(t *testing.T) {
	var table strings.Builder
	fmt.Fprintf(&table, "%-20s %-16s %s\n", "form", "variant", "LOA findings (live = flattened unless shown)")
	for _, fc := range formCases {
		for _, variant := range variantOrder {
			if !applies(fc, variant) {
				continue
			}
			c := fill(t, fc, variant)
			live, flat := loaOnly(codes(check(t, fc, c.live))), loaOnly(codes(check(t, fc, c.flat)))
			row := fmt.Sprint(live)
			if !slices.Equal(live, flat) {
				row += fmt.Sprintf(" (flattened %v)", flat)
			}
			fmt.Fprintf(&table, "%-20s %-16s %s\n", fc.name, variant, row)
			if os.Getenv("PORTCHECK_FORMS_VERBOSE") != "" {
				for _, f := range check(t, fc, c.live) {
					t.Logf("%s/%s: %s %s: found %q: %s", fc.name, variant, f.Code, f.Field, f.Found, f.Message)
				}
			}
			t.Run(fc.name+"/"+variant, func(t *testing.T) {
				for name, got := range map[string][]report.Code{"live": live, "flattened": flat} {
					if diff := cmp.Diff(expected[variant], got); diff != "" {
						t.Errorf("%s: LOA findings (-want +got):\n%s", name, diff)
					}
				}
			})
		}
	}
	t.Logf("\n%s", table.String())
}

func loaOnly(cs []report.Code) []report.Code {
	var out []report.Code
	for _, c := range cs {
		if slices.Contains(loaCodes, c) {
			out = append(out, c)
		}
	}
	return out
}
