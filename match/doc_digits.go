package match

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
	"github.com/portcheck/portcheck/extract"
)

// digitsAppear: the number's national digits stand somewhere in the
// document, however they are punctuated (a number printed inside an
// account number, "404 555-0118 775 0", is on the bill). With ocrFold,
// letters OCR reads for digits (O, l, I, S, B) on scanned pages count as
// those digits.
func digitsAppear(r Read, e164 string, ocrFold bool) bool {
	nsn, ok := significantDigits(e164)
	if !ok {
		return false
	}
	for _, p := range r.Text.Pages {
		for _, l := range p.Lines {
			text := l.Text
			if ocrFold && p.TextSource == extract.SourceOCR {
				text = ocrDigits.Replace(text)
			}
			if strings.Contains(digitsOnly(text), nsn) {
				return true
			}
		}
	}
	return false
}

// significantDigits is the national significant number of an E.164
// number. A NANP number's is its ten digits after the +1, without the
// parse that every other plan needs (a re-check asks it of every
// number, for every document).
func significantDigits(e164 string) (string, bool) {
	if len(e164) == 12 && strings.HasPrefix(e164, "+1") && digitsOnly(e164) == e164[1:] {
		return e164[2:], true
	}
	n, err := phonenumbers.Parse(e164, "US")
	if err != nil {
		return "", false
	}
	return phonenumbers.GetNationalSignificantNumber(n), true
}

var ocrDigits = strings.NewReplacer("O", "0", "o", "0", "l", "1", "I", "1", "|", "1", "S", "5", "B", "8")

func digitsOnly(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}
