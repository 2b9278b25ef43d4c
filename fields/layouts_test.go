package fields

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/internal/docgen"
	"github.com/portcheck/portcheck/order"
)

// TestBillsInUnseenLayouts reads bills in layouts the standard set
// never drew (a sidebar of stacked labels, a right-hand key/value
// table, a remittance stub) against what each prints. The mailing
// address differs from the service address, with a suite and a post
// office box, so a block that ends early or a decoy block shows.
func TestBillsInUnseenLayouts(t *testing.T) {
	mailing := &docgen.Address{Line1: "PO Box 4179", City: "Phoenix", State: "AZ", ZIP: "85004"}
	for _, layout := range docgen.MoreBillLayouts {
		for _, variant := range []struct {
			name string
			edit func(*docgen.Bill)
		}{
			{"clean", func(*docgen.Bill) {}},
			{"mailing-po-box", func(b *docgen.Bill) { b.BillingAddress = mailing }},
			{"suite-1100", func(b *docgen.Bill) { b.ServiceAddress.Line2 = "Suite 1100" }},
			{"call-detail", func(b *docgen.Bill) { b.CallDetailPages = 2 }},
		} {
			t.Run(layout+"/"+variant.name, func(t *testing.T) {
				b := docgen.CleanBill(layout)
				variant.edit(&b)
				want := billSummary{
					Name: b.AccountName, Account: b.AccountNumber, Date: b.BillDate.Format(time.DateOnly),
					Address: std(b.ServiceAddress.Street() + ", " + b.ServiceAddress.Last()),
					Numbers: e164s(b.Lines), Carrier: b.Carrier,
				}
				if layout != "remittance" {
					want.BTN = order.E164(b.BTN, "US")
				}
				got := summarize(ReadBill(render(t, b), "US"))
				got.Address = std(got.Address)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("fields differ from the printed truth (-truth +read):\n%s", diff)
				}
			})
		}
	}
}

func render(t *testing.T, b docgen.Bill) *extract.Document {
	t.Helper()
	data, err := b.PDF()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Extract(context.Background(), "bill.pdf", data, extract.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
