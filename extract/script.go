package extract

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// Handwriting fonts are told by the font itself, never by its name: the
// judgement must hold for fonts nobody here has seen. The descriptor
// speaks first: its Script flag is the font maker's own word. Italic (a
// flag or an ItalicAngle) is not enough, since an italic body font is no
// signature. Where the descriptor is silent, the letters are measured
// (a Type 3 font's glyph procedures, an embedded TrueType program's
// glyph boxes, each letter known from the font's ToUnicode):
//   - type for reading sets its short letters (a c e m n o r s u v w x
//     z) to one x-height and one baseline, give or take an overshoot of
//     1.5% of the em; a hand does not, its "n" stands taller than its
//     "a" and its "e" dips below the line;
//   - a pen draws curves: a hand's letters are outlined almost wholly
//     in curved segments, while type's stems, bars and serifs are
//     straight (a fifth to three fifths of a body font's segments);
//   - a pen's letter begins with a stroke coming in from the letter
//     before, so the typical letter's ink starts left of its origin;
//     type keeps clear of it (a sidebearing of 1% to 8% of the em), and
//     italic type shifts its ink further right, not left.

// FontDescriptor flags (PDF 32000-1, table 123).
const (
	flagFixedPitch = 1 << 0
	flagScript     = 1 << 3
)

// glyphBox is one glyph's advance and ink box in thousandths of an em,
// y up.
type glyphBox struct {
	adv, x0, y0, x1, y1 float64
	r                   rune // what the glyph stands for, 0 if unknown
	// lines and curves count the outline's straight and curved
	// segments.
	lines, curves int
}

// Thresholds, in thousandths of an em, from body fonts (Liberation,
// DejaVu, Roboto, Open Sans, Lato, Nimbus, Go; regular, bold and
// italic: short letters within 23 of one another at top and bottom,
// the median lower-case letter's ink 10 or more right of its origin)
// and from script and handwriting fonts (45 to 285 apart, or the ink
// left of the origin).
const (
	irregularHeight = 40
	minShortLetters = 3
	minJoined       = 4
	// A hand's lower-case letters: at most 9% of their outline's
	// segments straight; body fonts 21% or more (Lato, the roundest
	// measured, 21% to 26%).
	maxStraightShare = 0.12
	minSegments      = 40
)

// shortLetters stand between the baseline and the x-height in type.
const shortLetters = "acemnorsuvwxz"

// judgeScript decides whether a font is handwriting.
func judgeScript(fd pdf.Value, glyphs []glyphBox) bool {
	flags := fd.Key("Flags").Int64()
	if flags&flagFixedPitch != 0 {
		return false
	}
	if flags&flagScript != 0 {
		return true
	}
	return irregularLetters(glyphs) || joinedLetters(glyphs) || curvedLetters(glyphs)
}

// curvedLetters: the lower-case letters are drawn in curves, hardly a
// straight segment among them.
func curvedLetters(glyphs []glyphBox) bool {
	lines, curves := 0, 0
	for _, g := range glyphs {
		if unicode.IsLower(g.r) {
			lines, curves = lines+g.lines, curves+g.curves
		}
	}
	total := lines + curves
	return total >= minSegments && float64(lines) < maxStraightShare*float64(total)
}

// irregularLetters: the short letters do not share an x-height or a
// baseline.
func irregularLetters(glyphs []glyphBox) bool {
	var tops, bottoms []float64
	for _, g := range glyphs {
		if g.x1 > g.x0 && g.r != 0 && strings.ContainsRune(shortLetters, g.r) {
			tops, bottoms = append(tops, g.y1), append(bottoms, g.y0)
		}
	}
	if len(tops) < minShortLetters {
		return false
	}
	return spread(tops) > irregularHeight || spread(bottoms) > irregularHeight
}

// joinedLetters: the median lower-case letter's ink starts left of its
// origin.
func joinedLetters(glyphs []glyphBox) bool {
	var left []float64
	for _, g := range glyphs {
		if g.x1 > g.x0 && g.adv > 0 && unicode.IsLower(g.r) {
			left = append(left, g.x0)
		}
	}
	return len(left) >= minJoined && median(left) < 0
}

func spread(xs []float64) float64 {
	return slices.Max(xs) - slices.Min(xs)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// type3Glyphs reads a Type 3 font's glyph boxes from the d0/d1 operator
// that opens each glyph procedure, in its FontMatrix's units.
func type3Glyphs(v pdf.Value, fi *fontInfo, b *contentBudget) []glyphBox {
	procs := v.Key("CharProcs")
	diffs := differences(v.Key("Encoding").Key("Differences"))
	sx, sy := fi.glyph[0], fi.glyph[3]
	var out []glyphBox
	for code, name := range diffs {
		if len(out) >= 256 {
			break
		}
		d1, lines, curves := glyphProc(b.read(procs.Key(name), maxGlyphProc))
		if d1 == nil {
			continue
		}
		y0, y1 := d1[3]*sy, d1[5]*sy
		g := glyphBox{adv: d1[0] * sx, x0: d1[2] * sx, x1: d1[4] * sx, y0: min(y0, y1), y1: max(y0, y1), lines: lines, curves: curves}
		if w := fi.width(code) * sx; w > 0 {
			g.adv = w
		}
		g.r = soleRune(fi.uni[code])
		out = append(out, g)
	}
	return out
}

// differences maps codes to glyph names from an /Encoding's
// /Differences array.
func differences(arr pdf.Value) map[int]string {
	out := map[int]string{}
	code := 0
	for i := 0; i < arr.Len() && i < 1024; i++ {
		x := arr.Index(i)
		switch x.Kind() {
		case pdf.Integer:
			code = int(x.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				out[code] = x.Name()
			}
			code++
		}
	}
	return out
}

// maxGlyphProc bounds the glyph procedure read.
const maxGlyphProc = 64 << 10

// glyphProc reads "wx 0 llx lly urx ury d1" from the start of a glyph
// procedure (nil when it is not there) and counts its path's straight
// and curved segments.
func glyphProc(body []byte) (d1 []float64, lines, curves int) {
	f := strings.Fields(string(body))
	if len(f) < 7 || f[6] != "d1" {
		return nil, 0, 0
	}
	d1 = make([]float64, 6)
	for i := range d1 {
		x, err := strconv.ParseFloat(f[i], 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, 0, 0
		}
		d1[i] = x
	}
	for _, op := range f[7:] {
		switch op {
		case "l":
			lines++
		case "re":
			lines += 4
		case "c", "v", "y":
			curves++
		}
	}
	return d1, lines, curves
}

func soleRune(s string) rune {
	r := []rune(s)
	if len(r) != 1 {
		return 0
	}
	return r[0]
}

// maxFontProgram bounds the embedded font program read for glyph boxes.
const maxFontProgram = 8 << 20

// trueTypeGlyphs reads the glyph boxes of a CID font's embedded TrueType
// program (FontFile2) for the codes its ToUnicode names, through its
// CIDToGIDMap; with no ToUnicode, every glyph of the (usually subset)
// program.
func trueTypeGlyphs(cidFont pdf.Value, fi *fontInfo, b *contentBudget) []glyphBox {
	data := b.read(cidFont.Key("FontDescriptor").Key("FontFile2"), maxFontProgram)
	tt, ok := parseTrueType(data)
	if !ok {
		return nil
	}
	gidOf := cidToGID(cidFont.Key("CIDToGIDMap"), b)
	var out []glyphBox
	if len(fi.uni) == 0 {
		for gid := 0; gid < tt.numGlyphs && len(out) < 512; gid++ {
			if g, ok := tt.glyph(gid); ok {
				out = append(out, g)
			}
		}
		return out
	}
	for code, s := range fi.uni {
		if len(out) >= 512 {
			break
		}
		if g, ok := tt.glyph(gidOf(code)); ok {
			g.r = soleRune(s)
			out = append(out, g)
		}
	}
	return out
}

func cidToGID(m pdf.Value, b *contentBudget) func(int) int {
	if m.Kind() != pdf.Stream {
		return func(cid int) int { return cid }
	}
	data := b.read(m, 2<<16)
	return func(cid int) int {
		if 2*cid+1 < len(data) {
			return int(binary.BigEndian.Uint16(data[2*cid:]))
		}
		return 0
	}
}

// trueType is the part of a TrueType program glyph boxes need.
type trueType struct {
	upem           float64
	longLoca       bool
	numGlyphs, nHM int
	loca, glyf     []byte
	hmtx           []byte
}

func parseTrueType(data []byte) (trueType, bool) {
	var tt trueType
	if len(data) < 12 {
		return tt, false
	}
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n && 12+16*i+16 <= len(data); i++ {
		r := data[12+16*i:]
		off, ln := int64(binary.BigEndian.Uint32(r[8:])), int64(binary.BigEndian.Uint32(r[12:]))
		if off+ln <= int64(len(data)) {
			tables[string(r[:4])] = data[off : off+ln]
		}
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	tt.loca, tt.glyf, tt.hmtx = tables["loca"], tables["glyf"], tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || tt.loca == nil || tt.glyf == nil || tt.hmtx == nil {
		return tt, false
	}
	tt.upem = float64(binary.BigEndian.Uint16(head[18:]))
	tt.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	tt.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	tt.nHM = int(binary.BigEndian.Uint16(hhea[34:]))
	if tt.upem < 16 || tt.nHM == 0 || 4*tt.nHM > len(tt.hmtx) {
		return tt, false
	}
	return tt, true
}

// glyph is one glyph's box from its glyf header; false for an empty
// glyph (a space) or one out of range.
func (tt trueType) glyph(gid int) (glyphBox, bool) {
	if gid <= 0 || gid >= tt.numGlyphs {
		return glyphBox{}, false
	}
	var a, b int
	if tt.longLoca {
		if 4*gid+8 > len(tt.loca) {
			return glyphBox{}, false
		}
		a, b = int(binary.BigEndian.Uint32(tt.loca[4*gid:])), int(binary.BigEndian.Uint32(tt.loca[4*gid+4:]))
	} else {
		if 2*gid+4 > len(tt.loca) {
			return glyphBox{}, false
		}
		a, b = 2*int(binary.BigEndian.Uint16(tt.loca[2*gid:])), 2*int(binary.BigEndian.Uint16(tt.loca[2*gid+2:]))
	}
	if b-a < 10 || b > len(tt.glyf) {
		return glyphBox{}, false
	}
	g := tt.glyf[a:b]
	unit := func(off int) float64 { return float64(int16(binary.BigEndian.Uint16(g[off:]))) * 1000 / tt.upem }
	hm := min(gid, tt.nHM-1)
	adv := float64(binary.BigEndian.Uint16(tt.hmtx[4*hm:])) * 1000 / tt.upem
	box := glyphBox{adv: adv, x0: unit(2), y0: unit(4), x1: unit(6), y1: unit(8)}
	box.lines, box.curves = glyfSegments(g)
	return box, true
}

// glyfSegments counts a simple glyph's straight segments (two on-curve
// points in a row) and curved ones (each off-curve point is one
// quadratic arc); zeros for a composite or malformed glyph.
func glyfSegments(g []byte) (lines, curves int) {
	n := int(int16(binary.BigEndian.Uint16(g)))
	if n <= 0 || 10+2*n+2 > len(g) {
		return 0, 0
	}
	ends := make([]int, n)
	for i := range ends {
		ends[i] = int(binary.BigEndian.Uint16(g[10+2*i:]))
	}
	points := ends[n-1] + 1
	off := 10 + 2*n
	off += 2 + int(binary.BigEndian.Uint16(g[off:])) // instructions
	on := make([]bool, 0, points)
	for len(on) < points && off < len(g) {
		flag := g[off]
		off++
		repeat := 1
		if flag&8 != 0 && off < len(g) {
			repeat += int(g[off])
			off++
		}
		for ; repeat > 0 && len(on) < points; repeat-- {
			on = append(on, flag&1 != 0)
		}
	}
	if len(on) < points {
		return 0, 0
	}
	start := 0
	for _, end := range ends {
		if end < start || end >= points {
			return 0, 0
		}
		for i := start; i <= end; i++ {
			next := i + 1
			if next > end {
				next = start
			}
			switch {
			case !on[i]:
				curves++
			case on[next]:
				lines++
			}
		}
		start = end + 1
	}
	return lines, curves
}
