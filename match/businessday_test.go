package match

import (
	"fmt"
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
		// Independence Day on a Saturday is observed Friday July 3rd.
		{2026, []string{"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"}},
		// Juneteenth and Christmas on Saturdays; New Year's Day 2028 on
		// a Saturday is observed on Friday 2027-12-31.
		{2027, []string{"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"}},
		// ... so 2028 has no New Year's day off of its own.
		{2028, []string{"2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04", "2028-09-04", "2028-10-09", "2028-11-10", "2028-11-23", "2028-12-25"}},
		// Juneteenth first observed 2021 (a Saturday, so June 18th);
		// New Year's Day 2022 observed 2021-12-31.
		{2021, []string{"2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-07-05", "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31"}},
		// No Juneteenth before 2021.
		{2020, []string{"2020-01-01", "2020-01-20", "2020-02-17", "2020-05-25", "2020-07-03", "2020-09-07", "2020-10-12", "2020-11-11", "2020-11-26", "2020-12-25"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
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

func TestIsBusinessDay(t *testing.T) {
	tests := []struct {
		name string
		day  time.Time
		want bool
	}{
		{"a tuesday", d("2026-11-24"), true},
		{"a saturday", d("2026-11-28"), false},
		{"a sunday", d("2026-11-29"), false},
		{"new year's day", d("2026-01-01"), false},
		{"martin luther king jr. day", d("2026-01-19"), false},
		{"washington's birthday", d("2026-02-16"), false},
		{"memorial day", d("2026-05-25"), false},
		{"juneteenth", d("2026-06-19"), false},
		{"independence day observed friday", d("2026-07-03"), false},
		{"independence day itself, a saturday", d("2026-07-04"), false},
		{"labor day", d("2026-09-07"), false},
		{"columbus day", d("2026-10-12"), false},
		{"veterans day", d("2026-11-11"), false},
		{"thanksgiving", d("2026-11-26"), false},
		{"the day after thanksgiving", d("2026-11-27"), true},
		{"christmas", d("2026-12-25"), false},
		{"christmas eve 2026, a thursday", d("2026-12-24"), true},
		{"an ordinary december 31st", d("2026-12-31"), true},
		{"christmas 2027 observed friday", d("2027-12-24"), false},
		{"new year 2028 observed friday 2027-12-31", d("2027-12-31"), false},
		{"monday after new year 2028", d("2028-01-03"), true},
		{"juneteenth 2020, before the holiday", d("2020-06-19"), true},
		{"a holiday late in the day", time.Date(2026, 11, 26, 23, 59, 0, 0, time.UTC), false},
		{"a holiday in another zone", time.Date(2026, 11, 26, 9, 0, 0, 0, time.FixedZone("CST", -6*3600)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsBusinessDay(tt.day); got != tt.want {
				t.Errorf("IsBusinessDay(%s) = %v, want %v", tt.day, got, tt.want)
			}
		})
	}
}

func TestAddBusinessDays(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"zero is the day itself", "2026-11-28", 0, "2026-11-28"},
		{"over thanksgiving", "2026-11-25", 1, "2026-11-27"},
		{"over thanksgiving weekend", "2026-11-24", 3, "2026-11-30"},
		{"from thanksgiving", "2026-11-26", 1, "2026-11-27"},
		{"three from the monday before", "2026-11-23", 3, "2026-11-27"},
		{"from a saturday", "2026-11-28", 1, "2026-11-30"},
		{"over christmas", "2026-12-23", 2, "2026-12-28"},
		{"over observed new year 2028", "2027-12-30", 1, "2028-01-03"},
		{"backwards over thanksgiving", "2026-11-30", -2, "2026-11-25"},
		{"a week of business days", "2026-11-23", 5, "2026-12-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddBusinessDays(d(tt.from), tt.n).Format(time.DateOnly); got != tt.want {
				t.Errorf("AddBusinessDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}
