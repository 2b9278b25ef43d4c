package profile

import (
	"fmt"
	"regexp"
	"time"

	"github.com/portcheck/portcheck/report"
)

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

var documentKinds = map[string]bool{"bill": true, "loa": true, "csr": true, "id": true, "other": true}

// Validate checks that every limit is meaningful.
func (p *Profile) Validate() error {
	if !nameRE.MatchString(p.Name) {
		return fmt.Errorf("profile name %q: must be lower-case letters, digits and dashes", p.Name)
	}
	for _, n := range []struct {
		field string
		v     int
	}{
		{"bill_max_age_days", p.BillMaxAgeDays}, {"loa_max_age_days", p.LOAMaxAgeDays},
		{"max_numbers", p.MaxNumbers}, {"max_account_name_length", p.MaxAccountNameLength},
		{"max_signer_name_length", p.MaxSignerNameLength}, {"min_lead_days", p.MinLeadDays},
	} {
		if n.v < 0 {
			return fmt.Errorf("profile %s: %s: must not be negative", p.Name, n.field)
		}
	}
	for kind, r := range p.Documents {
		if !documentKinds[kind] {
			return fmt.Errorf("profile %s: documents.%s: not a document kind", p.Name, kind)
		}
		if r.MaxBytes < 0 || r.MaxPages < 0 {
			return fmt.Errorf("profile %s: documents.%s: limits must not be negative", p.Name, kind)
		}
	}
	for class, s := range p.Matching {
		if !validClass(class) || !s.Valid() {
			return fmt.Errorf("profile %s: matching.%s: %q is not a valid class and severity", p.Name, class, s)
		}
	}
	for code, s := range p.Severities {
		if _, ok := report.Catalog[code]; !ok || !s.Valid() {
			return fmt.Errorf("profile %s: severities.%s: unknown code or severity %q", p.Name, code, s)
		}
	}
	return nil
}

func validClass(d report.Difference) bool {
	switch d {
	case report.DiffCase, report.DiffWhitespace, report.DiffPunctuation, report.DiffAbbreviation, report.DiffMissing, report.DiffDifferent:
		return true
	}
	return false
}

// Rule returns the rule for a document kind (zero when the profile says
// nothing about it).
func (p *Profile) Rule(kind string) DocumentRule {
	r := p.Documents[kind]
	if r.MaxPages == 0 {
		r.MaxPages = DefaultMaxPages
	}
	return r
}

// Requires reports whether the profile requires a document of kind.
func (p *Profile) Requires(kind string) bool { return p.Documents[kind].Required }

// AgingMargin is BILL_AGING's warning margin in days.
func (p *Profile) AgingMargin() int { return orDefault(p.BillAgingMarginDays, 5) }

// LeadTime returns the requested date's bounds: at least minBusiness
// business days and minDays calendar days out, at most maxDays.
func (p *Profile) LeadTime() (minBusiness, minDays, maxDays int) {
	return orDefault(p.MinLeadBusinessDays, 3), p.MinLeadDays, orDefault(p.MaxLeadDays, 30)
}

func orDefault(v *int, d int) int {
	if v == nil {
		return d
	}
	return *v
}

// Severity applies the profile's override for code to the default s.
func (p *Profile) Severity(code report.Code, s report.Severity) report.Severity {
	if o, ok := p.Severities[code]; ok {
		return o
	}
	return s
}

// MatchSeverity judges a difference of class d, starting from the
// finding's own severity s.
func (p *Profile) MatchSeverity(d report.Difference, s report.Severity) report.Severity {
	if o, ok := p.Matching[d]; ok {
		return o
	}
	return s
}

// Serves reports whether the profile ports numbers of region.
func (p *Profile) Serves(region string) bool {
	return len(p.Countries) == 0 || contains(p.Countries, region)
}

// Ports reports whether the profile ports numbers of type t ("" unknown
// is always allowed: nothing says it is not).
func (p *Profile) Ports(t string) bool {
	return t == "" || len(p.NumberTypes) == 0 || contains(p.NumberTypes, t)
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// DaysOld is how many whole days lie between date and asOf.
func DaysOld(date, asOf time.Time) int {
	return int(asOf.Sub(date).Hours() / 24)
}
