package fields

import (
	"regexp"
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
var languageWords = map[string]*regexp.Regexp{
	langEN: regexp.MustCompile(`(?i)\b(?:the|and|your|invoice|bill|date|total|amount|account|to|of|for|from|with)\b`),
	langES: regexp.MustCompile(`(?i)\b(?:el|la|los|las|del|factura|fecha|cliente|importe|domicilio|y|con|para|por)\b`),
	langFR: regexp.MustCompile(`(?i)\b(?:le|les|du|des|votre|vos|facture|montant|client|et|pour|avec|est|au)\b`),
	langDE: regexp.MustCompile(`(?i)\b(?:der|die|das|und|ihre|rechnung|datum|betrag|kunde|mit|für|von|zu|bitte)\b`),
	langNL: regexp.MustCompile(`(?i)\b(?:het|een|uw|factuur|bedrag|klant|en|van|voor|met|niet|wij|zijn)\b`),
}

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
	s := text.String()
	best, bestN := langEN, 0
	for _, lang := range []string{langEN, langES, langFR, langDE, langNL} {
		if n := len(languageWords[lang].FindAllStringIndex(s, -1)); n > bestN {
			best, bestN = lang, n
		}
	}
	return best
}
