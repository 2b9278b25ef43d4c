// Package compare classifies how a value printed on a document differs
// from the order's value, in the classes of SPEC section 2: exact, case,
// whitespace, punctuation, abbreviation, different. The class is the
// least normalisation that makes the two equal, so "Acme Widgets, Inc."
// against "ACME WIDGETS INC" is punctuation (case and punctuation both
// differ; punctuation is the larger step).
//
// Accents are not folded: "Café" and "CAFE" are different, because a
// carrier's record holds one spelling and exact-matching carriers reject
// the other. Business-name abbreviations (Incorporated/Inc, and/&) are
// abbreviation; address standardisation lives in package address.
package compare
