package pageimage

import (
	"image"
	"image/color"

	xdraw "golang.org/x/image/draw"

	"github.com/portcheck/portcheck/extract"
)

// upright turns a scan's own image the way OCR turned it to read it.
// The extraction keeps the words' boxes on the upright page but not the
// turn, so each turn the page's shape allows is tried and the one
// whose ink falls inside the words' boxes wins: on the right turn the
// boxes sit on text, on a wrong one mostly on paper. Without words
// there is nothing to judge by: an image of the page's shape stands as
// it is, one of the other shape is refused (ErrTurned).
func upright(img image.Image, p extract.Page) (image.Image, error) {
	turns := []int{0, 180}
	if turned(img.Bounds(), p) {
		turns = []int{90, 270}
	}
	if len(p.Words) == 0 {
		if turns[0] != 0 {
			return nil, ErrTurned
		}
		return img, nil
	}
	best, bestScore := 0, -1.0
	for _, t := range turns {
		if s := inkOnWords(rotate(thumb(img, 240), t), p); s > bestScore {
			best, bestScore = t, s
		}
	}
	if best == 0 {
		return img, nil
	}
	return rotate(img, best), nil
}

// thumb is a small grey copy, enough to tell text from paper.
func thumb(img image.Image, width int) *image.Gray {
	b := img.Bounds()
	h := max(1, b.Dy()*width/max(1, b.Dx()))
	dst := image.NewGray(image.Rect(0, 0, width, h))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

// inkOnWords is how much darker the page is inside its words' boxes
// than overall.
func inkOnWords(img image.Image, p extract.Page) float64 {
	b := img.Bounds()
	sx, sy := float64(b.Dx())/p.Width, float64(b.Dy())/p.Height
	var in, inN, all, allN float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			d := 255 - float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
			all, allN = all+d, allN+1
		}
	}
	for _, w := range p.Words {
		r := image.Rect(int(w.Box[0]*sx), int(w.Box[1]*sy), int(w.Box[2]*sx+1), int(w.Box[3]*sy+1)).Intersect(b)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				d := 255 - float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
				in, inN = in+d, inN+1
			}
		}
	}
	if inN == 0 || allN == 0 {
		return 0
	}
	return in/inN - all/allN
}

// rotate turns an image clockwise by 0, 90, 180 or 270 degrees.
func rotate(src image.Image, deg int) image.Image {
	if deg == 0 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	size := image.Rect(0, 0, w, h)
	if deg != 180 {
		size = image.Rect(0, 0, h, w)
	}
	dst := image.NewRGBA(size)
	for y := range h {
		for x := range w {
			c := src.At(b.Min.X+x, b.Min.Y+y)
			switch deg {
			case 90:
				dst.Set(h-1-y, x, c)
			case 180:
				dst.Set(w-1-x, h-1-y, c)
			case 270:
				dst.Set(y, w-1-x, c)
			}
		}
	}
	return dst
}
