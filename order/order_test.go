package order

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readSample(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// patch applies edits to the SPEC sample order, so each case states only
// what it changes.
func patch(t *testing.T, edit func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readSample(t), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func number(m map[string]any, i int) map[string]any {
	return m["numbers"].([]any)[i].(map[string]any)
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want *FieldError
	}{
		{"unknown top-level field", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["acount_name"] = "x" })
		}, &FieldError{Field: "acount_name", Msg: "unknown field"}},
		{"unknown nested field", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { number(m, 1)["pinn"] = "1" })
		}, &FieldError{Field: "numbers[1].pinn", Msg: "unknown field"}},
		{"unknown address field", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["service_address"].(map[string]any)["zip"] = "1" })
		}, &FieldError{Field: "service_address.zip", Msg: "unknown field"}},
		{"pin as number", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["pin"] = 4410 })
		}, &FieldError{Field: "pin", Msg: "must be a string, not number"}},
		{"numbers not an array", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["numbers"] = "+12175550100" })
		}, &FieldError{Field: "numbers", Msg: "must be an array, not string"}},
		{"full_port as string", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["full_port"] = "yes" })
		}, &FieldError{Field: "full_port", Msg: "must be true or false, not string"}},
		{"no numbers", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["numbers"] = []any{} })
		}, &FieldError{Field: "numbers", Msg: "at least one number is required"}},
		{"empty number", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { number(m, 0)["number"] = " " })
		}, &FieldError{Field: "numbers[0].number", Msg: "required"}},
		{"bad number type", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { number(m, 0)["type"] = "mobile" })
		}, &FieldError{Field: "numbers[0].type", Msg: `"mobile" is not one of landline, wireless, voip, tollfree`}},
		{"bad document kind", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["documents"].([]any)[1].(map[string]any)["kind"] = "invoice" })
		}, &FieldError{Field: "documents[1].kind", Msg: `"invoice" is not one of bill, loa, csr, id, other`}},
		{"document without path", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { delete(m["documents"].([]any)[0].(map[string]any), "path") })
		}, &FieldError{Field: "documents[0].path", Msg: "required"}},
		{"bad requested date", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["requested_date"] = "12/10/2026" })
		}, &FieldError{Field: "requested_date", Msg: `"12/10/2026" is not a date in YYYY-MM-DD form`}},
		{"bad account type", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["account_type"] = "corp" })
		}, &FieldError{Field: "account_type", Msg: `"corp" is not one of business, residential`}},
		{"bad country", func(t *testing.T) []byte {
			return patch(t, func(m map[string]any) { m["service_address"].(map[string]any)["country"] = "USA" })
		}, &FieldError{Field: "service_address.country", Msg: `"USA" is not a two-letter upper-case ISO 3166 country code`}},
		{"not an object", func(t *testing.T) []byte { return []byte(`[1,2]`) },
			&FieldError{Msg: "the order must be a JSON object, not array"}},
		{"empty", func(t *testing.T) []byte { return nil }, &FieldError{Msg: "the order is empty"}},
		{"trailing data", func(t *testing.T) []byte { return append(readSample(t), []byte(`{}`)...) },
			&FieldError{Msg: "unexpected data after the order object"}},
		{"duplicate key", func(t *testing.T) []byte {
			return bytes.Replace(readSample(t), []byte(`"account_name":`), []byte(`"account_name": "Someone Else", "account_name":`), 1)
		}, &FieldError{Field: "account_name", Msg: "given more than once"}},
		{"duplicate nested key", func(t *testing.T) []byte {
			return bytes.Replace(readSample(t), []byte(`"city":`), []byte(`"city": "Elsewhere", "city":`), 1)
		}, &FieldError{Field: "service_address.city", Msg: "given more than once"}},
		{"invalid utf-8", func(t *testing.T) []byte {
			return bytes.Replace(readSample(t), []byte(`"Acme Widgets`), []byte("\"Acme \xff\xfeWidgets"), 1)
		}, &FieldError{Field: "account_name", Msg: "is not valid UTF-8"}},
		{"invalid utf-8 in a number's field", func(t *testing.T) []byte {
			return bytes.Replace(readSample(t), []byte(`"wireless"`), []byte("\"wire\xc3less\""), 1)
		}, &FieldError{Field: "numbers[1].type", Msg: "is not valid UTF-8"}},
		{"truncated", func(t *testing.T) []byte { return readSample(t)[:40] },
			&FieldError{Msg: "the order's JSON ends early"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeBytes(tt.data(t))
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("DecodeBytes error = %v, want a *FieldError", err)
			}
			if diff := cmp.Diff(tt.want, fe); diff != "" {
				t.Errorf("FieldError mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeSample(t *testing.T) {
	o, err := DecodeBytes(readSample(t))
	if err != nil {
		t.Fatal(err)
	}
	got := o.Lines()
	want := []Line{
		{Index: 0, Raw: "+12175550100", E164: "+12175550100", Region: "US", Type: TypeLandline, Declared: true, Valid: true, HasPIN: true},
		{Index: 1, Raw: "(217) 555-0143", E164: "+12175550143", Region: "US", Type: TypeWireless, Declared: true, Valid: true, HasPIN: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lines mismatch (-want +got):\n%s", diff)
	}
	if !o.IsFullPort() || o.Region() != "US" || o.PIN.Reveal() != "4410" {
		t.Errorf("full port %v region %q pin kept %v", o.IsFullPort(), o.Region(), o.PIN.Reveal() == "4410")
	}
}

func TestLines(t *testing.T) {
	tests := []struct {
		name   string
		number Number
		region string
		want   Line
	}{
		{"toll-free inferred", Number{Number: "1-800-555-0199"}, "US",
			Line{Raw: "1-800-555-0199", E164: "+18005550199", Region: "US", Type: TypeTollFree, Valid: true}},
		{"NANP stays unknown", Number{Number: "217.555.0100"}, "US",
			Line{Raw: "217.555.0100", E164: "+12175550100", Region: "US", Valid: true}},
		{"not a number", Number{Number: "call me"}, "US",
			Line{Raw: "call me", Problem: "it is not a telephone number"}},
		{"too short", Number{Number: "+1 217 555"}, "US",
			Line{Raw: "+1 217 555", E164: "+1217555", Region: "US", Problem: "it is not a valid number in US"}},
		{"Nigerian mobile", Number{Number: "0803 555 0100"}, "NG",
			Line{Raw: "0803 555 0100", E164: "+2348035550100", Region: "NG", Type: TypeWireless, Valid: true}},
		{"own pin", Number{Number: "+12175550143", Type: TypeWireless, PIN: NewSecret("1")}, "US",
			Line{Raw: "+12175550143", E164: "+12175550143", Region: "US", Type: TypeWireless, Declared: true, Valid: true, HasPIN: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &Order{Numbers: []Number{tt.number}, ServiceAddress: Address{Country: tt.region}}
			if diff := cmp.Diff([]Line{tt.want}, o.Lines()); diff != "" {
				t.Errorf("Lines mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSecretNeverPrints covers every way a PIN could leak from an order:
// fmt verbs on the order itself, JSON of the order, and error messages.
func TestSecretNeverPrints(t *testing.T) {
	o, err := DecodeBytes(readSample(t))
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{
		"%v": fmt.Sprintf("%v", o), "%+v": fmt.Sprintf("%+v", o), "%#v": fmt.Sprintf("%#v", *o),
		"%s": fmt.Sprintf("%s", o.PIN), "%q": fmt.Sprintf("%q", o.PIN), "%x": fmt.Sprintf("%x", o.PIN),
		"json":  string(js),
		"error": fmt.Sprint(func() error { _, err := DecodeBytes(patch(t, func(m map[string]any) { m["pin"] = 4410 })); return err }()),
	}
	for name, out := range outputs {
		for _, secret := range []string{"4410", "9921"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output contains the PIN %s: %s", name, secret, out)
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(readSampleF(f))
	f.Add([]byte(`{"numbers":[{"number":"+12175550100","pin":null}],"full_port":false,"new_btn":"x"}`))
	f.Add([]byte(`{"numbers":[[]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := DecodeBytes(data)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error is not a *FieldError: %T %v", err, err)
			}
			return
		}
		_ = o.Lines()
	})
}

func readSampleF(f *testing.F) []byte {
	data, err := os.ReadFile("testdata/sample.json")
	if err != nil {
		f.Fatal(err)
	}
	return data
}

func TestEncodeStoredKeepsPINs(t *testing.T) {
	o, err := DecodeBytes(readSample(t))
	if err != nil {
		t.Fatal(err)
	}
	data, err := EncodeStored(o)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.PIN.Reveal() != "4410" || back.Numbers[1].PIN.Reveal() != "9921" || back.Numbers[0].PIN.IsSet() {
		t.Error("stored order lost or invented PINs")
	}
}
