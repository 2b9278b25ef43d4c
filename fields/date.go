package fields

import (
	"regexp"
	"strings"
	"time"
)

// Written date forms on US bills and LOAs, most specific first. US
// bills write month before day; a day-first reading is only taken when
// the month-first one is impossible (13/01/2026).
var dateForms = []struct {
	re      *regexp.Regexp
	layouts []string
}{
	{regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`), []string{"2006-01-02"}},
	{regexp.MustCompile(`(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b`),
		[]string{"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan 2 2006", "Jan. 2, 2006", "Jan. 2 2006"}},
	{regexp.MustCompile(`(?i)\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? \d{4}\b`),
		[]string{"2 January 2006", "2 Jan 2006", "2 Jan. 2006", "2 January, 2006"}},
	{regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{4}\b`), []string{"1/2/2006", "2/1/2006"}},
	{regexp.MustCompile(`\b\d{1,2}-\d{1,2}-\d{4}\b`), []string{"1-2-2006", "2-1-2006"}},
	{regexp.MustCompile(`\b\d{1,2}/\d{1,2}/\d{2}\b`), []string{"1/2/06", "2/1/06"}},
	{regexp.MustCompile(`\b\d{1,2}\.\d{1,2}\.\d{4}\b`), []string{"2.1.2006", "1.2.2006"}},
}

var ordinal = regexp.MustCompile(`(?i)(\d)(st|nd|rd|th)\b`)

// findDate returns the first date written in s, the text it was read
// from, and whether there was one.
func findDate(s string) (time.Time, string, bool) {
	best, bestAt, bestText := time.Time{}, len(s)+1, ""
	for _, f := range dateForms {
		loc := f.re.FindStringIndex(s)
		if loc == nil || loc[0] >= bestAt {
			continue
		}
		text := s[loc[0]:loc[1]]
		if t, ok := parseDate(text, f.layouts); ok {
			best, bestAt, bestText = t, loc[0], text
		}
	}
	return best, bestText, bestText != ""
}

func parseDate(text string, layouts []string) (time.Time, bool) {
	clean := ordinal.ReplaceAllString(text, "$1")
	clean = strings.Replace(clean, "Sept", "Sep", 1)
	clean = strings.Replace(clean, "sept", "sep", 1)
	for _, l := range layouts {
		if t, err := time.Parse(l, titleMonth(clean)); err == nil && t.Year() >= 1990 && t.Year() <= 2100 {
			return t, true
		}
	}
	return time.Time{}, false
}

// titleMonth makes "NOVEMBER 3, 2026" parseable: time.Parse wants
// "November".
func titleMonth(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if len(w) > 2 && isLetters(strings.TrimRight(w, ".,")) {
			words[i] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
		}
	}
	return strings.Join(words, " ")
}

func isLetters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return s != ""
}
