package address

import (
	"strings"
	"unicode"
)

// token is one word of an address with the separator written before it.
// Keeping the separators lets Compare tell "Main St  Ste 300" (whitespace)
// from "Main St Ste 300" although both parse to the same components.
type token struct {
	text, gap string
}

// tokenize splits on whitespace, commas and semicolons.
func tokenize(s string) []token {
	var toks []token
	var gap, word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			toks = append(toks, token{text: word.String(), gap: gap.String()})
			word.Reset()
			gap.Reset()
		}
	}
	for _, r := range s {
		if unicode.IsSpace(r) || r == ',' || r == ';' {
			flush()
			gap.WriteRune(r)
			continue
		}
		word.WriteRune(r)
	}
	flush()
	return toks
}

// structural reports whether a separator ends a line or a field: a comma
// there is where a bill breaks lines or a form splits fields, not
// punctuation the carrier compares.
func structural(gap string) bool { return strings.ContainsAny(gap, ",;\n\r") }

// irregular reports spacing a strict carrier sees: a run of spaces, a tab,
// or a space before a comma.
func irregular(gap string) bool {
	if gap == "" || gap == " " {
		return false
	}
	if structural(gap) {
		i := strings.IndexAny(gap, ",;\n\r")
		return i > 0 && strings.TrimSpace(gap[:i]) == "" && !strings.ContainsAny(gap[:i], "\n\r")
	}
	return true
}

// span is the text of toks as written, with line and field breaks read as
// one space.
func span(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteString(gapText(t.gap))
		}
		b.WriteString(t.text)
	}
	return b.String()
}

func words(toks []token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if c := clean(t.text); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// clean upper-cases a word and drops the periods USPS form omits.
func clean(w string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.Trim(w, ".:()"), ".", ""))
}

// segments splits toks at line and field breaks.
func segments(toks []token) [][]token {
	var segs [][]token
	for i, t := range toks {
		if i == 0 || structural(t.gap) {
			segs = append(segs, nil)
		}
		segs[len(segs)-1] = append(segs[len(segs)-1], t)
	}
	return segs
}

func countIrregular(toks []token) int {
	n := 0
	for i, t := range toks {
		if i > 0 && irregular(t.gap) {
			n++
		}
	}
	return n
}

// gapText is a separator as span writes it.
func gapText(gap string) string {
	if structural(gap) {
		return " "
	}
	return gap
}
