package report

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// comparisons are the codes whose two sides are the order's value and
// the document's; every other code with two sides holds a rule against
// what the order or a document shows.
var comparisons = map[Code]bool{
	NameMismatch: true, AddressMismatch: true, AccountNumberMismatch: true, BTNMismatch: true,
	SignerMismatch: true, CarrierMismatch: true, FieldNotFound: true, NumberNotOnBill: true,
	NumberNotOnLOA: true, ServiceAddressUnconfirmed: true, PartialPortUndeclared: true,
}

// documentName is how a reviewer calls a document kind.
func documentName(kind string) string {
	switch kind {
	case "loa", "csr", "id":
		return strings.ToUpper(kind)
	case "", "other":
		return "document"
	}
	return kind
}

// headings says what each side of a finding's comparison is.
func headings(f Finding) (left, right string) {
	right = "the order"
	if f.Document != "" {
		right = "the " + documentName(f.Document)
	}
	switch {
	case comparisons[f.Code]:
		return "the order", right
	case f.Code == DocumentIllegible:
		return "what a carrier can read", right
	}
	return "the profile's rule", right
}

// differenceWords says in words how two values differ, for the class
// the comparison found once both were normalised.
func differenceWords(d Difference) string {
	switch d {
	case DiffCase:
		return "Only the letter case differs."
	case DiffWhitespace:
		return "Only the spacing differs."
	case DiffPunctuation:
		return "Only punctuation differs (commas, periods, hyphens)."
	case DiffAbbreviation:
		return "The same once abbreviations are written one way (Street and ST, North and N, Suite and STE): the marks show how they are written, not a different value."
	case DiffDifferent:
		return "The values differ: the marked characters are the difference."
	case DiffMissing:
		return "The document does not show this value where it should stand."
	}
	return ""
}

// emptyValue is a fix quoting a value that is not there: `value ""`, or
// a sentence ending in a colon with nothing after it.
var emptyValue = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`""|:\s*$`) })

// fixText is the fix as a reviewer reads it: never one that quotes an
// empty value.
func fixText(f Finding) string {
	fix := strings.TrimSpace(f.Fix)
	if fix == "" || !emptyValue().MatchString(fix) {
		return fix
	}
	where := "the " + documentName(f.Document)
	switch {
	case f.Evidence != nil && f.Evidence.Page > 0:
		return "Look at the place marked on page " + strconv.Itoa(f.Evidence.Page) + " of " + where + " and make the order's " + fieldName(f.Field) + " match what it shows."
	case f.Document != "":
		return "Look for the " + fieldName(f.Field) + " on " + where + " and make the order's value match what it shows."
	}
	return "Fill in the order's " + fieldName(f.Field) + "."
}

func fieldName(field string) string {
	if field == "" {
		return "value"
	}
	return strings.ReplaceAll(field, "_", " ")
}

// libraryDetail is the parenthesised library message extract appends
// to an unreadable file's reason ("corrupt or truncated (root version:
// missing root dict)"): for the log, not the reviewer.
var libraryDetail = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*\((?:[^()]|\([^()]*\))*\)`) })

// plainReasons words FILE_UNREADABLE reasons for a reviewer.
var plainReasons = strings.NewReplacer(
	"corrupt or truncated", "damaged or incomplete",
	"the PDF library failed on it", "it is built in a way portcheck cannot read",
)

// plain removes internal error detail from a reviewer-facing text of a
// finding; the JSON report and the log keep it.
func plain(f Finding, s string) string {
	if f.Code != FileUnreadable {
		return s
	}
	s = libraryDetail().ReplaceAllStringFunc(s, func(m string) string {
		inner := strings.ToLower(strings.TrimSpace(m))
		if inner == "(password protected)" || strings.HasPrefix(inner, "(its content is") || strings.HasPrefix(inner, "(a decompression bomb") {
			return m
		}
		return ""
	})
	return plainReasons.Replace(s)
}
