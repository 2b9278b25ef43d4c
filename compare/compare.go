package compare

import (
	"strings"
	"unicode"
)

// Class is how two values differ.
type Class string

const (
	Exact        Class = ""
	Case         Class = "case"
	Whitespace   Class = "whitespace"
	Punctuation  Class = "punctuation"
	Abbreviation Class = "abbreviation"
	Different    Class = "different"
)

// Rank orders classes from no difference (0) to different (5).
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

// step is one normalisation level; each includes the ones before it.
type step struct {
	class Class
	norm  func(string) string
}

var steps = []step{
	{Case, strings.ToUpper},
	{Whitespace, func(s string) string { return collapse(strings.ToUpper(s)) }},
	{Punctuation, func(s string) string { return collapse(dropPunct(strings.ToUpper(s))) }},
	{Abbreviation, func(s string) string { return abbreviate(collapse(dropPunct(strings.ToUpper(s)))) }},
}

// Classify says how found differs from expected.
func Classify(expected, found string) Class {
	if expected == found {
		return Exact
	}
	for _, s := range steps {
		if s.norm(expected) == s.norm(found) {
			return s.class
		}
	}
	return Different
}

// ClassifyAccountNumber compares account numbers: separators are
// punctuation (482-99117-03 vs 4829911703), spaces whitespace, letter
// case case; a leading zero or any other digit is different.
func ClassifyAccountNumber(expected, found string) Class {
	if expected == found {
		return Exact
	}
	up := func(s string) string { return strings.ToUpper(s) }
	noSpace := func(s string) string { return strings.Join(strings.Fields(up(s)), "") }
	alnum := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToUpper(r)
			}
			return -1
		}, s)
	}
	switch {
	case up(expected) == up(found):
		return Case
	case noSpace(expected) == noSpace(found):
		return Whitespace
	case alnum(expected) == alnum(found) && alnum(expected) != "":
		return Punctuation
	}
	return Different
}

// collapse trims, turns every run of spaces into one, and drops a space
// that stands before a closing mark ("Acme , Inc" vs "Acme, Inc").
func collapse(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{" ,", " .", " ;", " :", " )"} {
		s = strings.ReplaceAll(s, p, p[1:])
	}
	return strings.ReplaceAll(s, "( ", "(")
}

// dropPunct removes punctuation, turning joining marks (- / _) into
// spaces so "Smith-Jones" and "Smith Jones" compare equal at this level.
func dropPunct(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == '/' || r == '_':
			return ' '
		case r == '&':
			return r
		case isPunct(r):
			return -1
		}
		return r
	}, s)
	return s
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// abbreviate replaces each word or phrase by its standard short form.
func abbreviate(s string) string {
	words := strings.Fields(s)
	var out []string
	for i := 0; i < len(words); i++ {
		if i+2 < len(words) && words[i] == "LIMITED" && words[i+1] == "LIABILITY" && words[i+2] == "COMPANY" {
			out = append(out, "LLC")
			i += 2
			continue
		}
		if short, ok := nameAbbrev[words[i]]; ok {
			out = append(out, short)
			continue
		}
		out = append(out, words[i])
	}
	return strings.Join(out, " ")
}

// nameAbbrev maps business-name words to the short forms carriers' records
// use.
var nameAbbrev = map[string]string{
	"INCORPORATED": "INC", "CORPORATION": "CORP", "COMPANY": "CO", "LIMITED": "LTD",
	"AND": "&", "SAINT": "ST", "MOUNT": "MT", "BROTHERS": "BROS", "ASSOCIATES": "ASSOC",
	"ASSOCIATION": "ASSN", "INTERNATIONAL": "INTL", "DEPARTMENT": "DEPT", "SERVICES": "SVCS",
	"SERVICE": "SVC", "MANAGEMENT": "MGMT", "MANUFACTURING": "MFG", "NATIONAL": "NATL",
	"UNIVERSITY": "UNIV", "HOSPITAL": "HOSP", "CENTER": "CTR", "CENTRE": "CTR",
	"DOCTOR": "DR", "PROFESSIONAL": "PROF", "INSURANCE": "INS", "DEVELOPMENT": "DEV",
	"TECHNOLOGY": "TECH", "TECHNOLOGIES": "TECH", "COMMUNICATIONS": "COMM", "GROUP": "GRP",
	"PARTNERS": "PTNRS", "PARTNERSHIP": "PTNSHP", "ENTERPRISES": "ENT", "INDUSTRIES": "IND",
	"JUNIOR": "JR", "SENIOR": "SR", "LLC": "LLC", "L.L.C": "LLC", "INC": "INC", "CORP": "CORP",
}
