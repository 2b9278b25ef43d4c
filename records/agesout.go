package records

import (
	"sync"
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
	lim, ok := ageLimitsOf(rep.Profile)
	if !ok {
		return ""
	}
	var first string
	for _, d := range rep.Documents {
		if d.Fields == nil {
			continue
		}
		date, days := d.Fields.BillDate, lim.bill
		if d.Kind == "loa" {
			date, days = d.Fields.SignedDate, lim.loa
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

type ageLimits struct{ bill, loa int }

// ageLimitsByName holds the built-in profiles' limits by name: profile.Get
// decodes every built-in profile, which cost a re-validation more than
// its metadata write. Built-in profiles are compiled in, so a name's
// limits never change in a process.
var ageLimitsByName sync.Map // string -> ageLimits

func ageLimitsOf(name string) (ageLimits, bool) {
	if v, ok := ageLimitsByName.Load(name); ok {
		return v.(ageLimits), true
	}
	p, err := profile.Get(name)
	if err != nil {
		return ageLimits{}, false
	}
	lim := ageLimits{bill: p.BillMaxAgeDays, loa: p.LOAMaxAgeDays}
	ageLimitsByName.Store(name, lim)
	return lim, true
}
