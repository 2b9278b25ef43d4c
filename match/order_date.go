package match

import (
	"fmt"
	"strings"
	"time"

	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// dateWindow is the span of requested dates a profile accepts on a day:
// at least minBusiness business days and minDays calendar days out (the
// carrier needs days to confirm and schedule), at most maxDays out (it
// will not hold a date further away), and a business day.
type dateWindow struct {
	asOf                   time.Time
	minBusiness, minDays   int
	maxDays                int
	byBusiness, byCalendar time.Time // the two lower bounds
	latestDay              time.Time // the upper bound, any day
}

// windowOf is the window of p's lead times as of asOf.
func windowOf(p *profile.Profile, asOf time.Time) dateWindow {
	minB, minD, maxD := p.LeadTime()
	return newDateWindow(asOf, minB, minD, maxD)
}

func newDateWindow(asOf time.Time, minBusiness, minDays, maxDays int) dateWindow {
	return dateWindow{
		asOf: asOf, minBusiness: minBusiness, minDays: minDays, maxDays: maxDays,
		byBusiness: AddBusinessDays(asOf, minBusiness),
		byCalendar: asOf.AddDate(0, 0, minDays),
		latestDay:  asOf.AddDate(0, 0, maxDays),
	}
}

// earliest and latest are the valid business days at either end.
func (w dateWindow) earliest() time.Time {
	lo := w.byBusiness
	if w.byCalendar.After(lo) {
		lo = w.byCalendar
	}
	return nextBusinessDay(lo)
}

func (w dateWindow) latest() time.Time { return previousBusinessDay(w.latestDay) }

// problems says every way d falls outside the window, in words.
func (w dateWindow) problems(d time.Time) []string {
	var out []string
	w.check(d, func(say func() string) { out = append(out, say()) })
	return out
}

// outside reports whether d falls outside the window, without the
// words: NextChange asks it of many days.
func (w dateWindow) outside(d time.Time) bool {
	found := false
	w.check(d, func(func() string) { found = true })
	return found
}

// check calls found with each way d falls outside the window; say
// words it.
func (w dateWindow) check(d time.Time, found func(say func() string)) {
	days := int(d.Sub(w.asOf).Hours() / 24)
	switch {
	case !d.After(w.asOf):
		found(func() string { return fmt.Sprintf("is not after today (%s)", w.asOf.Format(time.DateOnly)) })
	case d.Before(w.byBusiness):
		found(func() string {
			return fmt.Sprintf("is only %d business day(s) after today (%s), and at least %d are needed", businessDaysBetween(w.asOf, d), w.asOf.Format(time.DateOnly), w.minBusiness)
		})
	}
	if d.After(w.asOf) && d.Before(w.byCalendar) {
		found(func() string {
			return fmt.Sprintf("is only %d day(s) out, and at least %d are needed", days, w.minDays)
		})
	}
	if d.After(w.latestDay) {
		found(func() string { return fmt.Sprintf("is %d days out, more than the %d allowed", days, w.maxDays) })
	}
	if !IsBusinessDay(d) {
		found(func() string { return "is not a business day (" + whyNotBusiness(d) + ")" })
	}
}

func whyNotBusiness(d time.Time) string {
	if name, ok := holidayOn(d); ok {
		return name + ", a US federal holiday"
	}
	return "a " + d.Weekday().String()
}

// requestedDate: a date the carrier cannot meet is refused outright
// (FOC rejected), so the fix names the dates it can meet.
func requestedDate(c orderCheck) []report.Finding {
	d, ok := c.o.RequestedDay()
	if !ok {
		return nil
	}
	w := windowOf(c.p, c.asOf)
	why := w.problems(d)
	if len(why) == 0 {
		return nil
	}
	first, last := w.earliest().Format(time.DateOnly), w.latest().Format(time.DateOnly)
	fix := fmt.Sprintf("Set requested_date to a business day from %s (the earliest profile %s allows) to %s (the latest).", first, c.p.Name, last)
	expected := fmt.Sprintf("a business day from %s to %s", first, last)
	if w.earliest().After(w.latest()) {
		fix = fmt.Sprintf("No business day meets profile %s's lead times today; leave requested_date empty and let the carrier schedule the port.", c.p.Name)
		expected = "no date (the profile's lead times leave none)"
	}
	f := finding(report.RequestedDateInvalid, "requested_date",
		fmt.Sprintf("The requested date %s does not suit profile %s: it %s.", c.o.RequestedDate, c.p.Name, strings.Join(why, "; it ")), fix)
	f.Found, f.Expected = c.o.RequestedDate, expected
	return []report.Finding{f}
}
