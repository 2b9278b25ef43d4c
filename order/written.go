package order

import (
	"fmt"
	"strings"
)

// Written returns the order's value of a report field as the user
// wrote it, where a report quotes it as compared: the service address
// standardised, numbers in E.164. A reviewer sees both sides as written.
func (o *Order) Written(field string) (string, bool) {
	var i int
	if _, err := fmt.Sscanf(field, "numbers[%d]", &i); err == nil && i >= 0 && i < len(o.Numbers) {
		return o.Numbers[i].Number, true
	}
	if field != "service_address" || o.ServiceAddress.Line1 == "" {
		return "", false
	}
	a := o.ServiceAddress
	street := strings.Join(nonEmpty(a.Line1, a.Line2), ", ")
	return strings.Join(nonEmpty(street, a.City, strings.Join(nonEmpty(a.State, a.PostalCode), " ")), ", "), true
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Secrets returns the order's PINs in clear, for painting out wherever a
// page image prints them. Never log or report what it returns.
func (o *Order) Secrets() []string {
	var out []string
	if o.PIN.IsSet() {
		out = append(out, o.PIN.Reveal())
	}
	for _, n := range o.Numbers {
		if n.PIN.IsSet() {
			out = append(out, n.PIN.Reveal())
		}
	}
	return out
}
