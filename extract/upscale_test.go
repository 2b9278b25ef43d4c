package extract

import (
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"math/rand/v2"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// TestScaleGreySameAsDraw: scaleGrey makes xdraw.CatmullRom.Scale's very
// pixels for every kind of image Go's decoders return, at the scales
// prepare uses: OCR reads the same page whichever scaled it.
func TestScaleGreySameAsDraw(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(img draw.Image) draw.Image {
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				img.Set(x, y, color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(155 + rng.IntN(101))})
			}
		}
		return img
	}
	ycbcr := func(r image.YCbCrSubsampleRatio) func(image.Rectangle) image.Image {
		return func(b image.Rectangle) image.Image {
			img := image.NewYCbCr(b, r)
			for i := range img.Y {
				img.Y[i] = uint8(rng.IntN(256))
			}
			for i := range img.Cb {
				img.Cb[i], img.Cr[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
			}
			return img
		}
	}
	kinds := map[string]func(image.Rectangle) image.Image{
		"gray":        func(b image.Rectangle) image.Image { return fill(image.NewGray(b)) },
		"gray16":      func(b image.Rectangle) image.Image { return fill(image.NewGray16(b)) },
		"rgba":        func(b image.Rectangle) image.Image { return fill(image.NewRGBA(b)) },
		"nrgba":       func(b image.Rectangle) image.Image { return fill(image.NewNRGBA(b)) },
		"rgba64":      func(b image.Rectangle) image.Image { return fill(image.NewRGBA64(b)) },
		"nrgba64":     func(b image.Rectangle) image.Image { return fill(image.NewNRGBA64(b)) },
		"cmyk":        func(b image.Rectangle) image.Image { return fill(image.NewCMYK(b)) },
		"paletted":    func(b image.Rectangle) image.Image { return fill(image.NewPaletted(b, palette.Plan9)) },
		"ycbcr 4:4:4": ycbcr(image.YCbCrSubsampleRatio444),
		"ycbcr 4:2:2": ycbcr(image.YCbCrSubsampleRatio422),
		"ycbcr 4:2:0": ycbcr(image.YCbCrSubsampleRatio420),
		"ycbcr 4:4:0": ycbcr(image.YCbCrSubsampleRatio440),
		"ycbcr 4:1:1": ycbcr(image.YCbCrSubsampleRatio411),
		"ycbcr 4:1:0": ycbcr(image.YCbCrSubsampleRatio410),
		"nycbcra 4:2:0": func(b image.Rectangle) image.Image {
			img := image.NewNYCbCrA(b, image.YCbCrSubsampleRatio420)
			for i := range img.Y {
				img.Y[i], img.A[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
			}
			for i := range img.Cb {
				img.Cb[i], img.Cr[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
			}
			return img
		},
	}
	sizes := []struct {
		name     string
		src, dst image.Rectangle
	}{
		{"72 to 300 DPI", image.Rect(0, 0, 61, 79), image.Rect(0, 0, 255, 330)},
		{"149 to 300 DPI", image.Rect(0, 0, 127, 164), image.Rect(0, 0, 255, 330)},
		{"by 8", image.Rect(0, 0, 9, 7), image.Rect(0, 0, 72, 56)},
		{"one pixel", image.Rect(0, 0, 1, 1), image.Rect(0, 0, 5, 3)},
		{"source not at the origin", image.Rect(13, 7, 50, 40), image.Rect(0, 0, 150, 133)},
	}
	for name, make := range kinds {
		for _, sz := range sizes {
			t.Run(name+"/"+sz.name, func(t *testing.T) {
				src := make(sz.src)
				want := image.NewGray(sz.dst)
				xdraw.CatmullRom.Scale(want, want.Bounds(), src, src.Bounds(), draw.Src, nil)
				got := image.NewGray(sz.dst)
				scaleGrey(got, src)
				for i := range want.Pix {
					if got.Pix[i] != want.Pix[i] {
						t.Fatalf("pixel %d,%d: %d, xdraw %d", i%sz.dst.Dx(), i/sz.dst.Dx(), got.Pix[i], want.Pix[i])
					}
				}
			})
		}
	}
}
