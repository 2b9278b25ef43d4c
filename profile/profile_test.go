package profile

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestBuiltin(t *testing.T) {
	ps, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	want := []string{"aesthetix", "bandwidth", "hoopai", "kazoo-bandwidth", "krosai", "plivo", "strict", "telnyx", "twilio"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("built-in profiles (-want +got):\n%s", diff)
	}
}

// TestBuiltinLimits pins the limits SPEC section 5 names, so an edit of a
// JSON file that drifts from the published requirement fails here.
func TestBuiltinLimits(t *testing.T) {
	type limits struct {
		BillAge, LOAAge, MaxNumbers, NameLen, SignerLen int
		BillBytes                                       int64
		POBox, MixTF, PIN                               bool
		Required                                        []string
		Countries                                       []string
	}
	get := func(p *Profile) limits {
		var req []string
		for _, k := range []string{"bill", "loa", "id"} {
			if p.Requires(k) {
				req = append(req, k)
			}
		}
		return limits{p.BillMaxAgeDays, p.LOAMaxAgeDays, p.MaxNumbers, p.MaxAccountNameLength, p.MaxSignerNameLength,
			p.Documents["bill"].MaxBytes, p.AllowPOBox, p.AllowMixedTollFree, p.WirelessPINRequired, req, p.Countries}
	}
	tests := []struct {
		name string
		want limits
	}{
		{"kazoo-bandwidth", limits{30, 30, 100, 25, 0, 5 << 20, true, false, false, []string{"bill", "loa"}, nil}},
		{"aesthetix", limits{90, 30, 0, 0, 0, 10 << 20, false, false, true, []string{"bill", "loa"}, []string{"US"}}},
		{"plivo", limits{60, 0, 0, 0, 0, 0, false, false, false, []string{"bill", "loa"}, nil}},
		{"krosai", limits{90, 0, 0, 0, 0, 0, true, false, false, []string{"bill", "loa", "id"}, []string{"NG", "GH", "KE", "ZA", "AE", "EG"}}},
		{"hoopai", limits{0, 0, 0, 0, 0, 0, true, false, false, []string{"bill", "loa"}, nil}},
		{"twilio", limits{30, 0, 1000, 0, 0, 0, true, false, true, []string{"bill"}, []string{"US"}}},
		{"bandwidth", limits{0, 30, 0, 25, 15, 3 << 20, true, false, false, []string{"loa"}, nil}},
		{"telnyx", limits{30, 90, 0, 0, 0, 20 << 20, true, false, false, []string{"bill", "loa"}, nil}},
		{"strict", limits{30, 30, 100, 25, 15, 3 << 20, false, false, true, []string{"bill", "loa"}, nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Get(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, get(p)); diff != "" {
				t.Errorf("limits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	p, err := Get("kazoo-bandwidth")
	if err != nil {
		t.Fatal(err)
	}
	minB, minD, maxD := p.LeadTime()
	got := []int{p.AgingMargin(), minB, minD, maxD, p.Rule("bill").MaxPages}
	if diff := cmp.Diff([]int{5, 3, 0, 30, DefaultMaxPages}, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if s := p.Severity(report.BillMissing, report.Reject); s != report.Reject {
		t.Errorf("severity without override = %s", s)
	}
	h, _ := Get("hoopai")
	if s := h.Severity(report.BillMissing, report.Reject); s != report.Warn {
		t.Errorf("hoopai BILL_MISSING = %s, want warn", s)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		ref     string
		wantErr string
	}{
		{"unknown name", "verizon", "unknown profile"},
		{"unknown key", write("a.json", `{"name":"a","documents":{},"bill_max_age":30}`), `unknown field "bill_max_age"`},
		{"bad kind", write("b.json", `{"name":"b","documents":{"invoice":{}}}`), "documents.invoice: not a document kind"},
		{"bad severity", write("c.json", `{"name":"c","documents":{},"severities":{"NAME_MISMATCH":"fatal"}}`), "severities.NAME_MISMATCH"},
		{"bad name", write("d.json", `{"name":"My Carrier","documents":{}}`), "must be lower-case"},
		{"negative", write("e.json", `{"name":"e","documents":{},"max_numbers":-1}`), "max_numbers: must not be negative"},
		{"missing file", filepath.Join(dir, "none.json"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.ref)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Load(%q) = %v, want an error containing %q", tt.ref, err, tt.wantErr)
			}
		})
	}
	if _, err := Load("verizon"); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown name is not ErrUnknown: %v", err)
	}
}

func TestLoadUserFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "acme.json")
	body := `{"name":"acme-carrier","description":"ours","bill_max_age_days":45,"documents":{"bill":{"required":true}}}`
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "acme-carrier" || got.BillMaxAgeDays != 45 || !got.Requires("bill") {
		t.Errorf("Load = %+v", got)
	}
}

func TestWriteTableGolden(t *testing.T) {
	ps, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, ps); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "table.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
}
