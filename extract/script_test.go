package extract

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/gofont/goregular"
)

const signerName = "Rosamund Everhart-Quince"

// embeddedFontPDF prints signerName in a TrueType font fpdf embeds as a
// CID font with a ToUnicode map, as Chromium and Word do.
func embeddedFontPDF(t *testing.T, ttf []byte) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddUTF8FontFromBytes("Sig", "", ttf)
	f.AddPage()
	f.SetFont("Sig", "", 20)
	f.Text(72, 200, signerName)
	var b strings.Builder
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

// type3Font prints signerName in a Type 3 font whose glyph boxes are
// drawn per letter: box(r) gives a letter's advance and ink box in
// glyph units (1000 an em). flags and angle fill its descriptor.
func type3Font(box func(r rune) glyphBox, flags, angle int) []byte {
	return type3FontDrawn(box, filledBox, flags, angle)
}

// filledBox draws a glyph as its ink box: four straight segments.
func filledBox(g glyphBox) string {
	return fmt.Sprintf("%g %g %g %g re f", g.x0, g.y0, g.x1-g.x0, g.y1-g.y0)
}

// penStroke draws a glyph as a pen would, in curves only, within its
// ink box.
func penStroke(g glyphBox) string {
	w, h := g.x1-g.x0, g.y1-g.y0
	return fmt.Sprintf("%g %g m %g %g %g %g %g %g c %g %g %g %g %g %g c %g %g %g %g %g %g c h f",
		g.x0, g.y0, g.x0, g.y0+h, g.x0+w/2, g.y0+h, g.x0+w/2, g.y0+h/2,
		g.x0+w/2, g.y0, g.x1, g.y0, g.x1, g.y0+h, g.x1, g.y1, g.x0, g.y1, g.x0, g.y0)
}

// stemAndBowl draws a glyph as type is: a straight stem and serifs
// beside one curved bowl.
func stemAndBowl(g glyphBox) string {
	w, h := g.x1-g.x0, g.y1-g.y0
	return fmt.Sprintf("%g %g m %g %g l %g %g l %g %g l %g %g l %g %g %g %g %g %g c h f",
		g.x0, g.y0, g.x0+w/5, g.y0, g.x0+w/5, g.y1, g.x0, g.y1, g.x0, g.y0+h/2,
		g.x1, g.y0+h/2, g.x1, g.y0, g.x0, g.y0)
}

// type3FontDrawn is type3Font with each glyph drawn by proc.
func type3FontDrawn(box func(r rune) glyphBox, proc func(glyphBox) string, flags, angle int) []byte {
	letters := []rune{}
	codes := map[rune]int{}
	for _, r := range signerName {
		if _, ok := codes[r]; !ok {
			codes[r] = len(letters) + 1
			letters = append(letters, r)
		}
	}
	var procs, names, widths, uni, text strings.Builder
	for i, r := range letters {
		fmt.Fprintf(&procs, "/g%d %d 0 R ", i+1, 8+i)
		fmt.Fprintf(&names, "/g%d ", i+1)
		fmt.Fprintf(&widths, "%g ", box(r).adv)
		fmt.Fprintf(&uni, "<%02X> <%04X>\n", i+1, r)
	}
	for _, r := range signerName {
		fmt.Fprintf(&text, "%02X", codes[r])
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /T3 5 0 R >> >> >>",
		stream("", "BT /T3 20 Tf 72 600 Td <"+text.String()+"> Tj ET"),
		fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [-200 -400 1200 1000] "+
			"/CharProcs << %s>> /Encoding << /Type /Encoding /Differences [1 %s] >> /FirstChar 1 /LastChar %d "+
			"/Widths [%s] /FontDescriptor 6 0 R /ToUnicode 7 0 R >>", procs.String(), names.String(), len(letters), widths.String()),
		fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+Fixture /Flags %d /ItalicAngle %d >>", flags, angle),
		stream("", strings.Replace(cmapText("<00> <0020>", "<00> <00> <0020>"), "1 beginbfchar\n<00> <0020>", fmt.Sprintf("%d beginbfchar\n%s", len(letters), strings.TrimSpace(uni.String())), 1)),
	}
	for _, r := range letters {
		g := box(r)
		objs = append(objs, stream("", fmt.Sprintf("%g 0 %g %g %g %g d1 %s", g.adv, g.x0, g.y0, g.x1, g.y1, proc(g))))
	}
	return objectPDF(objs...)
}

// typeBox is a letter of type: x-height or ascender, ink inside the
// advance, shifted right by slant (italic).
func typeBox(slant float64) func(r rune) glyphBox {
	return func(r rune) glyphBox {
		top := 500.0
		if !strings.ContainsRune(shortLetters, r) {
			top = 700
		}
		return glyphBox{adv: 500, x0: 40 + slant, y0: 0, x1: 460 + slant, y1: top}
	}
}

// handBox is a hand's letter: its height wanders from letter to letter
// and it reaches into its neighbours.
func handBox(r rune) glyphBox {
	wobble := float64(int(r)%5) * 30
	return glyphBox{adv: 400, x0: -30, y0: -wobble / 3, x1: 440, y1: 420 + wobble}
}

// TestScriptFonts: Word.Script comes from the font, never its name: its
// descriptor's Script flag, or the shapes of its letters; an italic or
// oblique body font is not handwriting.
func TestScriptFonts(t *testing.T) {
	tests := []struct {
		name string
		pdf  func(t *testing.T) []byte
		want bool
	}{
		{"Go Regular", func(t *testing.T) []byte { return embeddedFontPDF(t, goregular.TTF) }, false},
		{"Go Italic", func(t *testing.T) []byte { return embeddedFontPDF(t, goitalic.TTF) }, false},
		{"Go Bold Italic", func(t *testing.T) []byte { return embeddedFontPDF(t, gobolditalic.TTF) }, false},
		{"Go Bold", func(t *testing.T) []byte { return embeddedFontPDF(t, gobold.TTF) }, false},
		{"Go Mono Italic", func(t *testing.T) []byte { return embeddedFontPDF(t, gomonoitalic.TTF) }, false},
		{"DejaVu Serif Italic", systemFont("DejaVuSerif-Italic.ttf"), false},
		{"DejaVu Sans Oblique", systemFont("DejaVuSans-Oblique.ttf"), false},
		{"DejaVu Sans Bold", systemFont("DejaVuSans-Bold.ttf"), false},
		{"Calligrapher (fpdf's example font)", fpdfFont("calligra.ttf"), true},
		{"DejaVu Sans Condensed Oblique (fpdf's)", fpdfFont("DejaVuSansCondensed-Oblique.ttf"), false},
		{"Type 3 with the Script flag", func(*testing.T) []byte { return type3Font(typeBox(0), flagScript|32, 0) }, true},
		{"Type 3 type, upright", func(*testing.T) []byte { return type3Font(typeBox(0), 32, 0) }, false},
		{"Type 3 type, italic flag and angle", func(*testing.T) []byte { return type3Font(typeBox(60), 64|32, -15) }, false},
		{"Type 3 hand, no flag", func(*testing.T) []byte { return type3Font(handBox, 32, 0) }, true},
		{"Type 3 pen strokes, regular and spaced like type", func(*testing.T) []byte { return type3FontDrawn(typeBox(0), penStroke, 32, 0) }, true},
		{"Type 3 stems and bowls, italic", func(*testing.T) []byte { return type3FontDrawn(typeBox(60), stemAndBowl, 64|32, -12) }, false},
		{"Type 3 hand, italic flag only", func(*testing.T) []byte { return type3Font(handBox, 64|32, -12) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), "sig.pdf", tt.pdf(t), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var words []string
			for _, w := range doc.Pages[0].Words {
				words = append(words, w.Text)
				if w.Script != tt.want {
					t.Errorf("%q in %s: Script = %v, want %v", w.Text, w.Font, w.Script, tt.want)
				}
			}
			if got := strings.Join(words, " "); got != signerName {
				t.Errorf("text %q, want %q", got, signerName)
			}
		})
	}
}

// systemFont embeds a font of the machine's DejaVu family, which the
// test skips where it is not installed.
func systemFont(name string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		t.Helper()
		dir := "/usr/share/fonts/truetype/dejavu"
		if out, err := exec.Command("fc-match", "-f", "%{file}", strings.TrimSuffix(name, ".ttf")).Output(); err == nil && filepath.Base(string(out)) == name {
			dir = filepath.Dir(string(out))
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("%s not installed: %v", name, err)
		}
		return embeddedFontPDF(t, data)
	}
}

// fpdfFont embeds a font that ships in fpdf's module (a dependency, so
// in the module cache wherever this test builds).
func fpdfFont(name string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		t.Helper()
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-pdf/fpdf").Output()
		if err != nil {
			t.Skipf("fpdf's module folder: %v", err)
		}
		data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "font", name))
		if err != nil {
			t.Skipf("%s: %v", name, err)
		}
		return embeddedFontPDF(t, data)
	}
}
