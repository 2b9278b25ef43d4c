package match

import (
	"slices"
	"sync"
	"time"
)

// holiday is an observed US federal holiday (5 U.S.C. 6103) and the
// name a message can show, so a date refused as a holiday says which.
type holiday struct {
	date time.Time
	name string
}

// IsBusinessDay reports whether d is neither a Saturday, a Sunday nor a
// US federal holiday as observed. Only d's calendar date counts.
func IsBusinessDay(d time.Time) bool {
	if isWeekend(d) {
		return false
	}
	_, ok := holidayOn(d)
	return !ok
}

func isWeekend(d time.Time) bool {
	return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
}

// holidayOn returns the name of the holiday observed on d's date.
func holidayOn(d time.Time) (string, bool) {
	d = day(d)
	for _, h := range holidays(d.Year()) {
		if h.date.Equal(d) {
			return h.name, true
		}
	}
	return "", false
}

// AddBusinessDays returns the date n business days after d (before d
// when n is negative). d itself never counts, business day or not: a
// carrier's "3 business days" start the day after the request.
func AddBusinessDays(d time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		if IsBusinessDay(d) {
			n--
		}
	}
	return d
}

// businessDaysBetween counts the business days after from up to and
// including to (0 when to is not after from).
func businessDaysBetween(from, to time.Time) int {
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if IsBusinessDay(d) {
			n++
		}
	}
	return n
}

func nextBusinessDay(d time.Time) time.Time {
	for !IsBusinessDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func previousBusinessDay(d time.Time) time.Time {
	for !IsBusinessDay(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// FederalHolidays returns the days of year on which US federal holidays
// are observed, in calendar order, at UTC midnight. A holiday on a
// Saturday is observed the Friday before, on a Sunday the Monday after.
// The list is of days off within year: when New Year's Day falls on a
// Saturday, its observed Friday is December 31st of the year before, so
// it belongs to that year's list and not to its own.
func FederalHolidays(year int) []time.Time {
	var out []time.Time
	for _, h := range holidays(year) {
		out = append(out, h.date)
	}
	return out
}

// byYear holds each year's holidays once made: the date rules ask
// whether a day is a holiday thousands of times per order (NextChange
// bisects each rule over a year), and making a year's list anew each
// time was a third of a night's re-validation. Only years a real date
// falls in are kept, so a misread year cannot grow the map.
var byYear sync.Map // int -> []holiday

const firstKeptYear, lastKeptYear = 1900, 2200

// holidays returns the holidays observed within year, in date order;
// the slice may be shared, and callers must not change it.
func holidays(year int) []holiday {
	if year < firstKeptYear || year > lastKeptYear {
		return makeHolidays(year)
	}
	if hs, ok := byYear.Load(year); ok {
		return hs.([]holiday)
	}
	hs, _ := byYear.LoadOrStore(year, makeHolidays(year))
	return hs.([]holiday)
}

func makeHolidays(year int) []holiday {
	var out []holiday
	for _, y := range []int{year, year + 1} {
		for _, h := range holidaysOf(y) {
			if h.date.Year() == year {
				out = append(out, h)
			}
		}
	}
	slices.SortFunc(out, func(a, b holiday) int { return a.date.Compare(b.date) })
	return out
}

// holidaysOf returns the holidays established for year, observed dates
// included, whichever calendar year the observed date falls in.
func holidaysOf(year int) []holiday {
	fixed := func(m time.Month, d int, name string) holiday {
		return observed(holiday{time.Date(year, m, d, 0, 0, 0, 0, time.UTC), name})
	}
	hs := []holiday{
		fixed(time.January, 1, "New Year's Day"),
		{nthWeekday(year, time.January, time.Monday, 3), "Martin Luther King Jr. Day"},
		{nthWeekday(year, time.February, time.Monday, 3), "Washington's Birthday"},
		{lastWeekday(year, time.May, time.Monday), "Memorial Day"},
		fixed(time.July, 4, "Independence Day"),
		{nthWeekday(year, time.September, time.Monday, 1), "Labor Day"},
		{nthWeekday(year, time.October, time.Monday, 2), "Columbus Day"},
		fixed(time.November, 11, "Veterans Day"),
		{nthWeekday(year, time.November, time.Thursday, 4), "Thanksgiving Day"},
		fixed(time.December, 25, "Christmas Day"),
	}
	if year >= 2021 { // Juneteenth National Independence Day Act, June 2021
		hs = append(hs, fixed(time.June, 19, "Juneteenth National Independence Day"))
	}
	return hs
}

func observed(h holiday) holiday {
	switch h.date.Weekday() {
	case time.Saturday:
		return holiday{h.date.AddDate(0, 0, -1), h.name + " (observed)"}
	case time.Sunday:
		return holiday{h.date.AddDate(0, 0, 1), h.name + " (observed)"}
	}
	return h
}

func nthWeekday(year int, m time.Month, wd time.Weekday, n int) time.Time {
	d := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 7*(n-1))
}

func lastWeekday(year int, m time.Month, wd time.Weekday) time.Time {
	d := time.Date(year, m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// day is t's calendar date at UTC midnight: dates are compared as days,
// whatever clock or zone a caller's time carries.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
