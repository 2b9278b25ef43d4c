package dates

import (
	"testing"

	"github.com/goodsign/monday"
	"github.com/google/go-cmp/cmp"
)

// TestLocalesAreMondays: the names copied into locales are, in order,
// those of github.com/goodsign/monday's tables for each language.
func TestLocalesAreMondays(t *testing.T) {
	tests := []struct {
		lang string
		loc  monday.Locale
	}{
		{"de", monday.LocaleDeDE},
		{"en", monday.LocaleEnUS},
		{"es", monday.LocaleEsES},
		{"fr", monday.LocaleFrFR},
		{"nl", monday.LocaleNlNL},
	}
	if len(locales) != len(tests) {
		t.Errorf("%d locales, %d checked", len(locales), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			want := calendar{
				longMonths:  monday.GetLongMonths(tt.loc),
				shortMonths: monday.GetShortMonths(tt.loc),
				longDays:    monday.GetLongDays(tt.loc),
				shortDays:   monday.GetShortDays(tt.loc),
			}
			if d := cmp.Diff(want, locales[tt.lang], cmp.AllowUnexported(calendar{})); d != "" {
				t.Errorf("locales[%q] differs from monday's (-monday +locales):\n%s", tt.lang, d)
			}
		})
	}
}
