// Package profile owns carrier profiles (SPEC section 5): named sets of
// document, date, size and matching limits and of severities.
//
// The nine built-in profiles are JSON files in builtin/, embedded in the
// binary and readable as documentation; a user's profile is the same JSON
// in a file of its own (Load). Decoding is strict: an unknown key in a
// profile is an error, so a misspelt limit cannot silently fall back to a
// default.
//
// Defaults, applied to any key a profile leaves out (SPEC section 5):
// bill_aging_margin_days 5, min_lead_business_days 3, max_lead_days 30,
// max_pages 200 per document, and every finding at its catalog severity.
// A zero limit means "no limit" for max_numbers and the name lengths, and
// "not checked" for the age limits.
//
// A CSR satisfies a profile's bill requirement: it is the record the bill
// stands in for.
package profile
