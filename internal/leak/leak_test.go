package leak

import "testing"

func TestHolds(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"alone", "pin 4410 given", true},
		{"after a dash", "account 482-99 PIN-4410", true},
		{"at the start", "4410", true},
		{"in a duration", "took 0.004410 s", false},
		{"in a float", "gauge 1.44102e+07", false},
		{"in a request id", "req 04410182f8", false},
		{"in a longer number", "44101", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Holds(tt.text, "4410"); got != tt.want {
				t.Errorf("Holds(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
