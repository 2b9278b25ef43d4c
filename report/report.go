package report

import (
	"cmp"
	"slices"
)

// Severity says how a carrier is likely to treat a finding.
type Severity string

const (
	Reject Severity = "reject"
	Warn   Severity = "warn"
	Info   Severity = "info"
	Pass   Severity = "pass" // only as a verdict
)

// Rank orders severities worst first.
func (s Severity) Rank() int {
	switch s {
	case Reject:
		return 0
	case Warn:
		return 1
	case Info:
		return 2
	}
	return 3
}

// Valid reports whether s may stand on a finding.
func (s Severity) Valid() bool { return s == Reject || s == Warn || s == Info }

// Difference classifies how a document's value differs from the order's.
type Difference string

const (
	DiffCase         Difference = "case"
	DiffWhitespace   Difference = "whitespace"
	DiffPunctuation  Difference = "punctuation"
	DiffAbbreviation Difference = "abbreviation"
	DiffMissing      Difference = "missing"
	DiffDifferent    Difference = "different"
)

// Evidence points at the text a finding rests on.
type Evidence struct {
	Page int         `json:"page"`
	Text string      `json:"text"`
	Box  *[4]float64 `json:"box,omitempty"`
}

// Finding is one problem found with an order.
type Finding struct {
	Code         Code              `json:"code"`
	Severity     Severity          `json:"severity"`
	Field        string            `json:"field,omitempty"`
	Expected     string            `json:"expected,omitempty"`
	Found        string            `json:"found,omitempty"`
	Difference   Difference        `json:"difference,omitempty"`
	Document     string            `json:"document,omitempty"`
	Path         string            `json:"path,omitempty"`
	Evidence     *Evidence         `json:"evidence,omitempty"`
	Message      string            `json:"message"`
	Fix          string            `json:"fix,omitempty"`
	CarrierCodes map[string]string `json:"carrier_codes,omitempty"`
	// Accepted is a reviewer's decision that the finding is no obstacle
	// (added to SPEC section 2): it stays in the report, and counts for
	// no verdict.
	Accepted *Acceptance `json:"accepted,omitempty"`
}

// Acceptance is a person's word that a finding was looked at and the
// carrier will take the order as it is.
type Acceptance struct {
	By      string `json:"by"` // the reviewer's name as typed at sign-in
	Tenant  string `json:"tenant"`
	At      string `json:"at"` // RFC 3339, UTC
	Comment string `json:"comment"`
}

// Fields holds what a document itself says, as printed. Absent means the
// document does not show it: never guessed, never copied from the order.
type Fields struct {
	AccountName    string   `json:"account_name,omitempty"`
	AccountNumber  string   `json:"account_number,omitempty"`
	ServiceAddress string   `json:"service_address,omitempty"`
	BTN            string   `json:"btn,omitempty"`
	PhoneNumbers   []string `json:"phone_numbers,omitempty"`
	BillDate       string   `json:"bill_date,omitempty"`
	Carrier        string   `json:"carrier,omitempty"`
	SignerName     string   `json:"signer_name,omitempty"`
	SignerTitle    string   `json:"signer_title,omitempty"`
	Signed         *bool    `json:"signed,omitempty"`
	SignedDate     string   `json:"signed_date,omitempty"`
}

// Document describes one document of the order as portcheck read it.
type Document struct {
	Kind       string  `json:"kind"`
	Path       string  `json:"path,omitempty"`
	SHA256     string  `json:"sha256,omitempty"`
	Bytes      int64   `json:"bytes"`
	MediaType  string  `json:"media_type,omitempty"`
	Pages      int     `json:"pages"`
	TextSource string  `json:"text_source"`
	OCRPages   []int   `json:"ocr_pages,omitempty"` // pages read by OCR when the rest has a text layer
	Fields     *Fields `json:"fields,omitempty"`
}

// Report is the outcome of checking one order.
type Report struct {
	OrderID   string     `json:"order_id"`
	Profile   string     `json:"profile"`
	AsOf      string     `json:"as_of"`
	Verdict   Severity   `json:"verdict"`
	Findings  []Finding  `json:"findings"`
	Documents []Document `json:"documents"`
}

// Finalize sorts the findings and sets the verdict: the worst severity
// of the findings no reviewer accepted. Call it once all findings are
// in, and again when an acceptance changes; it is idempotent.
func (r *Report) Finalize() {
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	if r.Documents == nil {
		r.Documents = []Document{}
	}
	slices.SortStableFunc(r.Findings, compareFindings)
	r.Verdict = Pass
	for _, f := range r.Findings {
		if f.Accepted != nil {
			continue
		}
		if f.Severity == Reject || (f.Severity == Warn && r.Verdict == Pass) {
			r.Verdict = f.Severity
		}
	}
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Severity.Rank(), b.Severity.Rank()),
		cmp.Compare(a.Code, b.Code),
		naturalCompare(a.Field, b.Field),
		cmp.Compare(a.Document, b.Document),
		cmp.Compare(a.Path, b.Path),
	)
}

// Replace gives r's findings of codes up for fs, and finalizes r: a
// report made again for another day, whose findings of the rules that
// read the date alone change (match.DateCodes).
func (r *Report) Replace(codes []Code, fs []Finding) {
	r.Findings = slices.DeleteFunc(r.Findings, func(f Finding) bool { return slices.Contains(codes, f.Code) })
	r.Findings = append(r.Findings, fs...)
	r.Finalize()
}

// Has reports whether the report carries a finding with code c.
func (r *Report) Has(c Code) bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Code == c })
}

// naturalCompare orders field paths as a person reads them:
// numbers[2] before numbers[10].
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, ra := leadingNumber(a)
		db, rb := leadingNumber(b)
		if da >= 0 && db >= 0 {
			if c := cmp.Compare(da, db); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// leadingNumber returns the number s starts with and the rest, or -1.
func leadingNumber(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 9 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return -1, s
	}
	return n, s[i:]
}
