package docgen

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// requirePdftotext returns the path of pdftotext, skipping the test when
// it is missing, unless the environment promises it (CI), where a skip
// would hide a missing install step.
func requirePdftotext(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
			t.Fatal("pdftotext is required (PORTCHECK_REQUIRE_SERVICES=1): apt-get install -y poppler-utils")
		}
		t.Skip("pdftotext not installed (apt-get install -y poppler-utils)")
	}
	return path
}

// pdfText is the text pdftotext reads from data in mode ("-layout" for
// the page as laid out, "-raw" for content-stream order).
func pdfText(t *testing.T, data []byte, mode string) string {
	t.Helper()
	cmd := exec.Command(requirePdftotext(t), mode, "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", mode, err)
	}
	return string(out)
}

// render renders twice and fails unless both outputs are the same PDF,
// since tests and golden reports hash the committed files.
func render(t *testing.T, pdf func() ([]byte, error)) []byte {
	t.Helper()
	a, err := pdf()
	if err != nil {
		t.Fatal(err)
	}
	b, err := pdf()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same input differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("output starts %q, not %%PDF-", a[:min(8, len(a))])
	}
	return a
}

// missing lists the values that text does not contain.
func missing(text string, values ...string) []string {
	var out []string
	for _, v := range values {
		if !strings.Contains(text, v) {
			out = append(out, v)
		}
	}
	return out
}

func billCases() map[string]Bill {
	cases := map[string]Bill{}
	for _, l := range BillLayouts {
		cases[l] = CleanBill(l)
		faulty := CleanBill(l)
		faulty.Notices = []string{"PAST DUE", "FINAL BILL"}
		faulty.Services = []string{"DSL Internet 25 Mbps", "Hunt Group"}
		faulty.BillingAddress = &Address{Line1: "PO Box 880", City: "Springfield", State: "IL", ZIP: "62705"}
		faulty.CallDetailPages = 2
		cases[l+"/faulty-with-call-detail"] = faulty
	}
	return cases
}

func TestBillsCarryTheirValues(t *testing.T) {
	for name, b := range billCases() {
		t.Run(name, func(t *testing.T) {
			text := pdfText(t, render(t, b.PDF), "-layout")
			want := append([]string{b.AccountNumber, b.date(b.BillDate), b.ServiceAddress.Line1, b.AccountName}, b.Lines...)
			want = append(append(want, b.Services...), b.Notices...)
			if diff := cmp.Diff([]string(nil), missing(text, want...)); diff != "" {
				t.Errorf("values not in the text layer (-want +missing):\n%s", diff)
			}
			if diff := cmp.Diff(1+b.CallDetailPages, strings.Count(text, "\f")); diff != "" {
				t.Errorf("page count (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBillsCarryDecoys: each layout prints the values a reader must not
// take for the bill's: due date, period, payment date, the carrier's
// own numbers and address, an ad.
func TestBillsCarryDecoys(t *testing.T) {
	for _, l := range BillLayouts {
		t.Run(l, func(t *testing.T) {
			b := CleanBill(l)
			text := pdfText(t, render(t, b.PDF), "-layout")
			want := []string{
				b.date(b.DueDate), b.date(b.PeriodStart), b.date(b.PeriodEnd),
				"Payment received on " + b.date(b.paidOn()), "Previous balance",
				careNumber, payNumber, remitTo,
			}
			if diff := cmp.Diff([]string(nil), missing(text, want...)); diff != "" {
				t.Errorf("decoys not in the text layer (-want +missing):\n%s", diff)
			}
		})
	}
}

// TestCallDetailNumbersAreOthers: the numbers called are decoys, so
// none may be one of the account's own.
func TestCallDetailNumbersAreOthers(t *testing.T) {
	b := CleanBill("header-box")
	b.CallDetailPages = 1
	text := pdfText(t, render(t, b.PDF), "-layout")
	detail := text[strings.Index(text, "\f"):]
	called := regexp.MustCompile(`\d{3}-555-01\d\d`).FindAllString(detail, -1)
	if len(called) < 20 {
		t.Fatalf("only %d called numbers on the call-detail page", len(called))
	}
	for _, n := range called {
		for _, own := range b.Lines {
			if digits(n) == digits(own) {
				t.Errorf("call detail lists the account's own %s", own)
			}
		}
	}
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// TestReversedLayoutWritesBottomToTop: pdftotext -raw follows the content
// stream, so the cable bundle's footer comes before its header there, as
// in a Chromium-printed PDF, and not in the other layouts.
func TestReversedLayoutWritesBottomToTop(t *testing.T) {
	tests := []struct {
		layout, footer, header string
		reversed               bool
	}{
		{layout: "cable-bundle", footer: "Auto Pay scheduled", header: "Account Number:", reversed: true},
		{layout: "header-box", footer: "Remit to:", header: "Account Number:", reversed: false},
	}
	for _, tt := range tests {
		t.Run(tt.layout, func(t *testing.T) {
			b := CleanBill(tt.layout)
			raw := pdfText(t, render(t, b.PDF), "-raw")
			f, h := strings.Index(raw, tt.footer), strings.Index(raw, tt.header)
			if f < 0 || h < 0 {
				t.Fatalf("footer at %d, header at %d in:\n%s", f, h, raw)
			}
			if diff := cmp.Diff(tt.reversed, f < h); diff != "" {
				t.Errorf("footer before header in the content stream (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLOAsCarryTheirValues(t *testing.T) {
	signed := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	marks := map[string]string{"typed": "/s/ Dana Whitfield", "docusign": "DocuSigned by:", "script": "Dana Whitfield"}
	for _, layout := range LOALayouts {
		for _, sig := range []string{"none", "script", "typed", "docusign", "strokes"} {
			for _, dated := range []bool{true, false} {
				name := layout + "/" + sig + map[bool]string{true: "/dated", false: "/undated"}[dated]
				t.Run(name, func(t *testing.T) {
					l := CleanLOA(layout, sig)
					if !dated {
						l.SignedDate = nil
					}
					text := pdfText(t, render(t, l.PDF), "-layout")
					want := append([]string{l.AccountName, l.AccountNumber, l.CurrentCarrier, l.ServiceAddress.Line1,
						l.SignerName, l.SignerTitle, "Authorized Signature", "I hereby authorize " + l.GainingProvider, marks[sig]}, l.Numbers...)
					if diff := cmp.Diff([]string(nil), missing(text, want...)); diff != "" {
						t.Errorf("values not in the text layer (-want +missing):\n%s", diff)
					}
					if diff := cmp.Diff(dated, strings.Contains(text, signed.Format("01/02/2006"))); diff != "" {
						t.Errorf("date printed (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

func TestLOAWithoutStatement(t *testing.T) {
	for _, layout := range LOALayouts {
		t.Run(layout, func(t *testing.T) {
			l := CleanLOA(layout, "typed")
			l.OmitStatement = true
			text := pdfText(t, render(t, l.PDF), "-layout")
			if strings.Contains(text, "authorize") {
				t.Errorf("the statement is printed:\n%s", text)
			}
		})
	}
}

func TestUnknownInputsAreErrors(t *testing.T) {
	badSig := CleanLOA("form", "thumbprint")
	tests := []struct {
		name string
		pdf  func() ([]byte, error)
		want string
	}{
		{name: "bill layout", pdf: Bill{Layout: "poster"}.PDF, want: `render bill: unknown layout "poster"`},
		{name: "loa layout", pdf: LOA{Layout: "poster"}.PDF, want: `render loa: unknown layout "poster"`},
		{name: "signature", pdf: badSig.PDF, want: `render loa: unknown signature "thumbprint"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.pdf()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStandardSetIsFictional: every phone number printed in the standard
// set is in a 555-01xx block reserved for fiction.
func TestStandardSetIsFictional(t *testing.T) {
	phone := regexp.MustCompile(`(?:\(\d{3}\) |\b\d{3}-|\b1-\d{3}-)(\d{3})-(\d{4})\b`)
	for _, e := range Standard() {
		t.Run(e.File, func(t *testing.T) {
			text := pdfText(t, render(t, e.Render), "-layout")
			for _, m := range phone.FindAllStringSubmatch(text, -1) {
				if m[1] != "555" || !strings.HasPrefix(m[2], "01") {
					t.Errorf("%s is not a fictional number", m[0])
				}
			}
		})
	}
}

// TestCommittedDocsAreCurrent: testdata/docs is what the generator makes
// today, so tests elsewhere read what this code describes.
func TestCommittedDocsAreCurrent(t *testing.T) {
	set := Standard()
	for _, e := range set {
		t.Run(e.File, func(t *testing.T) {
			want := render(t, e.Render)
			got, err := os.ReadFile("../../testdata/docs/" + e.File)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("testdata/docs/%s is stale or missing: run go run ./cmd/docgen -out testdata/docs", e.File)
			}
		})
	}
	t.Run("manifest.json", func(t *testing.T) {
		want, err := Manifest(set)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile("../../testdata/docs/manifest.json")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("manifest.json is stale (-want +got):\n%s", diff)
		}
	})
}
