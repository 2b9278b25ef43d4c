// Package fields reads what a bill, invoice, CSR or LOA says: account
// name, account number, service address, numbers, dates, the issuer and,
// on an LOA, the signature. It works on extract's pages of words and
// boxes and knows nothing of the order it will be compared with.
//
// A label counts only where it stands as one: at the start of a line or
// of a column run, ending in a colon or followed by a short value, not
// inside a sentence; a known label (any field's, or a decoy's such as
// "Billing period") is never a value, and a qualifier in parentheses
// beside or under a label is skipped. Each field has a shape (a name is
// no sentence, date or amount; an account number no bare phone number;
// an address a street line and a city line) and a candidate of another
// shape is not read.
//
// A value is read beside its label: to the right on the same row, under
// it (within the label's column, ending where the next column of a
// table header starts), or right-aligned under it. Labels are known in
// English, Spanish, French, German and Dutch; the document's language is
// guessed from its words and decides how dates are read (package dates,
// month-first in English, day-first in the others, year-first anywhere).
// Without a label, the customer and the issuer come from the address
// blocks of the first page, the sender line over a window envelope, or
// a company's registration line.
//
// Each Value carries a confidence: 0.9 beside its label, 0.8 under it
// or across a column gap to its right (tried after the value under it),
// 0.6 found without one. Under MinConfidence a value is not reported;
// a value contradicted by another as sure (two account numbers, two
// statement dates) is kept at confConflict, under it. Decoys are never
// read: due, period and payment dates, remittance blocks in the lower
// half of the page, bank accounts, the issuer's own phone numbers.
package fields
