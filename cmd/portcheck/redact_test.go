package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/internal/docgen"
)

// secretForms are the ways a bill prints a PIN or SSN next to a value
// (issue 12); each must leave no digit of the secret in any output.
var secretForms = []struct {
	name, accountNumber, accountName, secret string
}{
	{"pin hyphen", "482-99117-03 PIN-4410", "", "4410"},
	{"pin underscore", "482-99117-03 PIN_4410", "", "4410"},
	{"pin colon suffix", "482-99117-03 PIN: 4410-A", "", "4410"},
	{"passcode", "482-99117-03 Passcode 5521", "", "5521"},
	{"security code", "482-99117-03 Security code 5521", "", "5521"},
	{"order pin bare", "482-99117-03 4410", "", "4410"},
	{"ssn nine digits", "", "Acme Widgets, Inc. SSN 123456789", "123456789"},
	{"ssn grouped", "", "Acme Widgets, Inc. SSN 123-45-6789", "6789"},
	{"tax id", "", "Acme Widgets, Inc. Tax ID 987654321", "987654321"},
}

// writeSecretOrder writes an order folder whose bill prints a secret.
func writeSecretOrder(t *testing.T, accountNumber, accountName string) string {
	t.Helper()
	dir := t.TempDir()
	b := docgen.CleanBill("header-box")
	if accountNumber != "" {
		b.AccountNumber = accountNumber
	}
	if accountName != "" {
		b.AccountName = accountName
	}
	pdf, err := b.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bill.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	o := map[string]any{
		"id": "secret", "profile": "strict", "account_name": "Acme Widgets, Inc.", "account_number": "482-99117-03", "pin": "4410",
		"service_address": map[string]string{"line1": "1200 N Main Street", "line2": "Suite 300", "city": "Springfield", "state": "IL", "postal_code": "62702"},
		"numbers":         []map[string]string{{"number": "(217) 555-0100", "type": "landline"}},
		"new_btn":         nil,
		"documents":       []map[string]string{{"kind": "bill", "path": "bill.pdf"}},
	}
	data, _ := json.Marshal(o)
	if err := os.WriteFile(filepath.Join(dir, "order.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSecretsNeverLeaveTheCLI: every form of a PIN or SSN a bill prints
// is redacted in every output format. Which forms the report quotes at
// all is the readers' business ("PIN-4410" is read into the account
// number today); pipeline's TestRedactReportEveryField puts each form in
// every field.
func TestSecretsNeverLeaveTheCLI(t *testing.T) {
	for _, tt := range secretForms {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSecretOrder(t, tt.accountNumber, tt.accountName)
			for _, format := range []string{"json", "text", "html", "jsonl"} {
				code, out, errOut := runCLI(t, "check", dir, "--as-of", asOf, "--format", format, "--no-ocr")
				if code == exitInvalid {
					t.Fatalf("%s: exit %d: %s", format, code, errOut)
				}
				if strings.Contains(out, tt.secret) || strings.Contains(errOut, tt.secret) {
					t.Errorf("%s output carries %s:\n%s", format, tt.secret, out)
				}
			}
		})
	}
}
