package docgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/tiff"
)

// Scan says how to turn a generated PDF into what a customer uploads
// after printing and scanning it, or photographing it.
type Scan struct {
	DPI    int     // rasterisation resolution
	Rotate float64 // degrees, counter-clockwise; scanners feed a degree or two askew
	Turn   int     // quarter turns clockwise (90, 180, 270): a photo taken sideways or upside down
	Noise  int     // amplitude of grey noise, 0-255
	Format string  // "pdf" (image-only, JPEG pages), "jpeg", "png" or "tiff" (every page)
}

// Render rasterises pdf with pdftoppm (poppler-utils) and returns the
// scanned file. Output is deterministic for the same input: the noise
// comes from a fixed seed.
func (s Scan) Render(pdf []byte) ([]byte, error) {
	pages, err := rasterise(pdf, s.DPI)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(uint64(s.DPI), uint64(s.Noise)))
	for i, p := range pages {
		pages[i] = noisy(turn(rotate(p, s.Rotate), s.Turn), s.Noise, r)
	}
	switch s.Format {
	case "pdf":
		return imagePDF(pages, s.DPI)
	case "jpeg":
		var b bytes.Buffer
		err := jpeg.Encode(&b, pages[0], &jpeg.Options{Quality: 70})
		return b.Bytes(), err
	case "png":
		var b bytes.Buffer
		err := png.Encode(&b, pages[0])
		return b.Bytes(), err
	case "tiff":
		var b bytes.Buffer
		err := tiff.Encode(&b, pages[0], &tiff.Options{Compression: tiff.Deflate})
		return b.Bytes(), err
	}
	return nil, fmt.Errorf("scan: unknown format %q", s.Format)
}

func rasterise(pdf []byte, dpi int) ([]*image.Gray, error) {
	dir, err := os.MkdirTemp("", "docgen-scan-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	if out, err := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-png", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("scan: pdftoppm: %w: %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Strings(files)
	var pages []*image.Gray
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("scan: decode %s: %w", f, err)
		}
		g := image.NewGray(img.Bounds())
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
		pages = append(pages, g)
	}
	return pages, nil
}

// rotate turns the page about its centre on a white ground.
func rotate(src *image.Gray, deg float64) *image.Gray {
	dst := image.NewGray(src.Bounds())
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if deg == 0 {
		draw.Draw(dst, dst.Bounds(), src, image.Point{}, draw.Src)
		return dst
	}
	a := deg * math.Pi / 180
	cx, cy := float64(src.Bounds().Dx())/2, float64(src.Bounds().Dy())/2
	sin, cos := math.Sin(a), math.Cos(a)
	m := f64.Aff3{cos, -sin, cx - cos*cx + sin*cy, sin, cos, cy - sin*cx - cos*cy}
	xdraw.BiLinear.Transform(dst, m, src, src.Bounds(), draw.Over, nil)
	return dst
}

// turn turns the page by quarter turns clockwise.
func turn(src *image.Gray, deg int) *image.Gray {
	if deg%360 == 0 {
		return src
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := w, h
	if deg != 180 {
		dw, dh = h, w
	}
	dst := image.NewGray(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			dx, dy := w-1-x, h-1-y
			switch deg {
			case 90:
				dx, dy = h-1-y, x
			case 270:
				dx, dy = y, w-1-x
			}
			dst.Pix[dy*dw+dx] = src.Pix[y*src.Stride+x]
		}
	}
	return dst
}

// noisy adds grey noise and a sprinkle of specks, as a scanner's glass
// and sensor do.
func noisy(g *image.Gray, amp int, r *rand.Rand) *image.Gray {
	if amp == 0 {
		return g
	}
	for i, v := range g.Pix {
		n := int(v) + r.IntN(2*amp+1) - amp
		if r.IntN(4000) == 0 {
			n = 40
		}
		g.Pix[i] = uint8(max(0, min(255, n)))
	}
	return g
}

// imagePDF writes an image-only PDF: one JPEG page image per page,
// sized so the page is the size the PDF had before it was scanned.
func imagePDF(pages []*image.Gray, dpi int) ([]byte, error) {
	var b bytes.Buffer
	var offs []int
	obj := func(format string, args ...any) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, format, args...)
	}
	b.WriteString("%PDF-1.4\n")
	n := len(pages)
	kids := ""
	for i := range n {
		kids += fmt.Sprintf("%d 0 R ", 3+3*i)
	}
	obj("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	obj("2 0 obj << /Type /Pages /Kids [%s] /Count %d >> endobj\n", kids, n)
	for i, p := range pages {
		var jb bytes.Buffer
		if err := jpeg.Encode(&jb, p, &jpeg.Options{Quality: 70}); err != nil {
			return nil, err
		}
		w, h := p.Bounds().Dx(), p.Bounds().Dy()
		pw, ph := float64(w)*72/float64(dpi), float64(h)*72/float64(dpi)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
		page, stream, img := 3+3*i, 4+3*i, 5+3*i
		obj("%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R /Resources << /XObject << /Im0 %d 0 R >> >> >> endobj\n", page, pw, ph, stream, img)
		obj("%d 0 obj << /Length %d >> stream\n%s\nendstream endobj\n", stream, len(content), content)
		obj("%d 0 obj << /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >> stream\n", img, w, h, jb.Len())
		b.Write(jb.Bytes())
		b.WriteString("\nendstream endobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes(), nil
}
