package compare

import "strings"

// abbrevKey is punctKey with every word and phrase replaced by its short
// form. Periods and apostrophes join ("L.L.C." is LLC, "Int'l" is INTL);
// other punctuation separates words; "&" is the word AND.
func abbrevKey(s string) string {
	return strings.Join(Abbreviate(Words(s)), "")
}

// wordMarks is made once: a replacer builds its tables on first use, and
// Words runs for every name and address a re-check compares, where
// building them was a fiftieth of the CPU. A Replacer is safe for
// concurrent use.
var wordMarks = strings.NewReplacer(".", "", "'", "", "’", "", "&", " & ")

// Words splits s into upper-case words the way abbreviations are matched:
// periods and apostrophes are dropped inside a word, "&" is a word of its
// own, every other mark separates words.
func Words(s string) []string {
	s = wordMarks.Replace(foldCase(s))
	return strings.FieldsFunc(s, func(r rune) bool { return r != '&' && !isWordRune(r) })
}

// Abbreviate replaces each word, and each phrase of abbrevPhrases, by its
// short form.
func Abbreviate(words []string) []string {
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		if short, n := phraseAt(words[i:]); n > 0 {
			out = append(out, short)
			i += n - 1
			continue
		}
		if short, ok := nameAbbrev[words[i]]; ok {
			out = append(out, short)
			continue
		}
		out = append(out, words[i])
	}
	return out
}

func phraseAt(words []string) (string, int) {
	for _, p := range abbrevPhrases {
		if len(words) >= len(p.words) && equalWords(words[:len(p.words)], p.words) {
			return p.short, len(p.words)
		}
	}
	return "", 0
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// legalForms are the words that end a business's legal name: a name
// printed with one the order leaves out is another name (the losing
// carrier compares the whole name).
var legalForms = map[string]bool{
	"INC": true, "CORP": true, "CO": true, "LTD": true, "LLC": true, "LLP": true, "LP": true, "PC": true,
	"PLLC": true, "PLC": true, "PA": true, "GMBH": true, "AG": true, "SA": true, "SARL": true, "SAS": true,
	"BV": true, "NV": true, "SRL": true, "SPA": true, "PTY": true,
}

// LegalForm says whether word, as printed ("L.L.C.", "Inc.,",
// "Incorporated"), is a business's legal form.
func LegalForm(word string) bool {
	ws := Abbreviate(Words(word))
	return len(ws) == 1 && legalForms[ws[0]]
}
