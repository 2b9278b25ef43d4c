package match

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// TestRequestedDate walks the window's edges. On 2026-11-23 strict (and
// twilio) need 7 calendar days, so 2026-11-30 is the first valid date;
// kazoo-bandwidth needs 3 business days, which Thanksgiving pushes to
// Friday 2026-11-27; 30 days out is 2026-12-23 for both.
func TestRequestedDate(t *testing.T) {
	tests := []struct {
		name     string
		asOf     string
		profile  string
		date     string
		expected string   // the finding's Expected; "" when it must not fire
		says     []string // what its message must say
	}{
		{"earliest under strict", "2026-11-23", "strict", "2026-11-30", "", nil},
		{"short of the calendar days", "2026-11-23", "strict", "2026-11-27", "a business day from 2026-11-30 to 2026-12-23",
			[]string{"only 4 day(s) out, and at least 7 are needed"}},
		{"short of the calendar days, twilio", "2026-11-23", "twilio", "2026-11-27", "a business day from 2026-11-30 to 2026-12-23", nil},
		{"weekend and short", "2026-11-23", "strict", "2026-11-28", "a business day from 2026-11-30 to 2026-12-23",
			[]string{"only 5 day(s) out", "not a business day (a Saturday)"}},
		{"a sunday", "2026-11-23", "strict", "2026-12-06", "a business day from 2026-11-30 to 2026-12-23",
			[]string{"not a business day (a Sunday)"}},
		{"latest", "2026-11-23", "strict", "2026-12-23", "", nil},
		{"one day past the latest", "2026-11-23", "strict", "2026-12-24", "a business day from 2026-11-30 to 2026-12-23",
			[]string{"is 31 days out, more than the 30 allowed"}},
		{"three business days across thanksgiving", "2026-11-23", "kazoo-bandwidth", "2026-11-27", "", nil},
		{"two business days", "2026-11-23", "kazoo-bandwidth", "2026-11-25", "a business day from 2026-11-27 to 2026-12-23",
			[]string{"only 2 business day(s) after today (2026-11-23), and at least 3 are needed"}},
		{"thanksgiving", "2026-11-23", "kazoo-bandwidth", "2026-11-26", "a business day from 2026-11-27 to 2026-12-23",
			[]string{"only 2 business day(s)", "Thanksgiving Day, a US federal holiday"}},
		{"christmas", "2026-11-23", "kazoo-bandwidth", "2026-12-25", "a business day from 2026-11-27 to 2026-12-23",
			[]string{"Christmas Day, a US federal holiday", "more than the 30 allowed"}},
		{"today", "2026-11-23", "kazoo-bandwidth", "2026-11-23", "a business day from 2026-11-27 to 2026-12-23",
			[]string{"is not after today (2026-11-23)"}},
		{"in the past", "2026-11-23", "kazoo-bandwidth", "2026-11-02", "a business day from 2026-11-27 to 2026-12-23",
			[]string{"is not after today"}},
		{"observed independence day", "2026-06-29", "bandwidth", "2026-07-03", "a business day from 2026-07-02 to 2026-07-29",
			[]string{"Independence Day (observed), a US federal holiday"}},
		{"the 30th day a holiday: the latest is the day before", "2026-11-25", "kazoo-bandwidth", "2026-12-28", "a business day from 2026-12-01 to 2026-12-24",
			[]string{"is 33 days out"}},
		{"the day before that holiday", "2026-11-25", "kazoo-bandwidth", "2026-12-24", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			o.RequestedDate = tt.date
			got := OrderFindings(o, getProfile(t, tt.profile), d(tt.asOf))
			var want []brief
			if tt.expected != "" {
				want = []brief{{report.RequestedDateInvalid, report.Reject, "requested_date", tt.date, tt.expected}}
			}
			if diff := cmp.Diff(want, briefs(got)); diff != "" {
				t.Fatalf("findings (-want +got):\n%s", diff)
			}
			checkProse(t, got)
			for _, s := range tt.says {
				if !strings.Contains(got[0].Message, s) {
					t.Errorf("message %q does not say %q", got[0].Message, s)
				}
			}
			for _, w := range strings.Fields(tt.expected) {
				if _, err := time.Parse(time.DateOnly, w); err == nil && !strings.Contains(got[0].Fix, w) {
					t.Errorf("fix %q does not name %s", got[0].Fix, w)
				}
			}
		})
	}
}

// TestRequestedDateNoWindow: a profile whose lead times leave no day
// still gets a fix a person can act on.
func TestRequestedDateNoWindow(t *testing.T) {
	p := *getProfile(t, "kazoo-bandwidth")
	p.MaxLeadDays = ptr(2)
	o := baseOrder(t)
	got := OrderFindings(o, &p, asOf)
	want := []brief{{report.RequestedDateInvalid, report.Reject, "requested_date", "2026-12-10", "no date (the profile's lead times leave none)"}}
	if diff := cmp.Diff(want, briefs(got)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	checkProse(t, got, "leave requested_date empty")
}

// TestLeadTimeDefaults: a profile that says nothing gets the SPEC's
// defaults, 3 business days to 30 days.
func TestLeadTimeDefaults(t *testing.T) {
	p := &profile.Profile{Name: "bare"}
	for date, fire := range map[string]bool{"2026-11-25": true, "2026-11-27": false, "2026-12-23": false, "2026-12-24": true} {
		o := baseOrder(t)
		o.RequestedDate = date
		if got := len(OrderFindings(o, p, asOf)) > 0; got != fire {
			t.Errorf("%s: fired %v, want %v", date, got, fire)
		}
	}
}
