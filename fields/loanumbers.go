package fields

import (
	"github.com/nyaruka/phonenumbers"

	"github.com/portcheck/portcheck/extract"
)

// Outside North America an LOA prints its numbers in the national
// format, with the trunk prefix and the groups the country uses ("020
// 7946 0142", "02 123 45 67", "030 12345678"), which the NANP-shaped
// search of bills does not see. Such a number starts with the trunk
// prefix 0 (or a +), is digits and separators only, and must be a valid
// number of the order's country.
var nationalPhone = lazyRegexp(`(?:^|\s)((?:\+\d{1,3}[\s.-]?\(?0?\)?[\s.-]?\d{1,4}|\(?0\d{1,4}\)?)(?:[\s./-]?\d{2,8}){1,4})(?:\s|$)`)

// nationalNumbers adds the numbers printed in the national format of
// region to have, skipping those already read.
func nationalNumbers(doc *extract.Document, region string, have []Value) []Value {
	if region == "" || region == "US" || region == "CA" {
		return have
	}
	seen := map[string]bool{}
	for _, v := range have {
		seen[v.Text] = true
	}
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if isCallRow(l.Text) || issuerLine(p, li) {
				continue
			}
			s := span{page: pi + 1, line: li, words: l.Words}
			joined, starts := extract.JoinWords(l.Words)
			for _, m := range nationalPhone.FindAllStringSubmatchIndex(joined, -1) {
				text := joined[m[2]:m[3]]
				n, err := phonenumbers.Parse(text, region)
				if err != nil || !phonenumbers.IsValidNumber(n) {
					continue
				}
				e164 := phonenumbers.Format(n, phonenumbers.E164)
				if seen[e164] {
					continue
				}
				seen[e164] = true
				from, to := wordRange(starts, m[2], m[3])
				v := span{page: s.page, line: li, words: l.Words[from:to]}.value("", confSearch)
				v.Text = e164
				have = append(have, v)
				if to-from == 2 {
					have = sameAreaCode(p, pi+1, li, l.Words[from], l.Words[from+1], region, seen, have)
				}
			}
		}
	}
	return have
}

// sameAreaCode reads a numbers table that gives the area code once, in
// its own column, and the subscriber numbers one a row under the
// number column ("030 | 12345678" then "| 12345679"): a number alone
// under the first one, starting where it starts, takes its area code.
func sameAreaCode(p extract.Page, page, li int, area, first extract.Word, region string, seen map[string]bool, have []Value) []Value {
	if first.Box[0]-area.Box[2] < columnGap*height(first.Box) {
		return have // one number written whole, not a table
	}
	lh := height(first.Box)
	prev := first.Box
	for i := li + 1; i < len(p.Lines) && i <= li+4; i++ {
		var w *extract.Word
		for k, c := range p.Lines[i].Words {
			if abs(c.Box[0]-first.Box[0]) <= lh && countDigits(c.Text) == len(c.Text) && abs(float64(len(c.Text)-len(first.Text))) <= 2 {
				w = &p.Lines[i].Words[k]
			}
		}
		if w == nil {
			if p.Lines[i].Box[1]-prev[3] > 2*lh {
				break
			}
			continue
		}
		n, err := phonenumbers.Parse(area.Text+w.Text, region)
		if err != nil || !phonenumbers.IsValidNumber(n) {
			break
		}
		e164 := phonenumbers.Format(n, phonenumbers.E164)
		if !seen[e164] {
			seen[e164] = true
			v := span{page: page, line: i, words: []extract.Word{*w}}.value("", confSearch)
			v.Text = e164
			have = append(have, v)
		}
		prev = w.Box
	}
	return have
}
