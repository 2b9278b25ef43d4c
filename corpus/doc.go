// Package corpus owns the scoreboards that keep field reading honest:
// how often the fields read from a set of documents equal the values
// they should be.
//
// Scans compares each scanned document with its text-layer original
// (testdata/scans/manifest.json names the original of each scan): the
// fields OCR reads should equal the fields the text layer gives. A field
// counts when either side has it; it is equal when both sides read the
// same value.
//
// Real scores reading on documents nobody here wrote (the real corpus,
// ../shared/corpus/real, read in place: never copied into the
// repository). testdata/corpus/real holds one label file per corpus
// folder: the values a person read on each document, copied as
// printed. A field a label leaves out is one the document does not
// print, so reading one there counts against precision. Precision is
// the share of reported values that equal the label, recall the share
// of labelled values read right; Same says what "equal" means per
// field, and a label may list other printed forms of the same value
// (an issuer's legal and trade names) under "also". Where a peer project ships its own expected output beside a
// document (invoice2data's JSON, the AFIP reader's YAML), the board
// also compares dates and issuers with it.
//
// The readers take nothing from the corpus: the leave-one-out run
// scores it once without each document to show no figure rests on one.
package corpus
