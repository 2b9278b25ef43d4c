// Package extract owns admission and text: it decides whether an uploaded
// file is acceptable (real format by content, size, pages, encryption,
// corruption) and turns an accepted one into a Document of pages, lines
// and words with their boxes.
//
// Coordinates: every box is [x0, y0, x1, y1] in PDF points from the
// page's top-left corner (the PDF's own origin is bottom-left), so
// evidence boxes mean the same whatever the source.
//
// Reading order: the PDF text layer is read through
// github.com/ledongthuc/pdf's positioned glyphs, never its plain-text
// output, which loses layout (table cells on separate lines; PDFs printed
// by Chromium come out bottom-to-top). Glyphs are grouped into lines by
// baseline and into words by spaces and horizontal gaps, then sorted top
// to bottom and left to right: the order `pdftotext -layout` shows.
//
// Validation uses pdfcpu in relaxed mode: strict mode refuses PDFs that
// Chromium, LibreOffice and img2pdf write every day. pdfcpu's
// configuration directory is turned off, so nothing is written to the
// user's home.
//
// Defaults (Limits left zero): 50 MiB per document (DefaultMaxBytes), 200
// pages (DefaultMaxPages), 20 s per document (DefaultTimeout).
//
// Hostile input: every call into pdfcpu and ledongthuc/pdf runs under
// recover and the time bound. A parser that loops past the bound is
// abandoned: its goroutine runs on until the process exits, which is
// harmless for the command line; the service will run extraction in a
// child process that can be killed. Images are admitted (format, size,
// pixel count) but not read: their pages have TextSource "none" until
// OCR lands.
//
// Errors: *TooLargeError, *FormatError and *UnreadableError, the last
// wrapping one of the sentinels ErrEmpty, ErrEncrypted, ErrCorrupt,
// ErrTooManyPages, ErrTooManyPixels, ErrTimeout or ErrPanic. Anything
// else is the caller's (a cancelled context).
package extract
