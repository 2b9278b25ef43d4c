package workers

import (
	"strings"
	"testing"
)

// TestFilterValidate: a filter that names no status there is, or a date
// that is not one, is refused up front, naming the setting.
func TestFilterValidate(t *testing.T) {
	tests := []struct {
		name   string
		filter Filter
		want   string // in the error; empty: valid
	}{
		{"empty", Filter{}, ""},
		{"known status and date", Filter{Statuses: []string{"checked", "queued"}, AsOf: "2026-11-30"}, ""},
		{"unknown status", Filter{Statuses: []string{"done"}}, "status"},
		{"bad date", Filter{AsOf: "nope"}, "as_of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.filter.Validate()
			if (err == nil) != (tt.want == "") || (err != nil && !strings.HasPrefix(err.Error(), tt.want)) {
				t.Errorf("Validate = %v, want an error naming %q", err, tt.want)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	if err := (Config{Concurrency: -1}).Validate(); err == nil {
		t.Error("negative concurrency accepted")
	}
	if err := (Config{}).Validate(); err != nil {
		t.Errorf("zero config (defaults) refused: %v", err)
	}
}
