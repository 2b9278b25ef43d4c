package compare

import "strings"

// ocrConfusions are the characters Tesseract commonly reads one for
// another on bills: O/0, l/1/I/|, S/5, B/8, Z/2, and the letter pairs rn
// and cl that it reads as m and d. Each is folded to one form.
var ocrConfusions = strings.NewReplacer(
	"RN", "M", "CL", "D", "VV", "W",
	"0", "O", "1", "I", "L", "I", "|", "I", "!", "I", "5", "S", "8", "B", "2", "Z", "6", "G",
)

// OCRConfusable reports whether a and b differ but would be equal if
// every difference were a common OCR misreading. A comparison on a
// scanned page that only differs this way is neither a match nor a
// mismatch: a person must look at the scan.
func OCRConfusable(a, b string) bool {
	if Rank(Classify(a, b)) <= Rank(Punctuation) {
		return false // the difference is explained without OCR
	}
	return ocrKey(a) == ocrKey(b)
}

// ocrKey is punctKey keeping "|" and "!", which OCR reads for l and 1.
func ocrKey(s string) string {
	kept := strings.Map(func(r rune) rune {
		if isWordRune(r) || r == '|' || r == '!' {
			return r
		}
		return -1
	}, foldCase(s))
	return ocrConfusions.Replace(kept)
}

// specks are the marks dirt on a scan is read as.
const specks = ".,-'`‘’·:;"

// OCRSpecks reports whether found is expected with a few extra speck
// marks in it ("Acme Widgets, -Inc."): what a scan adds, never what a
// carrier's record drops.
func OCRSpecks(expected, found string) bool {
	if len(found) <= len(expected) {
		return false
	}
	e := []rune(expected)
	j := 0
	for _, r := range found {
		switch {
		case j < len(e) && r == e[j]:
			j++
		case !strings.ContainsRune(specks, r) && r != ' ':
			return false
		}
	}
	return j == len(e)
}
