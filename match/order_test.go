package match

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// asOf is a Monday three days before Thanksgiving, so lead times cross
// a holiday and a weekend.
var asOf = d("2026-11-23")

// baseOrder is the SPEC section 1 example: bill and LOA, requested date
// 2026-12-10 (a Thursday, 17 days out), BTN numbers[0], a wireless line
// with its own PIN and an order PIN. It is clean under every built-in
// profile that serves the US.
func baseOrder(t *testing.T) *order.Order {
	t.Helper()
	data, err := os.ReadFile("testdata/order.json")
	if err != nil {
		t.Fatal(err)
	}
	o, err := order.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func getProfile(t *testing.T, name string) *profile.Profile {
	t.Helper()
	p, err := profile.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// brief is the part of a finding a case states exactly; Message and Fix
// are prose, checked for presence and for the values they must name.
type brief struct {
	Code     report.Code
	Severity report.Severity
	Field    string
	Found    string
	Expected string
}

func briefs(fs []report.Finding) []brief {
	var out []brief
	for _, f := range fs {
		out = append(out, brief{f.Code, f.Severity, f.Field, f.Found, f.Expected})
	}
	return out
}

func codes(fs []report.Finding) []report.Code {
	var out []report.Code
	for _, f := range fs {
		out = append(out, f.Code)
	}
	slices.Sort(out)
	return out
}

// checkProse fails when a finding lacks a message or fix, or its fix
// does not name every value in mustName.
func checkProse(t *testing.T, fs []report.Finding, mustName ...string) {
	t.Helper()
	for _, f := range fs {
		if f.Message == "" || f.Fix == "" || !f.Severity.Valid() {
			t.Errorf("%s lacks a message, fix or severity: %+v", f.Code, f)
		}
	}
	for _, s := range mustName {
		if !slices.ContainsFunc(fs, func(f report.Finding) bool { return strings.Contains(f.Fix, s) }) {
			t.Errorf("no fix names %q: %+v", s, fs)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// numbers returns n distinct valid landlines, the BTN first.
func numbers(n int) []order.Number {
	out := make([]order.Number, n)
	for i := range out {
		area := []int{217, 312, 618}[i/100]
		out[i] = order.Number{Number: fmt.Sprintf("+1%d555%04d", area, 100+i%100), Type: order.TypeLandline}
	}
	return out
}

// nigerian turns the base order into one KrosAI serves: a Lagos address
// and a Nigerian mobile number (a type the numbering plan knows).
func nigerian(o *order.Order) {
	o.ServiceAddress = order.Address{Line1: "12 Adeola Odeku Street", City: "Lagos", State: "LA", PostalCode: "101241", Country: "NG"}
	o.Numbers, o.BTN = []order.Number{{Number: "0803 555 0100"}}, ""
}

var (
	reject, warn = report.Reject, report.Warn
	noEdit       = func(*order.Order) {}
)

// TestOrderRules: each case changes the clean order in one way and
// states every finding that must come of it; for every code one case
// makes it fire and another, close to it, keeps it silent.
func TestOrderRules(t *testing.T) {
	tests := []struct {
		name     string
		profile  string
		edit     func(o *order.Order)
		want     []brief
		mustName []string // values some fix must name
	}{
		{"clean", "strict", noEdit, nil, nil},

		// BILL_MISSING
		{"no bill", "strict", func(o *order.Order) { o.Documents = o.Documents[1:] },
			[]brief{{report.BillMissing, reject, "documents", "", "a document of kind bill or csr"}}, []string{`"bill"`}},
		{"no bill under hoopai warns", "hoopai", func(o *order.Order) { o.Documents = o.Documents[1:] },
			[]brief{{report.BillMissing, warn, "documents", "", "a document of kind bill or csr"}}, nil},
		{"a CSR stands for the bill", "strict", func(o *order.Order) { o.Documents[0].Kind = order.KindCSR }, nil, nil},
		{"no bill where none is required", "bandwidth", func(o *order.Order) { o.Documents = o.Documents[1:] }, nil, nil},

		// LOA_MISSING
		{"no loa", "strict", func(o *order.Order) { o.Documents = o.Documents[:1] },
			[]brief{{report.LOAMissing, reject, "documents", "", "a document of kind loa"}}, []string{`"loa"`}},
		{"no loa under twilio, which e-signs it", "twilio", func(o *order.Order) { o.Documents = o.Documents[:1] }, nil, nil},

		// ID_MISSING
		{"no id under krosai", "krosai", nigerian,
			[]brief{{report.IDMissing, reject, "documents", "", "a document of kind id"}}, []string{`"id"`}},
		{"id given under krosai", "krosai", func(o *order.Order) {
			nigerian(o)
			o.Documents = append(o.Documents, order.Document{Kind: order.KindID, Path: "passport.jpg"})
		}, nil, nil},
		{"no id where none is required", "strict", noEdit, nil, nil},

		// PO_BOX_SERVICE_ADDRESS (the forms are in TestPOBox)
		{"po box in line1", "strict", func(o *order.Order) { o.ServiceAddress.Line1 = "P.O. Box 12" },
			[]brief{{report.POBoxServiceAddress, reject, "service_address.line1", "P.O. Box 12", "a street address"}}, []string{"P.O. Box 12"}},
		{"pmb in line2", "plivo", func(o *order.Order) { o.ServiceAddress.Line2 = "PMB 45" },
			[]brief{{report.POBoxServiceAddress, reject, "service_address.line2", "PMB 45", "a street address"}}, []string{"service_address.line2"}},
		{"po box where allowed", "kazoo-bandwidth", func(o *order.Order) { o.ServiceAddress.Line1 = "P.O. Box 12" }, nil, nil},

		// ACCOUNT_NAME_TOO_LONG
		{"account name too long", "strict", func(o *order.Order) { o.AccountName = "Acme Widgets Incorporated of Illinois" },
			[]brief{{report.AccountNameTooLong, warn, "account_name", "Acme Widgets Incorporated of Illinois", "at most 25 characters"}},
			[]string{`"Acme Widgets Incorporated"`}},
		{"account name of 25 runes, more bytes", "strict", func(o *order.Order) { o.AccountName = "Électricité Générale Ltée" }, nil, nil},
		{"account name of 26 runes", "bandwidth", func(o *order.Order) { o.AccountName = "Électricité Générale Ltéee" },
			[]brief{{report.AccountNameTooLong, warn, "account_name", "Électricité Générale Ltéee", "at most 25 characters"}},
			[]string{`"Électricité Générale Ltée"`}},
		{"long account name where unlimited", "telnyx", func(o *order.Order) { o.AccountName = "Acme Widgets Incorporated of Illinois" }, nil, nil},

		// SIGNER_NAME_TOO_LONG
		{"signer name too long", "bandwidth", func(o *order.Order) { o.AuthorizedName = "Dana Whitfield-Ramirez" },
			[]brief{{report.SignerNameTooLong, warn, "authorized_name", "Dana Whitfield-Ramirez", "at most 15 characters"}},
			[]string{`"Dana Whitfield-"`}},
		{"long signer name where unlimited", "kazoo-bandwidth", func(o *order.Order) { o.AuthorizedName = "Dana Whitfield-Ramirez" }, nil, nil},

		// MIXED_NUMBER_TYPES
		{"toll-free by plan with local", "strict", func(o *order.Order) {
			o.Numbers = append(o.Numbers, order.Number{Number: "800-555-0100"}, order.Number{Number: "(888) 555-0101"})
		}, []brief{{report.MixedNumberTypes, reject, "numbers", "+18005550100, +18885550101", "only local or only toll-free numbers"}},
			[]string{"+18005550100, +18885550101"}},
		{"toll-free by declaration with local", "kazoo-bandwidth", func(o *order.Order) {
			o.Numbers = append(o.Numbers, order.Number{Number: "+12175550177", Type: order.TypeTollFree})
		}, []brief{{report.MixedNumberTypes, reject, "numbers", "+12175550177", "only local or only toll-free numbers"}}, nil},
		{"toll-free only", "strict", func(o *order.Order) {
			o.Numbers, o.BTN = []order.Number{{Number: "800-555-0100"}, {Number: "833 555 0101"}}, ""
		}, nil, nil},

		// TOO_MANY_NUMBERS
		{"101 numbers", "strict", func(o *order.Order) { o.Numbers = numbers(101) },
			[]brief{{report.TooManyNumbers, reject, "numbers", "101", "at most 100"}}, []string{"2 orders of at most 100"}},
		{"100 numbers", "strict", func(o *order.Order) { o.Numbers = numbers(100) }, nil, nil},
		{"101 numbers where unlimited", "telnyx", func(o *order.Order) { o.Numbers = numbers(101) }, nil, nil},

		// DUPLICATE_NUMBER
		{"duplicate in another notation", "strict", func(o *order.Order) {
			o.Numbers = append(o.Numbers, order.Number{Number: "217.555.0100"})
		}, []brief{{report.DuplicateNumber, reject, "numbers[2]", "217.555.0100", ""}},
			[]string{"Remove +12175550100 from numbers[2]; it is already numbers[0]."}},
		{"three times is two findings", "strict", func(o *order.Order) {
			o.Numbers = append(o.Numbers, order.Number{Number: "+1 217 555 0143"}, order.Number{Number: "1-217-555-0143"})
		}, []brief{
			{report.DuplicateNumber, reject, "numbers[2]", "+1 217 555 0143", ""},
			{report.DuplicateNumber, reject, "numbers[3]", "1-217-555-0143", ""},
		}, []string{"Remove +12175550143 from numbers[3]; it is already numbers[1]."}},
		{"neighbouring numbers", "strict", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "217-555-0101"}) }, nil, nil},

		// INVALID_NUMBER
		{"seven digits", "strict", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "555-0100"}) },
			[]brief{{report.InvalidNumber, reject, "numbers[2]", "555-0100", ""}}, []string{`"555-0100"`}},
		{"not a number at all", "strict", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "call Dana"}) },
			[]brief{{report.InvalidNumber, reject, "numbers[2]", "call Dana", ""}}, nil},
		{"valid numbers", "strict", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "1 (618) 555-0199"}) }, nil, nil},

		// COUNTRY_NOT_SUPPORTED
		{"uk number under twilio", "twilio", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "+44 20 7946 0958"}) },
			[]brief{{report.CountryNotSupported, reject, "numbers[2]", "GB", "US"}}, []string{"+442079460958", "GB"}},
		{"us numbers under krosai", "krosai", func(o *order.Order) {
			o.Documents = append(o.Documents, order.Document{Kind: order.KindID, Path: "id.jpg"})
		}, []brief{
			{report.CountryNotSupported, reject, "numbers[0]", "US", "NG, GH, KE, ZA, AE, EG"},
			{report.CountryNotSupported, reject, "numbers[1]", "US", "NG, GH, KE, ZA, AE, EG"},
		}, nil},
		{"uk number where every country is served", "strict", func(o *order.Order) {
			o.Numbers = append(o.Numbers, order.Number{Number: "+44 20 7946 0958"})
		}, nil, nil},

		// NUMBER_TYPE_NOT_SUPPORTED
		{"toll-free by plan under twilio", "twilio", func(o *order.Order) {
			o.Numbers, o.BTN = []order.Number{{Number: "800-555-0100"}}, ""
		}, []brief{{report.NumberTypeNotSupported, reject, "numbers[0]", "tollfree", "landline, wireless"}}, []string{"+18005550100"}},
		{"voip by declaration under twilio", "twilio", func(o *order.Order) { o.Numbers[0].Type = order.TypeVoIP },
			[]brief{{report.NumberTypeNotSupported, reject, "numbers[0]", "voip", "landline, wireless"}}, nil},
		{"undeclared local under twilio", "twilio", func(o *order.Order) { o.Numbers[0].Type = "" }, nil, nil},
		{"toll-free where every type is ported", "strict", func(o *order.Order) {
			o.Numbers, o.BTN = []order.Number{{Number: "800-555-0100"}}, ""
		}, nil, nil},

		// BTN_PARTIAL_PORT
		{"partial port of the BTN, no new_btn", "strict", func(o *order.Order) { o.FullPort = ptr(false) },
			[]brief{{report.BTNPartialPort, reject, "new_btn", "", "a number of the account that is not ported"}},
			[]string{"+12175550100, +12175550143", "Verizon"}},
		{"partial port of the BTN, blank new_btn", "bandwidth", func(o *order.Order) { o.FullPort, o.NewBTN = ptr(false), ptr("  ") },
			[]brief{{report.BTNPartialPort, reject, "new_btn", "", "a number of the account that is not ported"}}, nil},
		{"new_btn is itself ported", "strict", func(o *order.Order) { o.FullPort, o.NewBTN = ptr(false), ptr("(217) 555-0143") },
			[]brief{{report.BTNPartialPort, reject, "new_btn", "(217) 555-0143", "a number of the account that is not ported"}}, nil},
		{"new_btn not a number", "strict", func(o *order.Order) { o.FullPort, o.NewBTN = ptr(false), ptr("555-01") },
			[]brief{{report.BTNPartialPort, reject, "new_btn", "555-01", "a number of the account that is not ported"}}, nil},
		{"new_btn stays behind", "strict", func(o *order.Order) { o.FullPort, o.NewBTN = ptr(false), ptr("(217) 555-0177") }, nil, nil},
		{"partial port keeping the BTN", "strict", func(o *order.Order) { o.FullPort, o.Numbers = ptr(false), o.Numbers[1:] }, nil, nil},
		{"full port of the BTN", "strict", func(o *order.Order) { o.FullPort = ptr(true) }, nil, nil},

		// WIRELESS_PIN_MISSING
		{"declared wireless, no pin at all", "strict", func(o *order.Order) { o.PIN, o.Numbers[1].PIN = order.Secret{}, order.Secret{} },
			[]brief{{report.WirelessPINMissing, reject, "numbers[1]", "", "a PIN"}}, []string{"numbers[1].pin", "Verizon"}},
		{"declared wireless, no pin, twilio", "twilio", func(o *order.Order) { o.PIN, o.Numbers[1].PIN = order.Secret{}, order.Secret{} },
			[]brief{{report.WirelessPINMissing, reject, "numbers[1]", "", "a PIN"}}, nil},
		{"mobile by plan, no pin", "strict", func(o *order.Order) { nigerian(o); o.PIN = order.Secret{} },
			[]brief{{report.WirelessPINMissing, reject, "numbers[0]", "", "a PIN"}}, nil},
		{"mobile by plan, pin not required", "krosai", func(o *order.Order) {
			nigerian(o)
			o.PIN = order.Secret{}
			o.Documents = append(o.Documents, order.Document{Kind: order.KindID, Path: "id.jpg"})
		}, nil, nil},
		{"wireless with the order's pin only", "strict", func(o *order.Order) { o.Numbers[1].PIN = order.Secret{} }, nil, nil},
		{"wireless with its own pin only", "strict", func(o *order.Order) { o.PIN = order.Secret{} }, nil, nil},
		{"declared wireless, no pin, not required", "kazoo-bandwidth", func(o *order.Order) { o.PIN, o.Numbers[1].PIN = order.Secret{}, order.Secret{} }, nil, nil},

		// REQUESTED_DATE_INVALID (the boundaries are in TestRequestedDate)
		{"date too soon", "strict", func(o *order.Order) { o.RequestedDate = "2026-11-27" },
			[]brief{{report.RequestedDateInvalid, reject, "requested_date", "2026-11-27", "a business day from 2026-11-30 to 2026-12-23"}},
			[]string{"2026-11-30", "2026-12-23"}},
		{"date on a holiday", "kazoo-bandwidth", func(o *order.Order) { o.RequestedDate = "2026-12-25" },
			[]brief{{report.RequestedDateInvalid, reject, "requested_date", "2026-12-25", "a business day from 2026-11-27 to 2026-12-23"}}, nil},
		{"date on a business day within the window", "kazoo-bandwidth", func(o *order.Order) { o.RequestedDate = "2026-11-27" }, nil, nil},
		{"no date", "strict", func(o *order.Order) { o.RequestedDate = "" }, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			tt.edit(o)
			got := OrderFindings(o, getProfile(t, tt.profile), asOf)
			if diff := cmp.Diff(tt.want, briefs(got)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			checkProse(t, got, tt.mustName...)
		})
	}
}

// TestMixingAllowed: a profile that lets local and toll-free mix (none
// built in does) silences MIXED_NUMBER_TYPES and nothing else.
func TestMixingAllowed(t *testing.T) {
	p := *getProfile(t, "strict")
	p.AllowMixedTollFree = true
	o := baseOrder(t)
	o.Numbers = append(o.Numbers, order.Number{Number: "800-555-0100"})
	if got := OrderFindings(o, &p, asOf); len(got) != 0 {
		t.Errorf("findings: %+v", got)
	}
}

// TestCleanOrderUnderEveryProfile: the SPEC example is clean everywhere
// except where a profile's own limits legitimately object.
func TestCleanOrderUnderEveryProfile(t *testing.T) {
	legitimate := map[string][]brief{
		// KrosAI serves Africa and the Middle East and wants a
		// government ID; the example is a US order without one.
		"krosai": {
			{report.IDMissing, reject, "documents", "", "a document of kind id"},
			{report.CountryNotSupported, reject, "numbers[0]", "US", "NG, GH, KE, ZA, AE, EG"},
			{report.CountryNotSupported, reject, "numbers[1]", "US", "NG, GH, KE, ZA, AE, EG"},
		},
	}
	ps, err := profile.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 9 {
		t.Errorf("%d built-in profiles, want 9", len(ps))
	}
	for _, p := range ps {
		t.Run(p.Name, func(t *testing.T) {
			got := OrderFindings(baseOrder(t), p, asOf)
			if diff := cmp.Diff(legitimate[p.Name], briefs(got)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPOBox: every written form of a box fires, in either line, and
// streets whose names merely contain the words do not.
func TestPOBox(t *testing.T) {
	boxes := []string{
		"PO Box 12", "P.O. Box 12", "P O Box 12", "P. O. Box 12", "po box 12", "PO BOX 12", "POBox 12", "P.O.Box 12",
		"PO-Box 12", "PO Box #12", "PO Box 12-B", "PO Box A", "PO Box", "P.O. Box", "Post Office Box 12", "POST OFFICE BOX 12",
		"Post Office Box", "POB 12", "P.O.B. 44", "pob 7", "Box 1234", "BOX 1234", "box #12", "Box 1234.", "PMB 123",
		"123 Main St PMB 45", "1200 Main St, PO Box 12", "PO Box 12, Springfield", "Private Mail Box 5",
		"Lock Box 7", "Lockbox 7", "LOCKBOX 7", "lock box", "Lockbox #7",
	}
	streets := []string{
		"", "1200 N Main Street", "Suite 300", "12 Boxwood Rd", "Boxwood Rd", "123 Box Elder St", "45 Post Oak Blvd",
		"Post Oak Blvd", "7 Pobox Ln", "Pobox Ln", "88 Boxer Ave", "12 Box Canyon Rd", "Box Canyon Rd", "1 Lockbox Way",
		"1 Post Office Sq", "100 POB Blvd", "Pob Ln", "12 Box St", "Boxes 12", "RR 2 Box 45", "HC 1 Box 12",
	}
	strict := getProfile(t, "strict")
	for _, line := range []string{"line1", "line2"} {
		for _, tc := range []struct {
			texts []string
			want  bool
		}{{boxes, true}, {streets, false}} {
			for _, s := range tc.texts {
				t.Run(fmt.Sprintf("%s %q", line, s), func(t *testing.T) {
					o := baseOrder(t)
					if line == "line1" {
						o.ServiceAddress.Line1 = s
					} else {
						o.ServiceAddress.Line2 = s
					}
					got := slices.Contains(codes(OrderFindings(o, strict, asOf)), report.POBoxServiceAddress)
					if got != tc.want {
						t.Errorf("PO_BOX_SERVICE_ADDRESS fired: %v, want %v", got, tc.want)
					}
				})
			}
		}
	}
}

// TestNoSecretInFindings: however the order fails, no finding carries a
// PIN or SSN digits in any field.
func TestNoSecretInFindings(t *testing.T) {
	secrets := []string{"9921", "4410", "123-45-6789", "123456789", "6789", "7358"}
	o := baseOrder(t)
	o.PIN = order.NewSecret("123-45-6789")
	o.Numbers[0].PIN = order.NewSecret("7358")
	o.Numbers = append(o.Numbers,
		order.Number{Number: "+12175550143", Type: order.TypeWireless, PIN: order.NewSecret("9921")},
		order.Number{Number: "bogus", PIN: order.NewSecret("4410")},
		order.Number{Number: "800-555-0100", PIN: order.NewSecret("123456789")},
	)
	o.FullPort, o.RequestedDate = ptr(false), "2026-11-28"
	o.ServiceAddress.Line1 = "PO Box 12"

	var fs []report.Finding
	for _, name := range []string{"strict", "twilio", "bandwidth", "krosai"} {
		fs = append(fs, OrderFindings(o, getProfile(t, name), asOf)...)
	}
	noPIN := baseOrder(t)
	noPIN.PIN, noPIN.Numbers[1].PIN = order.Secret{}, order.Secret{}
	fs = append(fs, OrderFindings(noPIN, getProfile(t, "strict"), asOf)...)
	fs = append(fs, AlreadyPorting([]*order.Order{o, o})[0]...)
	fs = append(fs, PortingConflicts(o, map[string][]string{"+12175550143": {"ord-other"}})...)

	js, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if strings.Contains(string(js), s) {
			t.Errorf("findings carry the secret %s: %s", s, js)
		}
	}
	if want := []report.Code{report.WirelessPINMissing, report.DuplicateNumber, report.InvalidNumber, report.BTNPartialPort, report.RequestedDateInvalid, report.NumberAlreadyPorting}; !containsAll(codes(fs), want) {
		t.Errorf("the order should fail in many ways; codes: %v", codes(fs))
	}
}

func containsAll(have, want []report.Code) bool {
	for _, c := range want {
		if !slices.Contains(have, c) {
			return false
		}
	}
	return true
}
