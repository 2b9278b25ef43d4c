package pageimage

import (
	"errors"
	"image"
	"image/color"
	"image/draw"
	"testing"

	"github.com/portcheck/portcheck/extract"
)

// TestUpright: a scan stored turned is turned back the way its words'
// boxes say, whichever way it was stored.
func TestUpright(t *testing.T) {
	word := extract.Box{60, 60, 300, 100}
	page := extract.Page{Width: 612, Height: 792, Words: []extract.Word{{Text: "ACME", Box: word}}}
	upright0 := image.NewRGBA(image.Rect(0, 0, 612, 792))
	draw.Draw(upright0, upright0.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(upright0, image.Rect(60, 60, 300, 100), image.NewUniform(color.Black), image.Point{}, draw.Src)
	tests := []struct {
		name   string
		stored image.Image
		page   extract.Page
		want   error
	}{
		{"upright", upright0, page, nil},
		{"upside down", rotate(upright0, 180), page, nil},
		{"sideways clockwise", rotate(upright0, 90), page, nil},
		{"sideways anticlockwise", rotate(upright0, 270), page, nil},
		{"sideways with no words to judge by", rotate(upright0, 90), extract.Page{Width: 612, Height: 792}, ErrTurned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := upright(tt.stored, tt.page)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			if r, _, _, _ := got.At(100, 80).RGBA(); r > 0x8000 {
				t.Error("the word's box is paper on the result: turned the wrong way")
			}
		})
	}
}
