package fields

import (
	"regexp"
	"sort"
	"strings"
)

// carrier is an issuer with the names it prints: its brand, its legal
// names and its former or sub-brands (DOMAIN.md). Names are matched as
// whole words, longest first, so "Verizon Wireless" wins over "Verizon".
type carrier struct {
	brand string
	names []string
}

var carriers = []carrier{
	{"Verizon", []string{"Verizon Wireless", "Verizon Business", "Verizon Fios", "Verizon", "Cellco Partnership"}},
	{"AT&T", []string{"AT&T Mobility", "AT&T Corp", "AT&T Business", "AT&T", "ATT"}},
	{"T-Mobile", []string{"T-Mobile", "TMobile", "Sprint", "Metro by T-Mobile", "MetroPCS"}},
	{"Spectrum", []string{"Charter Communications", "Spectrum Business", "Spectrum"}},
	{"Comcast", []string{"Comcast Business", "Comcast", "Xfinity"}},
	{"Lumen", []string{"Lumen Technologies", "Lumen", "CenturyLink", "Qwest", "Embarq"}},
	{"Windstream", []string{"Windstream", "Kinetic by Windstream", "Kinetic"}},
	{"Frontier", []string{"Frontier Communications", "Frontier"}},
	{"Cox", []string{"Cox Communications", "Cox Business", "Cox"}},
	{"RingCentral", []string{"RingCentral"}},
	{"Vonage", []string{"Vonage"}},
	{"8x8", []string{"8x8"}},
	{"Ooma", []string{"Ooma"}},
	{"Google Voice", []string{"Google Voice"}},
	{"Bandwidth", []string{"Bandwidth.com", "Bandwidth Inc"}},
	{"Telnyx", []string{"Telnyx"}},
	{"Twilio", []string{"Twilio"}},
	{"US Cellular", []string{"U.S. Cellular", "US Cellular", "United States Cellular"}},
	{"Consolidated Communications", []string{"Consolidated Communications"}},
	{"Optimum", []string{"Optimum", "Altice USA", "Suddenlink"}},
	{"Mediacom", []string{"Mediacom"}},
	{"Cincinnati Bell", []string{"Cincinnati Bell", "altafiber"}},
	{"Bouygues Telecom", []string{"Bouygues Telecom"}},
	{"Free", []string{"Free Mobile", "Free SAS"}},
}

type carrierName struct {
	name, brand string
	re          *pattern
}

var carrierNames = func() []carrierName {
	var out []carrierName
	for _, c := range carriers {
		for _, n := range c.names {
			re := lazyRegexp(`(?i)(?:^|[^\w&])(` + regexp.QuoteMeta(n) + `)(?:$|[^\w&])`)
			out = append(out, carrierName{name: n, brand: c.brand, re: re})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].name) > len(out[j].name) })
	return out
}()

// CarrierBrand returns the brand a printed or typed carrier name belongs
// to ("Cellco Partnership d/b/a Verizon Wireless" -> "Verizon"), or the
// name itself, trimmed, when it is not a known carrier.
func CarrierBrand(name string) string {
	folded := foldText(name)
	for _, c := range carrierNames {
		if needOf(c.re).mayMatch(folded) && c.re.MatchString(name) {
			return c.brand
		}
	}
	return strings.TrimSpace(name)
}

// findCarrier returns the carrier name printed in text, as printed.
func findCarrier(text string) (printed, brand string) {
	at, folded := len(text)+1, foldText(text)
	for _, c := range carrierNames {
		if !needOf(c.re).mayMatch(folded) { // most lines name no carrier: skip the patterns that cannot match
			continue
		}
		m := c.re.FindStringSubmatchIndex(text)
		if m != nil && m[2] < at {
			at, printed, brand = m[2], text[m[2]:m[3]], c.brand
		}
	}
	return printed, brand
}

// minCarrierAccountDigits: the carriers' account numbers are longer
// (DOMAIN.md: wireless 9-12 digits, wireline ones often the BTN and
// more); a shorter one on a known carrier's bill is a fragment.
const minCarrierAccountDigits = 6

// knownCarrier reports whether brand is one of the carriers listed.
func knownCarrier(brand string) bool {
	for _, c := range carriers {
		if c.brand == brand {
			return true
		}
	}
	return false
}
