package match

import (
	"fmt"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// ageRule is a document's age limit: too old rejects, within margin of
// the limit warns (carriers take days to read it).
type ageRule struct {
	code, aging report.Code
	what        string
	max, margin int
}

// agedValue is a document's date held to its age rule: the one thing
// about a document whose findings change as days pass.
type agedValue struct {
	rule ageRule
	r    Read
	v    fields.Value
	date time.Time
}

func (a agedValue) findings(asOf time.Time) []report.Finding {
	return ageFindings(a.rule, asOf, a.r, a.v, a.date)
}

// billAge is the bill's (or CSR's) statement date under the profile's
// bill limit; false when no date can be read with confidence (a date
// read but contradicted, two statement dates, is no more use for the
// bill's age than none).
func billAge(p *profile.Profile, r Read, b *fields.Bill) (agedValue, bool) {
	if !b.BillDate.Found() || b.BillDate.Confidence < fields.MinConfidence {
		return agedValue{}, false
	}
	rule := ageRule{code: report.BillTooOld, aging: report.BillAging, what: "bill", max: p.BillMaxAgeDays, margin: p.AgingMargin()}
	return agedValue{rule: rule, r: r, v: b.BillDate, date: b.Date}, true
}

// loaAge is the LOA's signing date under the profile's LOA limit; false
// when the LOA shows none.
func loaAge(p *profile.Profile, r Read, l *fields.LOA) (agedValue, bool) {
	if !l.SignedDate.Found() {
		return agedValue{}, false
	}
	return agedValue{rule: ageRule{code: report.LOATooOld, what: "LOA", max: p.LOAMaxAgeDays}, r: r, v: l.SignedDate, date: l.Date}, true
}

func ageFindings(a ageRule, asOf time.Time, r Read, v fields.Value, date time.Time) []report.Finding {
	if a.max == 0 {
		return nil
	}
	age := int(asOf.Sub(date).Hours() / 24)
	limit := date.AddDate(0, 0, a.max).Format(time.DateOnly)
	switch {
	case age > a.max:
		f := report.New(a.code, fmt.Sprintf("The %s is dated %s, %d days before %s; the profile accepts at most %d days.", a.what, date.Format(time.DateOnly), age, asOf.Format(time.DateOnly), a.max))
		f.Fix = fmt.Sprintf("Upload a %s dated within the last %d days.", a.what, a.max)
		return []report.Finding{dated(f, r, v, a.max, age)}
	case a.aging != "" && age > a.max-a.margin:
		f := report.New(a.aging, fmt.Sprintf("The %s is %d days old and passes the %d-day limit on %s; a carrier may read it after that.", a.what, age, a.max, limit))
		f.Fix = fmt.Sprintf("Submit before %s, or upload a newer %s now.", limit, a.what)
		return []report.Finding{dated(f, r, v, a.max, age)}
	}
	return nil
}

func dated(f report.Finding, r Read, v fields.Value, max, age int) report.Finding {
	f.Field, f.Document, f.Path = dateField(r), string(r.Doc.Kind), r.Doc.Path
	f.Expected = fmt.Sprintf("at most %d days old", max)
	f.Found = fmt.Sprintf("%s (%d days old)", v.Text, age)
	f.Evidence = evidence(v)
	return f
}

func dateField(r Read) string {
	if r.LOA != nil {
		return "signed_date"
	}
	return "bill_date"
}

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
