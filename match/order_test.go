package match

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

var asOf = d("2026-11-23")

// baseOrder is the SPEC sample (clean under every US profile).
func baseOrder(t *testing.T) *order.Order {
	t.Helper()
	data, err := os.ReadFile("../order/testdata/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	o, err := order.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func codes(fs []report.Finding) []report.Code {
	var out []report.Code
	for _, f := range fs {
		out = append(out, f.Code)
	}
	slices.Sort(out)
	return out
}

func getProfile(t *testing.T, name string) *profile.Profile {
	t.Helper()
	p, err := profile.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOrderRules: each case changes the clean order in one way and lists
// exactly the codes that must fire; the clean case shows none fire.
func TestOrderRules(t *testing.T) {
	str := func(s string) *string { return &s }
	fl := false
	tests := []struct {
		name    string
		profile string
		edit    func(o *order.Order)
		want    []report.Code
	}{
		{"clean", "strict", func(*order.Order) {}, nil},
		{"clean under kazoo", "kazoo-bandwidth", func(*order.Order) {}, nil},
		{"no bill", "strict", func(o *order.Order) { o.Documents = o.Documents[1:] }, []report.Code{report.BillMissing}},
		{"csr counts as bill", "strict", func(o *order.Order) { o.Documents[0].Kind = order.KindCSR }, nil},
		{"no loa", "strict", func(o *order.Order) { o.Documents = o.Documents[:1] }, []report.Code{report.LOAMissing}},
		{"twilio needs no loa", "twilio", func(o *order.Order) { o.Documents = o.Documents[:1] }, nil},
		{"krosai needs id", "krosai", func(o *order.Order) {
			o.Numbers = []order.Number{{Number: "+234 803 555 0100"}}
			o.BTN, o.ServiceAddress.Country = "", "NG"
		}, []report.Code{report.IDMissing}},
		{"po box", "strict", func(o *order.Order) { o.ServiceAddress.Line1 = "P.O. Box 12" }, []report.Code{report.POBoxServiceAddress}},
		{"po box allowed", "kazoo-bandwidth", func(o *order.Order) { o.ServiceAddress.Line1 = "P.O. Box 12" }, nil},
		{"name too long", "strict", func(o *order.Order) { o.AccountName = "Acme Widgets Incorporated of Illinois" }, []report.Code{report.AccountNameTooLong}},
		{"signer too long", "bandwidth", func(o *order.Order) { o.AuthorizedName = "Dana Whitfield-Ramirez" }, []report.Code{report.SignerNameTooLong}},
		{"toll-free with local", "strict", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "800-555-0100"}) }, []report.Code{report.MixedNumberTypes}},
		{"toll-free only", "strict", func(o *order.Order) {
			o.Numbers, o.BTN = []order.Number{{Number: "800-555-0100"}, {Number: "888-555-0101"}}, ""
		}, nil},
		{"duplicate", "strict", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "217.555.0100"}) }, []report.Code{report.DuplicateNumber}},
		{"invalid", "strict", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "555-0100"}) }, []report.Code{report.InvalidNumber}},
		{"country", "twilio", func(o *order.Order) { o.Numbers = append(o.Numbers, order.Number{Number: "+44 20 7946 0958"}) }, []report.Code{report.CountryNotSupported}},
		{"type", "twilio", func(o *order.Order) { o.Numbers[0].Type = order.TypeVoIP }, []report.Code{report.NumberTypeNotSupported}},
		{"partial port without new btn", "strict", func(o *order.Order) { o.FullPort = &fl }, []report.Code{report.BTNPartialPort}},
		{"partial port with new btn staying", "strict", func(o *order.Order) { o.FullPort, o.NewBTN = &fl, str("(217) 555-0177") }, nil},
		{"partial port with new btn ported", "strict", func(o *order.Order) { o.FullPort, o.NewBTN = &fl, str("(217) 555-0143") }, []report.Code{report.BTNPartialPort}},
		{"partial port keeping btn", "strict", func(o *order.Order) { o.FullPort, o.Numbers = &fl, o.Numbers[1:] }, nil},
		{"wireless without pin", "strict", func(o *order.Order) { o.PIN, o.Numbers[1].PIN = order.Secret{}, order.Secret{} }, []report.Code{report.WirelessPINMissing}},
		{"wireless with order pin", "strict", func(o *order.Order) { o.Numbers[1].PIN = order.Secret{} }, nil},
		{"wireless without pin, not required", "kazoo-bandwidth", func(o *order.Order) { o.PIN, o.Numbers[1].PIN = order.Secret{}, order.Secret{} }, nil},
		{"date too soon", "strict", func(o *order.Order) { o.RequestedDate = "2026-11-27" }, []report.Code{report.RequestedDateInvalid}},
		{"date a sunday", "strict", func(o *order.Order) { o.RequestedDate = "2026-12-06" }, []report.Code{report.RequestedDateInvalid}},
		{"date a holiday", "kazoo-bandwidth", func(o *order.Order) { o.RequestedDate = "2026-12-25" }, []report.Code{report.RequestedDateInvalid}},
		{"date too late", "strict", func(o *order.Order) { o.RequestedDate = "2027-01-05" }, []report.Code{report.RequestedDateInvalid}},
		{"date 3 business days out", "kazoo-bandwidth", func(o *order.Order) { o.RequestedDate = "2026-11-27" }, nil},
		{"twilio 7 days", "twilio", func(o *order.Order) { o.RequestedDate = "2026-11-27" }, []report.Code{report.RequestedDateInvalid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			tt.edit(o)
			got := OrderFindings(o, getProfile(t, tt.profile), asOf)
			if diff := cmp.Diff(tt.want, codes(got)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			for _, f := range got {
				if f.Message == "" || f.Fix == "" || f.Field == "" || !f.Severity.Valid() {
					t.Errorf("%s lacks a message, fix, field or severity: %+v", f.Code, f)
				}
			}
		})
	}
}

func TestPOBoxForms(t *testing.T) {
	box := []string{"PO Box 12", "P.O. Box 12", "P O Box 12", "Post Office Box 12", "POB 12", "Box 1234", "PMB 123", "123 Main St PMB 45", "Lock Box 7", "Lockbox 7", "po box 9", "P.O.B. 44"}
	street := []string{"12 Boxwood Rd", "123 Box Elder St", "45 Post Oak Blvd", "7 Pobox Ln", "1200 N Main Street", "Suite 300", "", "88 Boxer Ave"}
	for _, s := range box {
		o := baseOrder(t)
		o.ServiceAddress.Line1 = s
		if !slices.Contains(codes(OrderFindings(o, getProfile(t, "strict"), asOf)), report.POBoxServiceAddress) {
			t.Errorf("%q is not seen as a PO Box", s)
		}
	}
	for _, s := range street {
		o := baseOrder(t)
		o.ServiceAddress.Line1 = s
		if slices.Contains(codes(OrderFindings(o, getProfile(t, "strict"), asOf)), report.POBoxServiceAddress) {
			t.Errorf("%q is taken for a PO Box", s)
		}
	}
}

// TestNoSecretInFindings: however the order fails, no finding carries
// a PIN or SSN digits in any field.
func TestNoSecretInFindings(t *testing.T) {
	o := baseOrder(t)
	o.PIN = order.NewSecret("123-45-6789")
	o.Numbers = append(o.Numbers, order.Number{Number: "+12175550143", Type: order.TypeWireless, PIN: order.NewSecret("9921")},
		order.Number{Number: "bogus", PIN: order.NewSecret("4410")})
	o.RequestedDate = "2026-11-28"
	fs := OrderFindings(o, getProfile(t, "strict"), asOf)
	fs = append(fs, AlreadyPorting([]*order.Order{o, o})[0]...)
	js, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"4410", "9921", "123-45-6789", "6789"} {
		if strings.Contains(string(js), s) {
			t.Errorf("findings carry the secret %s: %s", s, js)
		}
	}
	if len(fs) < 3 {
		t.Errorf("expected several findings, got %d", len(fs))
	}
}
