package fields

import (
	"strings"
	"time"

	"github.com/portcheck/portcheck/fields/dates"
)

// Dates are parsed by package dates, which knows the month names,
// abbreviations and written forms of each language and reads only a
// whole date. findDate offers it short runs of words that could be a
// date and takes the first it parses to a whole day.

// maxDateWords bounds a run: "1 de marzo de 2022" is five words.
const maxDateWords = 5

var (
	hasYear     = lazyRegexp(`(?:^|\D)(?:19[9]\d|20\d\d|2100)(?:\D|$)`)
	numericDate = lazyRegexp(`^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$`)
	isoStart    = lazyRegexp(`^\d{4}[./-]`)
	// spacedSep glues "08 / 02 / 23", as forms filled by hand print it.
	spacedSep = lazyRegexp(`(\d)\s*([./-])\s*(\d)`)
)

// findDate returns the first date written in s, read in lang, the text
// it was read from, and whether there was one.
func findDate(s, lang string) (time.Time, string, bool) {
	words := strings.Fields(s)
	for i := range words {
		for n := min(maxDateWords, len(words)-i); n >= 1; n-- {
			text := strings.Join(words[i:i+n], " ")
			if t, ok := parseDate(text, lang); ok {
				return t, text, true
			}
		}
	}
	return time.Time{}, "", false
}

// parseDate parses one candidate. English documents write month first
// (US bills); a day-first reading is taken only where month-first is
// impossible (13/01/2026). Other languages write day first; a year
// first is ISO 8601 in any language.
func parseDate(text, lang string) (time.Time, bool) {
	clean := strings.Trim(spacedSep.ReplaceAllString(text, "$1$2$3"), ",;:()")
	clean = strings.TrimSuffix(clean, ".")
	first := strings.Fields(clean)
	if len(first) == 0 || !dateShaped(clean) || !endsInDigit(clean) {
		return time.Time{}, false
	}
	orders := []dates.Order{dates.DMY}
	switch {
	case isoStart.MatchString(clean):
		orders = []dates.Order{dates.YMD}
	case lang == langEN:
		orders = []dates.Order{dates.MDY, dates.DMY}
	}
	if len(clean) > maxDateBytes {
		return time.Time{}, false
	}
	for _, o := range orders {
		if t, ok := dates.Parse(clean, lang, o); ok && t.Year() >= 1990 && t.Year() <= 2100 {
			return t, true
		}
	}
	return time.Time{}, false
}

// maxDateBytes bounds what the parser is given: the longest written
// date ("30 de septiembre de 2026") is far under it, and OCR garbage
// glued into one long word is not offered at all.
const maxDateBytes = 48

// dateShaped: a four-digit year, or one token of three numbers with
// separators (11/3/26). Amounts, page counts and account numbers are
// neither, which keeps the parser from reading "3 of 8 12" as a day.
func dateShaped(s string) bool {
	return hasYear.MatchString(s) || numericDate.MatchString(s)
}

func endsInDigit(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}
