package match

import (
	"fmt"
	"strings"
	"time"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// btnPartialPort: a partial port that moves the BTN must name a new BTN
// from the numbers that stay behind (Bandwidth, Telnyx).
func btnPartialPort(o *order.Order, lines []order.Line, _ *profile.Profile, _ time.Time) []report.Finding {
	btn := order.E164(o.BTN, o.Region())
	if o.IsFullPort() || btn == "" || !ported(lines, btn) {
		return nil
	}
	newBTN := ""
	if o.NewBTN != nil {
		newBTN = strings.TrimSpace(*o.NewBTN)
	}
	var msg string
	switch e := order.E164(newBTN, o.Region()); {
	case newBTN == "":
		msg = fmt.Sprintf("This partial port moves the BTN %s but names no new_btn for the numbers that stay behind.", btn)
	case e == "":
		msg = fmt.Sprintf("new_btn %q is not a valid telephone number.", newBTN)
	case ported(lines, e):
		msg = fmt.Sprintf("new_btn %s is itself being ported; the new BTN must be a number that stays with the current carrier.", e)
	default:
		return nil
	}
	f := finding(report.BTNPartialPort, "new_btn", msg,
		"Set new_btn to one of the account's numbers that stay with the current carrier, or port every number (full_port true).")
	f.Found = newBTN
	return []report.Finding{f}
}

func ported(lines []order.Line, e164 string) bool {
	for _, l := range lines {
		if l.E164 == e164 {
			return true
		}
	}
	return false
}

// wirelessPIN: wireless ports validate on the Number Transfer PIN.
func wirelessPIN(_ *order.Order, lines []order.Line, p *profile.Profile, _ time.Time) []report.Finding {
	if !p.WirelessPINRequired {
		return nil
	}
	var out []report.Finding
	for _, l := range lines {
		if l.Type != order.TypeWireless || l.HasPIN {
			continue
		}
		f := finding(report.WirelessPINMissing, fmt.Sprintf("numbers[%d]", l.Index),
			fmt.Sprintf("%s is a wireless number and the order gives no PIN for it (neither its own nor the order's).", display(l)),
			"Ask the customer to request a Number Transfer PIN from the current wireless carrier and enter it as this number's pin (PINs expire within days).")
		out = append(out, f)
	}
	return out
}

// requestedDate: the carrier needs lead time, will not schedule far
// out, and ports only on business days.
func requestedDate(o *order.Order, _ []order.Line, p *profile.Profile, asOf time.Time) []report.Finding {
	d, ok := o.RequestedDay()
	if !ok {
		return nil
	}
	minB, minD, maxD := p.LeadTime()
	earliest := AddBusinessDays(asOf, minB)
	if cal := asOf.AddDate(0, 0, minD); cal.After(earliest) {
		earliest = nextBusinessDay(cal)
	}
	latest := previousBusinessDay(asOf.AddDate(0, 0, maxD))
	var why string
	switch {
	case d.Before(earliest):
		why = fmt.Sprintf("is sooner than profile %s allows (%d business days", p.Name, minB)
		if minD > 0 {
			why += fmt.Sprintf(" and %d days", minD)
		}
		why += " of lead time)"
	case d.After(latest):
		why = fmt.Sprintf("is more than %d days out", maxD)
	case !IsBusinessDay(d):
		why = "is not a business day (a weekend or a US federal holiday)"
	default:
		return nil
	}
	f := finding(report.RequestedDateInvalid, "requested_date", fmt.Sprintf("The requested date %s %s.", o.RequestedDate, why),
		fmt.Sprintf("Request a business day from %s to %s.", earliest.Format(time.DateOnly), latest.Format(time.DateOnly)))
	f.Found = o.RequestedDate
	f.Expected = fmt.Sprintf("a business day from %s to %s", earliest.Format(time.DateOnly), latest.Format(time.DateOnly))
	return []report.Finding{f}
}
