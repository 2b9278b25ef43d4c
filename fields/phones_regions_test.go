package fields

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nyaruka/phonenumbers"

	"github.com/portcheck/portcheck/order"
)

// TestNumbersOfRegions pins what the phone-number library answers for
// printed numbers of the regions the readers meet, through the order's
// wrapper (order.E164) and the calls the readers make: the library is
// our fork (third_party/phonenumbers, metadata loaded on first use),
// and these answers are upstream v1.8.1's, recorded before the fork.
func TestNumbersOfRegions(t *testing.T) {
	tests := []struct {
		text, region string
		want         string // order.E164 | international | national | type | region | valid | toll-free, or the error
	}{
		{"(212) 555-0100", "US", "+12125550100 | +1 212-555-0100 | (212) 555-0100 | 2 | US | valid true | toll-free false"},
		{"1-800-555-0199", "US", "+18005550199 | +1 800-555-0199 | (800) 555-0199 | 3 | US | valid true | toll-free true"},
		{"+1 416 555 0123", "US", "+14165550123 | +1 416-555-0123 | (416) 555-0123 | 2 | CA | valid true | toll-free false"},
		{"212.555.0100", "CA", "+12125550100 | +1 212-555-0100 | (212) 555-0100 | 2 | US | valid true | toll-free false"},
		{"(217) 555-0100", "US", "+12175550100 | +1 217-555-0100 | (217) 555-0100 | 2 | US | valid true | toll-free false"},
		{"+1 (888) 555-0123", "US", "+18885550123 | +1 888-555-0123 | (888) 555-0123 | 3 | US | valid true | toll-free true"},
		{"202-555-01", "US", " | +1 20255501 | 20255501 | 11 |  | valid false | toll-free false"},
		{"(800) 444-4444", "US", "+18004444444 | +1 800-444-4444 | (800) 444-4444 | 3 | US | valid true | toll-free true"},
		{"020 7946 0018", "GB", "+442079460018 | +44 20 7946 0018 | 020 7946 0018 | 0 | GB | valid true | toll-free false"},
		{"+44 20 7946 0018", "US", "+442079460018 | +44 20 7946 0018 | 020 7946 0018 | 0 | GB | valid true | toll-free false"},
		{"07700 900123", "GB", " | +44 7700 900123 | 07700 900123 | 11 |  | valid false | toll-free false"},
		{"0800 123 4567", "GB", "+448001234567 | +44 800 123 4567 | 0800 123 4567 | 3 | GB | valid true | toll-free true"},
		{"030 901820", "DE", "+4930901820 | +49 30 901820 | 030 901820 | 0 | DE | valid true | toll-free false"},
		{"+49 30 90182000", "US", "+493090182000 | +49 30 90182000 | 030 90182000 | 0 | DE | valid true | toll-free false"},
		{"0151 23456789", "DE", "+4915123456789 | +49 1512 3456789 | 01512 3456789 | 1 | DE | valid true | toll-free false"},
		{"089 / 12 34 56", "DE", "+4989123456 | +49 89 123456 | 089 123456 | 0 | DE | valid true | toll-free false"},
		{"020 123 4567", "NL", "+31201234567 | +31 20 123 4567 | 020 123 4567 | 0 | NL | valid true | toll-free false"},
		{"+31 6 12345678", "US", "+31612345678 | +31 6 12345678 | 06 12345678 | 1 | NL | valid true | toll-free false"},
		{"06-12345678", "NL", "+31612345678 | +31 6 12345678 | 06 12345678 | 1 | NL | valid true | toll-free false"},
		{"0800 0123", "NL", "+318000123 | +31 800 0123 | 0800 0123 | 3 | NL | valid true | toll-free true"},
		{"02 123 45 67", "BE", " | +32 2 123 45 67 | 02 123 45 67 | 11 | BE | valid false | toll-free false"},
		{"+32 470 12 34 56", "US", "+32470123456 | +32 470 12 34 56 | 0470 12 34 56 | 1 | BE | valid true | toll-free false"},
		{"0470 12 34 56", "BE", "+32470123456 | +32 470 12 34 56 | 0470 12 34 56 | 1 | BE | valid true | toll-free false"},
		{"01 23 45 67 89", "FR", "+33123456789 | +33 1 23 45 67 89 | 01 23 45 67 89 | 0 | FR | valid true | toll-free false"},
		{"+33 6 12 34 56 78", "US", "+33612345678 | +33 6 12 34 56 78 | 06 12 34 56 78 | 1 | FR | valid true | toll-free false"},
		{"06 12 34 56 78", "FR", "+33612345678 | +33 6 12 34 56 78 | 06 12 34 56 78 | 1 | FR | valid true | toll-free false"},
		{"0 800 123 456", "FR", "+33800123456 | +33 800 12 34 56 | 0 800 12 34 56 | 3 | FR | valid true | toll-free true"},
		{"not a number", "US", "error: the phone number supplied is not a number"},
		{"+999 123", "US", "error: invalid country code"},
		{"12", "DE", " | +49 12 | 12 | 11 | DE | valid false | toll-free false"},
	}
	for _, tt := range tests {
		t.Run(tt.region+" "+tt.text, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, describeNumber(tt.text, tt.region)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func describeNumber(text, region string) string {
	n, err := phonenumbers.Parse(text, region)
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%s | %s | %s | %d | %s | valid %v | toll-free %v",
		order.E164(text, region), phonenumbers.Format(n, phonenumbers.INTERNATIONAL),
		phonenumbers.Format(n, phonenumbers.NATIONAL), phonenumbers.GetNumberType(n),
		phonenumbers.GetRegionCodeForNumber(n), phonenumbers.IsValidNumber(n), isTollFree(phonenumbers.Format(n, phonenumbers.E164)))
}
