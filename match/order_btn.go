package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// btnPartialPort: the BTN is the account's main number; when it leaves
// while other numbers stay, the losing carrier needs a new BTN for what
// remains, and it must be one of the numbers that stay (Bandwidth,
// Telnyx). A full port takes the whole account, so no BTN is left to name.
func btnPartialPort(c orderCheck) []report.Finding {
	btn := order.E164(c.o.BTN, c.o.Region())
	if c.o.IsFullPort() || btn == "" || !ported(c.lines, btn) {
		return nil
	}
	raw := ""
	if c.o.NewBTN != nil {
		raw = strings.TrimSpace(*c.o.NewBTN)
	}
	var msg string
	switch e := order.E164(raw, c.o.Region()); {
	case raw == "":
		msg = fmt.Sprintf("This partial port moves the BTN %s but names no new_btn for the numbers that stay with the current carrier.", btn)
	case e == "":
		msg = fmt.Sprintf("This partial port moves the BTN %s, and new_btn %q is not a valid telephone number.", btn, raw)
	case ported(c.lines, e):
		msg = fmt.Sprintf("This partial port moves the BTN %s, and new_btn %s is itself ported by this order; the new BTN must stay with the current carrier.", btn, e)
	default:
		return nil
	}
	f := finding(report.BTNPartialPort, "new_btn", msg,
		fmt.Sprintf("Set new_btn to a number of the account that stays with %s (not %s), or port every number of the account and set full_port to true.", carrier(c.o), portedList(c.lines)))
	f.Found, f.Expected = raw, "a number of the account that is not ported"
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

// portedList names the valid numbers a new BTN must not be, each once;
// past a handful, a count reads better than a list.
func portedList(lines []order.Line) string {
	var s []string
	for _, l := range lines {
		if l.Valid && !slices.Contains(s, l.E164) {
			s = append(s, l.E164)
		}
	}
	if len(s) > 5 {
		return fmt.Sprintf("none of the %d numbers in this order", len(s))
	}
	return strings.Join(s, ", ")
}

func carrier(o *order.Order) string {
	if o.CurrentCarrier != "" {
		return o.CurrentCarrier
	}
	return "the current carrier"
}

// wirelessPIN: wireless ports validate on the Number Transfer PIN. Only
// whether one was given is looked at; its value never reaches a finding.
func wirelessPIN(c orderCheck) []report.Finding {
	if !c.p.WirelessPINRequired {
		return nil
	}
	var out []report.Finding
	for _, l := range c.lines {
		if l.Type != order.TypeWireless || l.HasPIN {
			continue
		}
		field := numberField(l.Index)
		f := finding(report.WirelessPINMissing, field,
			fmt.Sprintf("%s (%s) is a wireless number and the order gives no PIN for it, neither its own nor the order's.", display(l), field),
			fmt.Sprintf("Ask the account holder to request a Number Transfer PIN from %s and enter it as %s.pin (or as the order's pin); PINs expire within days, so request it shortly before submitting.", carrier(c.o), field))
		f.Expected = "a PIN"
		out = append(out, f)
	}
	return out
}
