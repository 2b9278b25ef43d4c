// Package docgen makes the test documents portcheck is measured on:
// carrier bills, CSRs and Letters of Authorization as text-layer PDFs
// whose every printed value is known. It exists so field reading and
// comparison are tested against ground truth (the struct that was
// rendered, written to testdata/docs/manifest.json) instead of against
// our own earlier output, and without copying any real customer's bill.
//
// It owns the Bill and LOA types, their layouts, the standard set
// (Standard: clean documents for the SPEC sample customer plus faulty
// variants) and the scanned variants of that set (Scans, Scan).
// cmd/docgen writes them to testdata/docs and testdata/scans.
//
// Every bill layout carries the decoys DOMAIN.md warns about: a due
// date, a billing-period range, "Payment received on <date>" and a
// previous balance, the carrier's customer-service and pay-by-phone
// numbers (toll-free 1-800-555-01xx), the carrier's remittance address,
// and an ad paragraph. The bill layouts (BillLayouts), with what varies:
//   - header-box: account box at the top right, values beside labels
//     (Account Number, Bill Date); "Service Address" block below the
//     label; legal name under the brand.
//   - two-column: account summary left with values below labels (Acct #,
//     Statement Date), "Service Location" right; "Make checks payable
//     to" remit line and a fax number.
//   - line-table: Customer ID / Invoice Date / Payment Due as a header
//     row with values below, "Service At" on one line, a table of lines
//     with plans and charges.
//   - csr: a wireline Customer Service Record (Bill Issue Date, Billing
//     Account Number, Billing Telephone Number, working telephone
//     numbers, features such as a hunt group), with the current bill's
//     summary beside it.
//   - statement-stub: the envelope-window mailing address (BillingAddress
//     when set), a "Service For" block, Account No., and a tear-off
//     remittance stub ("Return this portion with your payment") that
//     repeats the account number beside the carrier's remit-to address.
//   - cable-bundle: internet-and-voice bundle, "Service Address" under
//     the account box, a promo column beside the address, and its text
//     written bottom to top in the content stream as Chromium prints.
//
// CallDetailPages adds pages of calls to other numbers: every number in
// those rows is a decoy.
//
// LOA layouts (LOALayouts): form (boxed fields), letter (prose), table
// (numbers in a table). Each can be signed in every way DOMAIN.md counts
// as signed (a script face, "/s/ Name", a DocuSign stamp with its
// envelope id, drawn Bézier strokes) or left with a blank line above
// "Authorized Signature"; dated, or with the date line blank; with or
// without the authorization statement.
//
// Output is deterministic (fixed creation dates, sorted catalog), so
// regenerated files only change when the generator does; tests and
// golden reports hash them. Numbers are in 555-0100..0199, reserved for
// fiction; names and addresses are invented.
package docgen
