package extract

import (
	"image"
	"image/color"
	"math"

	xdraw "golang.org/x/image/draw"
)

// scaleGrey scales src onto the whole of dst with Catmull-Rom, giving
// the very pixels xdraw.CatmullRom.Scale(dst, dst.Bounds(), src,
// src.Bounds(), draw.Src, nil) gives, without its buffer of the image
// scaled across: four float64s per pixel of the destination's width by
// the source's height, 64 MB for a 72 DPI letter page scaled to 300 DPI
// and 134 MB for a 149 DPI one, where this keeps the few rows the kernel
// spans. TestScaleGreySameAsDraw holds it to xdraw's pixels for every
// kind of image a decoder returns.
//
// It is xdraw's kernel scaler written row by row: the same weights, the
// same sums in the same order, each source pixel read as xdraw's fast
// path for its type reads it (opaque types with an alpha of exactly 1).
func scaleGrey(dst *image.Gray, src image.Image) {
	sr := src.Bounds()
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	if dw <= 0 || dh <= 0 || sr.Empty() {
		return
	}
	horizontal := newDistrib(xdraw.CatmullRom, dw, sr.Dx())
	vertical := newDistrib(xdraw.CatmullRom, dh, sr.Dy())
	read, opaque := pixelReader(src)
	held := map[int32][][4]float64{} // source rows scaled across
	var spare [][][4]float64
	var spans [][][4]float64
	for dy, s := range vertical.sources {
		contribs := vertical.contribs[s.i:s.j]
		if len(contribs) > 0 {
			for y, r := range held { // rows above this one's span are done with
				if y < contribs[0].coord {
					spare = append(spare, r)
					delete(held, y)
				}
			}
		}
		spans = spans[:0]
		for _, c := range contribs {
			r, ok := held[c.coord]
			if !ok {
				if n := len(spare); n > 0 {
					r, spare = spare[n-1], spare[:n-1]
				} else {
					r = make([][4]float64, dw)
				}
				scaleRow(r, read, opaque, sr, int(c.coord), horizontal)
				held[c.coord] = r
			}
			spans = append(spans, r)
		}
		out := dst.Pix[dy*dst.Stride : dy*dst.Stride+dw]
		for dx := range out {
			var pr, pg, pb, pa float64
			for k, c := range contribs {
				p := &spans[k][dx]
				pr += float64(p[0] * c.weight)
				pg += float64(p[1] * c.weight)
				pb += float64(p[2] * c.weight)
				pa += float64(p[3] * c.weight)
			}
			pr, pg, pb = min(pr, pa), min(pg, pa), min(pb, pa)
			r, g, b := ftou(pr*s.invTotalWeight), ftou(pg*s.invTotalWeight), ftou(pb*s.invTotalWeight)
			// image.Gray's SetRGBA64, as xdraw's Src path into a Gray calls it.
			out[dx] = uint8((19595*uint32(r) + 38470*uint32(g) + 7471*uint32(b) + 1<<15) >> 24)
		}
	}
}

// pixelFunc reads one source pixel as premultiplied 16-bit values.
type pixelFunc func(x, y int) (r, g, b, a uint32)

// scaleRow is xdraw's horizontal pass over one source row y (relative
// to sr). Opaque sources get an alpha of exactly 1, as xdraw's Gray and
// YCbCr paths set it, where the others sum it.
func scaleRow(tmp [][4]float64, read pixelFunc, opaque bool, sr image.Rectangle, y int, d distrib) {
	for t, s := range d.sources {
		var pr, pg, pb, pa float64
		for _, c := range d.contribs[s.i:s.j] {
			ru, gu, bu, au := read(sr.Min.X+int(c.coord), sr.Min.Y+y)
			pr += float64(float64(ru) * c.weight)
			pg += float64(float64(gu) * c.weight)
			pb += float64(float64(bu) * c.weight)
			pa += float64(float64(au) * c.weight)
		}
		pa *= s.invTotalWeightFFFF
		if opaque {
			pa = 1
		}
		tmp[t] = [4]float64{pr * s.invTotalWeightFFFF, pg * s.invTotalWeightFFFF, pb * s.invTotalWeightFFFF, pa}
	}
}

// pixelReader reads src's pixels the way xdraw's scaler picks for src's
// type: Gray and YCbCr of the common subsamplings inline and opaque,
// NRGBA premultiplied from its bytes, RGBA from its bytes, other
// RGBA64Images by RGBA64At, the rest by At.
func pixelReader(src image.Image) (pixelFunc, bool) {
	switch src := src.(type) {
	case *image.Gray:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			v := uint32(src.Pix[src.PixOffset(x, y)]) * 0x101
			return v, v, v, 0xffff
		}, true
	case *image.NRGBA:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			p := src.Pix[src.PixOffset(x, y):]
			a := uint32(p[3]) * 0x101
			return uint32(p[0]) * a / 0xff, uint32(p[1]) * a / 0xff, uint32(p[2]) * a / 0xff, a
		}, false
	case *image.RGBA:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			p := src.Pix[src.PixOffset(x, y):]
			return uint32(p[0]) * 0x101, uint32(p[1]) * 0x101, uint32(p[2]) * 0x101, uint32(p[3]) * 0x101
		}, false
	case *image.YCbCr:
		switch src.SubsampleRatio {
		case image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440:
			return func(x, y int) (uint32, uint32, uint32, uint32) {
				ci := src.COffset(x, y)
				r, g, b, _ := color.YCbCr{Y: src.Y[src.YOffset(x, y)], Cb: src.Cb[ci], Cr: src.Cr[ci]}.RGBA()
				return r, g, b, 0xffff
			}, true
		}
		return atReader(src), false
	case image.RGBA64Image:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			c := src.RGBA64At(x, y)
			return uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
		}, false
	}
	return atReader(src), false
}

func atReader(src image.Image) pixelFunc {
	return func(x, y int) (uint32, uint32, uint32, uint32) {
		r, g, b, a := src.At(x, y).RGBA()
		return r, g, b, a
	}
}

// distrib, source and contrib are xdraw's: for each destination column
// (or row), the source columns it takes and their weights.
type distrib struct {
	sources  []source
	contribs []contrib
}

type source struct {
	i, j               int32
	invTotalWeight     float64
	invTotalWeightFFFF float64
}

type contrib struct {
	coord  int32
	weight float64
}

// newDistrib is xdraw's newDistrib.
func newDistrib(q *xdraw.Kernel, dw, sw int) distrib {
	scale := float64(sw) / float64(dw)
	halfWidth, kernelArgScale := q.Support, 1.0
	if scale > 1 {
		halfWidth *= scale
		kernelArgScale = 1 / scale
	}
	n, sources := int32(0), make([]source, dw)
	for x := range sources {
		center := float64((float64(x)+0.5)*scale) - 0.5
		i := int32(math.Floor(center - halfWidth))
		if i < 0 {
			i = 0
		}
		j := int32(math.Ceil(center + halfWidth))
		if j > int32(sw) {
			j = int32(sw)
			if j < i {
				j = i
			}
		}
		sources[x] = source{i: i, j: j, invTotalWeight: center}
		n += j - i
	}
	contribs := make([]contrib, 0, n)
	for k, b := range sources {
		totalWeight := 0.0
		l := int32(len(contribs))
		for coord := b.i; coord < b.j; coord++ {
			t := (b.invTotalWeight - float64(coord)) * kernelArgScale
			if t < 0 {
				t = -t
			}
			if t >= q.Support {
				continue
			}
			weight := q.At(t)
			if weight == 0 {
				continue
			}
			totalWeight += weight
			contribs = append(contribs, contrib{coord, weight})
		}
		totalWeight = 1 / totalWeight
		sources[k] = source{i: l, j: int32(len(contribs)), invTotalWeight: totalWeight, invTotalWeightFFFF: totalWeight / 0xffff}
	}
	return distrib{sources, contribs}
}

// ftou is xdraw's: a [0, 1] value to 16 bits, rounded.
func ftou(f float64) uint16 {
	i := int32(float64(0xffff*f) + 0.5)
	if i > 0xffff {
		return 0xffff
	}
	if i > 0 {
		return uint16(i)
	}
	return 0
}
