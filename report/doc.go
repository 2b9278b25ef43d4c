// Package report owns what portcheck tells the outside world about an
// order (SPEC sections 2 and 3): the report, its findings, the stable
// finding codes with their default severities and the carriers' own codes
// for the same rejection, and the order findings are shown in.
//
// A report never holds a secret: findings name fields and values from the
// documents and the order, and PIN-bearing fields are only ever said to be
// present or absent.
//
// WriteHTMLPages draws on what the report does not hold through
// Sources: page images (in points, the unit of evidence boxes, with the
// boxes of secrets printed on the page to paint out) and the order's
// values as written. It never changes the report, and document values
// in it are escaped as the untrusted text they are.
//
// Explain words a finding for a reviewer (plain text, the headings of
// its two sides, the values as written with their differences marked);
// the HTML report and the served reviewer UI both show findings
// through it.
//
// Finalize is the one place that sorts findings (severity, then code,
// then field, then document) and derives the verdict, so every output
// format and the service show the same order. A finding a reviewer
// accepted (Accepted, set by the service) stays in the report and
// counts for no verdict.
package report
