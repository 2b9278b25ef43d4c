// Package extract owns admission and text: it decides whether an uploaded
// file is acceptable (real format by content, size, pages, encryption,
// corruption) and turns an accepted one into a Document of pages, lines
// and words with their boxes.
//
// Coordinates: every box is [x0, y0, x1, y1] in PDF points from the
// top-left corner of the page as shown (the PDF's own origin is the
// bottom-left of its MediaBox, which need not be at zero, and /Rotate
// turns the page), so evidence boxes mean the same whatever the source.
//
// Reading order: the PDF text layer is read through
// github.com/ledongthuc/pdf's positioned glyphs, never its plain-text
// output, which loses layout (table cells on separate lines; PDFs printed
// by Chromium come out bottom-to-top). Glyphs are grouped into lines by
// baseline and into words by spaces and horizontal gaps, then sorted top
// to bottom and left to right: the order `pdftotext -layout` shows. Two
// columns on shared baselines make one line each, as pdftotext -layout
// shows them. Text turned on the page as shown (a portrait page saved
// with /Rotate 90, a reference number up the margin) is laid out in its
// own direction, so it reads as words rather than one glyph per line;
// its lines follow the upright ones.
//
// Admission counts a PDF 1.x file's pages with ledongthuc/pdf (a patched
// copy in third_party/ledongthuc-pdf that refuses /Prev loops and
// cross-reference tables larger than the file) when it opens the file
// unencrypted; any other file, and any it fails on, is opened by pdfcpu.
// pdfcpu runs in relaxed mode: strict mode refuses PDFs that
// Chromium, LibreOffice and img2pdf write every day. pdfcpu's
// configuration directory is turned off, so nothing is written to the
// user's home. Encryption is told by pdfcpu's sentinel errors, not by
// its messages. A PDF encrypted with only an owner password (anyone may
// open it; bank statements often come so) is decrypted by pdfcpu for
// reading, because ledongthuc/pdf cannot open AES-256 or V=4 files. A
// PDF 2.0 file is read by ledongthuc/pdf as 1.7 once pdfcpu has
// opened it: the text operators did not change.
//
// Defaults (Limits left zero): 50 MiB per document (DefaultMaxBytes), 200
// pages (DefaultMaxPages), 100 megapixels per image page
// (DefaultMaxPixels), 400 megapixels of page images per document
// (DefaultMaxDocPixels), 20 s per document (DefaultTimeout), and 256 MiB
// of decoded page content per document (not configurable).
//
// Hostile input: bytes are bounded before any parsing, pages before any
// text is read. Every call into pdfcpu and ledongthuc/pdf runs under
// recover and the time bound. Content streams are read, never held, so
// a Flate bomb costs time rather than memory; the content budget bounds
// that time (a few KB of nested Flate inflate to gigabytes), forms
// counted each time they are drawn and bounded in number. Each stream
// is lexed as it is measured (contentscan.go), and one with more
// operands before an operator, or deeper nesting, than
// ledongthuc/pdf's Interpret can hold in bounded memory is refused
// before Interpret reads it. Every walker checks the context and the
// time bound at every operator, so a walk abandoned at the bound stops
// itself. Page images are checked from their headers and dictionaries
// before any pixel is decoded, charged to the document's pixel bound,
// and sent to OCR a batch at a time.
//
// Images are admitted by format, size, frame count and declared pixel
// count before any pixel is decoded; their pages, and PDF pages without
// a usable text layer, have TextSource "none" unless Limits.OCR reads
// them.
//
// Errors: *TooLargeError, *FormatError and *UnreadableError, the last
// wrapping one of the sentinels ErrEmpty, ErrEncrypted, ErrCorrupt,
// ErrTooManyPages, ErrTooManyPixels, ErrTimeout or ErrPanic, with a
// Reason a reviewer can read. Anything else is the caller's (a cancelled
// context).
package extract
