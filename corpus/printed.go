package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/portcheck/portcheck/report"
)

// PrintedDocument is one document of a reference set's fields.json:
// what it prints, as a person reads it. Only the fields a report also
// carries are kept; the rest of the entry (layout, decoys) is ignored.
type PrintedDocument struct {
	Kind           string          `json:"kind"`
	Path           string          `json:"path"`
	AccountName    *string         `json:"account_name"`
	AccountNumber  *string         `json:"account_number"`
	ServiceAddress json.RawMessage `json:"service_address"`
	BTN            *string         `json:"btn"`
	BillDate       *string         `json:"bill_date"`
	Carrier        *string         `json:"carrier"`
	Signer         *string         `json:"signer"`
	SignerTitle    *string         `json:"signer_title"`
	Signed         *bool           `json:"signed"`
	DateSigned     *string         `json:"date_signed"`
}

type printedOrder struct {
	Order     string            `json:"order"`
	Documents []PrintedDocument `json:"documents"`
}

// loadPrinted reads fields.json by order id; a set without one has no
// printed values to show beside a miss.
func loadPrinted(name string) (map[string][]PrintedDocument, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var all []printedOrder
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := map[string][]PrintedDocument{}
	for _, o := range all {
		out[o.Order] = o.Documents
	}
	return out, nil
}

// differences lists, for a person reading a miss, each field whose
// printed value is not what was read ("-" where nothing was read).
func (p PrintedDocument) differences(f *report.Fields) []string {
	got := flatten(f)
	var out []string
	add := func(name string, want *string) {
		if want == nil || *want == "" {
			if got[name] != "" {
				out = append(out, fmt.Sprintf("%s: nothing printed, read %q", name, got[name]))
			}
			return
		}
		if !sameLoose(*want, got[name]) {
			out = append(out, fmt.Sprintf("%s: %q, read %q", name, *want, orDash(got[name])))
		}
	}
	add("account_name", p.AccountName)
	add("account_number", p.AccountNumber)
	add("carrier", p.Carrier)
	if p.Kind == "loa" {
		add("signer_name", p.Signer)
		add("signer_title", p.SignerTitle)
		add("signed_date", p.DateSigned)
		if p.Signed != nil && fmt.Sprint(*p.Signed) != got["signed"] {
			out = append(out, fmt.Sprintf("signed: %v, read %q", *p.Signed, orDash(got["signed"])))
		}
	} else {
		add("bill_date", p.BillDate)
	}
	if line1 := p.line1(); line1 != "" && !strings.Contains(strings.ToLower(got["service_address"]), strings.ToLower(line1)) {
		out = append(out, fmt.Sprintf("service_address: %q, read %q", line1, orDash(got["service_address"])))
	}
	return out
}

func (p PrintedDocument) line1() string {
	var a struct {
		Line1 string `json:"line1"`
	}
	if len(p.ServiceAddress) == 0 || json.Unmarshal(p.ServiceAddress, &a) != nil {
		return ""
	}
	return a.Line1
}

func sameLoose(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// flattenPairs is flatten in field order, for printing.
func flattenPairs(f *report.Fields) [][2]string {
	m := flatten(f)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([][2]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, [2]string{k, m[k]})
	}
	return out
}
