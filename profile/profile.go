package profile

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/portcheck/portcheck/report"
)

// DocumentRule limits one kind of document.
type DocumentRule struct {
	Required   bool     `json:"required,omitempty"`
	MediaTypes []string `json:"media_types,omitempty"` // empty: any supported type
	MaxBytes   int64    `json:"max_bytes,omitempty"`   // 0: the extractor's hard cap
	MaxPages   int      `json:"max_pages,omitempty"`   // 0: DefaultMaxPages
}

// Profile is a carrier's limits. See the package doc for defaults.
type Profile struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Source      string `json:"source,omitempty"`

	BillMaxAgeDays      int  `json:"bill_max_age_days,omitempty"`
	BillAgingMarginDays *int `json:"bill_aging_margin_days,omitempty"`
	LOAMaxAgeDays       int  `json:"loa_max_age_days,omitempty"`

	Documents map[string]DocumentRule `json:"documents"`

	MaxNumbers           int      `json:"max_numbers,omitempty"`
	MaxAccountNameLength int      `json:"max_account_name_length,omitempty"`
	MaxSignerNameLength  int      `json:"max_signer_name_length,omitempty"`
	AllowMixedTollFree   bool     `json:"allow_mixed_toll_free,omitempty"`
	AllowPOBox           bool     `json:"allow_po_box,omitempty"`
	WirelessPINRequired  bool     `json:"wireless_pin_required,omitempty"`
	Countries            []string `json:"countries,omitempty"`    // empty: every country
	NumberTypes          []string `json:"number_types,omitempty"` // empty: every type

	MinLeadBusinessDays *int `json:"min_lead_business_days,omitempty"`
	MinLeadDays         int  `json:"min_lead_days,omitempty"` // calendar days, on top of business days
	MaxLeadDays         *int `json:"max_lead_days,omitempty"`

	// Matching is how a difference of each class is judged when a
	// document's value is compared with the order's: "reject", "warn" or
	// "info". Classes left out keep the finding's own severity.
	Matching map[report.Difference]report.Severity `json:"matching,omitempty"`

	// Severities overrides the catalog severity of whole codes.
	Severities map[report.Code]report.Severity `json:"severities,omitempty"`
}

// DefaultMaxPages bounds a document's pages when its rule says nothing:
// long enough for multi-page call detail, short enough to bound work.
const DefaultMaxPages = 200

// Default is the profile used when neither the order nor the command
// line names one.
const Default = "strict"

//go:embed builtin/*.json
var builtinFS embed.FS

// ErrUnknown is returned for a profile name that is not built in.
var ErrUnknown = errors.New("unknown profile")

// Builtin returns the built-in profiles, sorted by name.
func Builtin() ([]*Profile, error) {
	names, err := fs.Glob(builtinFS, "builtin/*.json")
	if err != nil {
		return nil, fmt.Errorf("list built-in profiles: %w", err)
	}
	var ps []*Profile
	for _, n := range names {
		data, err := builtinFS.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read built-in profile %s: %w", n, err)
		}
		p, err := Decode(data)
		if err != nil {
			return nil, fmt.Errorf("built-in profile %s: %w", path.Base(n), err)
		}
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b *Profile) int { return strings.Compare(a.Name, b.Name) })
	return ps, nil
}

// Get returns the built-in profile called name.
func Get(name string) (*Profile, error) {
	ps, err := Builtin()
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.Name == name {
			return p, nil
		}
	}
	return nil, fmt.Errorf("profile %q: %w (built in: %s)", name, ErrUnknown, strings.Join(names(ps), ", "))
}

func names(ps []*Profile) []string {
	var n []string
	for _, p := range ps {
		n = append(n, p.Name)
	}
	return n
}

// Load returns a profile by name, or from a file when ref names one (it
// ends in .json or contains a path separator).
func Load(ref string) (*Profile, error) {
	if !strings.HasSuffix(ref, ".json") && !strings.ContainsRune(ref, os.PathSeparator) {
		return Get(ref)
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		return nil, fmt.Errorf("load profile: %w", err)
	}
	p, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("load profile %s: %w", ref, err)
	}
	return p, nil
}

// Decode reads one profile strictly and validates it.
func Decode(data []byte) (*Profile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("decode profile: %w", err)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}
