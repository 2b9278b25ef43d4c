package pipeline

import (
	"math/rand/v2"
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

// TestRedactToken: a PIN is found in any case at its own place, also
// after text that lower-casing changes in length, and text without it
// comes back as it was.
func TestRedactToken(t *testing.T) {
	tests := []struct {
		name, s, v, want string
	}{
		{"alone", "code 4410 on file", "4410", "code [redacted] on file"},
		{"absent", "code 4411 on file", "4410", "code 4411 on file"},
		{"in a longer number", "acct 744105", "4410", "acct 744105"},
		{"after upper-case non-ASCII", "İSTANBUL 4410", "4410", "İSTANBUL [redacted]"},
		{"after a Kelvin sign", "\u212a 4410-A", "4410", "\u212a [redacted]-A"},
		{"phone's last group", "(217) 555-4410", "4410", "(217) 555-4410"},
		{"with a letter", "pin 44a0 given", "44A0", "pin [redacted] given"},
		{"with a letter after non-ASCII", "İ pin 44A0 given", "44a0", "İ pin [redacted] given"},
		{"twice", "4410 and 4410", "4410", "[redacted] and [redacted]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := redactToken(tt.s, tt.v); got != tt.want {
				t.Errorf("redactToken(%q, %q) = %q, want %q", tt.s, tt.v, got, tt.want)
			}
		})
	}
}

// TestSSNShapedPrefilter: wherever ssnLike matches, ssnShaped says it
// may: the prefilter never hides an SSN from redaction.
func TestSSNShapedPrefilter(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789- a/"
	for range 200000 {
		b := make([]byte, 8+rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		if ssnLike.MatchString(s) && !ssnShaped(s) {
			t.Fatalf("ssnLike matches %q, ssnShaped says it cannot", s)
		}
	}
	for _, s := range []string{"123-45-6789", "SSN 123 45 6789.", "x123-45-6789y"} {
		if !ssnShaped(s) {
			t.Errorf("ssnShaped(%q) = false", s)
		}
	}
	if ssnShaped("dated 2026-12-03, 29 days before 2026-12-31") {
		t.Error("a message of dates is taken for one holding an SSN")
	}
}
