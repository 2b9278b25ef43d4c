package pipeline

import (
	"regexp"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// ssnLike is a US Social Security or Tax ID number as printed. LOAs and
// CSRs sometimes carry one; a report quoting a line of such a document
// must not carry it on.
var ssnLike = regexp.MustCompile(`\b\d{3}[- ]\d{2}[- ]\d{4}\b`)

const redacted = "[redacted]"

// redact removes secrets from every text of a report that quotes a
// document: the order's PINs where they stand as a whole token, and
// anything shaped like an SSN. Whole tokens only: a PIN of 0100 must not
// cut a telephone number that ends in 0100.
func redact(rep *report.Report, o *order.Order) {
	var pins []*regexp.Regexp
	for _, s := range secrets(o) {
		pins = append(pins, regexp.MustCompile(`(?:^|[^\w-])(`+regexp.QuoteMeta(s)+`)(?:$|[^\w-])`))
	}
	clean := func(s *string) {
		*s = ssnLike.ReplaceAllString(*s, redacted)
		for _, re := range pins {
			*s = replaceGroup(re, *s)
		}
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		for _, s := range []*string{&f.Message, &f.Fix, &f.Found, &f.Expected} {
			clean(s)
		}
		if f.Evidence != nil {
			clean(&f.Evidence.Text)
		}
	}
	for i := range rep.Documents {
		if fs := rep.Documents[i].Fields; fs != nil {
			for _, s := range []*string{&fs.AccountName, &fs.AccountNumber, &fs.ServiceAddress, &fs.SignerName, &fs.SignerTitle} {
				clean(s)
			}
		}
	}
}

func secrets(o *order.Order) []string {
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

func replaceGroup(re *regexp.Regexp, s string) string {
	for {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			return s
		}
		s = s[:m[2]] + redacted + s[m[3]:]
	}
}
