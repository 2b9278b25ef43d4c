package match

import "time"

// IsBusinessDay reports whether d is neither a weekend nor a US federal
// holiday (as observed).
func IsBusinessDay(d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	y, m, day := d.Date()
	for _, h := range FederalHolidays(y) {
		if hy, hm, hd := h.Date(); hy == y && hm == m && hd == day {
			return false
		}
	}
	// New Year's Day on a Saturday is observed on December 31st of the
	// year before.
	if m == time.December && day == 31 {
		return !observedNewYear(y + 1)
	}
	return true
}

func observedNewYear(y int) bool {
	return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC).Weekday() == time.Saturday
}

// AddBusinessDays returns the date n business days after d.
func AddBusinessDays(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if IsBusinessDay(d) {
			n--
		}
	}
	return d
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

// FederalHolidays returns the observed dates of the US federal holidays
// of year (5 U.S.C. 6103), in calendar order. A holiday on a Saturday is
// observed the Friday before, on a Sunday the Monday after; New Year's
// Day observed in the previous December is left to IsBusinessDay.
func FederalHolidays(year int) []time.Time {
	fixed := func(m time.Month, d int) time.Time { return observed(time.Date(year, m, d, 0, 0, 0, 0, time.UTC)) }
	var hs []time.Time
	if ny := fixed(time.January, 1); ny.Year() == year {
		hs = append(hs, ny)
	}
	hs = append(hs,
		nthWeekday(year, time.January, time.Monday, 3),
		nthWeekday(year, time.February, time.Monday, 3),
		lastWeekday(year, time.May, time.Monday),
	)
	if year >= 2021 {
		hs = append(hs, fixed(time.June, 19))
	}
	return append(hs,
		fixed(time.July, 4),
		nthWeekday(year, time.September, time.Monday, 1),
		nthWeekday(year, time.October, time.Monday, 2),
		fixed(time.November, 11),
		nthWeekday(year, time.November, time.Thursday, 4),
		fixed(time.December, 25),
	)
}

func observed(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, -1)
	case time.Sunday:
		return d.AddDate(0, 0, 1)
	}
	return d
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
