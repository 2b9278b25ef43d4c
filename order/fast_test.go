package order

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDecodeFastSameAsChecked: whatever the fast path takes or leaves,
// DecodeBytes gives what the full checks give, order and error alike.
func TestDecodeFastSameAsChecked(t *testing.T) {
	tests := []struct {
		name string
		data string
		fast bool // the fast path takes it
	}{
		{"sample", string(readSample(t)), true},
		{"minimal", `{"id":"a","account_name":"x","numbers":[{"number":"2175550100","pin":"0441"}],"new_btn":null}`, true},
		{"null", `null`, true},
		{"not an object", `"order"`, false},
		{"duplicate key", `{"id":"a","id":"b","numbers":[{"number":"1"}]}`, false},
		{"duplicate nested key", `{"id":"a","numbers":[{"number":"1","number":"2"}]}`, false},
		{"same key in two objects", `{"id":"a","numbers":[{"number":"1"},{"number":"2"}]}`, true},
		{"key in other case", `{"ID":"a","numbers":[{"number":"1"}]}`, false},
		{"key of another level", `{"id":"a","city":"x","numbers":[{"number":"1"}]}`, false},
		{"escaped key", `{"\u0069d":"a","numbers":[{"number":"1"}]}`, false},
		{"escaped duplicate key", `{"id":"a","\u0069d":"b","numbers":[{"number":"1"}]}`, false},
		{"escaped value", `{"id":"a\"b\\","numbers":[{"number":"1"}]}`, true},
		{"value like a key", `{"id":"id","account_name":"numbers","numbers":[{"number":"1"}]}`, true},
		{"invalid utf-8", "{\"id\":\"a\xff\",\"numbers\":[{\"number\":\"1\"}]}", false},
		{"number for a string", `{"id":1,"numbers":[{"number":"1"}]}`, false},
		{"number for a pin", `{"id":"a","pin":4410,"numbers":[{"number":"1"}]}`, false},
		{"trailing data", `{"id":"a","numbers":[{"number":"1"}]} {}`, false},
		{"syntax error", `{"id":"a","numbers":[{"number":"1"}]`, false},
		{"unclosed string", `{"id":"a`, false},
		{"stray close", `]`, false},
		{"invalid shape", `{"id":"a","numbers":[]}`, true},
		{"null fields", `{"id":null,"service_address":null,"numbers":[{"number":"1","pin":null}],"documents":null,"full_port":null}`, true},
		{"bool for a string", `{"id":true,"numbers":[{"number":"1"}]}`, false},
		{"string for a bool", `{"id":"a","full_port":"yes","numbers":[{"number":"1"}]}`, false},
		{"object for an array", `{"id":"a","numbers":{"number":"1"}}`, false},
	}
	opt := cmp.AllowUnexported(Secret{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			if _, ok := decodeFast(data); ok != tt.fast {
				t.Errorf("decodeFast took it: %v, want %v", ok, tt.fast)
			}
			got, gotErr := DecodeBytes(data)
			want, wantErr := decodeChecked(data)
			if diff := cmp.Diff(want, got, opt); diff != "" {
				t.Errorf("order (-checked +DecodeBytes):\n%s", diff)
			}
			if diff := cmp.Diff(errText(wantErr), errText(gotErr)); diff != "" {
				t.Errorf("error (-checked +DecodeBytes):\n%s", diff)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// BenchmarkDecodeBytes decodes the SPEC sample as a stored order is
// read on every re-check; BenchmarkDecodeChecked is the same by the full
// checks alone.
func BenchmarkDecodeBytes(b *testing.B) { benchDecode(b, DecodeBytes) }

func BenchmarkDecodeChecked(b *testing.B) { benchDecode(b, decodeChecked) }

func benchDecode(b *testing.B, decode func([]byte) (*Order, error)) {
	data, err := os.ReadFile("testdata/sample.json")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
