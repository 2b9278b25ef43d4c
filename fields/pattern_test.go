package fields

import (
	"regexp"
	"slices"
	"testing"
)

// TestPatternsCompile: a pattern compiles at its first use, so an
// expression that does not compile would panic in whichever check first
// reached it; here every declared one is compiled.
func TestPatternsCompile(t *testing.T) {
	if len(declared) < 100 {
		t.Fatalf("%d patterns declared through lazyRegexp; the readers have more", len(declared))
	}
	for _, p := range declared {
		if _, err := regexp.Compile(p.String()); err != nil {
			t.Errorf("pattern %q: %v", p.String(), err)
		}
	}
}

// TestPatternIsTheRegexp: a pattern answers as the regexp of its source.
func TestPatternIsTheRegexp(t *testing.T) {
	// Made as lazyRegexp makes one, without declaring it: TestNeedTable
	// holds needtable.go to the declared patterns, whatever ran before.
	p := &pattern{expr: `(?i)\bacc(?:oun)?t\s*(#|no\.?)`}
	re := regexp.MustCompile(p.String())
	for _, s := range []string{"Account #", "acct no. 4", "ACCT NO", "accounting", ""} {
		if got, want := p.MatchString(s), re.MatchString(s); got != want {
			t.Errorf("MatchString(%q) = %v, regexp says %v", s, got, want)
		}
		if got, want := p.FindStringSubmatchIndex(s), re.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Errorf("FindStringSubmatchIndex(%q) = %v, regexp says %v", s, got, want)
		}
	}
	if p.Regexp() != p.Regexp() {
		t.Error("a pattern compiled twice")
	}
}
