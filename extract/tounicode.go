package extract

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// A font's /ToUnicode CMap says what text each character code stands
// for, whatever the font's kind or encoding: it is the producer's own
// statement and comes before any encoding or glyph name (PDF 32000-1,
// 9.10.2). ledongthuc/pdf reads it only for fonts without an /Encoding
// dictionary, so Type 3 fonts (what Chromium writes for OpenType-CFF
// fonts) and TrueType fonts with /Differences came out as their raw
// codes.

// maxCMapEntries bounds what one CMap may define (a hostile bfrange can
// claim 2^32 codes).
const maxCMapEntries = 1 << 16

// toUnicode maps a character code to its text.
type toUnicode map[int]string

// maxCMapBytes bounds the CMap stream read; real ones are a few KB.
const maxCMapBytes = 1 << 20

// readToUnicode parses a ToUnicode CMap stream; nil when there is none
// or it maps nothing. Only its bfchar and bfrange sections matter, so it
// is read as a token list rather than run as PostScript (ledongthuc's
// interpreter panics on the CMap prologue's "findresource begin").
func readToUnicode(strm pdf.Value) (m toUnicode) {
	if strm.Kind() != pdf.Stream {
		return nil
	}
	defer func() {
		if recover() != nil {
			m = nil
		}
	}()
	rc := strm.Reader()
	data, _ := io.ReadAll(io.LimitReader(rc, maxCMapBytes))
	rc.Close()
	m = toUnicode{}
	var sect string
	var ops []cmapToken
	for _, tok := range cmapTokens(data) {
		switch {
		case tok.word == "beginbfchar" || tok.word == "beginbfrange":
			sect, ops = tok.word, nil
		case tok.word == "endbfchar" && sect == "beginbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				m.set(codeOf(ops[i].hex), ops[i+1].hex)
			}
			sect = ""
		case tok.word == "endbfrange" && sect == "beginbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				m.addRange(codeOf(ops[i].hex), codeOf(ops[i+1].hex), ops[i+2])
			}
			sect = ""
		case sect != "":
			ops = append(ops, tok)
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// cmapToken is a hex string, an array of them, or a keyword.
type cmapToken struct {
	word string
	hex  string
	arr  []string
}

func cmapTokens(data []byte) []cmapToken {
	var out []cmapToken
	var arr []string
	inArr := false
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '<' && i+1 < len(data) && data[i+1] != '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return out
			}
			h := hexBytes(data[i+1 : i+j])
			i += j + 1
			if inArr {
				arr = append(arr, h)
				continue
			}
			out = append(out, cmapToken{hex: h})
		case c == '[':
			inArr, arr = true, nil
			i++
		case c == ']':
			out = append(out, cmapToken{arr: arr})
			inArr = false
			i++
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case isCMapSpace(c) || c == '<' || c == '>':
			i++
		default:
			j := i
			for j < len(data) && !isCMapSpace(data[j]) && !strings.ContainsRune("<>[]%/()", rune(data[j])) {
				j++
			}
			if j == i {
				j++
			}
			out = append(out, cmapToken{word: string(data[i:j])})
			i = j
		}
	}
	return out
}

func isCMapSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// hexBytes decodes a hex string's digits; an odd last digit is padded
// with 0 (PDF 32000-1, 7.3.4.3).
func hexBytes(h []byte) string {
	var digits []byte
	for _, c := range h {
		if _, ok := hexVal(c); ok {
			digits = append(digits, c)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for i := range out {
		a, _ := hexVal(digits[2*i])
		b, _ := hexVal(digits[2*i+1])
		out[i] = a<<4 | b
	}
	return string(out)
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (m toUnicode) set(code int, utf16be string) {
	if code >= 0 && len(m) < maxCMapEntries {
		m[code] = decodeUTF16(utf16be)
	}
}

// addRange maps lo..hi: to consecutive values from a string (its last
// UTF-16 unit incremented), or to the strings of an array.
func (m toUnicode) addRange(lo, hi int, dst cmapToken) {
	if lo < 0 || hi < lo || hi-lo >= maxCMapEntries {
		return
	}
	if dst.arr != nil {
		for i := 0; i < len(dst.arr) && lo+i <= hi; i++ {
			m.set(lo+i, dst.arr[i])
		}
		return
	}
	units := utf16Units(dst.hex)
	if len(units) == 0 {
		return
	}
	for c := lo; c <= hi && len(m) < maxCMapEntries; c++ {
		u := append([]uint16(nil), units...)
		u[len(u)-1] += uint16(c - lo)
		m[c] = normalizeText(string(utf16.Decode(u)))
	}
}

// codeOf reads a CMap source code (1 to 4 bytes, big-endian).
func codeOf(s string) int {
	if len(s) == 0 || len(s) > 4 {
		return -1
	}
	c := 0
	for i := 0; i < len(s); i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

func decodeUTF16(s string) string {
	return normalizeText(string(utf16.Decode(utf16Units(s))))
}

// normalizeText spells out compatibility ligatures ("ﬁ", "ﬃ", "ĳ",
// "ǆ") as their letters: a reader matches "Office", not "Oﬃce". Other
// compatibility characters (full-width digits, superscripts) are left as
// printed.
func normalizeText(s string) string {
	for _, r := range s {
		if isLigature(r) {
			return expandLigatures(s)
		}
	}
	return s
}

func expandLigatures(s string) string {
	out := make([]rune, 0, len(s)+4)
	for _, r := range s {
		if isLigature(r) {
			out = append(out, []rune(norm.NFKC.String(string(r)))...)
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// isLigature reports a character Unicode defines as a compatibility
// ligature of letters: the Latin and Armenian presentation forms and the
// Latin digraph letters.
func isLigature(r rune) bool {
	switch {
	case r >= 0xFB00 && r <= 0xFB06, r >= 0xFB13 && r <= 0xFB17:
		return true
	case r == 0x0132, r == 0x0133, r >= 0x01C4 && r <= 0x01CC, r >= 0x01F1 && r <= 0x01F3:
		return true
	}
	return false
}
