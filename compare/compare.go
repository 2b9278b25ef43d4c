package compare

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Class is how two values differ, named as in SPEC section 2.
type Class string

// The classes, from no difference to a real one. "missing" is not here:
// only the caller knows that a value was not found at all.
const (
	Exact        Class = ""
	Case         Class = "case"
	Whitespace   Class = "whitespace"
	Punctuation  Class = "punctuation"
	Abbreviation Class = "abbreviation"
	Different    Class = "different"
)

// Rank orders classes from no difference (0) to different (5); an unknown
// class ranks as different so that it can never hide a mismatch.
func Rank(c Class) int {
	switch c {
	case Exact:
		return 0
	case Case:
		return 1
	case Whitespace:
		return 2
	case Punctuation:
		return 3
	case Abbreviation:
		return 4
	}
	return 5
}

// Worst returns the larger of two classes.
func Worst(a, b Class) Class {
	if Rank(b) > Rank(a) {
		return b
	}
	return a
}

// level is one normalisation; each includes the ones before it, so the
// first level whose keys agree is the least normalisation that explains
// the difference.
type level struct {
	class Class
	key   func(string) string
}

var levels = []level{
	{Case, foldCase},
	{Whitespace, spaceKey},
	{Punctuation, punctKey},
	{Abbreviation, abbrevKey},
}

// Classify says how found differs from expected: the least normalisation
// that makes them equal, or Different. An empty found is Different; the
// caller decides whether that means missing.
func Classify(expected, found string) Class {
	if expected == found {
		return Exact
	}
	expected, found = norm.NFC.String(expected), norm.NFC.String(found)
	if expected == found { // the same text in another Unicode form
		return Exact
	}
	for _, l := range levels {
		if l.key(expected) == l.key(found) {
			return l.class
		}
	}
	return Different
}

// ClassifyAccountNumber compares account numbers: only spaces differing
// is whitespace, other separators (482-99117-03 vs 4829911703) are
// punctuation, letter case is case. A leading zero or any other digit is
// different, because carriers key accounts on the digits as printed.
func ClassifyAccountNumber(expected, found string) Class {
	if expected == found {
		return Exact
	}
	expected, found = norm.NFC.String(expected), norm.NFC.String(found)
	switch {
	case expected == found:
		return Exact
	case foldCase(expected) == foldCase(found):
		return Case
	case spaceKey(expected) == spaceKey(found):
		return Whitespace
	case punctKey(expected) == punctKey(found) && punctKey(expected) != "":
		return Punctuation
	}
	return Different
}

// foldCase upper-cases after lower-casing, so title-case letters (ǅ) and
// letters whose upper form is not unique fold to one form.
func foldCase(s string) string { return strings.ToUpper(strings.ToLower(s)) }

// spaceKey drops all whitespace: two values whose only difference is
// spacing ("Acme  Widgets ,Inc" vs "Acme Widgets, Inc") differ in
// whitespace. Invisible format characters (zero-width space, BOM) that
// PDFs leave in extracted text count as whitespace.
func spaceKey(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, foldCase(s))
}

// punctKey keeps only letters, digits and combining marks (an accent is
// part of its letter, not punctuation).
func punctKey(s string) string {
	return strings.Map(func(r rune) rune {
		if isWordRune(r) {
			return r
		}
		return -1
	}, foldCase(s))
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
