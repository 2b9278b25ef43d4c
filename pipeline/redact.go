package pipeline

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

const redacted = "[redacted]"

// ssnLike is a US Social Security number as printed in groups. LOAs and
// CSRs sometimes carry one; a report quoting a line of such a document
// must not carry it on, whatever label stands before it.
var ssnLike = regexp.MustCompile(`(?:^|[^0-9A-Za-z])(\d{3}[- ]\d{2}[- ]\d{4})(?:$|[^0-9A-Za-z])`)

// labelled is a secret written after its label, in every way a bill, a
// CSR or an LOA joins the two: "PIN-4410", "PIN_4410", "PIN: 4410-A",
// "Passcode 4410", "Security code #4410", "SSN 123456789", "Tax ID
// 12-3456789". The label must not be the end of a longer word ("SPIN",
// "CONTINUE"); the value is the token after it that holds a digit, or
// an SSN or EIN written in spaced groups. Group 1 is the label and what
// joins it to the value, group 2 the value.
var labelled = regexp.MustCompile(`(?i)(?:^|[^A-Za-z])(` +
	`(?:pin|pass ?code|password|security ?code|access ?code|ssn|ss ?#|social security(?: number| no\.?| #)?|` +
	`tax ?id(?:entification)?(?: number| no\.?)?|tin|ein|fein|itin)` +
	`(?:\s*(?:number|num|no\.?|code|is|#))*[\s:#=_.\-/]*)` +
	`(\d{3}[ -]\d{2}[ -]\d{4}|\d{2}[ -]\d{7}|[A-Za-z0-9]*\d[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)`)

// phoneTail and dateTail end text where a secret's digits would be the
// last group of a telephone number ("(217) 555-0100") or a date's year
// ("11/02/2026"): there they are that number or date, and say nothing of
// the secret; cutting them would cost the report its numbers.
var (
	phoneTail = regexp.MustCompile(`\(?\d{3}\)?[-. ]?\d{3}[-. ]$`)
	dateTail  = regexp.MustCompile(`\d{1,2}[-/.]\d{1,2}[-/.]$`)
	dateHead  = regexp.MustCompile(`^[-/.]\d{1,2}[-/.]\d{1,2}(?:$|\D)`)
)

// Redactor removes secrets from text that leaves the pipeline: every
// labelled PIN, passcode, SSN or Tax ID, anything shaped like an SSN, and
// the order's own PINs wherever they stand as a token of their own.
type Redactor struct{ secrets []string }

// NewRedactor is the redactor for an order's text; o may be nil for
// text that belongs to no order (logs).
func NewRedactor(o *order.Order) Redactor {
	var r Redactor
	if o == nil {
		return r
	}
	if o.PIN.IsSet() {
		r.secrets = append(r.secrets, o.PIN.Reveal())
	}
	for _, n := range o.Numbers {
		if n.PIN.IsSet() {
			r.secrets = append(r.secrets, n.PIN.Reveal())
		}
	}
	return r
}

// Scrub is Redactor{}.String: the secrets any text may hold, for log
// lines and errors that belong to no one order.
func Scrub(s string) string { return Redactor{}.String(s) }

// String returns s with every secret replaced by [redacted].
func (r Redactor) String(s string) string {
	if mayHold(s, labelled) {
		s = replaceGroup(labelled, 2, s)
	}
	if mayHold(s, ssnLike) {
		s = replaceGroup(ssnLike, 1, s)
	}
	for _, v := range r.secrets {
		s = redactToken(s, v)
	}
	return s
}

// redactToken replaces v wherever it is not part of a longer run of
// letters and digits, in any case: "PIN_4410", "4410-A", "(4410)" all
// lose it.
func redactToken(s, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return s
	}
	index := foldIndex(v)
	if index(s) < 0 {
		return s // most text: no copy made
	}
	var b strings.Builder
	for {
		i := index(s)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(v)
		alone := (i == 0 || !isAlnum(s[i-1])) && (end == len(s) || !isAlnum(s[end]))
		head := b.String() + s[:i]
		if alone && !phoneTail.MatchString(head) && !dateTail.MatchString(head) && !dateHead.MatchString(s[end:]) {
			b.WriteString(s[:i] + redacted)
		} else {
			b.WriteString(s[:end])
		}
		s = s[end:]
	}
}

// foldIndex finds v in a text without regard to case, by the text's own
// offsets. Searching the lower-cased text gave offsets into that text,
// which are the text's only while lower-casing keeps every length: after
// an "İ" or a Kelvin sign the PIN was cut at the wrong place, or left
// whole. A PIN is ASCII; one that is not is searched as before.
func foldIndex(v string) func(s string) int {
	lv := strings.ToLower(v)
	for i := 0; i < len(v); i++ {
		if v[i] >= 0x80 {
			return func(s string) int { return strings.Index(strings.ToLower(s), lv) }
		}
	}
	if lv == strings.ToUpper(v) { // no letters: the bytes as they stand
		return func(s string) int { return strings.Index(s, v) }
	}
	return func(s string) int { return indexASCIIFold(s, lv) }
}

// indexASCIIFold is the first offset of lv (ASCII, lower-case) in s,
// ASCII letters of s taken in either case; -1 if none.
func indexASCIIFold(s, lv string) int {
	for i := 0; i+len(lv) <= len(s); i++ {
		j := 0
		for j < len(lv) && lower(s[i+j]) == lv[j] {
			j++
		}
		if j == len(lv) {
			return i
		}
	}
	return -1
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// replaceGroup replaces group g of every match of re. A label with no
// separator before a value that starts with a letter is a longer word
// ("PINE12"), not a labelled secret.
func replaceGroup(re *regexp.Regexp, g int, s string) string {
	var b strings.Builder
	for {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			b.WriteString(s)
			return b.String()
		}
		start, end := m[2*g], m[2*g+1]
		if g == 2 && m[3] > m[2] && isLetter(s[m[3]-1]) && isLetter(s[start]) {
			b.WriteString(s[:m[3]])
			s = s[m[3]:]
			continue
		}
		b.WriteString(s[:start] + redacted)
		s = s[end:]
	}
}

// mayHold is false only where re cannot match s: text without the
// digits every match holds (a digit for labelled, nine for ssnLike),
// or, for labelled, without one of its labels' words
// (fields.MayMatch). Most text of a report is such text, and the
// patterns cost a tenth of a re-check when run over all of it.
func mayHold(s string, re *regexp.Regexp) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	switch {
	case re == ssnLike:
		return digits >= 9 && ssnShaped(s)
	case digits == 0:
		return false
	}
	return fields.MayMatch(re, s)
}

// ssnShaped: s holds three digits, a dash or space, two digits, a dash
// or space and four digits in a row, which every match of ssnLike
// holds. Dates and ages hold nine digits often enough that the pattern
// ran over most of a report's messages.
func ssnShaped(s string) bool {
	for i := 0; i+11 <= len(s); i++ {
		if digitsAt(s, i, 3) && sepAt(s, i+3) && digitsAt(s, i+4, 2) && sepAt(s, i+6) && digitsAt(s, i+7, 4) {
			return true
		}
	}
	return false
}

func digitsAt(s string, i, n int) bool {
	for j := i; j < i+n; j++ {
		if s[j] < '0' || s[j] > '9' {
			return false
		}
	}
	return true
}

func sepAt(s string, i int) bool { return s[i] == '-' || s[i] == ' ' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// structural are the report's strings portcheck makes itself, never text
// read from a document or the order: redacting them would only break
// them (a sha256, an as-of date equal to a PIN).
var structural = map[string]bool{"OrderID": true, "Profile": true, "AsOf": true, "SHA256": true, "MediaType": true, "TextSource": true}

// Report redacts every string of a report in place, whatever field a
// later change adds: text leaves the pipeline only through a report.
// A report quotes the same text in many places (a document's name, a
// value and the line it stands on), so each text is redacted once.
func (r Redactor) Report(rep *report.Report) {
	w := reportWalk{r: r, done: map[string]string{}}
	w.walk(reflect.ValueOf(rep).Elem())
}

type reportWalk struct {
	r    Redactor
	done map[string]string
}

func (w reportWalk) string(s string) string {
	if v, ok := w.done[s]; ok {
		return v
	}
	v := w.r.String(s)
	w.done[s] = v
	return v
}

func (w reportWalk) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			w.walk(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if f := t.Field(i); !structural[f.Name] && f.IsExported() {
				w.walk(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			w.walk(v.Index(i))
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if e := it.Value(); e.Kind() == reflect.String {
				if s := w.string(e.String()); s != e.String() {
					v.SetMapIndex(it.Key(), reflect.ValueOf(s).Convert(e.Type()))
				}
			}
		}
	case reflect.String:
		// Named string types (codes, severities) are portcheck's own.
		if v.Type() == reflect.TypeFor[string]() && v.CanSet() {
			if s := w.string(v.String()); s != v.String() {
				v.SetString(s)
			}
		}
	}
}

// redact removes secrets from every text of a report.
func redact(rep *report.Report, o *order.Order) { NewRedactor(o).Report(rep) }
