// Package docgen makes the test documents portcheck is measured on:
// carrier bills, CSRs and Letters of Authorization as text-layer PDFs
// whose every printed value is known, so field reading and comparison
// can be tested against ground truth instead of against our own output.
//
// Bill layouts (BillLayouts), each with the decoys DOMAIN.md lists:
//   - header-box: account box at the top right, values beside labels;
//     due date, previous payment, customer-service and pay-by-phone
//     numbers, an ad.
//   - two-column: account summary left, service location right, values
//     under labels; billing period range, remittance address.
//   - line-table: a table of lines with plans and charges; "Service At"
//     on one line; the invoice date in a header row.
//   - csr: a Customer Service Record (BTN, working numbers, features).
//   - statement-stub: an envelope-window mailing address, a "Service For"
//     block with the name, and a remittance stub repeating the account
//     number beside the carrier's remit-to address.
//   - cable-bundle: internet-and-voice bundle with ads for internet, its
//     text written bottom to top as Chromium prints.
//
// CallDetailPages adds pages of calls to other numbers (decoys).
//
// LOA layouts (LOALayouts): form (boxed fields), letter (prose), table
// (numbers in a table); each can be signed in the ways DOMAIN.md counts
// as signed (script font, "/s/", e-signature stamp, drawn strokes) or
// left blank, and dated or undated.
//
// Output is deterministic (fixed creation dates), so regenerated files
// only change when the generator does. Numbers are in 555-0100..0199,
// reserved for fiction; names and addresses are invented.
package docgen
