// Package match owns the rules: what a carrier would reject or warn
// about in an order, judged against a profile (OrderFindings), against
// other orders of the same run (AlreadyPorting), and against what the
// order's documents say (DocumentFindings).
//
// Every finding names the order's field by its JSON path, says what was
// expected and found, and carries a fix a person can act on. No finding
// ever carries a PIN: rules only ask whether one was given.
//
// Edge cases:
//   - NANP numbers are rarely typed by the numbering plan (fixed and
//     mobile share area codes), so WIRELESS_PIN_MISSING relies on the
//     order's declared type; toll-free is always known from the prefix.
//   - Business days exclude weekends and US federal holidays, with the
//     observed day when a holiday falls on a weekend (Saturday to
//     Friday, Sunday to Monday); Juneteenth counts from 2021.
//   - A document value is compared exactly first; the difference class
//     is the least normalisation that makes the two equal (package
//     compare), and the profile decides what each class costs.
package match
