package match

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// DocumentFindings compares the order with what each of its documents
// says, and the documents with each other.
func DocumentFindings(o *order.Order, p *profile.Profile, asOf time.Time, reads []Read) []report.Finding {
	return append(undatedDocumentFindings(o, p, reads), DatedOf(reads).ageFindings(o, p, asOf)...)
}

// UndatedFindings are OrderFindings and DocumentFindings but for the
// date rules' (Dated.Findings): the findings no as-of date changes.
func UndatedFindings(o *order.Order, p *profile.Profile, reads []Read) []report.Finding {
	return append(undatedOrderFindings(o, p), undatedDocumentFindings(o, p, reads)...)
}

func undatedDocumentFindings(o *order.Order, p *profile.Profile, reads []Read) []report.Finding {
	var out []report.Finding
	for _, r := range reads {
		var fs []report.Finding
		switch {
		case r.Bill != nil:
			fs = billFindings(o, p, r)
		case r.LOA != nil:
			fs = loaFindings(o, p, r)
		}
		if r.Text != nil && !r.Text.Legible() {
			// What an illegible scan seems to say is no ground for a
			// reject: a wrong value is worse than none.
			for i := range fs {
				ocrUnsure(&fs[i], r, illegible)
			}
		}
		out = append(out, fs...)
	}
	return append(out, splitFindings(o, reads)...)
}

// splitFindings: when the order's numbers are spread over bills of
// different accounts or carriers, one order cannot carry them.
func splitFindings(o *order.Order, reads []Read) []report.Finding {
	groups := map[string][]string{} // account key -> numbers of the order on it
	for _, r := range reads {
		if r.Bill == nil {
			continue
		}
		key := strings.Join([]string{r.Bill.CarrierBrand, digitsOnly(r.Bill.AccountNumber.Text)}, "/")
		for _, l := range o.Lines() {
			if l.E164 != "" && onBill(r, l.E164) && !slices.Contains(groups[key], l.E164) {
				groups[key] = append(groups[key], l.E164)
			}
		}
	}
	if len(groups) < 2 {
		return nil
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		parts = append(parts, fmt.Sprintf("account %s: %s", strings.Trim(k, "/"), strings.Join(groups[k], ", ")))
	}
	f := report.New(report.OrderSplitRequired, "The order's numbers are on bills of different accounts or carriers ("+strings.Join(parts, "; ")+"); a carrier ports one account per order.")
	f.Field = "numbers"
	f.Found = strings.Join(parts, "; ")
	f.Fix = "Split the order: one order per account, each with that account's bill, LOA, account number and PIN."
	return []report.Finding{f}
}

func onBill(r Read, e164 string) bool {
	for _, v := range r.Bill.Numbers {
		if v.Text == e164 {
			return true
		}
	}
	return r.Bill.BTN.Text == e164
}
