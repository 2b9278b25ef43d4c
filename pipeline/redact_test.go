package pipeline

import (
	"regexp"
	"testing"
)

var prefilterSeeds = []string{
	"482-99117-03 PIN-4410", "PIN: 4410-A", "Passcode 4410", "Pass code: 4410", "Security code #4410",
	"SSN 123456789", "SSN: 123 45 6789", "holder 123-45-6789 on file", "Social Security No. 123456789",
	"Tax ID: 12-3456789", "EIN 12-3456789", "FEIN 12-3456789", "ITIN 912-70-1234", "Access code 77",
	"password=abc1", "ss # 123456789", "ſſn 123456789", "PIN 4410", "SECURITY CODE 9", "Account 55 total $10.00",
	"123 Main Street", "(217) 555-0100", "no digits at all, PIN only", "",
}

// TestMayHold: the prefilter passes every text the patterns match, and
// spares the patterns the text they cannot.
func TestMayHold(t *testing.T) {
	for _, s := range prefilterSeeds {
		for _, re := range []*regexp.Regexp{labelled, ssnLike} {
			if re.MatchString(s) && !mayHold(s, re) {
				t.Errorf("mayHold(%q, %s) = false, but the pattern matches", s, name(re))
			}
		}
	}
	for _, s := range []string{"Account 55 total $10.00", "123 Main Street", "(217) 555-0100"} {
		if mayHold(s, labelled) {
			t.Errorf("mayHold(%q, labelled) = true: the pattern runs on text without a label", s)
		}
	}
}

func FuzzMayHold(f *testing.F) {
	for _, s := range prefilterSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, re := range []*regexp.Regexp{labelled, ssnLike} {
			if re.MatchString(s) && !mayHold(s, re) {
				t.Errorf("mayHold(%q, %s) = false, but the pattern matches", s, name(re))
			}
		}
	})
}

func name(re *regexp.Regexp) string {
	if re == ssnLike {
		return "ssnLike"
	}
	return "labelled"
}
