package dates

import (
	"fmt"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, lang string
		order          Order
		want           string // "" when no date
	}{
		{"us numeric", "10/14/2026", "en", MDY, "2026-10-14"},
		{"us two-digit year", "09/15/26", "en", MDY, "2026-09-15"},
		{"month first impossible", "14/10/2026", "en", MDY, ""},
		{"day first", "14/10/2026", "fr", DMY, "2026-10-14"},
		{"dotted", "05.03.2013", "de", DMY, "2013-03-05"},
		{"iso", "2026-11-05", "en", MDY, "2026-11-05"},
		{"iso slashes", "2026/11/05", "nl", DMY, "2026-11-05"},
		{"short month comma", "Sep 06, 2026", "en", MDY, "2026-09-06"},
		{"day month year", "18 October 2026", "en", MDY, "2026-10-18"},
		{"month day year", "October 21, 2026", "en", MDY, "2026-10-21"},
		{"capitals", "NOV 13 2026", "en", MDY, "2026-11-13"},
		{"weekday", "Monday, October 19, 2026", "en", MDY, "2026-10-19"},
		{"ordinal", "1st of October 2026", "en", MDY, "2026-10-01"},
		{"sept", "Sept. 3, 2026", "en", MDY, "2026-09-03"},
		{"spanish", "1 de marzo de 2022", "es", DMY, "2022-03-01"},
		{"spanish dashed", "15-ene-2021", "es", DMY, "2021-01-15"},
		{"spanish ordinal", "1º de marzo de 2022", "es", DMY, "2022-03-01"},
		{"dutch abbreviation", "21 okt. 2026", "nl", DMY, "2026-10-21"},
		{"french", "lundi 5 mars 2013", "fr", DMY, "2013-03-05"},
		{"french accents dropped", "12 fevrier 2020", "fr", DMY, "2020-02-12"},
		{"french first", "1er juillet 2019", "fr", DMY, "2019-07-01"},
		{"french abbreviation", "3 juil. 2019", "fr", DMY, "2019-07-03"},
		{"german", "5. März 2013", "de", DMY, "2013-03-05"},
		{"german mrz", "5. Mrz 2013", "de", DMY, "2013-03-05"},
		{"dutch", "14 oktober 2026", "nl", DMY, "2026-10-14"},
		{"dutch short", "3 mrt 2021", "nl", DMY, "2021-03-03"},
		{"english in french", "5 March 2013", "fr", DMY, "2013-03-05"},
		{"no year", "October 21", "en", MDY, ""},
		{"no day", "October 2026", "en", MDY, ""},
		{"month and year numeric", "10/2026", "en", MDY, ""},
		{"31 september", "31 September 2026", "en", MDY, ""},
		{"two months", "October November 2026", "en", MDY, ""},
		{"a word besides", "Due October 21, 2026", "en", MDY, ""},
		{"amount", "12.50", "en", MDY, ""},
		{"page of", "3 of 8 12", "en", MDY, ""},
		{"ambiguous prefix", "ma 5 2020", "en", MDY, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Parse(tt.in, tt.lang, tt.order)
			s := ""
			if ok {
				s = got.Format(time.DateOnly)
			}
			if s != tt.want {
				t.Errorf("Parse(%q, %s) = %q, want %q", tt.in, tt.lang, s, tt.want)
			}
		})
	}
}

// TestAgreesWithDateparser compares Parse with go-dateparser, which the
// readers used before, in the strict, day-month-year configuration they
// gave it, on every written form of one date a year apart in each
// language, so a change of parser is no change of reading.
func TestAgreesWithDateparser(t *testing.T) {
	layouts := map[string][]string{
		"en": {"2 January 2006", "January 2, 2006", "Jan 2, 2006", "2 Jan 2006", "01/02/2006", "01/02/06", "2006-01-02", "Monday, January 2, 2006", "JAN 2 2006"},
		"es": {"2 de January de 2006", "2 January 2006", "02/01/2006", "02-01-2006", "2006-01-02"},
		"fr": {"2 January 2006", "02/01/2006", "02.01.2006", "2006-01-02"},
		"de": {"2. January 2006", "02.01.2006", "2 January 2006", "2006-01-02"},
		"nl": {"2 January 2006", "02-01-2006", "02.01.2006", "2006-01-02"},
	}
	for lang, forms := range layouts {
		for m := time.January; m <= time.December; m++ {
			day := time.Date(2026, m, 3+int(m), 0, 0, 0, 0, time.UTC)
			for _, layout := range forms {
				in := localise(day.Format(layout), lang, m)
				order, dorder := DMY, dps.DMY
				switch {
				case layout[0] == '2' && layout[1] == '0':
					order, dorder = YMD, dps.YMD
				case lang == "en":
					order, dorder = MDY, dps.MDY
				}
				want := theirs(in, lang, dorder)
				got := ""
				if d, ok := Parse(in, lang, order); ok {
					got = d.Format(time.DateOnly)
				}
				if got != want {
					t.Errorf("%s %q: Parse = %q, go-dateparser = %q", lang, in, got, want)
				}
			}
		}
	}
}

// theirs is go-dateparser's reading in the configuration the readers
// gave it: strict, every part required, the document's language and
// English.
func theirs(in, lang string, order dps.DateOrder) string {
	langs := []string{lang}
	if lang != "en" {
		langs = append(langs, "en")
	}
	cfg := &dps.Configuration{Languages: langs, DateOrder: order, StrictParsing: true,
		RequiredParts: []string{"day", "month", "year"}, CurrentTime: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
	d, err := dps.Parse(cfg, in)
	if err != nil || d.Period != date.Day {
		return ""
	}
	return d.Time.Format(time.DateOnly)
}

// localise puts lang's month name in place of the English one.
func localise(s, lang string, m time.Month) string {
	if lang == "en" {
		return s
	}
	n := vocabulary(lang)
	for name, mm := range n.long {
		if mm == m && !isEnglish(name) {
			for _, en := range []string{m.String(), m.String()[:3]} {
				if i := indexFold(s, en); i >= 0 {
					return s[:i] + name + s[i+len(en):]
				}
			}
		}
	}
	return s
}

func isEnglish(name string) bool {
	for m := time.January; m <= time.December; m++ {
		if fold(m.String()) == name {
			return true
		}
	}
	return false
}

func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func BenchmarkParse(b *testing.B) {
	for _, in := range []string{"10/14/2026", "18 October 2026", "5. März 2013"} {
		b.Run(fmt.Sprint(in), func(b *testing.B) {
			for b.Loop() {
				Parse(in, "de", DMY)
			}
		})
	}
}
