// Package corpus owns the scoreboards that keep field reading honest:
// how often the fields read from a set of documents equal the values
// they should be.
//
// Scans compares each scanned document with its text-layer original
// (testdata/scans/manifest.json names the original of each scan): the
// fields OCR reads should equal the fields the text layer gives. A field
// counts when either side has it; it is equal when both sides read the
// same value.
package corpus
