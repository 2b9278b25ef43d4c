package fields

import (
	"github.com/nyaruka/phonenumbers"

	"github.com/portcheck/portcheck/extract"
)

// phoneLike finds NANP numbers in their printed forms ((217) 555-0100,
// 217-555-0100, 217.555.0100, 1-800-555-0199, +1 217 555 0100) and
// international ones written with a leading +. Validity is
// libphonenumber's to decide; this only finds candidates.
var phoneLike = lazyRegexp(`(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b|\+\d{1,3}(?:[\s.-]?\d{2,4}){2,5}\b`)

// minPhoneDigits is the fewest digits a phoneLike match holds: a "+"
// number's country code and two groups of two.
const minPhoneDigits = 5

func wordDigits(ws []extract.Word) int {
	n := 0
	for _, w := range ws {
		for i := 0; i < len(w.Text); i++ {
			if '0' <= w.Text[i] && w.Text[i] <= '9' {
				n++
			}
		}
	}
	return n
}

// phoneAt is one number printed on a page.
type phoneAt struct {
	e164 string
	text string
	span span
}

// phonesIn returns the valid numbers printed in a span's text, with the
// words each stands on.
func phonesIn(s span, region string) []phoneAt {
	if wordDigits(s.words) < minPhoneDigits {
		return nil // most lines: phoneLike is not worth running
	}
	joined, starts := extract.JoinWords(s.words)
	var out []phoneAt
	for _, m := range phoneLike.FindAllStringIndex(joined, -1) {
		text := joined[m[0]:m[1]]
		if inLongerNumber(joined, m[0], m[1]) {
			continue
		}
		n, err := phonenumbers.Parse(text, region)
		if err != nil || !phonenumbers.IsValidNumber(n) {
			continue
		}
		from, to := wordRange(starts, m[0], m[1])
		out = append(out, phoneAt{
			e164: phonenumbers.Format(n, phonenumbers.E164),
			text: text,
			span: span{page: s.page, line: s.line, words: s.words[from:to]},
		})
	}
	return out
}

// inLongerNumber: the match at [from, to) is a run of digit groups
// inside a longer one ("217-555-0163-448", an account number that
// embeds the line's number), not a phone number of its own.
func inLongerNumber(s string, from, to int) bool {
	joiner := func(c byte) bool { return c == '-' || c == '.' || c == '/' }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	if to+1 < len(s) && joiner(s[to]) && digit(s[to+1]) {
		return true
	}
	return from >= 2 && joiner(s[from-1]) && digit(s[from-2])
}

// isTollFree reports whether an E.164 number is NANP toll-free.
func isTollFree(e164 string) bool {
	n, err := phonenumbers.Parse(e164, "US")
	return err == nil && phonenumbers.GetNumberType(n) == phonenumbers.TOLL_FREE
}
