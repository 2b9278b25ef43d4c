// Package correction turns a report into what a client does next: a
// JSON merge patch (RFC 7396) of the order with the values the documents
// show, ready to send back with PATCH /v1/orders/{id}, and the list of
// what only a person can fix (sign the LOA, get a newer bill, ask the
// carrier for its CSR).
//
// A value enters the patch only where match's finding says to enter
// exactly what a document prints (NAME_MISMATCH, ADDRESS_MISMATCH,
// ACCOUNT_NUMBER_MISMATCH, BTN_MISMATCH, and SIGNER_MISMATCH when the
// names differ only in writing), and only when no document of the order
// prints that field otherwise: the carrier holds one value, and when the
// bill and the LOA disagree a person must ask which. A finding on a scan
// that could be an OCR misreading carries no such fix (match asks for a
// look instead), so a misread value is never applied. A signer who is
// another person altogether is a question for the customer, not a typo.
// A service address enters only when its printed text splits into the
// order's fields (line1, line2, city, state, postal_code) so that the
// split reads back as exactly that address; otherwise a person enters it.
//
// The correction is made from the report alone, which is already
// scrubbed of PINs and SSN digits; it never sees the order's secrets.
package correction
