package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	_ "image/gif" // registered for DecodeConfig: pixel limits of uploaded images
	_ "image/jpeg"
	_ "image/png"
)

// Media types portcheck recognises by content.
const (
	MediaPDF     = "application/pdf"
	MediaPNG     = "image/png"
	MediaJPEG    = "image/jpeg"
	MediaTIFF    = "image/tiff"
	MediaGIF     = "image/gif"
	MediaWebP    = "image/webp"
	MediaBMP     = "image/bmp"
	MediaHEIC    = "image/heic"
	MediaUnknown = "application/octet-stream"
)

// pdfHeaderWindow is how far into a file readers look for %PDF-: files
// from some scanners carry a few bytes of junk first.
const pdfHeaderWindow = 1024

// Sniff returns the real media type of data from its magic bytes. The
// name of the file plays no part: a PNG named bill.pdf is image/png.
func Sniff(data []byte) string {
	head := data[:min(len(data), pdfHeaderWindow)]
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return MediaPNG
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return MediaJPEG
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return MediaTIFF
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return MediaGIF
	case len(data) >= 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return MediaWebP
	case bytes.HasPrefix(data, []byte("BM")) && len(data) > 26:
		return MediaBMP
	case len(data) >= 12 && bytes.Equal(data[4:8], []byte("ftyp")) && (bytes.HasPrefix(data[8:], []byte("heic")) || bytes.HasPrefix(data[8:], []byte("heix")) || bytes.HasPrefix(data[8:], []byte("mif1"))):
		return MediaHEIC
	case bytes.Contains(head, []byte("%PDF-")):
		return MediaPDF
	}
	return MediaUnknown
}

// imagePages checks an image's declared size before anything decodes
// its pixels (a 50000 x 50000 PNG is a few KB on disk and 10 GB in
// memory) and counts its pages where the format has pages.
func imagePages(data []byte, media string, lim Limits) (int, error) {
	switch media {
	case MediaTIFF:
		return tiffPages(data, lim.MaxPages)
	case MediaPNG, MediaJPEG, MediaGIF, MediaWebP, MediaBMP:
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return 0, unreadable("", ErrCorrupt, "the image is corrupt or truncated ("+shorten(err.Error())+")", err)
		}
		if px := int64(cfg.Width) * int64(cfg.Height); px > lim.MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
			return 0, unreadable("", ErrTooManyPixels, fmt.Sprintf("the image claims %d x %d pixels; the limit is %d pixels", cfg.Width, cfg.Height, lim.MaxPixels), nil)
		}
	}
	return 1, nil
}

// tiffPages walks the chain of image file directories without decoding
// any image, stopping one past the page limit and on any loop.
func tiffPages(data []byte, maxPages int) (int, error) {
	var order binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		order = binary.BigEndian
	}
	if len(data) < 8 {
		return 0, unreadable("", ErrCorrupt, "the TIFF is truncated", nil)
	}
	seen := map[uint32]bool{}
	off := order.Uint32(data[4:8])
	pages := 0
	for off != 0 && pages <= maxPages {
		if seen[off] || int64(off)+2 > int64(len(data)) {
			return 0, unreadable("", ErrCorrupt, "the TIFF's page directory is corrupt", nil)
		}
		seen[off] = true
		n := int64(order.Uint16(data[off:]))
		next := int64(off) + 2 + 12*n
		if next+4 > int64(len(data)) {
			return 0, unreadable("", ErrCorrupt, "the TIFF is truncated", nil)
		}
		pages++
		off = order.Uint32(data[next:])
	}
	return pages, nil
}
