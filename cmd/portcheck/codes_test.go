package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/report"
)

func checkJSON(t *testing.T, args ...string) *report.Report {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"check", sampleRoot, "--as-of", asOf, "--format", "json"}, args...)...)
	if code == exitInvalid {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("decode report: %v\n%s", err, out)
	}
	return &r
}

// TestEveryCodeFires: each code has a sample order that makes it fire,
// and no clean order shows any finding at all.
func TestEveryCodeFires(t *testing.T) {
	fires := map[report.Code]string{
		report.NameMismatch: "name-punctuation", report.AddressMismatch: "address-abbreviation",
		report.AccountNumberMismatch: "account-number", report.BTNMismatch: "btn-mismatch",
		report.NumberNotOnBill: "number-not-on-documents", report.NumberNotOnLOA: "number-not-on-documents",
		report.CarrierMismatch: "carrier-mismatch", report.BillMissing: "order-rules", report.LOAMissing: "order-rules",
		report.BillDateMissing: "field-not-found", report.BillTooOld: "bill-too-old", report.BillAging: "bill-aging",
		report.LOAUnsigned: "loa-unsigned", report.LOAUndated: "loa-undated", report.LOATooOld: "loa-too-old",
		report.LOAIncomplete: "loa-incomplete", report.SignerMismatch: "signer-mismatch",
		report.POBoxServiceAddress: "order-rules", report.AccountNameTooLong: "order-rules",
		report.MixedNumberTypes: "order-rules", report.TooManyNumbers: "too-many-numbers",
		report.DuplicateNumber: "order-rules", report.InvalidNumber: "order-rules",
		report.CountryNotSupported: "no-documents-twilio", report.NumberTypeNotSupported: "no-documents-twilio",
		report.BTNPartialPort: "order-rules", report.WirelessPINMissing: "wireless-pin-missing",
		report.FileFormatNotAllowed: "hostile-files", report.FileUnreadable: "hostile-files",
		report.TextNotFound: "text-not-found", report.FieldNotFound: "field-not-found",
		report.ServiceAddressUnconfirmed: "service-address-unconfirmed", report.PartialPortUndeclared: "partial-port-undeclared",
		report.OrderSplitRequired: "order-split-required", report.SpecialServiceOnAccount: "special-service",
		report.AccountAtRisk: "account-at-risk", report.RequestedDateInvalid: "order-rules",
		report.SignerNameTooLong: "order-rules", report.IDMissing: "krosai-requires-id",
		report.DocumentIllegible: "illegible-scan",
	}
	for code, dir := range fires {
		t.Run(string(code), func(t *testing.T) {
			if r := checkJSON(t, filepath.Join("../../testdata/orders", dir)); !r.Has(code) {
				t.Errorf("order %s does not fire %s", dir, code)
			}
		})
	}
	clean, _ := filepath.Glob("../../testdata/orders/clean*")
	for _, dir := range clean {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if r := checkJSON(t, dir); len(r.Findings) > 0 || r.Verdict != report.Pass {
				t.Errorf("clean order has findings: %+v", r.Findings)
			}
		})
	}
}

// TestAlreadyPortingInBatch: two orders of one run that port the same
// number each say so, naming the other; jsonl prints one report a line.
func TestAlreadyPortingInBatch(t *testing.T) {
	code, out, errOut := runCLI(t, "check", sampleRoot, "../../testdata/orders/clean", "../../testdata/orders/clean-csr", "--as-of", asOf, "--format", "jsonl")
	if code != exitReject {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines of jsonl, want 2", len(lines))
	}
	for i, other := range []string{"clean-csr", "clean"} {
		var r report.Report
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range r.Findings {
			if f.Code == report.NumberAlreadyPorting && f.Found == other {
				n++
			}
		}
		if n != 2 {
			t.Errorf("report %s: %d NUMBER_ALREADY_PORTING naming %s, want 2", r.OrderID, n, other)
		}
	}
	// One order alone never fires it.
	if r := checkJSON(t, "../../testdata/orders/clean"); r.Has(report.NumberAlreadyPorting) {
		t.Error("a single order fired NUMBER_ALREADY_PORTING")
	}
}

func TestFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 3<<20+1)
	copy(big, "%PDF-1.4\n")
	if err := os.WriteFile(filepath.Join(dir, "bill.pdf"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	order := strings.Replace(minimal, "%s", `,"documents":[{"kind":"bill","path":"bill.pdf"}]`, 1)
	if err := os.WriteFile(filepath.Join(dir, "order.json"), []byte(order), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		profile string
		want    bool
	}{{"strict", true}, {"telnyx", false}} {
		r := checkJSON(t, dir, "--profile", tt.profile, "--root=") // its own folder
		if got := r.Has(report.FileTooLarge); got != tt.want {
			t.Errorf("profile %s: FILE_TOO_LARGE %v, want %v", tt.profile, got, tt.want)
		}
	}
}

// TestSecretsNeverPrinted: no output format of any sample order carries
// a PIN or SSN digits, including the order whose LOA prints both.
func TestSecretsNeverPrinted(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/orders/*")
	for _, format := range []string{"json", "text", "html"} {
		for _, dir := range dirs {
			if format != "json" && strings.HasPrefix(filepath.Base(dir), "scan-") {
				continue // OCR is slow; the scans' secrets are covered by json
			}
			_, out, errOut := runCLI(t, "check", sampleRoot, dir, "--as-of", asOf, "--format", format)
			out = sha256Hex.ReplaceAllString(out, "")    // a digest may hold any four digits
			out = inlineImages.ReplaceAllString(out, "") // so may an image's base64
			for _, secret := range []string{"4410", "9921", "123-45-6789"} {
				if strings.Contains(out, secret) || strings.Contains(errOut, secret) {
					t.Errorf("%s --format %s prints the secret %s", filepath.Base(dir), format, secret)
				}
			}
		}
	}
}

var (
	sha256Hex    = regexp.MustCompile(`[0-9a-f]{64}`)
	inlineImages = regexp.MustCompile(`data:image/[a-z]+;base64,[A-Za-z0-9+/=]+`)
)

func TestHTMLReport(t *testing.T) {
	code, out, _ := runCLI(t, "check", sampleRoot, "../../testdata/orders/rejected", "--as-of", asOf, "--format", "html")
	if code != exitReject {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"<!DOCTYPE html>", "REJECT", "NAME_MISMATCH", "<mark>", "W<mark>idgets,</mark> I<mark>nc.</mark>", "<td>2026-11-28</td>"} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(out, "<script") || strings.Contains(out, "http://") || strings.Contains(out, "https://") {
		t.Error("html is not self-contained")
	}
}

// TestOCRTimeBound: OCR past its bound is FILE_UNREADABLE, not a hang.
func TestOCRTimeBound(t *testing.T) {
	requireTesseract(t)
	r := checkJSON(t, "../../testdata/orders/scan-clean", "--ocr-timeout", "50ms")
	for _, f := range r.Findings {
		if f.Code == report.FileUnreadable && strings.Contains(f.Found, "OCR time bound") {
			return
		}
	}
	t.Errorf("no FILE_UNREADABLE for the OCR bound: %+v", r.Findings)
}
