package match

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestSignificantDigits: the NANP shortcut gives what the library
// gives, and other plans still go through the library.
func TestSignificantDigits(t *testing.T) {
	for _, e164 := range []string{"+12175550100", "+18005550199", "+442079460958", "+390612345678", "+4915112345678", "+1217555010", "+1 217 555 0100"} {
		t.Run(e164, func(t *testing.T) {
			var want string
			n, err := phonenumbers.Parse(e164, "US")
			if err == nil {
				want = phonenumbers.GetNationalSignificantNumber(n)
			}
			got, ok := significantDigits(e164)
			if ok != (err == nil) || got != want {
				t.Errorf("significantDigits(%q) = %q, %v; the library gives %q, %v", e164, got, ok, want, err)
			}
		})
	}
}
