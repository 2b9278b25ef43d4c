// Package compare classifies how a value printed on a document differs
// from the order's value, in the classes of SPEC section 2. It owns the
// classes, their order (Rank), the business-name abbreviation table and
// the OCR-misreading checks; address standardisation lives in package
// address, which builds on Classify.
//
// The class is the least normalisation that makes the two values equal,
// each level including the ones before it:
//
//	case          Unicode simple case folding ("ACME" / "Acme")
//	whitespace    plus any difference in spacing, including runs, trailing
//	              spaces, spaces next to punctuation and words run together
//	punctuation   plus every mark and symbol dropped (. , ' " - / & ( ) #)
//	abbreviation  plus name abbreviations (Incorporated/Inc, and/&,
//	              Saint/St, Limited Liability Company/LLC, ...)
//	different     nothing above explains it
//
// So "Acme Widgets, Inc." against "ACME WIDGETS INC" is punctuation (the
// larger of case and punctuation), and "Smith & Sons" against "Smith and
// Sons" is abbreviation: "&" is a word there, not a mark, while "Smith &
// Sons" against "Smith Sons" is punctuation.
//
// Edge cases and why:
//   - Accents are not folded: "Café" and "CAFE" are different. A carrier's
//     record holds one spelling, exact-matching carriers reject the other,
//     and the fix (type it as printed) is the same as for any other letter.
//     "Café" and "CAFÉ" differ only by case.
//   - Text in another Unicode normal form (an accent as a combining mark,
//     as some PDFs extract it) is the same text: exact.
//   - Simple case folding is used, so German ß is not SS (different).
//   - An empty found value is different; only the caller knows whether the
//     field was missing from the document ("missing" in SPEC).
//   - Account numbers (ClassifyAccountNumber) have no abbreviation level,
//     and a leading zero is a different digit string, because carriers key
//     accounts on the digits.
//   - Zero-width and no-break spaces that PDF text extraction leaves are
//     whitespace.
package compare
