package order

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWritten(t *testing.T) {
	o := &Order{
		ServiceAddress: Address{Line1: "1200 N Main Street", Line2: "Suite 300", City: "Springfield", State: "IL", PostalCode: "62702"},
		Numbers:        []Number{{Number: "(217) 555-0100"}, {Number: "+1 217 555 0143", PIN: NewSecret("9921")}},
		PIN:            NewSecret("4410"),
	}
	tests := []struct {
		name, field string
		want        string
		ok          bool
	}{
		{"address as written", "service_address", "1200 N Main Street, Suite 300, Springfield, IL 62702", true},
		{"a number as written", "numbers[1]", "+1 217 555 0143", true},
		{"a number past the end", "numbers[2]", "", false},
		{"a field quoted as written already", "account_name", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := o.Written(tt.field)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Written(%q) = %q, %v; want %q, %v", tt.field, got, ok, tt.want, tt.ok)
			}
		})
	}
	if diff := cmp.Diff([]string{"4410", "9921"}, o.Secrets()); diff != "" {
		t.Errorf("Secrets (-want +got):\n%s", diff)
	}
}
