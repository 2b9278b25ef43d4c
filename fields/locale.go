package fields

import (
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// Languages the readers know labels in. Documents in others are read
// as English.
const (
	langEN = "en"
	langES = "es"
	langFR = "fr"
	langDE = "de"
	langNL = "nl"
)

// Words frequent in one language's bills and rare in the others'. A
// document's language is the one whose words it uses most.
var languageWordLists = map[string][]string{
	langEN: {"the", "and", "your", "invoice", "bill", "date", "total", "amount", "account", "to", "of", "for", "from", "with"},
	langES: {"el", "la", "los", "las", "del", "factura", "fecha", "cliente", "importe", "domicilio", "y", "con", "para", "por"},
	langFR: {"le", "les", "du", "des", "votre", "vos", "facture", "montant", "client", "et", "pour", "avec", "est", "au"},
	langDE: {"der", "die", "das", "und", "ihre", "rechnung", "datum", "betrag", "kunde", "mit", "für", "von", "zu", "bitte"},
	langNL: {"het", "een", "uw", "factuur", "bedrag", "klant", "en", "van", "voor", "met", "niet", "wij", "zijn"},
}

// languageWords matches a language's words where they stand as words.
var languageWords = func() map[string]*pattern {
	out := map[string]*pattern{}
	for lang, words := range languageWordLists {
		out[lang] = lazyRegexp(`(?i)\b(?:` + strings.Join(words, "|") + `)\b`)
	}
	return out
}()

// languageWordSet is each language's words lower-cased, for the tokens
// that are letters only.
var languageWordSet = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for lang, words := range languageWordLists {
		out[lang] = map[string]bool{}
		for _, w := range words {
			out[lang][w] = true
		}
	}
	return out
}()

// documentLanguage guesses the language of doc from its words.
func documentLanguage(doc *extract.Document) string {
	var text strings.Builder
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			text.WriteString(l.Text)
			text.WriteByte('\n')
			if text.Len() > 64<<10 {
				break
			}
		}
	}
	counts := languageCounts(text.String())
	best, bestN := langEN, 0
	for _, lang := range []string{langEN, langES, langFR, langDE, langNL} {
		if n := counts[lang]; n > bestN {
			best, bestN = lang, n
		}
	}
	return best
}

// languageCounts counts each language's words in s as languageWords
// finds them, token by token. A token ends at any ASCII character but a
// letter, digit or underscore: no word holds one, and to \b it is what
// a token's edge is, so the counts are the pattern's over s. A token of
// ASCII letters matches as a whole or not at all, which a set answers;
// one of ASCII word characters with a digit or underscore never does;
// the pattern reads the rest (those with other letters). Over the
// whole text at once the patterns took as long as reading a bill's
// other fields.
func languageCounts(s string) map[string]int {
	counts := map[string]int{}
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && !isWordByte(byte(r)) }) {
		switch {
		case asciiLetters(tok):
			low := strings.ToLower(tok)
			for lang, set := range languageWordSet {
				if set[low] {
					counts[lang]++
				}
			}
		case asciiWord(tok):
		default:
			for lang, re := range languageWords {
				if n := len(re.FindAllStringIndex(tok, -1)); n > 0 {
					counts[lang] += n
				}
			}
		}
	}
	return counts
}

// isWordByte is \b's word character.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

func asciiWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
