package fields

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/address"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/internal/docgen"
	"github.com/portcheck/portcheck/order"
)

func loadManifest(t *testing.T) []docgen.Entry {
	t.Helper()
	data, err := os.ReadFile("../testdata/docs/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var set []docgen.Entry
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	return set
}

func readDoc(t *testing.T, file string) *extract.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../testdata/docs", file))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Extract(context.Background(), file, data, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func e164s(printed []string) []string {
	var out []string
	for _, p := range printed {
		out = append(out, order.E164(p, "US"))
	}
	return out
}

// TestBillsAgainstTruth reads every generated bill and compares each
// field with what the generator printed.
func TestBillsAgainstTruth(t *testing.T) {
	for _, e := range loadManifest(t) {
		if e.Bill == nil {
			continue
		}
		t.Run(e.File, func(t *testing.T) {
			b := e.Bill
			want := billSummary{
				Name: b.AccountName, Account: b.AccountNumber, Date: b.BillDate.Format(time.DateOnly),
				Address: b.ServiceAddress.Street() + ", " + b.ServiceAddress.Last(),
				Numbers: e164s(b.Lines), Services: b.Services, Notices: b.Notices, Carrier: b.Carrier,
			}
			if b.Layout == "csr" {
				want.BTN = order.E164(b.BTN, "US")
			}
			if b.OmitServiceAddress {
				want.Address = ""
				want.Mailing = b.BillingAddress.Street() + ", " + b.BillingAddress.Last()
			}
			got := summarize(ReadBill(readDoc(t, e.File), "US"))
			got.Address, want.Address = std(got.Address), std(want.Address)
			got.Services = trimCharges(got.Services)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("fields differ from the printed truth (-truth +read):\n%s", diff)
			}
		})
	}
}

// std compares addresses as USPS standard forms: the reader keeps the
// document's line breaks as ", ", the truth joins street and unit.
func std(s string) string {
	if s == "" {
		return ""
	}
	return address.Parse(s).Standard()
}

func replaceFirst(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

// trimCharges drops the charge the generator prints after a service.
func trimCharges(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, replaceFirst(l, " $29.99", ""))
	}
	return out
}

func TestLOAsAgainstTruth(t *testing.T) {
	for _, e := range loadManifest(t) {
		if e.LOA == nil {
			continue
		}
		t.Run(e.File, func(t *testing.T) {
			l := e.LOA
			type summary struct {
				Name, Account, Carrier, Signer, Title, Date string
				Signed, Statement                           bool
				Numbers                                     []string
			}
			want := summary{Name: l.AccountName, Account: l.AccountNumber, Carrier: l.CurrentCarrier, Signer: l.SignerName,
				Title: l.SignerTitle, Signed: l.Signature != "none", Statement: !l.OmitStatement, Numbers: e164s(l.Numbers)}
			if l.SignedDate != nil {
				want.Date = l.SignedDate.Format(time.DateOnly)
			}
			r := ReadLOA(readDoc(t, e.File), "US")
			got := summary{Name: r.AccountName.Text, Account: r.AccountNumber.Text, Carrier: r.Carrier.Text, Signer: r.SignerName.Text,
				Title: r.SignerTitle.Text, Signed: r.Signed(), Statement: r.Statement.Found()}
			if r.SignedDate.Found() {
				got.Date = r.Date.Format(time.DateOnly)
			}
			for _, n := range r.Numbers {
				got.Numbers = append(got.Numbers, n.Text)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("fields differ from the printed truth (-truth +read):\n%s", diff)
			}
			if kinds := map[string]string{"script": "script", "typed": "typed", "docusign": "esign", "strokes": "drawn"}; kinds[l.Signature] != r.SignatureKind {
				t.Errorf("signature kind %q, want %q for %q", r.SignatureKind, kinds[l.Signature], l.Signature)
			}
		})
	}
}
