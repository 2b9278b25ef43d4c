package match

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFederalHolidays(t *testing.T) {
	tests := []struct {
		year int
		want []string
	}{
		{2026, []string{"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"}},
		{2027, []string{"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24"}},
		{2020, []string{"2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25", "2020-07-03", "2020-09-07", "2020-10-12", "2020-11-11", "2020-11-26", "2020-12-25"}},
	}
	for _, tt := range tests {
		t.Run(time.Date(tt.year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), func(t *testing.T) {
			var got []string
			for _, h := range FederalHolidays(tt.year) {
				got = append(got, h.Format(time.DateOnly))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("holidays (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBusinessDays(t *testing.T) {
	tests := []struct {
		name string
		day  string
		want bool
	}{
		{"weekday", "2026-11-24", true},
		{"saturday", "2026-11-28", false},
		{"thanksgiving", "2026-11-26", false},
		{"new year 2028 observed on friday 2027-12-31", "2027-12-31", false},
		{"ordinary dec 31", "2026-12-31", true},
		{"christmas 2027 observed friday", "2027-12-24", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsBusinessDay(d(tt.day)); got != tt.want {
				t.Errorf("IsBusinessDay(%s) = %v", tt.day, got)
			}
		})
	}
	if got := AddBusinessDays(d("2026-11-24"), 3).Format(time.DateOnly); got != "2026-11-30" {
		t.Errorf("3 business days after 2026-11-24 across Thanksgiving = %s, want 2026-11-30", got)
	}
}
