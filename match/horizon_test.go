package match

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// TestNextChange: for orders of every kind of date (no requested date,
// dates at the lead times' edges, on a weekend, on Thanksgiving and
// Christmas; bills fresh, aging and too old; LOAs missing a date, fresh
// and stale) under profiles of calendar and business-day lead times,
// with and without an aging margin or any limit, and every as-of day of
// a span across the holidays: the findings are the same on every day
// from as-of up to NextChange, and when no date rule speaks as of the
// day, they differ on the day NextChange names (it is not early).
func TestNextChange(t *testing.T) {
	noMargin := *getProfile(t, "strict")
	noMargin.Name, noMargin.BillAgingMarginDays = "strict-no-margin", ptr(0)
	profiles := []*profile.Profile{
		getProfile(t, "strict"), getProfile(t, "kazoo-bandwidth"), getProfile(t, "bandwidth"),
		getProfile(t, "twilio"), &noMargin, {Name: "bare"},
	}
	start, end := d("2026-11-15"), d("2027-01-10")
	span := daysBetween(start, end)
	for _, p := range profiles {
		for _, req := range []string{"", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-10", "2026-12-25", "2026-12-26", "2027-01-04"} {
			for _, dates := range [][2]string{{"", ""}, {"2026-10-20", "2026-11-20"}, {"2026-11-03", "2026-10-15"}, {"2026-12-01", ""}} {
				{
					bill, loa := dates[0], dates[1]
					name := fmt.Sprintf("%s/req=%s/bill=%s/loa=%s", p.Name, req, bill, loa)
					o := baseOrder(t)
					o.RequestedDate = req
					reads := datedReads(bill, loa)
					all := make([]string, span+1)
					speaks := make([]bool, span+1)
					for i := range all {
						day := start.AddDate(0, 0, i)
						fs := append(OrderFindings(o, p, day), DocumentFindings(o, p, day, reads)...)
						all[i], speaks[i] = encode(t, fs), hasDateCode(fs)
					}
					for i := range span {
						asOf := start.AddDate(0, 0, i)
						next := NextChange(o, p, asOf, reads)
						h := daysBetween(asOf, next)
						if h < 1 {
							t.Fatalf("%s as of %s: NextChange %s is not after it", name, asOf.Format(time.DateOnly), next.Format(time.DateOnly))
						}
						for j := i + 1; j < i+h && j <= span; j++ {
							if all[j] != all[i] {
								t.Fatalf("%s as of %s: NextChange says %s, yet the findings differ on %s:\n%s\n%s", name, asOf.Format(time.DateOnly), next.Format(time.DateOnly), start.AddDate(0, 0, j).Format(time.DateOnly), all[i], all[j])
							}
						}
						if !speaks[i] && h < MaxHorizon && i+h <= span && all[i+h] == all[i] {
							t.Errorf("%s as of %s: NextChange says %s, yet the findings are the same that day", name, asOf.Format(time.DateOnly), next.Format(time.DateOnly))
						}
					}
				}
			}
		}
	}
}

// TestNextChangeBounded: a date far out (a misread year) still meets
// the rules within MaxHorizon days.
func TestNextChangeBounded(t *testing.T) {
	o := baseOrder(t)
	o.RequestedDate = ""
	next := NextChange(o, getProfile(t, "strict"), asOf, datedReads("2099-01-01", "2099-01-01"))
	if got := daysBetween(asOf, next); got != MaxHorizon {
		t.Errorf("NextChange is %d days out, want %d", got, MaxHorizon)
	}
}

// datedReads are a bill and an LOA dated so ("" for none read).
func datedReads(bill, loa string) []Read {
	text := page(row{100, []run{at(40, "Statement")}})
	b := &fields.Bill{}
	if bill != "" {
		b.BillDate, b.Date = val(bill, 100, "Statement date", 0.9), d(bill)
	}
	l := &fields.LOA{}
	if loa != "" {
		l.SignedDate, l.Date = val(loa, 100, "Date", 0.9), d(loa)
	}
	return []Read{
		{Index: 0, Doc: order.Document{Kind: order.KindBill, Path: "bill.pdf"}, Text: text, Bill: b},
		{Index: 1, Doc: order.Document{Kind: order.KindLOA, Path: "loa.pdf"}, Text: text, LOA: l},
	}
}

func encode(t *testing.T, fs []report.Finding) string {
	t.Helper()
	data, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func hasDateCode(fs []report.Finding) bool {
	for _, f := range fs {
		switch f.Code {
		case report.BillAging, report.BillTooOld, report.LOATooOld, report.RequestedDateInvalid:
			return true
		}
	}
	return false
}
