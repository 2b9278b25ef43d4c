package dates

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Order is the order of day, month and year in a numeric date.
type Order int

const (
	MDY Order = iota // US: 10/14/2026
	DMY              // most of the world: 14/10/2026
	YMD              // ISO 8601: 2026-10-14
)

// calendar is one language's month and weekday names, as
// github.com/goodsign/monday's locale tables give them (CLDR forms).
type calendar struct {
	longMonths, shortMonths, longDays, shortDays []string
}

// locales are those names, copied out of monday's tables so that no
// process builds them: monday's init fills every one of its forty-odd
// locales (338 KB, 1,937 allocations, GODEBUG=inittrace=1), also in a
// process that reads no date. TestLocalesAreMondays pins them to
// monday's.
var locales = map[string]calendar{
	"de": { // monday.LocaleDeDE
		longMonths:  []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		shortMonths: []string{"Jan", "Feb", "Mär", "Apr", "Mai", "Juni", "Juli", "Aug", "Sep", "Okt", "Nov", "Dez"},
		longDays:    []string{"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"},
		shortDays:   []string{"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"},
	},
	"en": { // monday.LocaleEnUS
		longMonths:  []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		shortMonths: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		longDays:    []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		shortDays:   []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	},
	"es": { // monday.LocaleEsES
		longMonths:  []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		shortMonths: []string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
		longDays:    []string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"},
		shortDays:   []string{"lun", "mar", "mié", "jue", "vie", "sáb", "dom"},
	},
	"fr": { // monday.LocaleFrFR
		longMonths:  []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		shortMonths: []string{"janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"},
		longDays:    []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
		shortDays:   []string{"lun", "mar", "mer", "jeu", "ven", "sam", "dim"},
	},
	"nl": { // monday.LocaleNlNL
		longMonths:  []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		shortMonths: []string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
		longDays:    []string{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"},
		shortDays:   []string{"ma", "di", "wo", "do", "vr", "za", "zo"},
	},
}

// extra are forms the CLDR tables leave out but documents print.
var extra = map[string]map[string]time.Month{
	"de": {"mrz": time.March, "maerz": time.March},
	"en": {"sept": time.September},
	"es": {"setiembre": time.September, "set": time.September},
}

// fillers stand between the parts of a written date.
var fillers = map[string]bool{"de": true, "del": true, "of": true, "the": true, "le": true, "den": true, "el": true}

// names is one language's vocabulary, English included.
type names struct {
	months   map[string]time.Month // full and short forms, folded
	long     map[string]time.Month // full forms, folded: for prefixes
	weekdays map[string]bool
}

var (
	vocab   = map[string]*names{}
	vocabMu sync.Mutex
)

// vocabulary builds a language's names once, when a document in it is
// first read.
func vocabulary(lang string) *names {
	vocabMu.Lock()
	defer vocabMu.Unlock()
	if n, ok := vocab[lang]; ok {
		return n
	}
	n := &names{months: map[string]time.Month{}, long: map[string]time.Month{}, weekdays: map[string]bool{}}
	for _, l := range []string{"en", lang} {
		loc, ok := locales[l]
		if !ok {
			continue
		}
		for i, m := range loc.longMonths {
			n.months[fold(m)] = time.Month(i + 1)
			n.long[fold(m)] = time.Month(i + 1)
		}
		for i, m := range loc.shortMonths {
			n.months[fold(m)] = time.Month(i + 1)
		}
		for _, d := range append(loc.longDays, loc.shortDays...) {
			n.weekdays[fold(d)] = true
		}
		for k, m := range extra[l] {
			n.months[k] = m
		}
	}
	vocab[lang] = n
	return n
}

// month reads a month name: a known form, or a prefix of three letters
// or more of exactly one month's full name.
func (n *names) month(tok string) (time.Month, bool) {
	if m, ok := n.months[tok]; ok {
		return m, true
	}
	if len([]rune(tok)) < 3 {
		return 0, false
	}
	found := time.Month(0)
	for name, m := range n.long {
		if strings.HasPrefix(name, tok) {
			if found != 0 && found != m {
				return 0, false
			}
			found = m
		}
	}
	return found, found != 0
}

// folders hold the accent-dropping chain: a chain keeps its buffers
// between calls, so one shared by readers on several goroutines (a
// worker's batch re-validation) panicked with its slices out of range.
var folders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// fold lower-cases s, drops its accents and a trailing period.
func fold(s string) string {
	folder := folders.Get().(transform.Transformer)
	defer folders.Put(folder)
	out, _, err := transform.String(folder, strings.ToLower(s))
	if err != nil {
		out = strings.ToLower(s)
	}
	return strings.TrimSuffix(out, ".")
}

// Parse reads text as one date written in lang ("en", "es", "fr", "de",
// "nl"; others read as English); order says how to read a numeric
// date. It reports false unless the whole text is one real day.
func Parse(text, lang string, order Order) (time.Time, bool) {
	toks := tokens(text)
	if len(toks) == 1 {
		if parts := splitNumeric(toks[0]); len(parts) == 3 {
			return numeric(parts, order)
		}
	}
	return written(toks, vocabulary(lang), order)
}

// tokens splits text at spaces and commas, and a word with letters
// also at dashes and slashes ("15-ene-2021").
func tokens(text string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		if strings.IndexFunc(t, unicode.IsLetter) >= 0 {
			out = append(out, strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == '/' })...)
			continue
		}
		out = append(out, t)
	}
	return out
}

// splitNumeric splits "10/14/2026" into its three numbers; anything but
// digits and one kind of separator gives nil.
func splitNumeric(tok string) []string {
	sep := strings.IndexAny(tok, "./-")
	if sep < 0 {
		return nil
	}
	parts := strings.Split(tok, tok[sep:sep+1])
	for _, p := range parts {
		if p == "" || !allDigits(p) {
			return nil
		}
	}
	return parts
}

func numeric(parts []string, order Order) (time.Time, bool) {
	if len(parts[0]) == 4 {
		order = YMD
	} else if order == YMD {
		return time.Time{}, false
	}
	var y, m, d string
	switch order {
	case MDY:
		m, d, y = parts[0], parts[1], parts[2]
	case DMY:
		d, m, y = parts[0], parts[1], parts[2]
	default:
		y, m, d = parts[0], parts[1], parts[2]
	}
	if len(m) > 2 || len(d) > 2 || (len(y) != 2 && len(y) != 4) {
		return time.Time{}, false
	}
	return day(year(y), atoi(m), atoi(d))
}

// written reads a date of words: one day, one month name (or number),
// one year, with weekdays, ordinals and fillers around them.
func written(toks []string, n *names, order Order) (time.Time, bool) {
	var y, d, mNum int
	var m time.Month
	var nums []string
	for _, raw := range toks {
		t := fold(raw)
		switch {
		case t == "":
		case fillers[t] || n.weekdays[t]:
		case allDigits(t) && len(t) == 4:
			if y != 0 {
				return time.Time{}, false
			}
			y = atoi(t)
		case ordinal(t) != "":
			nums = append(nums, ordinal(t))
		default:
			mm, ok := n.month(t)
			if !ok || m != 0 {
				return time.Time{}, false
			}
			m = mm
		}
	}
	switch {
	case m != 0 && len(nums) == 1 && y != 0:
		d = atoi(nums[0])
	case m == 0 && len(nums) == 2 && y != 0 && order != YMD:
		// "14 10 2026": spaced numbers, read in the document's order.
		d, mNum = atoi(nums[0]), atoi(nums[1])
		if order == MDY {
			d, mNum = mNum, d
		}
		m = time.Month(mNum)
	default:
		return time.Time{}, false
	}
	return day(y, int(m), d)
}

// ordinal returns the number of a day as written: "5", "5.", "1st",
// "2nd", "1er", "1º", "1°"; "" for anything else.
func ordinal(t string) string {
	i := 0
	for i < len(t) && i < 2 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return ""
	}
	switch t[i:] {
	case "", ".", "st", "nd", "rd", "th", "er", "e", "eme", "º", "°", "o", "a":
		return t[:i]
	}
	return ""
}

func year(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		// Bills print two-digit years of this century.
		y += 2000
	}
	return y
}

func day(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31 September
	}
	return t, true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
