package match

import (
	"time"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
)

// MaxHorizon bounds NextChange: a report stands at most this long
// without its rules being run again, so a date a reader got wildly
// wrong (a bill dated decades ahead) still meets the rules yearly.
const MaxHorizon = 366

// NextChange is the first day after asOf on which the findings of
// OrderFindings and DocumentFindings for the order, profile and reads
// could differ from asOf's: every other rule reads no date, so until
// that day a check makes the same findings. It asks the date rules
// themselves (the requested-date window and each document's age rule),
// not a copy of their thresholds: a rule that finds something today
// names the day or the age in it, so it changes tomorrow; a rule silent
// today starts to speak on the first day its date comes too near or
// too old, and stays speaking, so that day is found by bisection.
func NextChange(o *order.Order, p *profile.Profile, asOf time.Time, reads []Read) time.Time {
	return DatedOf(reads).NextChange(o, p, asOf)
}

// NextChange is NextChange of the order and the documents d was read
// from.
func (d Dated) NextChange(o *order.Order, p *profile.Profile, asOf time.Time) time.Time {
	asOf = day(asOf)
	next := asOf.AddDate(0, 0, MaxHorizon)
	for _, rule := range d.rules(o, p) {
		if d := firstSpeaks(rule, asOf, next); d.Before(next) {
			next = d
		}
	}
	return next
}

// firstSpeaks is tomorrow when rule finds something as of asOf, else
// the first day up to limit on which it does (limit when none).
func firstSpeaks(rule func(time.Time) bool, asOf, limit time.Time) time.Time {
	tomorrow := asOf.AddDate(0, 0, 1)
	if rule(asOf) || !limit.After(tomorrow) {
		return tomorrow
	}
	if !rule(limit) {
		return limit
	}
	lo, hi := asOf, limit // silent on lo, speaking on hi
	for days := daysBetween(lo, hi); days > 1; days = daysBetween(lo, hi) {
		mid := lo.AddDate(0, 0, days/2)
		if rule(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func daysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours()/24 + 0.5)
}
