package fields

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"
)

// Dates are parsed by go-dateparser, which knows the month names,
// abbreviations and written forms of each language. Its own search over
// free text finds too little and too much ("3 of 8 12" is a date to
// it), so findDate offers it short runs of words that could be a date
// and takes the first it parses to a whole day.

// maxDateWords bounds a run: "1 de marzo de 2022" is five words.
const maxDateWords = 5

var (
	hasYear     = regexp.MustCompile(`(?:^|\D)(?:19[9]\d|20\d\d|2100)(?:\D|$)`)
	numericDate = regexp.MustCompile(`^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$`)
	isoStart    = regexp.MustCompile(`^\d{4}[./-]`)
	// spacedSep glues "08 / 02 / 23", as forms filled by hand print it.
	spacedSep = regexp.MustCompile(`(\d)\s*([./-])\s*(\d)`)
)

var (
	dateConfigs   = map[string]*dps.Configuration{}
	dateConfigsMu sync.Mutex
)

// dateConfig is the parser's configuration for one language and order;
// the configurations are shared, the parser only reads them.
func dateConfig(lang string, order dps.DateOrder) *dps.Configuration {
	key := lang + order("")
	dateConfigsMu.Lock()
	defer dateConfigsMu.Unlock()
	if c, ok := dateConfigs[key]; ok {
		return c
	}
	langs := []string{lang}
	if lang != langEN {
		langs = append(langs, langEN)
	}
	c := &dps.Configuration{
		Languages:     langs,
		DateOrder:     order,
		StrictParsing: true,
		RequiredParts: []string{"day", "month", "year"},
		// A date without a year would take the year from the clock;
		// strict parsing refuses it, and this keeps the result fixed.
		CurrentTime: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	dateConfigs[key] = c
	return c
}

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
	orders := []dps.DateOrder{dps.DMY}
	switch {
	case isoStart.MatchString(clean):
		orders = []dps.DateOrder{dps.YMD}
	case lang == langEN:
		orders = []dps.DateOrder{dps.MDY, dps.DMY}
	}
	if len(clean) > maxDateBytes {
		return time.Time{}, false
	}
	for _, o := range orders {
		d, err := safeParse(dateConfig(lang, o), clean)
		if err != nil || d.IsZero() || d.Period != date.Day {
			continue
		}
		if y := d.Time.Year(); y >= 1990 && y <= 2100 {
			t := d.Time
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// maxDateBytes bounds what the parser is given: the longest written
// date ("30 de septiembre de 2026") is far under it, and OCR garbage
// glued into one long word is not offered at all.
const maxDateBytes = 48

// safeParse runs the third-party parser under recover: a text it cannot
// handle is no date, never a crash of the check.
func safeParse(cfg *dps.Configuration, text string) (d date.Date, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parse date %q: %v", text, r)
		}
	}()
	return dps.Parse(cfg, text)
}

// dateShaped: a four-digit year, or one token of three numbers with
// separators (11/3/26). Amounts, page counts and account numbers are
// neither, which keeps the parser from reading "3 of 8 12" as a day.
func dateShaped(s string) bool {
	return hasYear.MatchString(s) || numericDate.MatchString(s)
}

func endsInDigit(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}
