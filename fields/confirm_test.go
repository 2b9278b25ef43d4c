package fields

import "testing"

// TestPlausibleAccountNumber: an account number printed in groups is
// one of its kind, as the reader reads it; a phone number or words
// after the digits are not.
func TestPlausibleAccountNumber(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"512 555-0110 771 4", true},
		{"7623 4137 6495 36", true},
		{"0412-889-3301", true},
		{"512-555-0110", false},
		{"0412-889-3301 due now", false},
		{"see your bill", false},
	}
	for _, tt := range tests {
		if got := Plausible(RoleAccountNumber, tt.text); got != tt.want {
			t.Errorf("Plausible(account number, %q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
