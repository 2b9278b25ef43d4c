package records

import (
	"time"

	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// agesOut is the first date a document of rep passes its profile's age
// limit, as BILL_AGING words it: the bill's (or CSR's) date plus the
// bill limit, the LOA's signing date plus the LOA limit. "" when no
// document is dated or the profile sets no limit: a reviewer filters
// orders by it to submit them before they need a newer bill.
func agesOut(rep *report.Report) string {
	p, err := profile.Get(rep.Profile)
	if err != nil {
		return ""
	}
	var first string
	for _, d := range rep.Documents {
		if d.Fields == nil {
			continue
		}
		date, days := d.Fields.BillDate, p.BillMaxAgeDays
		if d.Kind == "loa" {
			date, days = d.Fields.SignedDate, p.LOAMaxAgeDays
		}
		t, err := time.Parse(time.DateOnly, date)
		if err != nil || days == 0 {
			continue
		}
		if s := t.AddDate(0, 0, days).Format(time.DateOnly); first == "" || s < first {
			first = s
		}
	}
	return first
}
