package correction

import (
	"fmt"
	"strings"

	"github.com/portcheck/portcheck/report"
)

// Correction is what the report asks of the order.
type Correction struct {
	OrderID string `json:"order_id"`
	AsOf    string `json:"as_of"`
	// Patch is a JSON merge patch of the order; empty when nothing can be
	// applied without a person.
	Patch   map[string]any `json:"patch"`
	Changes []Change       `json:"changes"`
	Manual  []Manual       `json:"manual"`
}

// Change is one value of the patch and the finding it clears.
type Change struct {
	Code     report.Code `json:"code"`
	Field    string      `json:"field"`
	From     string      `json:"from,omitempty"`
	To       string      `json:"to"`
	Document string      `json:"document,omitempty"`
	Path     string      `json:"path,omitempty"`
}

// Manual is a finding only a person can resolve, with what to do in a
// plain sentence.
type Manual struct {
	Code     report.Code     `json:"code"`
	Severity report.Severity `json:"severity"`
	Field    string          `json:"field,omitempty"`
	Document string          `json:"document,omitempty"`
	Path     string          `json:"path,omitempty"`
	Action   string          `json:"action"`
}

// redacted is how a report shows a PIN or SSN digits it scrubbed
// (pipeline.Scrub): a value holding it is not what the document prints.
const redacted = "[redacted]"

// fieldOf is the order field each code's "enter exactly" fix changes.
var fieldOf = map[report.Code]string{
	report.NameMismatch:          "account_name",
	report.AccountNumberMismatch: "account_number",
	report.BTNMismatch:           "btn",
	report.AddressMismatch:       "service_address",
	report.SignerMismatch:        "authorized_name",
}

// candidate is a finding whose fix enters a printed value.
type candidate struct {
	f     report.Finding
	value any // string, or the address object
}

// FromReport makes the correction of a report.
func FromReport(r *report.Report) *Correction {
	c := &Correction{OrderID: r.OrderID, AsOf: r.AsOf, Patch: map[string]any{}, Changes: []Change{}, Manual: []Manual{}}
	byField := map[string][]candidate{}
	var fields []string
	for _, f := range r.Findings {
		cand, why := enterable(f)
		if why != "" {
			c.Manual = append(c.Manual, manual(f, why))
			continue
		}
		if _, seen := byField[cand.f.Field]; !seen {
			fields = append(fields, cand.f.Field)
		}
		byField[cand.f.Field] = append(byField[cand.f.Field], cand)
	}
	for _, field := range fields {
		cands := byField[field]
		if why := disagreement(r, cands); why != "" {
			for _, cd := range cands {
				c.Manual = append(c.Manual, manual(cd.f, why))
			}
			continue
		}
		c.Patch[field] = cands[0].value
		for _, cd := range cands {
			c.Changes = append(c.Changes, Change{Code: cd.f.Code, Field: field, From: cd.f.Expected, To: cd.f.Found, Document: cd.f.Document, Path: cd.f.Path})
		}
	}
	return c
}

// enterable returns the finding as a candidate, or why it is not one
// ("" with a candidate; else the sentence a person reads, which is the
// finding's own fix unless the reason is this package's).
func enterable(f report.Finding) (candidate, string) {
	action := f.Fix
	if action == "" {
		action = f.Message
	}
	field, ok := fieldOf[f.Code]
	if !ok || f.Field != field || f.Found == "" || !strings.HasPrefix(f.Fix, "Enter ") || !strings.HasSuffix(f.Fix, ": "+f.Found) {
		return candidate{}, action
	}
	if strings.Contains(f.Found, redacted) {
		return candidate{}, fmt.Sprintf("The %s prints %s next to a secret (shown as %s): enter the value from the document by hand, without the secret.", kindName(f.Document), f.Field, redacted)
	}
	if f.Code == report.SignerMismatch && f.Difference == report.DiffDifferent {
		return candidate{}, fmt.Sprintf("The LOA is signed by %s, not %s: confirm with the customer that %s may authorize the port, then enter that name as authorized_name, or have %s sign a new LOA.", f.Found, f.Expected, f.Found, f.Expected)
	}
	if f.Code != report.AddressMismatch {
		return candidate{f: f, value: f.Found}, ""
	}
	a, ok := splitAddress(f.Found)
	if !ok {
		return candidate{}, fmt.Sprintf("Enter the service address as printed on the %s, %q, into the order's address fields: it could not be split into line1, line2, city, state and postal_code with certainty.", kindName(f.Document), f.Found)
	}
	return candidate{f: f, value: a}, ""
}

// disagreement says why the candidates for one field cannot be applied:
// they differ, or a document prints the field otherwise.
func disagreement(r *report.Report, cands []candidate) string {
	field, want := cands[0].f.Field, cands[0].f.Found
	var seen []string
	add := func(where, v string) {
		if v != "" && !sameValue(field, want, v) {
			seen = append(seen, fmt.Sprintf("%s prints %q", where, v))
		}
	}
	for _, cd := range cands[1:] {
		add("the "+kindName(cd.f.Document), cd.f.Found)
	}
	for _, d := range r.Documents {
		if d.Fields != nil {
			add("the "+kindName(d.Kind)+docPath(d.Path), printed(d.Fields, field))
		}
	}
	if len(seen) == 0 {
		return ""
	}
	return fmt.Sprintf("The %s prints %s %q, but %s: the carrier holds what its CSR says (a bill usually shows the same); enter that value, and have any document that prints otherwise corrected to match.", kindName(cands[0].f.Document), field, want, strings.Join(seen, ", and "))
}

func docPath(p string) string {
	if p == "" {
		return ""
	}
	return " (" + p + ")"
}

// printed is what a document's fields show for an order field.
func printed(f *report.Fields, field string) string {
	switch field {
	case "account_name":
		return f.AccountName
	case "account_number":
		return f.AccountNumber
	case "btn":
		return f.BTN
	case "service_address":
		return f.ServiceAddress
	case "authorized_name":
		return f.SignerName
	}
	return ""
}

func manual(f report.Finding, action string) Manual {
	return Manual{Code: f.Code, Severity: f.Severity, Field: f.Field, Document: f.Document, Path: f.Path, Action: action}
}

func kindName(kind string) string {
	switch kind {
	case "loa":
		return "LOA"
	case "csr":
		return "CSR"
	case "id":
		return "ID document"
	case "", "other":
		return "document"
	}
	return kind
}
